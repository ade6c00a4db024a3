/**
 * 贷款还款计划: the repayment schedule of an HPF loan, exact in fen. Chinese lenders state a
 * monthly rate of annual ÷ 12 and two methods:
 * - 等额本息 (equal instalments): every instalment the same, P·r·(1+r)ⁿ / ((1+r)ⁿ − 1);
 * - 等额本金 (equal principal): the principal P ÷ n each month, plus that month's interest.
 * Each month's interest is the balance owed × r. Everything is worked out in integers — the
 * annual rate is in basis points, so r = bp / 120000 and (1+r)ⁿ is the exact fraction
 * (120000 + bp)ⁿ / 120000ⁿ in BigInt — and rounded to the fen once, by the centre's stated
 * rounding; the last instalment is whatever clears the balance, so the principal repaid is the
 * loan to the fen.
 */
import { assertFen, type Fen } from './money';

export type RepaymentMethod = 'EQUAL_INSTALMENT' | 'EQUAL_PRINCIPAL';

export const REPAYMENT_METHOD_LABELS: Record<RepaymentMethod, string> = {
  EQUAL_INSTALMENT: '等额本息',
  EQUAL_PRINCIPAL: '等额本金',
};

/** How a fraction of a fen becomes a fen: the centre states it (policy data); 四舍五入 by default. */
export type FenRounding = 'HALF_UP' | 'HALF_EVEN' | 'DOWN';

export interface LoanTerms {
  principalFen: Fen;
  /** Annual rate in basis points (2.85% = 285). */
  annualRateBasisPoints: number;
  months: number;
  method: RepaymentMethod;
  /** The day the money was lent (YYYY-MM-DD): instalments fall due on its day of the month. */
  startDate: string;
}

export interface ScheduledInstalment {
  period: number;
  /** YYYY-MM-DD; a day past the month's end falls on its last day (31 Jan → 28/29 Feb). */
  dueDate: string;
  paymentFen: Fen;
  principalFen: Fen;
  interestFen: Fen;
  /** Still owed after this instalment. */
  balanceAfterFen: Fen;
}

export interface LoanSchedule {
  instalments: ScheduledInstalment[];
  totalInterestFen: Fen;
  totalPaymentFen: Fen;
}

const MONTHS_IN_BASIS_POINT_RATE = 120_000n; // 12 months × 10,000 basis points

/** numerator / denominator (both ≥ 0) to a whole number by the rounding. */
export function roundDivide(numerator: bigint, denominator: bigint, rounding: FenRounding): bigint {
  if (denominator <= 0n || numerator < 0n) throw new RangeError('roundDivide takes a non-negative numerator and a positive denominator');
  const quotient = numerator / denominator;
  const twiceRemainder = (numerator % denominator) * 2n;
  if (rounding === 'DOWN' || twiceRemainder < denominator) return quotient;
  if (twiceRemainder > denominator) return quotient + 1n;
  return rounding === 'HALF_UP' || quotient % 2n === 1n ? quotient + 1n : quotient;
}

function toFen(value: bigint): Fen {
  return assertFen(Number(value), 'scheduled amount');
}

/** This month's interest on what is owed. */
function monthInterest(balanceFen: bigint, basisPoints: bigint, rounding: FenRounding): bigint {
  return roundDivide(balanceFen * basisPoints, MONTHS_IN_BASIS_POINT_RATE, rounding);
}

/** The 等额本息 instalment, rounded once: P·bp·Nⁿ / (120000·(Nⁿ − Dⁿ)) with N = 120000 + bp, D = 120000. */
export function equalInstalmentFen(principalFen: Fen, annualRateBasisPoints: number, months: number, rounding: FenRounding = 'HALF_UP'): Fen {
  const principal = BigInt(principalFen);
  const n = BigInt(months);
  if (annualRateBasisPoints === 0) return toFen(roundDivide(principal, n, rounding));
  const bp = BigInt(annualRateBasisPoints);
  const grown = (MONTHS_IN_BASIS_POINT_RATE + bp) ** n;
  const base = MONTHS_IN_BASIS_POINT_RATE ** n;
  return toFen(roundDivide(principal * bp * grown, MONTHS_IN_BASIS_POINT_RATE * (grown - base), rounding));
}

/** The due date of instalment `period`: `period` months after the start, on the start's day or the month's last. */
export function instalmentDueDate(startDate: string, period: number): string {
  const [year, month, day] = startDate.split('-').map(Number);
  const monthIndex = month - 1 + period;
  const dueYear = year + Math.floor(monthIndex / 12);
  const dueMonth = (monthIndex % 12) + 1;
  const lastDay = new Date(Date.UTC(dueYear, dueMonth, 0)).getUTCDate();
  return `${dueYear}-${String(dueMonth).padStart(2, '0')}-${String(Math.min(day, lastDay)).padStart(2, '0')}`;
}

export function loanSchedule(terms: LoanTerms, rounding: FenRounding = 'HALF_UP'): LoanSchedule {
  assertFen(terms.principalFen, 'principal');
  if (terms.principalFen <= 0) throw new RangeError('a loan lends more than nothing');
  if (!Number.isInteger(terms.months) || terms.months < 1 || terms.months > 360) throw new RangeError('a loan runs 1 to 360 months');
  if (!Number.isInteger(terms.annualRateBasisPoints) || terms.annualRateBasisPoints < 0 || terms.annualRateBasisPoints > 2_000) {
    throw new RangeError('the annual rate is 0 to 2,000 basis points');
  }
  if (!/^\d{4}-\d{2}-\d{2}$/.test(terms.startDate)) throw new RangeError('the start date is YYYY-MM-DD');

  const bp = BigInt(terms.annualRateBasisPoints);
  const n = terms.months;
  const level =
    terms.method === 'EQUAL_INSTALMENT'
      ? BigInt(equalInstalmentFen(terms.principalFen, terms.annualRateBasisPoints, n, rounding))
      : roundDivide(BigInt(terms.principalFen), BigInt(n), rounding);
  let balance = BigInt(terms.principalFen);
  const instalments: ScheduledInstalment[] = [];
  let totalInterest = 0n;
  for (let period = 1; period <= n; period += 1) {
    const interest = monthInterest(balance, bp, rounding);
    // the last instalment clears what is owed, whatever the rounding left
    const principal = period === n ? balance : terms.method === 'EQUAL_INSTALMENT' ? level - interest : level;
    if (principal < 0n || principal > balance) {
      throw new RangeError(`instalment ${period} would repay ${principal} fen of ${balance}: the terms cannot be scheduled`);
    }
    balance -= principal;
    totalInterest += interest;
    instalments.push({
      period,
      dueDate: instalmentDueDate(terms.startDate, period),
      paymentFen: toFen(principal + interest),
      principalFen: toFen(principal),
      interestFen: toFen(interest),
      balanceAfterFen: toFen(balance),
    });
  }
  return {
    instalments,
    totalInterestFen: toFen(totalInterest),
    totalPaymentFen: toFen(BigInt(terms.principalFen) + totalInterest),
  };
}

/** Principal still owed on `date` when every instalment due by then was paid (the schedule's balance). */
export function principalOwedOn(schedule: LoanSchedule, principalFen: Fen, date: string): Fen {
  let owed = principalFen;
  for (const instalment of schedule.instalments) {
    if (instalment.dueDate > date) break;
    owed = instalment.balanceAfterFen;
  }
  return owed;
}

/**
 * 约定提取还贷: how much of an instalment the HPF account pays. By default (the usual rule) the
 * instalment due, as far as the balance goes above the minimum the account keeps; the rest is a
 * shortfall the member pays themselves, and is told so the same day.
 */
export function repaymentFromAccount(input: { dueFen: Fen; balanceFen: Fen; retainedMinimumFen: Fen }): { fromAccountFen: Fen; shortfallFen: Fen } {
  const dueFen = assertFen(input.dueFen, 'instalment due');
  const available = Math.max(0, assertFen(input.balanceFen, 'balance') - assertFen(input.retainedMinimumFen, 'retained minimum'));
  if (dueFen < 0) throw new RangeError('an instalment due is not negative');
  const fromAccountFen = Math.min(dueFen, available);
  return { fromAccountFen, shortfallFen: dueFen - fromAccountFen };
}
