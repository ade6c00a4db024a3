import {
  equalInstalmentFen,
  instalmentDueDate,
  loanSchedule,
  principalOwedOn,
  repaymentFromAccount,
  roundDivide,
  type LoanTerms,
  type ScheduledInstalment,
} from '../src/loan-schedule';

const row = (i: ScheduledInstalment) => [i.period, i.paymentFen, i.principalFen, i.interestFen, i.balanceAfterFen];

describe('等额本息 and 等额本金 by hand: ¥1,200.00 over 3 months at 12% a year (1% a month)', () => {
  const terms: LoanTerms = { principalFen: 120_000, annualRateBasisPoints: 1_200, months: 3, method: 'EQUAL_INSTALMENT', startDate: '2026-01-15' };

  it('等额本息: 1200 × 1% × 1.01³ / (1.01³ − 1) = 408.0265… → ¥408.03; the last instalment clears the rest', () => {
    // month 1: interest 1% of 1,200.00 = 12.00, principal 408.03 − 12.00 = 396.03, owed 803.97
    // month 2: interest 1% of 803.97 = 8.0397 → 8.04, principal 399.99, owed 403.98
    // month 3: interest 4.0398 → 4.04, principal the 403.98 owed: 408.02
    const schedule = loanSchedule(terms);
    expect(schedule.instalments.map(row)).toEqual([
      [1, 40_803, 39_603, 1_200, 80_397],
      [2, 40_803, 39_999, 804, 40_398],
      [3, 40_802, 40_398, 404, 0],
    ]);
    expect(schedule.totalInterestFen).toBe(2_408);
    expect(schedule.totalPaymentFen).toBe(122_408);
    expect(schedule.instalments.map((i) => i.dueDate)).toEqual(['2026-02-15', '2026-03-15', '2026-04-15']);
  });

  it('等额本金: 400.00 of principal a month plus 1% of what is owed', () => {
    const schedule = loanSchedule({ ...terms, method: 'EQUAL_PRINCIPAL' });
    expect(schedule.instalments.map(row)).toEqual([
      [1, 41_200, 40_000, 1_200, 80_000],
      [2, 40_800, 40_000, 800, 40_000],
      [3, 40_400, 40_000, 400, 0],
    ]);
    expect(schedule.totalInterestFen).toBe(2_400);
  });
});

describe('the figures lenders publish (¥1,000,000 over 30 years)', () => {
  const million: LoanTerms = { principalFen: 100_000_000, annualRateBasisPoints: 310, months: 360, method: 'EQUAL_INSTALMENT', startDate: '2026-03-20' };

  it('等额本息 at 3.1%: 月供 ¥4,270.16, first month 2,583.33 interest; 360 instalments repay the loan to the fen', () => {
    const schedule = loanSchedule(million);
    expect(equalInstalmentFen(100_000_000, 310, 360)).toBe(427_016);
    expect(row(schedule.instalments[0])).toEqual([1, 427_016, 168_683, 258_333, 99_831_317]);
    expect(row(schedule.instalments[1])).toEqual([2, 427_016, 169_118, 257_898, 99_662_199]);
    expect(row(schedule.instalments[359])).toEqual([360, 427_259, 426_158, 1_101, 0]);
    expect(schedule.totalInterestFen).toBe(53_726_003);
    expect(schedule.instalments.reduce((sum, i) => sum + i.principalFen, 0)).toBe(100_000_000);
    expect(schedule.instalments.slice(0, 359).every((i) => i.paymentFen === 427_016)).toBe(true);
  });

  it('等额本息 at the 2.85% HPF rate: 月供 ¥4,135.57', () => {
    expect(equalInstalmentFen(100_000_000, 285, 360)).toBe(413_557);
    expect(loanSchedule({ ...million, annualRateBasisPoints: 285 }).totalInterestFen).toBe(48_880_734);
  });

  it('等额本金 at 3.1%: first month ¥5,361.11, each month ¥7.17–7.18 less, far less interest in all', () => {
    const schedule = loanSchedule({ ...million, method: 'EQUAL_PRINCIPAL' });
    expect(row(schedule.instalments[0])).toEqual([1, 536_111, 277_778, 258_333, 99_722_222]);
    expect(row(schedule.instalments[1])).toEqual([2, 535_394, 277_778, 257_616, 99_444_444]);
    expect(row(schedule.instalments[359])).toEqual([360, 278_415, 277_698, 717, 0]);
    expect(schedule.totalInterestFen).toBe(46_629_130);
  });

  it('a one-year ¥100,000 loan at 2.85% both ways', () => {
    const year: LoanTerms = { principalFen: 10_000_000, annualRateBasisPoints: 285, months: 12, method: 'EQUAL_INSTALMENT', startDate: '2026-01-31' };
    const instalment = loanSchedule(year);
    expect(instalment.instalments[0].paymentFen).toBe(846_254);
    expect(row(instalment.instalments[11])).toEqual([12, 846_252, 844_247, 2_005, 0]);
    expect(instalment.totalInterestFen).toBe(155_046);
    const principal = loanSchedule({ ...year, method: 'EQUAL_PRINCIPAL' });
    expect(row(principal.instalments[11])).toEqual([12, 835_316, 833_337, 1_979, 0]);
    expect(principal.totalInterestFen).toBe(154_376);
    // lent on the 31st: due on each month's last day where it has no 31st
    expect(instalment.instalments.slice(0, 4).map((i) => i.dueDate)).toEqual(['2026-02-28', '2026-03-31', '2026-04-30', '2026-05-31']);
  });
});

describe('rounding and edges', () => {
  it('rounds a fraction of a fen as the centre states', () => {
    expect(roundDivide(5n, 2n, 'HALF_UP')).toBe(3n);
    expect(roundDivide(5n, 2n, 'HALF_EVEN')).toBe(2n);
    expect(roundDivide(7n, 2n, 'HALF_EVEN')).toBe(4n);
    expect(roundDivide(7n, 2n, 'DOWN')).toBe(3n);
    expect(roundDivide(8n, 3n, 'HALF_UP')).toBe(3n);
    expect(roundDivide(7n, 3n, 'HALF_UP')).toBe(2n);
  });

  it('rounding down makes every month’s interest a little less, and the loan is still repaid exactly', () => {
    const terms: LoanTerms = { principalFen: 100_000_000, annualRateBasisPoints: 310, months: 360, method: 'EQUAL_INSTALMENT', startDate: '2026-03-20' };
    const down = loanSchedule(terms, 'DOWN');
    expect(down.instalments[0].interestFen).toBe(258_333);
    expect(down.instalments.reduce((sum, i) => sum + i.principalFen, 0)).toBe(100_000_000);
    expect(down.totalInterestFen).toBeLessThan(loanSchedule(terms).totalInterestFen);
  });

  it('an interest-free loan is the principal in equal parts', () => {
    const schedule = loanSchedule({ principalFen: 100_000, annualRateBasisPoints: 0, months: 3, method: 'EQUAL_INSTALMENT', startDate: '2026-01-01' });
    expect(schedule.instalments.map((i) => i.paymentFen)).toEqual([33_333, 33_333, 33_334]);
    expect(schedule.totalInterestFen).toBe(0);
  });

  it('due dates cross the year and keep 29 February in a leap year', () => {
    expect(instalmentDueDate('2027-12-15', 1)).toBe('2028-01-15');
    expect(instalmentDueDate('2028-01-29', 1)).toBe('2028-02-29');
    expect(instalmentDueDate('2027-01-29', 1)).toBe('2027-02-28');
    expect(instalmentDueDate('2026-03-20', 360)).toBe('2056-03-20');
  });

  it('refuses terms that are not a loan', () => {
    const terms: LoanTerms = { principalFen: 100_000, annualRateBasisPoints: 285, months: 12, method: 'EQUAL_PRINCIPAL', startDate: '2026-01-01' };
    expect(() => loanSchedule({ ...terms, principalFen: 0 })).toThrow(RangeError);
    expect(() => loanSchedule({ ...terms, principalFen: 10.5 })).toThrow(RangeError);
    expect(() => loanSchedule({ ...terms, months: 361 })).toThrow(RangeError);
    expect(() => loanSchedule({ ...terms, annualRateBasisPoints: 2.85 })).toThrow(RangeError);
    expect(() => loanSchedule({ ...terms, startDate: '2026/01/01' })).toThrow(RangeError);
  });
});

describe('what is owed, and what the account pays of an instalment', () => {
  const terms: LoanTerms = { principalFen: 120_000, annualRateBasisPoints: 1_200, months: 3, method: 'EQUAL_INSTALMENT', startDate: '2026-01-15' };
  const schedule = loanSchedule(terms);

  it('the principal owed on a day is the balance after the instalments due by then', () => {
    expect(principalOwedOn(schedule, 120_000, '2026-02-14')).toBe(120_000);
    expect(principalOwedOn(schedule, 120_000, '2026-02-15')).toBe(80_397);
    expect(principalOwedOn(schedule, 120_000, '2026-03-31')).toBe(40_398);
    expect(principalOwedOn(schedule, 120_000, '2030-01-01')).toBe(0);
  });

  it('the instalment from the account as far as the balance goes above the kept minimum; the rest is the member’s to pay', () => {
    expect(repaymentFromAccount({ dueFen: 321_055, balanceFen: 5_000_000, retainedMinimumFen: 1_000 })).toEqual({ fromAccountFen: 321_055, shortfallFen: 0 });
    expect(repaymentFromAccount({ dueFen: 321_055, balanceFen: 201_000, retainedMinimumFen: 1_000 })).toEqual({ fromAccountFen: 200_000, shortfallFen: 121_055 });
    expect(repaymentFromAccount({ dueFen: 321_055, balanceFen: 500, retainedMinimumFen: 1_000 })).toEqual({ fromAccountFen: 0, shortfallFen: 321_055 });
    expect(() => repaymentFromAccount({ dueFen: 1.5, balanceFen: 0, retainedMinimumFen: 0 })).toThrow(RangeError);
  });
});
