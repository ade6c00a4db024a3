/**
 * Annual interest settlement (结息), exact in integer fen.
 *
 * The rule (centre practice, see the team's policy notes; the rate itself is configuration):
 * - Interest for settlement year Y covers the days from (Y-1)-07-01 through Y-06-30 inclusive:
 *   365 days, or 366 when the period contains 29 February (e.g. 2023-07-01..2024-06-30).
 * - The balance at the end of day d = the opening balance (the balance at the end of
 *   (Y-1)-06-30, i.e. every entry dated before the period) + every entry of the period with
 *   valueDate ≤ d. An entry dated on the first day of the period counts for that day.
 * - 积数 (the balance integral, fen·days) = Σ over each day d of the period of that end-of-day
 *   balance. Equivalently: opening × days + Σ amount × (days from its value date to the period
 *   end, both inclusive) — the form computed here, so the cost is one pass over the entries.
 * - Interest = 积数 × annual rate ÷ 360, rounded half up to the fen. With the rate in basis
 *   points (1.50% = 150) that is 积数 × bp ÷ 3,600,000, computed in BigInt: no float anywhere.
 * - The interest is credited as one entry dated Y-06-30. That date is before the next period,
 *   so the credit is part of the next period's opening balance and earns from then on — it
 *   does not earn in its own period.
 *
 * Dates are 'YYYY-MM-DD' strings; days are counted with UTC date arithmetic, so no time zone
 * or daylight-saving shift can add or lose a day.
 */
import { assertFen, type Fen } from './money';

/** The 1.50% unified deposit rate: a default only; the deployment's policy decides. */
export const DEFAULT_INTEREST_RATE_BASIS_POINTS = 150;

export interface DatedAmount {
  /** 'YYYY-MM-DD'. */
  valueDate: string;
  /** Signed: credits positive, debits negative. */
  amountFen: Fen;
}

export interface InterestResult {
  year: number;
  periodStart: string;
  periodEnd: string;
  days: number;
  openingBalanceFen: Fen;
  /** Balance at the end of the period, before the interest is credited. */
  closingBalanceFen: Fen;
  balanceIntegralFenDays: bigint;
  interestFen: Fen;
}

const MS_PER_DAY = 86_400_000;
const DATE_TEXT = /^(\d{4})-(\d{2})-(\d{2})$/;
/** 360 days × 10,000 basis points: the divisor that turns fen·days·bp into fen. */
const FEN_DAYS_BP_PER_FEN = 3_600_000n;

/** Days since 1970-01-01 (UTC) of a 'YYYY-MM-DD' date; refuses dates that do not exist. */
function dayNumber(date: string): number {
  const match = DATE_TEXT.exec(date);
  if (match) {
    const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
    const ms = Date.UTC(year, month - 1, day);
    const check = new Date(ms);
    // Date.UTC rolls 2025-02-30 over to 2025-03-02 and maps years 0..99 to 1900..1999.
    if (check.getUTCFullYear() === year && check.getUTCMonth() === month - 1 && check.getUTCDate() === day) {
      return ms / MS_PER_DAY;
    }
  }
  throw new RangeError(`not a calendar date (YYYY-MM-DD): ${JSON.stringify(date)}`);
}

function assertYear(year: number): void {
  if (!Number.isInteger(year) || year < 1001 || year > 9999) {
    throw new RangeError(`settlement year must be a whole year in 1001..9999, got ${year}`);
  }
}

/** The settlement period of year Y: (Y-1)-07-01 through Y-06-30, both inclusive. */
export function interestPeriod(year: number): { start: string; end: string } {
  assertYear(year);
  return { start: `${year - 1}-07-01`, end: `${year}-06-30` };
}

/**
 * numerator ÷ denominator rounded half up (x.5 → x+1), exact for any size.
 * Only for numerator ≥ 0 and denominator > 0: anything else throws a RangeError rather than
 * pick a convention for negatives (half up and half away from zero differ there, and BigInt
 * division truncates toward zero), because no balance integral here may be negative.
 */
export function roundHalfUpDiv(numerator: bigint, denominator: bigint): bigint {
  if (denominator <= 0n) throw new RangeError('denominator must be positive');
  if (numerator < 0n) throw new RangeError('numerator must not be negative');
  return (2n * numerator + denominator) / (2n * denominator);
}

/**
 * Interest of settlement year `year` on an account.
 * entries: the account's ledger entries (any order, any dates); those before the period make
 * the opening balance, those after it are ignored. Throws a RangeError on a malformed date, a
 * non-integer amount or rate, or a negative balance integral (a ledger that went below zero).
 */
export function computeAnnualInterest(
  entries: readonly DatedAmount[],
  year: number,
  annualRateBasisPoints: number,
): InterestResult {
  const { start, end } = interestPeriod(year);
  return periodInterest(entries, year, start, end, annualRateBasisPoints);
}

/** The interest of the days start..end (both inclusive) of settlement year `year`, by the rule above. */
function periodInterest(entries: readonly DatedAmount[], year: number, start: string, end: string, annualRateBasisPoints: number): InterestResult {
  if (!Number.isInteger(annualRateBasisPoints) || annualRateBasisPoints < 0 || annualRateBasisPoints > 10_000) {
    throw new RangeError(`rate must be whole basis points in 0..10000, got ${annualRateBasisPoints}`);
  }
  const startDay = dayNumber(start);
  const endDay = dayNumber(end);
  const days = endDay - startDay + 1;

  let opening = 0n;
  let movements = 0n;
  let movementIntegral = 0n;
  for (const entry of entries) {
    assertFen(entry.amountFen, 'entry amount');
    const day = dayNumber(entry.valueDate);
    const amount = BigInt(entry.amountFen);
    if (day < startDay) {
      opening += amount;
    } else if (day <= endDay) {
      movements += amount;
      // the entry is in the end-of-day balance of its own day and of every later day
      movementIntegral += amount * BigInt(endDay - day + 1);
    }
  }

  const integral = opening * BigInt(days) + movementIntegral;
  if (integral < 0n) {
    throw new RangeError(`balance integral of ${year} is negative (${integral} fen·days): the ledger is inconsistent`);
  }
  const interest = roundHalfUpDiv(integral * BigInt(annualRateBasisPoints), FEN_DAYS_BP_PER_FEN);

  return {
    year,
    periodStart: start,
    periodEnd: end,
    days,
    openingBalanceFen: toFen(opening, 'opening balance'),
    closingBalanceFen: toFen(opening + movements, 'closing balance'),
    balanceIntegralFenDays: integral,
    interestFen: toFen(interest, 'interest'),
  };
}

export interface ClosingInterest {
  /**
   * The years not yet settled, each whole (its interest credited on its 30 June and earning from
   * then on, exactly as the yearly settlement would have done), then the days of the current
   * year up to the closing day.
   */
  parts: InterestResult[];
  interestFen: Fen;
}

function dayBefore(date: string): string {
  return new Date((dayNumber(date) - 1) * MS_PER_DAY).toISOString().slice(0, 10);
}

/**
 * 销户结息: the interest an account is owed when it is closed, by the same 积数 rule and code as
 * the yearly settlement. `settledThroughYear` is the last settlement year credited (its period
 * ended on that year's 30 June). The balance earns through the day before the closing day: on
 * the closing day it is paid out. A settlement year that ended before the closing day but was
 * not yet run (closing in the first days of July) is computed whole first, so crossing 1 July
 * gives the member what the yearly run and then the closing would have.
 */
export function computeClosingInterest(
  entries: readonly DatedAmount[],
  options: { settledThroughYear: number; closingDate: string; annualRateBasisPoints: number },
): ClosingInterest {
  const { settledThroughYear, closingDate, annualRateBasisPoints } = options;
  assertYear(settledThroughYear);
  const closingDay = dayNumber(closingDate);
  if (closingDay < dayNumber(interestPeriod(settledThroughYear).end)) {
    throw new RangeError(`closing on ${closingDate} is before the end of settlement year ${settledThroughYear}, already credited`);
  }
  const withCredits: DatedAmount[] = [...entries];
  const parts: InterestResult[] = [];
  let year = settledThroughYear + 1;
  for (; dayNumber(interestPeriod(year).end) < closingDay; year += 1) {
    const whole = computeAnnualInterest(withCredits, year, annualRateBasisPoints);
    parts.push(whole);
    withCredits.push({ valueDate: whole.periodEnd, amountFen: whole.interestFen });
  }
  const { start } = interestPeriod(year);
  if (closingDay > dayNumber(start)) parts.push(periodInterest(withCredits, year, start, dayBefore(closingDate), annualRateBasisPoints));
  return { parts, interestFen: parts.reduce((sum, part) => sum + part.interestFen, 0) };
}

function toFen(value: bigint, what: string): Fen {
  return assertFen(Number(value), what);
}

/** What the yearly settlement does with one account, decided once for the preview and the run. */
export type InterestDecision =
  /** Interest to credit, dated the period's last day. */
  | { outcome: 'due'; interestFen: Fen; balanceIntegralFenDays: bigint }
  /** This year's interest is already credited (a second run, or a run resumed): nothing again. */
  | { outcome: 'settled'; interestFen: Fen }
  /** A closed account earns nothing more; its 销户结息 was paid when it closed. */
  | { outcome: 'closed' }
  /** A 积数 that rounds to no interest (an empty account): nothing to post. */
  | { outcome: 'zero'; balanceIntegralFenDays: bigint };

export interface SettlementEntry extends DatedAmount {
  kind?: string;
  /** Set on the INTEREST entry a settlement posted (the same transaction as the year's marker). */
  interestYear?: number;
}

/**
 * The settlement's decision for an account: already credited for `year` (its INTEREST entry is
 * in the ledger), closed, or the interest of computeAnnualInterest — due, or zero.
 */
export function decideAnnualInterest(
  account: { status: string },
  entries: readonly SettlementEntry[],
  year: number,
  annualRateBasisPoints: number,
): InterestDecision {
  const credited = entries.find((entry) => entry.kind === 'INTEREST' && entry.interestYear === year);
  if (credited) return { outcome: 'settled', interestFen: credited.amountFen };
  if (account.status === 'CLOSED') return { outcome: 'closed' };
  const { interestFen, balanceIntegralFenDays } = computeAnnualInterest(entries, year, annualRateBasisPoints);
  return interestFen === 0 ? { outcome: 'zero', balanceIntegralFenDays } : { outcome: 'due', interestFen, balanceIntegralFenDays };
}
