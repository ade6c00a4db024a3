import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { applyAmount, chinaDate, DEFAULT_POLICY, idNumberCheckChar, openAccountRecord, type AccountRecord, type LedgerEntryKind } from '@hpf/shared';
import { handler as settle, preview } from '../src/interest/settle';
import { handler as openAccount } from '../src/accounts/open';
import { handler as staffAccount } from '../src/accounts/get';
import { close } from '../src/accounts/life-cycle';
import { handler as postBatch } from '../src/deposits/handler';
import { post } from '../src/adapters/ledger-repository';
import { accountLedger, allAccountLedgers, allLedgerEntries } from '../src/adapters/accounts-repository';
import { checkAccountLedger } from '../src/ledger/consistency';
import { dueLine } from '../src/dev/synthetic-accounts';
import { seedStaffOnly } from '../src/dev/seed';
import { keys } from '../src/platform/keys';
import { invoke } from '../../test-support/http';
import { staffToken } from '../../test-support/staff';
import { useTestTable } from '../../test-support/table';
import { auditRecords } from '../../test-support/audit';

// No demo members: the table holds only the accounts made here, so every settlement count is known.
const table = useTestTable();

/** Runs `fn` with the clock (Date only) at `iso`; timers, ticks and the SDK's I/O stay real. */
async function at<T>(iso: string, fn: () => Promise<T>): Promise<T> {
  jest.useFakeTimers({
    now: new Date(iso),
    doNotFake: ['nextTick', 'setImmediate', 'setTimeout', 'setInterval', 'queueMicrotask', 'performance', 'hrtime'],
  });
  try {
    return await fn();
  } finally {
    jest.useRealTimers();
  }
}

function openRequest(accountNo: string, id: string, name: string, baseFen: number, rate: number) {
  return {
    accountNo,
    name,
    idNumber: id,
    phone: '13712345678',
    employer: '结息测试单位',
    openedOn: '2025-01-01',
    depositBaseFen: baseFen,
    unitRateBasisPoints: rate,
    personalRateBasisPoints: rate,
  };
}

const idNumber = (first17: string) => `${first17}${idNumberCheckChar(first17)}`;
const P = openRequest('320100700001', idNumber('11010519900307123'), '储蓄甲', 1_000_000, 800); // 1,600.00 a month
const W = openRequest('320100700002', idNumber('11010519910408234'), '提取乙', 800_000, 500); // 800.00 a month
const C = openRequest('320100700003', idNumber('11010519920509345'), '销户丙', 800_000, 500);
const Z = openRequest('320100700004', idNumber('11010519930610456'), '空户丁', 800_000, 500);

/** A deposit line posted through the batch handler at a chosen moment (its value date is that China date). */
async function depositAt(iso: string, request: typeof P, month: string) {
  return at(iso, async () => {
    const token = await staffToken('deposit.clerk');
    const line = dueLine(openAccountRecord(request, DEFAULT_POLICY), 1, month, DEFAULT_POLICY);
    const reply = await invoke(postBatch, { token, body: { batchId: `INT-${request.accountNo}-${month}`, lines: [line] } });
    expect(reply.body.results[0]).toMatchObject({ outcome: 'posted' });
    return chinaDate(new Date());
  });
}

/** Money moved through the real posting path, for the kinds that have no handler yet (转入, 提取). */
async function postEntry(accountNo: string, kind: LedgerEntryKind, amountFen: number, valueDate: string, description: string) {
  const result = await post({
    tableName: table.name,
    accountNo,
    postedAt: new Date(`${valueDate}T02:00:00.000Z`),
    guards: [],
    plan: (account: AccountRecord) => ({
      ok: true,
      plan: { entry: { kind, amountFen, valueDate, description }, account: applyAmount(account, amountFen) },
    }),
  });
  expect(result.outcome).toBe('posted');
}

const balanceOf = async (accountNo: string) => (await accountLedger(table.name, accountNo))!.account.balanceFen;
const interestEntries = async (accountNo: string) => (await allLedgerEntries(table.name, accountNo)).filter((e) => e.kind === 'INTEREST');
const marker = async (accountNo: string, year: number) =>
  (await DynamoDBDocumentClient.from(table.client).send(new GetCommand({ TableName: table.name, Key: keys.interestYear(accountNo, year), ConsistentRead: true }))).Item;

let clerk: string;
const startedAt = new Date();

beforeAll(async () => {
  await seedStaffOnly(table.client, table.name);
  clerk = await staffToken('account.clerk');
  for (const request of [P, W, C, Z]) {
    expect((await invoke(openAccount, { token: clerk, body: request })).status).toBe(200);
  }

  // P: deposits of 1,600.00 straddling both ends of the 2026 period (2025-07-01 .. 2026-06-30).
  expect(await depositAt('2025-06-30T15:59:59.000Z', P, '2025-06')).toBe('2025-06-30'); // 23:59:59 in China: before the period
  expect(await depositAt('2025-06-30T16:00:00.000Z', P, '2025-07')).toBe('2025-07-01'); // midnight in China: the first day
  expect(await depositAt('2025-08-31T16:30:00.000Z', P, '2025-08')).toBe('2025-09-01'); // 31 Aug in UTC, 1 Sep in China
  expect(await depositAt('2026-06-30T10:00:00.000Z', P, '2025-09')).toBe('2026-06-30'); // arrears on the last day
  expect(await depositAt('2026-06-30T16:00:01.000Z', P, '2026-07')).toBe('2026-07-01'); // after the period: not this year's

  // W: a transfer in before the period, a deposit on New Year's day (China), a withdrawal mid-year.
  await postEntry(W.accountNo, 'TRANSFER_IN', 5_000_050, '2025-05-01', '转入 外地公积金');
  expect(await depositAt('2025-12-31T17:00:00.000Z', W, '2025-12')).toBe('2026-01-01');
  await postEntry(W.accountNo, 'WITHDRAWAL', -3_000_000, '2026-01-10', '提取 购房');

  // C: had money for part of the period, then withdrew it all and was closed.
  await postEntry(C.accountNo, 'TRANSFER_IN', 1_000_000, '2025-05-01', '转入 外地公积金');
  await postEntry(C.accountNo, 'WITHDRAWAL', -1_000_000, '2025-10-01', '销户提取');
  expect((await invoke(close, { token: clerk, params: { accountNo: C.accountNo }, body: { reason: '销户提取后销户' } })).body.status).toBe('CLOSED');
  // Z: opened, never paid into.
});

/*
 * Hand computation for settlement year 2026, period 2025-07-01 .. 2026-06-30 = 365 days
 * (no 29 February). Days an entry counts = from its value date to 2026-06-30, both inclusive.
 * Interest = 积数 × 1.50% ÷ 360 = 积数 × 150 ÷ 3,600,000 = 积数 ÷ 24,000, rounded half up to the fen.
 *
 * P:  160,000 dated 2025-06-30 → opening balance        160,000 × 365 =  58,400,000
 *     160,000 dated 2025-07-01 (day 1)   → 365 days     160,000 × 365 =  58,400,000
 *     160,000 dated 2025-09-01 (day 63: 31 Jul + 31 Aug + 1) → 303 days
 *                                                        160,000 × 303 =  48,480,000
 *     160,000 dated 2026-06-30 (day 365) → 1 day        160,000 ×   1 =     160,000
 *     160,000 dated 2026-07-01 → after the period, ignored
 *     积数 = 165,440,000;  ÷ 24,000 = 6,893.33… → 6,893 fen (¥68.93)
 *
 * W:  5,000,050 dated 2025-05-01 → opening balance    5,000,050 × 365 = 1,825,018,250
 *     80,000 dated 2026-01-01 (day 185: 31+31+30+31+30+31 + 1) → 181 days
 *                                                         80,000 × 181 =    14,480,000
 *     −3,000,000 dated 2026-01-10 (day 194) → 172 days  −3,000,000 × 172 =  −516,000,000
 *     积数 = 1,323,498,250;  ÷ 24,000 = 55,145.76… → 55,146 fen (¥551.46), rounded up
 *
 * C:  1,000,000 for 2025-07-01 .. 2025-09-30 would earn something, but C is closed: skipped.
 * Z:  no entries, no interest: skipped.
 */
const P_INTEREST = 6_893;
const W_INTEREST = 55_146;

describe('年度结息 (POST /v1/staff/interest-settlements)', () => {
  it('refuses a year whose period has not ended yet (China time) with 409 INTEREST_NOT_DUE', async () => {
    // 23:59:59 on 30 June in China: the 2026 period's last day is not over
    const early = await at('2026-06-30T15:59:59.000Z', async () => invoke(settle, { token: await staffToken('account.clerk'), body: { year: 2026 } }));
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('INTEREST_NOT_DUE');

    const nextYear = new Date().getUTCFullYear() + 1;
    const future = await invoke(settle, { token: clerk, body: { year: nextYear } });
    expect(future.status).toBe(409);
    expect(future.body.error.code).toBe('INTEREST_NOT_DUE');
    expect(await interestEntries(P.accountNo)).toEqual([]);
  });

  it('is for account clerks only, and takes a whole year', async () => {
    expect((await invoke(settle, { token: await staffToken('deposit.clerk'), body: { year: 2026 } })).status).toBe(403);
    expect((await invoke(settle, { body: { year: 2026 } })).status).toBe(401);
    for (const year of [2026.5, '2026', 1999]) {
      expect((await invoke(settle, { token: clerk, body: { year } })).status).toBe(400);
    }
  });

  it('previews, posting nothing, what the run will credit: the hand-computed 积数 and interest of each account, closed and empty ones apart', async () => {
    const before = await Promise.all([P, W, C, Z].map((r) => accountLedger(table.name, r.accountNo)));
    const reply = await invoke(preview, { token: await staffToken('auditor'), body: { year: 2026 } });
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({
      year: 2026,
      parts: 8,
      periodStart: '2025-07-01',
      periodEnd: '2026-06-30',
      rateBasisPoints: 150,
      complete: true,
      counts: { due: 2, settled: 0, closed: 1, zero: 1, pending: 0 },
      dueIntegralFenDays: String(165_440_000 + 1_323_498_250),
      dueInterestFen: P_INTEREST + W_INTEREST,
      rows: [
        { accountNo: P.accountNo, name: '储蓄甲', outcome: 'due', balanceIntegralFenDays: '165440000', interestFen: P_INTEREST },
        { accountNo: W.accountNo, name: '提取乙', outcome: 'due', balanceIntegralFenDays: '1323498250', interestFen: W_INTEREST },
        { accountNo: C.accountNo, name: '销户丙', outcome: 'closed' },
        { accountNo: Z.accountNo, name: '空户丁', outcome: 'zero', balanceIntegralFenDays: '0' },
      ],
      rowsTruncated: false,
    });
    const after = await Promise.all([P, W, C, Z].map((r) => accountLedger(table.name, r.accountNo)));
    expect(after).toEqual(before);
    // the parts together are the whole: each account in exactly one
    const parts = await Promise.all(Array.from({ length: 8 }, (_, part) => invoke(preview, { token: clerk, body: { year: 2026, part } })));
    expect(parts.flatMap((one) => one.body.rows.map((row: { accountNo: string }) => row.accountNo)).sort()).toEqual([P, W, C, Z].map((r) => r.accountNo));
    expect(parts.every((one, part) => one.body.part === part)).toBe(true);
    // a preview of a year not over is refused like the run; a part beyond the last is bad input; deposit clerks may not
    expect((await invoke(preview, { token: clerk, body: { year: new Date().getUTCFullYear() + 1 } })).body.error.code).toBe('INTEREST_NOT_DUE');
    expect((await invoke(preview, { token: clerk, body: { year: 2026, part: 8 } })).status).toBe(400);
    expect((await invoke(preview, { token: await staffToken('deposit.clerk'), body: { year: 2026 } })).status).toBe(403);
  });

  it('credits each account the hand-computed interest as one entry dated 30 June, skipping closed and zero-interest accounts', async () => {
    const before = { P: await balanceOf(P.accountNo), W: await balanceOf(W.accountNo) };
    expect(before).toEqual({ P: 5 * 160_000, W: 5_000_050 + 80_000 - 3_000_000 });

    const reply = await invoke(settle, { token: clerk, body: { year: 2026 } });
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({
      year: 2026,
      parts: 8,
      complete: true,
      counts: { posted: 2, duplicate: 0, skipped: 2, pending: 0 },
      totalInterestFen: P_INTEREST + W_INTEREST,
    });

    // audited before the first account was settled; each entry names the clerk and the request
    const requestIds = new Set<unknown>();
    for (const request of [P, W]) {
      const [entry] = (await interestEntries(request.accountNo)) as unknown as Record<string, unknown>[];
      expect(entry.postedBy).toBe('account.clerk');
      requestIds.add(entry.requestId);
    }
    expect(requestIds.size).toBe(1);
    const trail = (await auditRecords(table, startedAt)).filter((record) => requestIds.has(record.requestId));
    expect(trail.map((record) => record.action)).toEqual(['interest.settle', 'interest.outcome']);
    expect(trail[0]).toMatchObject({ actor: 'account.clerk', target: '2026' });
    expect(trail[1].details).toEqual({ posted: 2, duplicate: 0, skipped: 2, pending: 0, totalInterestFen: P_INTEREST + W_INTEREST });

    for (const [request, interest, balance] of [[P, P_INTEREST, before.P], [W, W_INTEREST, before.W]] as const) {
      const entries = await interestEntries(request.accountNo);
      expect(entries).toHaveLength(1);
      expect(entries[0]).toMatchObject({
        kind: 'INTEREST',
        amountFen: interest,
        valueDate: '2026-06-30',
        balanceAfterFen: balance + interest,
        description: expect.stringContaining('年度结息'),
      });
      expect(entries[0].description).toContain('2026');
      expect(await balanceOf(request.accountNo)).toBe(balance + interest);
      expect(await marker(request.accountNo, 2026)).toMatchObject({ year: 2026, interestFen: interest, entryId: entries[0].entryId });
    }

    for (const request of [C, Z]) {
      expect(await interestEntries(request.accountNo)).toEqual([]);
      expect(await marker(request.accountNo, 2026)).toBeUndefined();
      expect(await balanceOf(request.accountNo)).toBe(0);
    }
    const closed = await invoke(staffAccount, { token: clerk, params: { accountNo: C.accountNo } });
    expect(closed.body).toMatchObject({ status: 'CLOSED', balanceFen: 0 });
  });

  it('posts nothing when the same year is settled again: all duplicates, balances unchanged', async () => {
    const before = await Promise.all([P, W, C, Z].map((r) => accountLedger(table.name, r.accountNo)));
    const reply = await invoke(settle, { token: clerk, body: { year: 2026 } });
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({
      year: 2026,
      parts: 8,
      complete: true,
      counts: { posted: 0, duplicate: 2, skipped: 2, pending: 0 },
      totalInterestFen: 0,
    });
    const after = await Promise.all([P, W, C, Z].map((r) => accountLedger(table.name, r.accountNo)));
    expect(after.map((l) => [l!.account.balanceFen, l!.account.version, l!.entries.length])).toEqual(
      before.map((l) => [l!.account.balanceFen, l!.account.version, l!.entries.length]),
    );
    expect(await interestEntries(P.accountNo)).toHaveLength(1);
  });

  it('previews a settled year as settled, with what each account was credited, and nothing due', async () => {
    const reply = await invoke(preview, { token: clerk, body: { year: 2026 } });
    expect(reply.body.counts).toEqual({ due: 0, settled: 2, closed: 1, zero: 1, pending: 0 });
    expect(reply.body.dueInterestFen).toBe(0);
    expect(reply.body.rows.filter((row: { outcome: string }) => row.outcome === 'settled')).toEqual([
      { accountNo: P.accountNo, name: '储蓄甲', outcome: 'settled', interestFen: P_INTEREST },
      { accountNo: W.accountNo, name: '提取乙', outcome: 'settled', interestFen: W_INTEREST },
    ]);
  });

  it('settles one part at a time: the parts posting nothing twice and adding up to a whole run', async () => {
    // 2025 (2024-07-01 .. 2025-06-30): W held money from 2025-05-01, P from its deposit on 30 June, C is closed, Z empty
    const replies: { part: number; counts: Record<'posted' | 'duplicate' | 'skipped', number>; totalInterestFen: number }[] = [];
    for (let part = 0; part < 8; part += 1) replies.push((await invoke(settle, { token: clerk, body: { year: 2025, part } })).body);
    expect(replies.map((reply) => reply.part)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    const sum = (field: 'posted' | 'duplicate' | 'skipped') => replies.reduce((total, reply) => total + reply.counts[field], 0);
    expect([sum('posted'), sum('duplicate'), sum('skipped')]).toEqual([2, 0, 2]);
    // W: 5,000,050 fen for 2025-05-01 .. 2025-06-30 = 61 days: 积数 305,003,050 ÷ 24,000 = 12,708.46… → 12,708 fen
    // P: 160,000 fen for 1 day: 积数 160,000 ÷ 24,000 = 6.67 → 7 fen
    expect(replies.reduce((total, reply) => total + reply.totalInterestFen, 0)).toBe(12_708 + 7);
    const again = await invoke(settle, { token: clerk, body: { year: 2025 } });
    expect(again.body.counts).toEqual({ posted: 0, duplicate: 2, skipped: 2, pending: 0 });
  });

  it('leaves every ledger consistent afterwards: balance = Σ entries, gapless, hash chain intact', async () => {
    const violations = [];
    let accounts = 0;
    for await (const ledger of allAccountLedgers(table.name)) {
      accounts += 1;
      violations.push(...checkAccountLedger(ledger));
    }
    expect(accounts).toBe(4);
    expect(violations).toEqual([]);
  });
});
