import Taro from '@tarojs/taro';
import type { ResponseOf } from '@hpf/shared';
import { errorMessage, isApiError, request } from '../api/client';
import { followAuthError } from './navigation';

/** The 到账提醒 subscribe-message template, fixed at build time. */
export const ARRIVAL_TEMPLATE = process.env.TARO_APP_ARRIVAL_TEMPLATE || 'hpf-arrival-template';

type Answer = 'accept' | 'reject' | 'ban' | 'filter';
export type SubscribeOutcome = { answer: Answer; state: ResponseOf<'reportSubscriptions'> } | { answer: 'unavailable' };

/**
 * Asks WeChat for one more 到账提醒 and tells the server what the member chose. Call it only from
 * a tap: WeChat refuses the dialog otherwise. The h5 demo has no WeChat and answers `accept`.
 */
export async function subscribeArrivalReminders(): Promise<SubscribeOutcome> {
  let answer: Answer;
  if (process.env.TARO_ENV === 'weapp') {
    const result = (await Taro.requestSubscribeMessage({ tmplIds: [ARRIVAL_TEMPLATE] } as never)) as unknown as Record<string, unknown>;
    const value = result[ARRIVAL_TEMPLATE];
    answer = value === 'accept' || value === 'ban' || value === 'filter' ? value : 'reject';
  } else if (process.env.TARO_APP_DEMO === '1') {
    answer = 'accept';
  } else {
    return { answer: 'unavailable' };
  }
  const state = await request('reportSubscriptions', { body: { results: [{ templateId: ARRIVAL_TEMPLATE, result: answer }] } });
  return { answer, state };
}

/** What to tell the member afterwards, in plain words. */
export function subscribeMessage(outcome: SubscribeOutcome): string {
  if (outcome.answer === 'unavailable') return '请在微信小程序里开启到账提醒。';
  if (outcome.answer !== 'accept') return '您没有允许，微信不会提醒；到账仍会记在“消息”里。';
  const left = outcome.state.subscriptions.find((s) => s.templateId === ARRIVAL_TEMPLATE);
  return left && !left.longTerm ? `已开启：还可提醒 ${left.remaining} 次，每次到账用一次。` : '已开启到账提醒。';
}

/** The whole tap: ask, report, and the words to show (undefined when sent to sign in). */
export async function subscribeFromTap(): Promise<string | undefined> {
  try {
    return subscribeMessage(await subscribeArrivalReminders());
  } catch (error) {
    if (followAuthError(error)) return undefined;
    return isApiError(error) ? errorMessage(error) : '微信没有弹出提醒授权，请稍后再试。';
  }
}
