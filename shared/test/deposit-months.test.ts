import fc from 'fast-check';
import {
  DEFAULT_POLICY,
  depositedMonthsOf,
  depositFacts,
  missedMonthRanges,
  monthlyDeposit,
  monthRanges,
  planDeposit,
  withMonth,
  type AccountRecord,
  type DepositLineFacts,
} from '../src';

const now = new Date('2026-12-01T02:00:00Z');
const fresh: AccountRecord = {
  accountNo: '810100000001',
  name: '职工1',
  idNumber: '310101199000000011',
  phone: '13900000001',
  employer: '测试单位1',
  openedOn: '2020-01-01',
  status: 'NORMAL',
  frozen: false,
  balanceFen: 0,
  depositBaseFen: 1_000_000,
  unitRateBasisPoints: 700,
  personalRateBasisPoints: 700,
  depositedMonths: [],
  continuousMonths: 0,
  missedMonths: 0,
  version: 0,
};
const due = monthlyDeposit(fresh, DEFAULT_POLICY);

/** 2023-01 … 2026-11, the months a line may name. */
const WINDOW = Array.from({ length: 47 }, (_, i) => `${2023 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`);
const lineFor = (month: string): DepositLineFacts => ({ month, unitFen: due.unitFen, personalFen: due.personalFen, name: fresh.name });

describe('the deposit facts, from the months deposited', () => {
  it('takes 缴至年月 from the latest month, counts the run that ends there, and the months missed before it', () => {
    const months = monthRanges(['2026-11', '2024-03', '2026-09', '2024-04', '2026-10', '2024-05']);
    expect(months).toEqual([['2024-03', '2024-05'], ['2026-09', '2026-11']]);
    expect(depositFacts(months)).toEqual({ paidUpTo: '2026-11', continuousMonths: 3, missedMonths: 27 });
    expect(missedMonthRanges(months)).toEqual([['2024-06', '2026-08']]);
    expect(depositFacts([])).toEqual({ continuousMonths: 0, missedMonths: 0 });
  });

  it('joins the runs when arrears (补缴) fill a gap, across a year end', () => {
    const months = withMonth([['2025-10', '2025-12'], ['2026-02', '2026-03']], '2026-01');
    expect(months).toEqual([['2025-10', '2026-03']]);
    expect(depositFacts(months)).toEqual({ paidUpTo: '2026-03', continuousMonths: 6, missedMonths: 0 });
  });

  it('reads a profile written before the months were kept as the run its paidUpTo and continuousMonths describe', () => {
    expect(depositedMonthsOf({ paidUpTo: '2026-02', continuousMonths: 14 })).toEqual([['2025-01', '2026-02']]);
    expect(depositedMonthsOf({ paidUpTo: '2026-04', continuousMonths: 0 })).toEqual([['2026-04', '2026-04']]);
    expect(depositedMonthsOf({ continuousMonths: 24 })).toEqual([]);
    expect(depositedMonthsOf({ depositedMonths: [['2026-05', '2026-06']], paidUpTo: '2026-01', continuousMonths: 9 })).toEqual([['2026-05', '2026-06']]);
  });
});

/** The account facts a sequence of postings leaves, each line planned on the account the last one left. */
function postAll(start: AccountRecord, lines: DepositLineFacts[]) {
  let account = start;
  const applied = new Set(depositedMonthsOf(start).flatMap(([first, last]) => WINDOW.filter((m) => m >= first && m <= last)));
  for (const line of lines) {
    const result = planDeposit(account, line, DEFAULT_POLICY, now);
    if (!result.ok) {
      // the only refusal here is the month posted already (a re-posted or resumed line)
      expect([result.code, applied.has(line.month)]).toEqual(['MONTH_ALREADY_DEPOSITED', true]);
      continue;
    }
    applied.add(line.month);
    account = { ...account, ...result.plan.account };
  }
  const { depositedMonths, paidUpTo, continuousMonths, missedMonths, balanceFen, version } = account;
  return { depositedMonths, paidUpTo, continuousMonths, missedMonths, balanceFen, version };
}

/** The facts by counting, independently of the ranges. */
function countedFacts(months: Set<string>) {
  const sorted = WINDOW.filter((m) => months.has(m));
  if (sorted.length === 0) return { continuousMonths: 0, missedMonths: 0 };
  const last = WINDOW.indexOf(sorted[sorted.length - 1]);
  let run = 0;
  while (last - run >= 0 && months.has(WINDOW[last - run])) run += 1;
  return { paidUpTo: WINDOW[last], continuousMonths: run, missedMonths: last - WINDOW.indexOf(sorted[0]) + 1 - sorted.length };
}

const deliveries = fc.record({
  /** Distinct months in the order they are handed over (any permutation). */
  order: fc.uniqueArray(fc.integer({ min: 0, max: WINDOW.length - 1 }), { minLength: 1, maxLength: 36 }),
  /** Where the sequence is split into batches. */
  cuts: fc.uniqueArray(fc.integer({ min: 1, max: 35 }), { maxLength: 5 }),
  /** Batches cut off after some lines (out of time) and then posted again in full. */
  interrupted: fc.array(fc.record({ batch: fc.nat(), after: fc.nat() }), { maxLength: 3 }),
  /** Batches posted again at the end. */
  reposted: fc.array(fc.nat(), { maxLength: 3 }),
  /** A profile written before the months were kept: its paid-up month (window index) and count. */
  legacy: fc.option(fc.record({ paidUpTo: fc.integer({ min: 0, max: WINDOW.length - 1 }), continuousMonths: fc.integer({ min: 0, max: 30 }) })),
});

describe('posting order does not matter', () => {
  it('gives the same 缴至年月, 连续缴存月数, missed months, balance and version for any permutation, split, re-post or interruption of the same lines', () => {
    fc.assert(
      fc.property(deliveries, ({ order, cuts, interrupted, reposted, legacy }) => {
        const start: AccountRecord = legacy
          ? { ...fresh, depositedMonths: undefined, missedMonths: undefined, paidUpTo: WINDOW[legacy.paidUpTo], continuousMonths: Math.min(legacy.continuousMonths, legacy.paidUpTo + 1) }
          : fresh;
        const lines = order.map((i) => lineFor(WINDOW[i]));
        const bounds = [0, ...cuts.filter((cut) => cut < lines.length).sort((a, b) => a - b), lines.length];
        const batches = bounds.slice(1).map((end, i) => lines.slice(bounds[i], end));
        const delivered: DepositLineFacts[] = [];
        batches.forEach((batch, index) => {
          for (const cut of interrupted.filter((it) => it.batch % batches.length === index)) delivered.push(...batch.slice(0, cut.after % (batch.length + 1)));
          delivered.push(...batch);
        });
        for (const index of reposted) delivered.push(...batches[index % batches.length]);

        const inMonthOrder = [...lines].sort((a, b) => a.month.localeCompare(b.month));
        const facts = postAll(start, delivered);
        expect(facts).toEqual(postAll(start, inMonthOrder));

        const months = new Set([...depositedMonthsOf(start).flatMap(([first, last]) => WINDOW.filter((m) => m >= first && m <= last)), ...order.map((i) => WINDOW[i])]);
        const newMonths = order.filter((i) => !depositedMonthsOf(start).some(([first, last]) => WINDOW[i] >= first && WINDOW[i] <= last)).length;
        // nothing new to post leaves the profile as it was (an old profile keeps its old shape)
        if (newMonths === 0) return void expect(facts).toEqual(postAll(start, []));
        expect(facts).toEqual({
          depositedMonths: monthRanges(months),
          ...countedFacts(months),
          balanceFen: newMonths * due.totalFen,
          version: newMonths,
        });
      }),
      { numRuns: 500 },
    );
  });

  it('is what the reported bug needed: 2026-09, -10, -11 in any order give 缴至 2026-11 and 3 continuous months', () => {
    const months = ['2026-09', '2026-10', '2026-11'];
    const orders = [[0, 1, 2], [0, 2, 1], [1, 0, 2], [1, 2, 0], [2, 0, 1], [2, 1, 0]];
    for (const order of orders) {
      expect(postAll(fresh, order.map((i) => lineFor(months[i])))).toMatchObject({ paidUpTo: '2026-11', continuousMonths: 3, missedMonths: 0, version: 3 });
    }
  });
});
