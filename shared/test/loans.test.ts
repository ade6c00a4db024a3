import {
  agreementCovers,
  assessRentApplication,
  DEFAULT_POLICY,
  loanFacts,
  loanSchedule,
  monthlyRepayment,
  rentEligibility,
  shortfallText,
  toMyLoans,
  type AccountRecord,
  type HpfLoan,
  type LoanRepayment,
  type RepaymentAgreement,
} from '../src';

// ¥1,200.00 over 3 months at 12% a year, 等额本息 (loan-schedule.test.ts works it by hand): 408.03, 408.03, 408.02
const loan: HpfLoan = {
  contractNo: 'GJJTEST1', accountNo: '310100900001', amountFen: 120_000, startDate: '2026-01-15', status: 'OUTSTANDING', propertyAddress: '上海市',
  annualRateBasisPoints: 1_200, months: 3, method: 'EQUAL_INSTALMENT', rounding: 'HALF_UP',
};
const policy = DEFAULT_POLICY.loan;
const agreement: RepaymentAgreement = { accountNo: loan.accountNo, target: 'HPF_LOAN', contractNo: loan.contractNo, status: 'ACTIVE', signedAt: '2026-02-03T02:00:00Z', firstMonth: '2026-02' };
const paid = (period: number, fromAccountFen: number, selfPaidFen = 0, shortfallFen = 0): LoanRepayment => ({
  contractNo: loan.contractNo, period, dueDate: `2026-0${period + 1}-15`, dueFen: period === 3 ? 40_802 : 40_803, fromAccountFen, selfPaidFen, shortfallFen, paidOn: `2026-0${period + 1}-01`,
});

describe('约定提取: how much the account pays this month', () => {
  it('pays the whole instalment when the balance covers it above the retained minimum', () => {
    expect(monthlyRepayment({ loan, repayments: [], agreement, balanceFen: 100_000, policy, month: '2026-02' }))
      .toEqual({ kind: 'PAY', period: 1, dueDate: '2026-02-15', dueFen: 40_803, fromAccountFen: 40_803, shortfallFen: 0 });
  });
  it('pays down to the retained minimum (¥10.00) and leaves the rest to the member', () => {
    expect(monthlyRepayment({ loan, repayments: [], agreement, balanceFen: 21_000, policy, month: '2026-02' })).toMatchObject({ fromAccountFen: 20_000, shortfallFen: 20_803 });
    expect(monthlyRepayment({ loan, repayments: [], agreement, balanceFen: 900, policy, month: '2026-02' })).toMatchObject({ fromAccountFen: 0, shortfallFen: 40_803 });
  });
  it('pays only what is still unpaid of this month, and nothing once it is paid', () => {
    expect(monthlyRepayment({ loan, repayments: [paid(2, 0, 10_000)], agreement, balanceFen: 100_000, policy, month: '2026-03' })).toMatchObject({ period: 2, dueFen: 30_803 });
    expect(monthlyRepayment({ loan, repayments: [paid(2, 40_803)], agreement, balanceFen: 100_000, policy, month: '2026-03' })).toEqual({ kind: 'SKIP', reason: 'ALREADY_PAID' });
  });
  it('pays nothing without an agreement, before it starts, after a cancellation has taken effect, or on a loan paid off', () => {
    const run = (a: RepaymentAgreement | undefined, month = '2026-03', l = loan) => monthlyRepayment({ loan: l, repayments: [], agreement: a, balanceFen: 100_000, policy, month }).kind;
    expect(run(undefined)).toBe('SKIP');
    expect(run({ ...agreement, firstMonth: '2026-04' })).toBe('SKIP');
    const cancelled: RepaymentAgreement = { ...agreement, status: 'CANCELLED', cancelledAt: '2026-03-02T02:00:00Z', lastMonth: '2026-03' };
    expect(run(cancelled, '2026-03')).toBe('PAY');
    expect(run(cancelled, '2026-04')).toBe('SKIP');
    expect(agreementCovers(cancelled, '2026-04')).toBe(false);
    expect(run(agreement, '2026-03', { ...loan, status: 'PAID_OFF' })).toBe('SKIP');
  });
  it('tells a shortfall with the amount and the day', () => {
    expect(shortfallText({ fromAccountFen: 20_000, shortfallFen: 20_803, dueDate: '2026-02-15' })).toBe('公积金账户已代还 ¥200.00，还差 ¥208.03，请在2月15日前存入您的还款银行卡，以免逾期。');
  });
});

describe('the loan on a day: owed, this month, overdue', () => {
  it('owes the schedule balance after the instalments settled in order, and counts an unpaid past one as overdue', () => {
    const schedule = loanSchedule({ principalFen: 120_000, annualRateBasisPoints: 1_200, months: 3, method: 'EQUAL_INSTALMENT', startDate: '2026-01-15' });
    const facts = loanFacts(loan, [paid(1, 0, 40_803), paid(2, 20_000, 0, 20_803)], policy, '2026-04-05')!;
    expect(facts.outstandingFen).toBe(schedule.instalments[0].balanceAfterFen);
    expect(facts.states).toEqual(['PAID', 'OVERDUE', 'DUE']);
    expect(facts.overdue).toEqual({ periods: [2], amountFen: 20_803, since: '2026-03-15', days: 21 });
    const view = toMyLoans([loan], [paid(1, 0, 40_803), paid(2, 20_000, 0, 20_803)], agreement, policy, '2026-04-05');
    expect(view.loans[0].summary).toBe('您有 1 期没有按时还上，共 ¥208.03，已逾期 21 天。请尽快存入还款银行卡，或到柜台办理，以免影响个人征信。');
    expect(view.loans[0].thisMonth).toMatchObject({ period: 3, dueDate: '2026-04-15', paymentFen: 40_802, stateLabel: '本月应还' });
    expect(view).toMatchObject({ canSign: false, canCancel: true });
    // this month partly paid from the account: what is left, and by when, on the page
    const short = toMyLoans([loan], [paid(1, 0, 40_803), paid(2, 0, 40_803), { ...paid(3, 20_000, 0, 20_802), dueDate: '2026-04-15' }], agreement, policy, '2026-04-05');
    expect(short.loans[0].thisMonth).toMatchObject({ paidFen: 20_000, stateLabel: '还了一部分', shortfallText: '公积金账户已代还 ¥200.00，还差 ¥208.02，请在4月15日前存入您的还款银行卡，以免逾期。' });
  });
});

describe('the rent rule while an agreement pays', () => {
  const account = { accountNo: '310100900001', status: 'NORMAL', frozen: false, balanceFen: 5_000_000, continuousMonths: 24, version: 24, bankCard: '6222021001123450012', bankCardBoundAt: '2022-07-01T02:00:00.000Z' } as AccountRecord;
  const situation = { account, loans: [], ownsHome: false as const, withdrawnThisMonth: false, inFlight: false, month: '2026-11', now: new Date('2026-11-24T08:00:00Z'), repaymentAgreementActive: true };
  const lease = { address: '上海市徐汇区漕溪北路 88 弄 3 号', landlordName: '房东甲', landlordAccount: '6222000011112222', monthlyRentFen: 300_000 };
  const request = { month: '2026-11', amountFen: 150_000, lease, bankCard: account.bankCard! };
  const quiet = { otherMembersOnLease: 0, otherMembersOnLandlordAccount: 0, monthsAtCapInARow: 0 };

  it('refuses rent by its own code (no HPF loan needed: a commercial-mortgage agreement will hold none)', () => {
    expect(assessRentApplication(situation, request, quiet, DEFAULT_POLICY)).toEqual({ ok: false, code: 'REPAYMENT_AGREEMENT_ACTIVE' });
    expect(rentEligibility(situation, DEFAULT_POLICY).checks).toContainEqual(expect.objectContaining({ code: 'REPAYMENT_AGREEMENT_ACTIVE', ok: false }));
  });
  it('allows it once the agreement no longer pays, or where the policy does not refuse it', () => {
    expect(assessRentApplication({ ...situation, repaymentAgreementActive: false }, request, quiet, DEFAULT_POLICY).ok).toBe(true);
    expect(assessRentApplication(situation, request, quiet, { ...DEFAULT_POLICY, loan: { ...DEFAULT_POLICY.loan, agreementBlocksRent: false } }).ok).toBe(true);
  });
});
