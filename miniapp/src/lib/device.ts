/**
 * Optional device features (screen brightness, screenshot notices). Each is used only where the
 * platform says it has it: `Taro.canIUse` is missing in h5, where these are stubs anyway.
 */
import Taro from '@tarojs/taro';

export function canUse(api: string): boolean {
  try {
    const taro = Taro as unknown as Record<string, unknown>;
    return typeof Taro.canIUse === 'function' && typeof taro[api] === 'function' && Taro.canIUse(api);
  } catch {
    return false;
  }
}

/** Runs a feature call; a throw or a rejection just means the phone does not do it. */
export function attempt(call: () => unknown): void {
  try {
    const result = call();
    if (result && typeof (result as Promise<unknown>).catch === 'function') (result as Promise<unknown>).catch(() => undefined);
  } catch {
    // not available on this phone
  }
}
