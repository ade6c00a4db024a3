/**
 * Elder mode (长辈模式) start-up rules. Pure, so the rules are testable without Taro.
 *
 * WeChat exposes the member's font choice two ways: `getAppBaseInfo().fontSizeScaleFactor`
 * (1 = standard) on recent base libraries, and `getSystemInfoSync().fontSizeSetting` (px;
 * 16 or 17 = standard) on older ones.
 */
export interface WechatTextInfo {
  fontSizeScaleFactor?: number;
  fontSizeSetting?: number;
}

const STANDARD_FONT_PX = 17;

/** The member's WeChat text scale; 1 when WeChat does not say. */
export function wechatTextScale(info: WechatTextInfo): number {
  const factor = info.fontSizeScaleFactor;
  if (typeof factor === 'number' && Number.isFinite(factor) && factor > 0) return factor;
  const setting = info.fontSizeSetting;
  if (typeof setting === 'number' && Number.isFinite(setting) && setting > 0) {
    return Math.max(1, setting / STANDARD_FONT_PX);
  }
  return 1;
}

/** One step above standard in WeChat's font slider counts as "large text". */
export function prefersLargeText(info: WechatTextInfo): boolean {
  return wechatTextScale(info) >= 1.15;
}

/** WeChat's largest steps: elder mode then uses its extra-large type scale. */
export function prefersExtraLargeText(info: WechatTextInfo): boolean {
  return wechatTextScale(info) >= 1.4;
}

/** A stored choice wins; with none, follow WeChat's font setting. */
export function initialElderMode(stored: unknown, info: WechatTextInfo): boolean {
  if (stored === '1') return true;
  if (stored === '0') return false;
  return prefersLargeText(info);
}
