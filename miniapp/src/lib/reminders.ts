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

export type SubscriptionState = ResponseOf<'mySubscriptions'>['subscriptions'][number];

export function arrivalSubscription(states: ResponseOf<'mySubscriptions'>): SubscriptionState | undefined {
  return states.subscriptions.find((s) => s.templateId === ARRIVAL_TEMPLATE);
}

/** What to tell the member afterwards, in plain words. */
export function subscribeMessage(outcome: SubscribeOutcome): string {
  if (outcome.answer === 'unavailable') return '请在微信小程序里开启到账提醒。';
  if (outcome.answer !== 'accept') return '您没有允许，微信不会提醒；到账仍会记在“消息”里。';
  const left = arrivalSubscription(outcome.state);
  return left && !left.longTerm ? `已开启：还可提醒 ${left.remaining} 次，每次到账用一次。` : '已开启到账提醒。';
}

export interface ReminderPrompt {
  /** How many reminders are left, said beside the button; absent before the first consent. */
  status?: string;
  /** The button's words; absent when nothing needs asking (a long-term consent holds). */
  button?: string;
  /** Nothing left: the status reads as a warning. */
  usedUp: boolean;
}

/**
 * The words around the 到账提醒 button. Each one-time consent covers one reminder, so the count
 * is said and the button asks again; a long-term (长期订阅) consent keeps working and is not
 * shown running out. `again` is the page a reminder opened: it offers 继续接收提醒.
 */
export function reminderPrompt(state: SubscriptionState | undefined, again = false): ReminderPrompt {
  if (!state || !state.consented) return { button: '开启到账提醒', usedUp: false };
  if (state.longTerm && state.remaining > 0) return { status: '已开启到账提醒，每次到账都会提醒', usedUp: false };
  if (state.longTerm) return { status: '到账提醒已关闭', button: again ? '继续接收提醒' : '重新开启到账提醒', usedUp: true };
  if (state.remaining > 0) {
    return { status: `还可提醒 ${state.remaining} 次（每次到账用一次）`, button: again ? '继续接收提醒' : '多开启一次提醒', usedUp: false };
  }
  return { status: '提醒次数已用完，下次到账微信不会提醒', button: again ? '继续接收提醒' : '提醒次数已用完，点此再开启', usedUp: true };
}

/** The whole tap: ask, report, and the words to show (undefined when sent to sign in). */
export async function subscribeFromTap(): Promise<{ text: string; state?: SubscriptionState } | undefined> {
  try {
    const outcome = await subscribeArrivalReminders();
    return { text: subscribeMessage(outcome), ...(outcome.answer !== 'unavailable' ? { state: arrivalSubscription(outcome.state) } : {}) };
  } catch (error) {
    if (followAuthError(error)) return undefined;
    return { text: isApiError(error) ? errorMessage(error) : '微信没有弹出提醒授权，请稍后再试。' };
  }
}
