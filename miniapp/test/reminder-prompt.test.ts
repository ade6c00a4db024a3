jest.mock('@tarojs/taro', () => ({ __esModule: true, default: { request: jest.fn(), getStorageSync: jest.fn() } }));

import { reminderPrompt } from '../src/lib/reminders';

const state = (remaining: number, consented = true, longTerm = false) => ({ templateId: 'hpf-arrival-template', remaining, consented, longTerm });

describe('the words around the 到账提醒 button', () => {
  it('offers the plain 开启到账提醒 before the first consent, with no count', () => {
    expect(reminderPrompt(undefined)).toEqual({ button: '开启到账提醒', usedUp: false });
    expect(reminderPrompt(state(0, false))).toEqual({ button: '开启到账提醒', usedUp: false });
  });

  it('says how many one-time reminders are left and offers one more', () => {
    expect(reminderPrompt(state(2))).toEqual({ status: '还可提醒 2 次（每次到账用一次）', button: '多开启一次提醒', usedUp: false });
  });

  it('says plainly when they are used up, and asks again', () => {
    expect(reminderPrompt(state(0))).toEqual({ status: '提醒次数已用完，下次到账微信不会提醒', button: '提醒次数已用完，点此再开启', usedUp: true });
  });

  it('offers 继续接收提醒 on a page a reminder opened', () => {
    expect(reminderPrompt(state(0), true).button).toBe('继续接收提醒');
    expect(reminderPrompt(state(1), true).button).toBe('继续接收提醒');
  });

  it('never shows a long-term consent running out, and asks nothing while it holds', () => {
    expect(reminderPrompt(state(1, true, true))).toEqual({ status: '已开启到账提醒，每次到账都会提醒', usedUp: false });
    expect(reminderPrompt(state(1, true, true), true).button).toBeUndefined();
    // WeChat refused a send (switched off in WeChat's settings): ask again
    expect(reminderPrompt(state(0, true, true)).button).toBe('重新开启到账提醒');
  });
});
