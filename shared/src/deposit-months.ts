/**
 * 缴至年月, 连续缴存月数 and the missed months, all derived from one thing: the set of months an
 * account has deposited. A set does not remember the order its months arrived in, so postings
 * that race (a batch posts its lines in parallel), batches split, re-posted or cut off and resumed,
 * and arrears (补缴) that fill a gap all end at the same facts.
 *
 * The set is kept as sorted, merged, inclusive ranges of YYYY-MM: a working life of ~200 months
 * is usually one range, so the profile item stays small.
 */
import type { AccountRecord } from './account';

/** Inclusive: `['2022-07', '2026-11']` is every month from July 2022 to November 2026. */
export type MonthRange = [first: string, last: string];

export interface DepositFacts {
  /** 缴至年月: the latest month deposited; absent before the first deposit. */
  paidUpTo?: string;
  /** 连续缴存月数: the months of the unbroken run that ends at paidUpTo (补缴 that fills a gap joins the runs). */
  continuousMonths: number;
  /** Months never deposited between the first month deposited and paidUpTo (中断, which 补缴 can fill). */
  missedMonths: number;
}

function monthNumber(month: string): number {
  return Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;
}

function monthText(n: number): string {
  return `${Math.floor(n / 12)}-${String((n % 12) + 1).padStart(2, '0')}`;
}

/** Sorted, overlapping or touching ranges merged, whatever order they came in. */
function merged(ranges: [number, number][]): MonthRange[] {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  for (const [first, last] of sorted) {
    const previous = out[out.length - 1];
    if (previous && first <= previous[1] + 1) previous[1] = Math.max(previous[1], last);
    else out.push([first, last]);
  }
  return out.map(([first, last]) => [monthText(first), monthText(last)]);
}

function numbers(ranges: readonly MonthRange[]): [number, number][] {
  return ranges.map(([first, last]) => [monthNumber(first), monthNumber(last)]);
}

/** The set of the given months (any order, repeats allowed). */
export function monthRanges(months: Iterable<string>): MonthRange[] {
  return merged([...months].map((month) => [monthNumber(month), monthNumber(month)]));
}

export function withMonth(ranges: readonly MonthRange[], month: string): MonthRange[] {
  const n = monthNumber(month);
  return merged([...numbers(ranges), [n, n]]);
}

export function hasMonth(ranges: readonly MonthRange[], month: string): boolean {
  const n = monthNumber(month);
  return numbers(ranges).some(([first, last]) => first <= n && n <= last);
}

/** The months missing between the first month deposited and the last, as ranges. */
export function missedMonthRanges(ranges: readonly MonthRange[]): MonthRange[] {
  const sorted = merged(numbers(ranges));
  const gaps: MonthRange[] = [];
  for (let i = 1; i < sorted.length; i += 1) {
    gaps.push([monthText(monthNumber(sorted[i - 1][1]) + 1), monthText(monthNumber(sorted[i][0]) - 1)]);
  }
  return gaps;
}

/** The one place the deposit facts come from. */
export function depositFacts(ranges: readonly MonthRange[]): DepositFacts {
  const sorted = numbers(merged(numbers(ranges)));
  if (sorted.length === 0) return { continuousMonths: 0, missedMonths: 0 };
  const [lastFirst, lastLast] = sorted[sorted.length - 1];
  const span = lastLast - sorted[0][0] + 1;
  const deposited = sorted.reduce((sum, [first, last]) => sum + last - first + 1, 0);
  return { paidUpTo: monthText(lastLast), continuousMonths: lastLast - lastFirst + 1, missedMonths: span - deposited };
}

/**
 * The months an account has deposited. A profile written before the set was kept has only its
 * paidUpTo and continuousMonths: the run they describe is all that can be told (one month when a
 * paid-up month has no count), and earlier months, if any, are not known.
 */
export function depositedMonthsOf(account: Pick<AccountRecord, 'depositedMonths' | 'paidUpTo' | 'continuousMonths'>): MonthRange[] {
  if (account.depositedMonths) return merged(numbers(account.depositedMonths));
  if (!account.paidUpTo) return [];
  const last = monthNumber(account.paidUpTo);
  return [[monthText(last - Math.max(1, account.continuousMonths) + 1), account.paidUpTo]];
}
