import { DEFAULT_POLICY, lifeCycleTransition, nextMonth, planDeposit, type AccountRecord } from '../src';

const account: AccountRecord = {
  accountNo: '310100200001',
  name: '张明',
  idNumber: '310104199605120035',
  phone: '13800138001',
  employer: '星河软件科技有限公司',
  openedOn: '2022-07-01',
  status: 'NORMAL',
  frozen: false,
  balanceFen: 100_000,
  depositBaseFen: 1_200_000,
  unitRateBasisPoints: 700,
  personalRateBasisPoints: 700,
  paidUpTo: '2026-09',
  continuousMonths: 51,
  version: 51,
};
const now = new Date('2026-11-24T08:00:00Z');
const line = { month: '2026-10', unitFen: 84_000, personalFen: 84_000 };

describe('planning a monthly deposit', () => {
  it('credits unit + personal share, moves 缴至年月 on and counts the month as continuous', () => {
    const result = planDeposit(account, line, DEFAULT_POLICY, now);
    expect(result).toEqual({
      ok: true,
      plan: {
        entry: {
          kind: 'DEPOSIT',
          amountFen: 168_000,
          valueDate: '2026-11-24',
          description: '缴存 2026-10 单位 ¥840.00 个人 ¥840.00',
          depositMonth: '2026-10',
          unitShareFen: 84_000,
          personalShareFen: 84_000,
        },
        account: { balanceFen: 268_000, version: 52, depositedMonths: [['2022-07', '2026-10']], paidUpTo: '2026-10', continuousMonths: 52, missedMonths: 0 },
      },
    });
  });

  it('restarts the continuous count after a gap, and arrears (补缴) that fill the gap join the runs', () => {
    const gap = planDeposit(account, { ...line, month: '2026-11' }, DEFAULT_POLICY, now);
    expect(gap.ok && gap.plan.account).toMatchObject({ paidUpTo: '2026-11', continuousMonths: 1, missedMonths: 1 });
    const withGap = { ...account, ...(gap.ok ? gap.plan.account : {}) };
    const arrears = planDeposit(withGap, line, DEFAULT_POLICY, now);
    expect(arrears.ok && arrears.plan.account).toMatchObject({ depositedMonths: [['2022-07', '2026-11']], paidUpTo: '2026-11', continuousMonths: 53, missedMonths: 0 });
  });

  it('refuses a month the account has deposited already', () => {
    expect(planDeposit(account, { ...line, month: '2026-03' }, DEFAULT_POLICY, now)).toEqual({ ok: false, code: 'MONTH_ALREADY_DEPOSITED' });
  });

  it.each([
    ['a sealed account', { status: 'SEALED' as const }, line, 'ACCOUNT_SEALED'],
    ['a closed account', { status: 'CLOSED' as const }, line, 'ACCOUNT_CLOSED'],
    ['a different name', {}, { ...line, name: '张鸣' }, 'NAME_MISMATCH'],
    ['amounts that are not base × rate', {}, { ...line, personalFen: 84_001 }, 'AMOUNT_MISMATCH'],
    ['a month still to come', {}, { ...line, month: '2026-12' }, 'MONTH_IN_FUTURE'],
    ['a month before the account opened', {}, { ...line, month: '2022-06' }, 'MONTH_BEFORE_OPENING'],
  ])('refuses %s', (_what, change, depositLine, code) => {
    expect(planDeposit({ ...account, ...change }, depositLine, DEFAULT_POLICY, now)).toEqual({ ok: false, code });
  });

  it('uses the China calendar day for the value date', () => {
    const lateEvening = new Date('2026-11-30T17:30:00Z'); // 01:30 on 1 December in Beijing
    const result = planDeposit(account, { ...line, month: '2026-11' }, DEFAULT_POLICY, lateEvening);
    expect(result.ok && result.plan.entry.valueDate).toBe('2026-12-01');
  });

  it('rolls months over the year end', () => {
    expect(nextMonth('2026-12')).toBe('2027-01');
    expect(nextMonth('2026-09')).toBe('2026-10');
  });
});

describe('account life cycle', () => {
  it.each([
    ['NORMAL', 'seal', { ok: true, status: 'SEALED' }],
    ['SEALED', 'seal', { ok: false, code: 'ACCOUNT_NOT_NORMAL' }],
    ['SEALED', 'unseal', { ok: true, status: 'NORMAL' }],
    ['NORMAL', 'unseal', { ok: false, code: 'ACCOUNT_NOT_SEALED' }],
    ['CLOSED', 'unseal', { ok: false, code: 'ACCOUNT_CLOSED' }],
  ] as const)('%s → %s', (status, action, expected) => {
    expect(lifeCycleTransition({ status, frozen: false, balanceFen: 0 }, action)).toEqual(expected);
  });

  it('closes only an empty, unfrozen account', () => {
    expect(lifeCycleTransition({ status: 'SEALED', frozen: false, balanceFen: 1 }, 'close')).toEqual({ ok: false, code: 'BALANCE_NOT_ZERO' });
    expect(lifeCycleTransition({ status: 'SEALED', frozen: true, balanceFen: 0 }, 'close')).toEqual({ ok: false, code: 'ACCOUNT_FROZEN' });
    expect(lifeCycleTransition({ status: 'SEALED', frozen: false, balanceFen: 0 }, 'close')).toEqual({ ok: true, status: 'CLOSED' });
  });
});
