import { DEFAULT_POLICY, faceCheckProblem, faceCheckRequired, faceOutcomeOf, settingsFacePurpose, type FaceCheckRecord } from '../src';

const now = new Date('2026-12-01T08:00:00Z');
const passed: FaceCheckRecord = {
  checkId: 'F0123456789abcdef01234567',
  purpose: 'WITHDRAWAL',
  openid: 'wx-a',
  accountNo: '310100200001',
  status: 'PASSED',
  validUntil: '2026-12-01T08:05:00Z',
};
const use = { purpose: 'WITHDRAWAL', openid: 'wx-a', accountNo: '310100200001' } as const;

describe('faceCheckProblem', () => {
  it('takes a passed, unused check of this member for this purpose before it runs out', () => {
    expect(faceCheckProblem(passed, use, now)).toBeUndefined();
  });

  it('refuses no check, one not passed, and one of another WeChat user as no check at all', () => {
    expect(faceCheckProblem(undefined, use, now)).toBe('FACE_CHECK_REQUIRED');
    expect(faceCheckProblem({ ...passed, status: 'FAILED' }, use, now)).toBe('FACE_CHECK_REQUIRED');
    expect(faceCheckProblem({ ...passed, status: 'PENDING', validUntil: undefined }, use, now)).toBe('FACE_CHECK_REQUIRED');
    expect(faceCheckProblem({ ...passed, openid: 'wx-b' }, use, now)).toBe('FACE_CHECK_REQUIRED');
  });

  it('refuses a check for another purpose, another account or another person being bound', () => {
    expect(faceCheckProblem({ ...passed, purpose: 'ISSUE_CERTIFICATE' }, use, now)).toBe('FACE_CHECK_MISMATCH');
    expect(faceCheckProblem({ ...passed, accountNo: '310100200002' }, use, now)).toBe('FACE_CHECK_MISMATCH');
    const bind = { ...passed, purpose: 'BIND' as const, accountNo: undefined, idHash: 'h1' };
    expect(faceCheckProblem(bind, { purpose: 'BIND', openid: 'wx-a', idHash: 'h1' }, now)).toBeUndefined();
    expect(faceCheckProblem(bind, { purpose: 'BIND', openid: 'wx-a', idHash: 'h2' }, now)).toBe('FACE_CHECK_MISMATCH');
  });

  it('refuses a used check, and one at or past its last valid moment', () => {
    expect(faceCheckProblem({ ...passed, usedAt: '2026-12-01T07:59:00Z' }, use, now)).toBe('FACE_CHECK_USED');
    expect(faceCheckProblem(passed, use, new Date('2026-12-01T08:05:00Z'))).toBe('FACE_CHECK_EXPIRED');
  });
});

describe('settingsFacePurpose', () => {
  const cap = 150_000;
  it('asks for a check to turn 提取锁 off, and for nothing to turn it on', () => {
    expect(settingsFacePurpose({ locked: true }, { locked: false }, cap)).toBe('UNLOCK_WITHDRAWAL');
    expect(settingsFacePurpose({ locked: false }, { locked: true }, cap)).toBeUndefined();
    expect(settingsFacePurpose({ locked: false }, { locked: false }, cap)).toBeUndefined();
  });

  it('asks for a check to allow more per month (a higher limit, or no limit above a lower one), never to allow less', () => {
    expect(settingsFacePurpose({ locked: false, personalMonthlyLimitFen: 50_000 }, { personalMonthlyLimitFen: 60_000 }, cap)).toBe('RAISE_LIMIT');
    expect(settingsFacePurpose({ locked: false, personalMonthlyLimitFen: 50_000 }, { personalMonthlyLimitFen: null }, cap)).toBe('RAISE_LIMIT');
    expect(settingsFacePurpose({ locked: false, personalMonthlyLimitFen: 50_000 }, { personalMonthlyLimitFen: 40_000 }, cap)).toBeUndefined();
    expect(settingsFacePurpose({ locked: false }, { personalMonthlyLimitFen: cap }, cap)).toBeUndefined();
    expect(settingsFacePurpose({ locked: false }, { personalMonthlyLimitFen: null }, cap)).toBeUndefined();
  });

  it('asks for one check for one change: unlocking and raising at once is the unlock', () => {
    expect(settingsFacePurpose({ locked: true, personalMonthlyLimitFen: 1 }, { locked: false, personalMonthlyLimitFen: 2 }, cap)).toBe('UNLOCK_WITHDRAWAL');
  });
});

describe('the face policy', () => {
  it('lists by default 实名绑定, withdrawals, the payout card, unlocking, raising the limit and certificates, for five minutes', () => {
    for (const purpose of ['BIND', 'WITHDRAWAL', 'CHANGE_CARD', 'UNLOCK_WITHDRAWAL', 'RAISE_LIMIT', 'ISSUE_CERTIFICATE'] as const) {
      expect(faceCheckRequired(DEFAULT_POLICY.face, purpose)).toBe(true);
    }
    expect(DEFAULT_POLICY.face.validSeconds).toBe(300);
    expect(faceCheckRequired({ ...DEFAULT_POLICY.face, requiredFor: ['BIND'] }, 'WITHDRAWAL')).toBe(false);
  });

  it("reads WeChat's verify_ret: only 10000 passes; the user leaving is a cancel", () => {
    expect(faceOutcomeOf(10000)).toBe('PASSED');
    expect(faceOutcomeOf(90004)).toBe('CANCELLED');
    expect(faceOutcomeOf(90024)).toBe('CANCELLED');
    expect(faceOutcomeOf(10004)).toBe('FAILED');
    expect(faceOutcomeOf(90001)).toBe('FAILED');
    expect(faceOutcomeOf(0)).toBe('FAILED');
  });
});
