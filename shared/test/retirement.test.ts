import { DEFAULT_RETIREMENT_POLICY, RetirementPolicy, retirementPlan, type RetirementPolicy as Policy } from '../src/retirement';

// 刘建国, retired: ¥306,500.00 in the account, his card on file
const liu = { status: 'SEALED' as const, frozen: false, balanceFen: 30_650_000, bankCard: '6222020200012345678' };
const repayFirst: Policy = DEFAULT_RETIREMENT_POLICY;
const block: Policy = { ...DEFAULT_RETIREMENT_POLICY, outstandingLoan: 'BLOCK' };

describe('离退休提取: what the closing account pays', () => {
  it('no loan: the whole balance and the closing interest to his card', () => {
    expect(retirementPlan({ account: liu, loanOutstandingFen: 0, closingInterestFen: 4_167, policy: repayFirst })).toEqual({
      kind: 'PAY',
      balanceFen: 30_650_000,
      closingInterestFen: 4_167,
      loanRepaymentFen: 0,
      payoutFen: 30_654_167,
    });
  });

  it('an outstanding HPF loan, repay first (the default): ¥100,000 repaid, the rest to the card', () => {
    const plan = retirementPlan({ account: liu, loanOutstandingFen: 10_000_000, closingInterestFen: 4_167, policy: repayFirst });
    expect(plan).toMatchObject({ kind: 'PAY', loanRepaymentFen: 10_000_000, payoutFen: 20_654_167 });
  });

  it('an outstanding HPF loan where the centre blocks: held, told to repay first', () => {
    const plan = retirementPlan({ account: liu, loanOutstandingFen: 10_000_000, closingInterestFen: 4_167, policy: block });
    expect(plan).toEqual({ kind: 'HOLD', hold: 'LOAN_OUTSTANDING', message: expect.stringContaining('还清后') });
    // without a loan the blocking rule changes nothing
    expect(retirementPlan({ account: liu, loanOutstandingFen: 0, closingInterestFen: 0, policy: block })).toMatchObject({ kind: 'PAY', payoutFen: 30_650_000 });
  });

  it('a loan larger than the account: held for the counter (a part repayment is a person’s decision)', () => {
    expect(retirementPlan({ account: liu, loanOutstandingFen: 40_000_000, closingInterestFen: 0, policy: repayFirst })).toMatchObject({ kind: 'HOLD', hold: 'LOAN_EXCEEDS_BALANCE' });
  });

  it('a loan exactly covered needs no card: nothing is paid out', () => {
    const plan = retirementPlan({ account: { ...liu, bankCard: undefined }, loanOutstandingFen: 30_654_167, closingInterestFen: 4_167, policy: repayFirst });
    expect(plan).toMatchObject({ kind: 'PAY', loanRepaymentFen: 30_654_167, payoutFen: 0 });
  });

  it('frozen by a court, closed, empty, or no card: held, with what to do', () => {
    expect(retirementPlan({ account: { ...liu, frozen: true }, loanOutstandingFen: 0, closingInterestFen: 4_167, policy: repayFirst })).toMatchObject({ hold: 'FROZEN' });
    expect(retirementPlan({ account: { ...liu, status: 'CLOSED' }, loanOutstandingFen: 0, closingInterestFen: 0, policy: repayFirst })).toMatchObject({ hold: 'CLOSED' });
    expect(retirementPlan({ account: { ...liu, balanceFen: 0 }, loanOutstandingFen: 0, closingInterestFen: 0, policy: repayFirst })).toMatchObject({ hold: 'NOTHING_TO_PAY' });
    expect(retirementPlan({ account: { ...liu, bankCard: undefined }, loanOutstandingFen: 0, closingInterestFen: 0, policy: repayFirst })).toMatchObject({
      hold: 'NO_CARD',
      message: expect.stringContaining('银行卡'),
    });
  });

  it('refuses amounts that are not whole fen; the policy is data', () => {
    expect(() => retirementPlan({ account: { ...liu, balanceFen: 1.5 }, loanOutstandingFen: 0, closingInterestFen: 0, policy: repayFirst })).toThrow(RangeError);
    expect(RetirementPolicy.safeParse({ outstandingLoan: 'REPAY_FIRST', autoPayAfterDays: 15 }).success).toBe(true);
    expect(RetirementPolicy.safeParse({ outstandingLoan: 'SOMETIMES', autoPayAfterDays: null }).success).toBe(false);
  });
});
