import type { RetirementView } from '@hpf/shared';

/** The headline per state, as the retiree reads it (the home card and the 离退休提取 page alike). */
export const RETIREMENT_HEADLINES: Record<RetirementView['status'], string> = {
  NONE: '暂无离退休提取',
  PREPARED: '您的公积金可以全部提取了',
  HELD: '您的公积金暂时还不能全部提取',
  CONFIRMED: '正在把钱转到您的银行卡',
  DECLINED: '您已选择到柜台办理离退休提取',
  PAID: '钱已到账，账户已销户',
};

/** 2026-12-09 → 2026年12月9日 (the auto-pay day, the closing day). */
export function chineseDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/** 免申即享 after N days (policy): the day it pays itself, said where the retiree reads it. */
export function autoPayLine(view: Pick<RetirementView, 'status' | 'autoPayOn'>, where: 'home' | 'page'): string | undefined {
  if (view.status !== 'PREPARED' || !view.autoPayOn) return undefined;
  const day = chineseDate(view.autoPayOn);
  return where === 'home'
    ? `您不用操作：${day}会自动转到您登记的银行卡。`
    : `您不用操作：${day}会自动转到下面这张银行卡。想早点到账，现在就可以确认。`;
}
