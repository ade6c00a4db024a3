import {
  computeAnnualInterest,
  computeClosingInterest,
  decideAnnualInterest,
  DEFAULT_INTEREST_RATE_BASIS_POINTS,
  interestPeriod,
  roundHalfUpDiv,
  type DatedAmount,
} from '../src/interest';
import { formatYuanDays } from '../src/display/format';

const RATE = DEFAULT_INTEREST_RATE_BASIS_POINTS; // 1.50% = 150 bp
// Interest = 积数 × 150 ÷ (360 × 10,000) = 积数 ÷ 24,000 at 1.50%, rounded half up to the fen.

describe('the settlement period', () => {
  it('runs from 1 July of the previous year through 30 June', () => {
    expect(interestPeriod(2026)).toEqual({ start: '2025-07-01', end: '2026-06-30' });
  });

  it('has 366 days when it contains 29 February, else 365', () => {
    expect(computeAnnualInterest([], 2026, RATE).days).toBe(365);
    expect(computeAnnualInterest([], 2024, RATE).days).toBe(366); // 2024-02-29
    expect(computeAnnualInterest([], 2000, RATE).days).toBe(366); // divisible by 400
    expect(computeAnnualInterest([], 2100, RATE).days).toBe(365); // divisible by 100 only
  });
});

describe('annual interest, worked by hand', () => {
  it('(a) a constant balance all year', () => {
    // 100,000.00 元 = 10,000,000 fen from before the period, 2025-07-01..2026-06-30 = 365 days
    // 积数 = 10,000,000 × 365 = 3,650,000,000 fen·days
    // × 150 ÷ 3,600,000 = 3,650,000,000 ÷ 24,000 = 152,083.33… fen → 152,083 fen = 1,520.83 元
    const result = computeAnnualInterest([{ valueDate: '2024-03-10', amountFen: 10_000_000 }], 2026, RATE);
    expect(result).toEqual({
      year: 2026,
      periodStart: '2025-07-01',
      periodEnd: '2026-06-30',
      days: 365,
      openingBalanceFen: 10_000_000,
      closingBalanceFen: 10_000_000,
      balanceIntegralFenDays: 3_650_000_000n,
      interestFen: 152_083,
    });
  });

  it('(b) deposits either side of a month end', () => {
    // opening 50,000.00 元 = 5,000,000 fen; +1,680.00 元 (168,000 fen) on 2025-07-31 and again on 2025-08-01
    //   2025-07-01..07-30: 30 days × 5,000,000 = 150,000,000
    //   2025-07-31:         1 day  × 5,168,000 =   5,168,000
    //   2025-08-01..06-30: 334 days × 5,336,000 = 1,782,224,000   (30 + 1 + 334 = 365)
    // 积数 = 1,937,392,000 fen·days
    // ÷ 24,000 = 80,724.666… fen → 80,725 fen = 807.25 元
    const entries: DatedAmount[] = [
      { valueDate: '2025-08-01', amountFen: 168_000 },
      { valueDate: '2025-07-31', amountFen: 168_000 },
      { valueDate: '2025-05-20', amountFen: 5_000_000 },
    ];
    const result = computeAnnualInterest(entries, 2026, RATE);
    expect(result.balanceIntegralFenDays).toBe(1_937_392_000n);
    expect(result.interestFen).toBe(80_725);
    expect(result.closingBalanceFen).toBe(5_336_000);
  });

  it('(b2) a monthly deposit on the 1st of every month', () => {
    // 840.00 元 = 84,000 fen on the 1st of each month, opening 0. A deposit on day d counts for
    // the days d..2026-06-30: Jul 1 → 365, Aug 1 → 334, Sep 1 → 303, Oct 1 → 273, Nov 1 → 242,
    // Dec 1 → 212, Jan 1 → 181, Feb 1 → 150 (Feb 2026 has 28 days), Mar 1 → 122, Apr 1 → 91,
    // May 1 → 61, Jun 1 → 30; Σ = 2,364 days
    // 积数 = 84,000 × 2,364 = 198,576,000 fen·days; ÷ 24,000 = 8,274 fen exactly = 82.74 元
    const months = ['2025-07', '2025-08', '2025-09', '2025-10', '2025-11', '2025-12',
      '2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06'];
    const entries = months.map((m) => ({ valueDate: `${m}-01`, amountFen: 84_000 }));
    const result = computeAnnualInterest(entries, 2026, RATE);
    expect(result.balanceIntegralFenDays).toBe(198_576_000n);
    expect(result.interestFen).toBe(8_274);
    expect(result.closingBalanceFen).toBe(1_008_000);
  });

  it('(c) a withdrawal in the middle of the year', () => {
    // opening 80,000.00 元 = 8,000,000 fen; withdraw 3,000.00 元 (-300,000 fen) on 2026-01-15
    //   2025-07-01..2026-01-14: 31+31+30+31+30+31 + 14 = 198 days × 8,000,000 = 1,584,000,000
    //   2026-01-15..2026-06-30: 17+28+31+30+31+30      = 167 days × 7,700,000 = 1,285,900,000
    // 积数 = 2,869,900,000 fen·days; ÷ 24,000 = 119,579.166… fen → 119,579 fen = 1,195.79 元
    const entries = [
      { valueDate: '2025-01-02', amountFen: 8_000_000 },
      { valueDate: '2026-01-15', amountFen: -300_000 },
    ];
    const result = computeAnnualInterest(entries, 2026, RATE);
    expect(result.balanceIntegralFenDays).toBe(2_869_900_000n);
    expect(result.interestFen).toBe(119_579);
    expect(result.closingBalanceFen).toBe(7_700_000);
  });

  it('(d) a leap-year period counts 29 February', () => {
    // 2023-07-01..2024-06-30 = 366 days; 10,000,000 fen all period
    // 积数 = 10,000,000 × 366 = 3,660,000,000; ÷ 24,000 = 152,500 fen exactly (vs 152,083 in (a))
    const constant = computeAnnualInterest([{ valueDate: '2023-06-30', amountFen: 10_000_000 }], 2024, RATE);
    expect(constant.days).toBe(366);
    expect(constant.balanceIntegralFenDays).toBe(3_660_000_000n);
    expect(constant.interestFen).toBe(152_500);

    // + 1,000.00 元 (100,000 fen) dated 2024-02-29: counts Feb 29 + Mar 31 + Apr 30 + May 31 + Jun 30 = 123 days
    // 积数 = 3,660,000,000 + 100,000 × 123 = 3,672,300,000; ÷ 24,000 = 153,012.5 → half up → 153,013 fen
    const withLeapDay = computeAnnualInterest(
      [{ valueDate: '2023-06-30', amountFen: 10_000_000 }, { valueDate: '2024-02-29', amountFen: 100_000 }],
      2024,
      RATE,
    );
    expect(withLeapDay.balanceIntegralFenDays).toBe(3_672_300_000n);
    expect(withLeapDay.interestFen).toBe(153_013);
  });

  it('(e) rounds an exact half fen up, not to even', () => {
    // 120.00 元 = 12,000 fen deposited on the last day counts for 1 day:
    // 积数 = 12,000; ÷ 24,000 = 0.5 fen → 1 fen (banker's rounding would give 0)
    expect(computeAnnualInterest([{ valueDate: '2026-06-30', amountFen: 12_000 }], 2026, RATE).interestFen).toBe(1);
    // 11,999 fen → 0.499958… → 0 fen
    expect(computeAnnualInterest([{ valueDate: '2026-06-30', amountFen: 11_999 }], 2026, RATE).interestFen).toBe(0);
    // 60,000 fen → 2.5 fen → 3 fen (banker's rounding would give 2)
    expect(computeAnnualInterest([{ valueDate: '2026-06-30', amountFen: 60_000 }], 2026, RATE).interestFen).toBe(3);
  });

  it('(f) entries before the period open it; entries after it are ignored', () => {
    // before: 50,000.00 元 on 2025-03-01 + last year's interest 520.00 元 credited 2025-06-30
    //   → opening 5,000,000 + 52,000 = 5,052,000 fen
    // after: 2026-07-01 and 2027-01-01 are outside 2025-07-01..2026-06-30 → ignored
    // 积数 = 5,052,000 × 365 = 1,843,980,000; ÷ 24,000 = 76,832.5 fen → half up → 76,833 fen = 768.33 元
    const entries = [
      { valueDate: '2026-07-01', amountFen: 999_999 },
      { valueDate: '2025-03-01', amountFen: 5_000_000 },
      { valueDate: '2027-01-01', amountFen: -5_000_000 },
      { valueDate: '2025-06-30', amountFen: 52_000 },
    ];
    const result = computeAnnualInterest(entries, 2026, RATE);
    expect(result.openingBalanceFen).toBe(5_052_000);
    expect(result.closingBalanceFen).toBe(5_052_000);
    expect(result.balanceIntegralFenDays).toBe(1_843_980_000n);
    expect(result.interestFen).toBe(76_833);
  });

  it('(f2) an entry on the first day counts for that day', () => {
    // 2025-07-01 + 10,000,000 fen = the same 积数 as a constant balance: 3,650,000,000 → 152,083 fen
    const result = computeAnnualInterest([{ valueDate: '2025-07-01', amountFen: 10_000_000 }], 2026, RATE);
    expect(result.openingBalanceFen).toBe(0);
    expect(result.balanceIntegralFenDays).toBe(3_650_000_000n);
    expect(result.interestFen).toBe(152_083);
  });

  it('(g) a zero balance earns nothing', () => {
    expect(computeAnnualInterest([], 2026, RATE).interestFen).toBe(0);
    // in and out on the same day: end-of-day balance 0 → 积数 0
    const sameDay = computeAnnualInterest(
      [{ valueDate: '2025-12-01', amountFen: 500_000 }, { valueDate: '2025-12-01', amountFen: -500_000 }],
      2026,
      RATE,
    );
    expect(sameDay.balanceIntegralFenDays).toBe(0n);
    expect(sameDay.interestFen).toBe(0);
  });
});

describe('refusals', () => {
  it('refuses a ledger whose balance integral is negative', () => {
    expect(() => computeAnnualInterest([{ valueDate: '2025-08-01', amountFen: -1 }], 2026, RATE)).toThrow(RangeError);
  });

  it('refuses dates that do not exist, fractional fen and bad rates', () => {
    expect(() => computeAnnualInterest([{ valueDate: '2025-02-29', amountFen: 1 }], 2026, RATE)).toThrow(RangeError);
    expect(() => computeAnnualInterest([{ valueDate: '2025-7-1', amountFen: 1 }], 2026, RATE)).toThrow(RangeError);
    expect(() => computeAnnualInterest([{ valueDate: '2025-07-01', amountFen: 1.5 }], 2026, RATE)).toThrow(RangeError);
    expect(() => computeAnnualInterest([], 2026, 1.5)).toThrow(RangeError);
    expect(() => computeAnnualInterest([], 2026, -1)).toThrow(RangeError);
    expect(() => interestPeriod(2026.5)).toThrow(RangeError);
  });

  it('rounds half up only for non-negative numerators and positive denominators', () => {
    expect(roundHalfUpDiv(5n, 10n)).toBe(1n);
    expect(roundHalfUpDiv(4n, 10n)).toBe(0n);
    expect(roundHalfUpDiv(15n, 10n)).toBe(2n);
    expect(roundHalfUpDiv(25n, 10n)).toBe(3n);
    expect(roundHalfUpDiv(0n, 7n)).toBe(0n);
    expect(() => roundHalfUpDiv(-5n, 10n)).toThrow(RangeError);
    expect(() => roundHalfUpDiv(5n, 0n)).toThrow(RangeError);
  });
});

describe('agrees with a day-by-day reference on random ledgers', () => {
  const DAY_MS = 86_400_000;
  const toDay = (date: string): number => {
    const [y, m, d] = date.split('-').map(Number);
    return Date.UTC(y, m - 1, d) / DAY_MS;
  };
  const toDate = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);

  /** The rule as written: walk every day, sum end-of-day balances, then divide with remainder. */
  function referenceInterest(entries: readonly DatedAmount[], year: number, rateBp: number) {
    const first = toDay(`${year - 1}-07-01`);
    const last = toDay(`${year}-06-30`);
    let integral = 0n;
    for (let day = first; day <= last; day += 1) {
      let balance = 0;
      for (const e of entries) if (toDay(e.valueDate) <= day) balance += e.amountFen;
      integral += BigInt(balance);
    }
    const product = integral * BigInt(rateBp);
    const quotient = product / 3_600_000n;
    const remainder = product - quotient * 3_600_000n;
    const interest = remainder * 2n >= 3_600_000n ? quotient + 1n : quotient;
    return { integral, interest: Number(interest), days: last - first + 1 };
  }

  /** mulberry32: a seeded integer generator, so a failure can be replayed. */
  function generator(seed: number) {
    let state = seed >>> 0;
    return (bound: number): number => {
      state = (state + 0x6d2b79f5) >>> 0;
      let t = state;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) % bound;
    };
  }

  it('matches on 300 random ledgers', () => {
    const next = generator(20260630);
    for (let run = 0; run < 300; run += 1) {
      const year = 1999 + next(32); // spans leap and non-leap periods, including 2000
      const span = toDay(`${year + 1}-12-31`) - toDay(`${year - 2}-01-01`);
      const entries: DatedAmount[] = [];
      let debits = 0;
      const count = next(12);
      for (let i = 0; i < count; i += 1) {
        const amount = next(4) === 0 ? -(1 + next(500_000)) : 1 + next(2_000_000);
        if (amount < 0) debits -= amount;
        entries.push({ valueDate: toDate(toDay(`${year - 2}-01-01`) + next(span + 1)), amountFen: amount });
      }
      // an old enough credit keeps every end-of-day balance non-negative
      entries.push({ valueDate: `${year - 3}-05-05`, amountFen: debits + next(10_000_000) });
      const rate = next(4) === 0 ? next(10_001) : RATE;

      const expected = referenceInterest(entries, year, rate);
      const actual = computeAnnualInterest(entries, year, rate);
      expect({ run, days: actual.days, integral: actual.balanceIntegralFenDays, interest: actual.interestFen })
        .toEqual({ run, days: expected.days, integral: expected.integral, interest: expected.interest });
    }
  });
});

describe('销户结息: interest when an account is closed, by the yearly rule', () => {
  // ¥100,000.00 in the account since May 2026; 1.50% a year; 积数 × 150 ÷ 3,600,000, half up
  const balance = [{ valueDate: '2026-05-01', amountFen: 10_000_000 }];

  it('closing on 11 July after the June settlement: 1–10 July, 10 days → 1e8 fen·days → ¥41.67', () => {
    const closing = computeClosingInterest(balance, { settledThroughYear: 2026, closingDate: '2026-07-11', annualRateBasisPoints: 150 });
    expect(closing.parts).toHaveLength(1);
    expect(closing.parts[0]).toMatchObject({ periodStart: '2026-07-01', periodEnd: '2026-07-10', days: 10, balanceIntegralFenDays: 100_000_000n, interestFen: 4_167 });
    expect(closing.interestFen).toBe(4_167);
  });

  it('across 1 July with the year not yet settled: the whole year first (365 days, ¥1,520.83, credited on 30 June), then 10 days on the new balance (¥42.30)', () => {
    const entries = [{ valueDate: '2025-03-01', amountFen: 10_000_000 }];
    const closing = computeClosingInterest(entries, { settledThroughYear: 2025, closingDate: '2026-07-11', annualRateBasisPoints: 150 });
    expect(closing.parts.map((p) => [p.periodStart, p.periodEnd, p.days, p.interestFen])).toEqual([
      ['2025-07-01', '2026-06-30', 365, 152_083],
      ['2026-07-01', '2026-07-10', 10, 4_230], // (10,000,000 + 152,083) × 10 × 150 ÷ 3,600,000 = 4,230.03
    ]);
    expect(closing.interestFen).toBe(156_313);
    // the same as the yearly run followed by the closing
    const yearly = computeAnnualInterest(entries, 2026, 150).interestFen;
    const after = computeClosingInterest([...entries, { valueDate: '2026-06-30', amountFen: yearly }], { settledThroughYear: 2026, closingDate: '2026-07-11', annualRateBasisPoints: 150 });
    expect(yearly + after.interestFen).toBe(closing.interestFen);
  });

  it('through 29 February in a leap year: 1 July 2027 – 29 February 2028 is 244 days → ¥1,016.67', () => {
    const closing = computeClosingInterest([{ valueDate: '2027-01-01', amountFen: 10_000_000 }], { settledThroughYear: 2027, closingDate: '2028-03-01', annualRateBasisPoints: 150 });
    expect(closing.parts[0]).toMatchObject({ days: 244, interestFen: 101_667 });
  });

  it('a deposit during the last days earns from its own day: +¥1,000 on 6 July, 5 days', () => {
    const closing = computeClosingInterest([...balance, { valueDate: '2026-07-06', amountFen: 100_000 }], {
      settledThroughYear: 2026,
      closingDate: '2026-07-11',
      annualRateBasisPoints: 150,
    });
    expect(closing.parts[0].balanceIntegralFenDays).toBe(100_500_000n);
    expect(closing.interestFen).toBe(4_188);
  });

  it('closing on 1 July right after the settlement owes nothing more; closing before a credited year ended is refused', () => {
    expect(computeClosingInterest(balance, { settledThroughYear: 2026, closingDate: '2026-07-01', annualRateBasisPoints: 150 })).toEqual({ parts: [], interestFen: 0 });
    expect(() => computeClosingInterest(balance, { settledThroughYear: 2026, closingDate: '2026-06-01', annualRateBasisPoints: 150 })).toThrow(RangeError);
  });
});

describe('the settlement decision for one account (preview and run alike)', () => {
  const opening = { valueDate: '2025-05-01', amountFen: 1_000_000 };

  it('is due with the hand-worked interest on an account not yet credited', () => {
    // 1,000,000 fen all 365 days: 积数 365,000,000 ÷ 24,000 = 15,208.33… → 15,208 fen
    expect(decideAnnualInterest({ status: 'NORMAL' }, [opening], 2026, RATE)).toEqual({
      outcome: 'due',
      interestFen: 15_208,
      balanceIntegralFenDays: 365_000_000n,
    });
    // a sealed account still earns
    expect(decideAnnualInterest({ status: 'SEALED' }, [opening], 2026, RATE).outcome).toBe('due');
  });

  it('is settled, with the amount credited, once that year\'s INTEREST entry is in the ledger', () => {
    const credited = { valueDate: '2026-06-30', amountFen: 15_208, kind: 'INTEREST', interestYear: 2026 };
    expect(decideAnnualInterest({ status: 'NORMAL' }, [opening, credited], 2026, RATE)).toEqual({ outcome: 'settled', interestFen: 15_208 });
    // the previous year's credit does not settle this one
    const lastYear = { ...credited, valueDate: '2025-06-30', interestYear: 2025 };
    expect(decideAnnualInterest({ status: 'NORMAL' }, [opening, lastYear], 2026, RATE).outcome).toBe('due');
  });

  it('gives a closed account nothing, and an empty one zero', () => {
    expect(decideAnnualInterest({ status: 'CLOSED' }, [opening], 2026, RATE)).toEqual({ outcome: 'closed' });
    expect(decideAnnualInterest({ status: 'NORMAL' }, [], 2026, RATE)).toEqual({ outcome: 'zero', balanceIntegralFenDays: 0n });
  });
});

describe('积数 shown to staff', () => {
  it('reads fen·days as 元·天 with grouping, by text, past 2^53', () => {
    expect(formatYuanDays('165440000')).toBe('1,654,400.00 元·天');
    expect(formatYuanDays('7')).toBe('0.07 元·天');
    expect(formatYuanDays('0')).toBe('0.00 元·天');
    expect(formatYuanDays('123456789012345678901')).toBe('1,234,567,890,123,456,789.01 元·天');
  });
});
