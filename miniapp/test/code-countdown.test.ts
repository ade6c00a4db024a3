jest.mock('@tarojs/taro', () => ({ __esModule: true, default: { request: jest.fn(), getStorageSync: jest.fn() } }));

import { clockTime, countdownText } from '../src/pages/certificates/use-live-code';

const code = { payload: 'X', imageUrl: 'data:', validUntil: '2026-12-01T06:05:09.000Z' };

describe('the line under the certificate code', () => {
  it('counts to the next refresh while all is well', () => {
    expect(countdownText({ code, problem: undefined, offline: false, secondsLeft: 42, validLeft: 100 })).toBe('42 秒后自动换新码');
    expect(countdownText({ code, problem: undefined, offline: false, secondsLeft: 0, validLeft: 100 })).toBe('正在换新码…');
  });

  it('offline, says until when the code on screen still works, not a refresh that cannot come', () => {
    expect(countdownText({ code, problem: undefined, offline: true, secondsLeft: 0, validLeft: 73 })).toBe('这个码 14:05:09 前有效（还有 73 秒）');
    expect(countdownText({ code, problem: new Error('x'), offline: true, secondsLeft: 3, validLeft: 2 })).toBe('这个码 14:05:09 前有效（还有 2 秒）');
  });

  it('says 已过期 once the code is past its time', () => {
    expect(countdownText({ code, problem: new Error('x'), offline: true, secondsLeft: 0, validLeft: 0 })).toBe('已过期 — 联网后自动刷新');
    expect(countdownText({ code, problem: new Error('x'), offline: false, secondsLeft: 0, validLeft: 0 })).toBe('已过期 — 正在重新获取');
  });

  it('tells the time in China', () => {
    expect(clockTime('2026-12-01T16:00:00.000Z')).toBe('00:00:00');
  });
});
