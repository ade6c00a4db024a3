/**
 * 日清 on DynamoDB Local against the bank simulator's statements: the day's book movements come
 * from the ledger entries the real deposit batch and payout worker posted; the import matches
 * them with the statement and stores the day per bank account; injected discrepancies are each
 * found and named; notes, the maker-checker close and a closed day refusing a back-dated posting.
 */
import { applyAmount, chinaDate, DEFAULT_POLICY, ERROR_MESSAGES, idNumberCheckChar, openAccountRecord, unmatchedKey, type AccountRecord, type DayResult } from '@hpf/shared';
import { handler as openAccount } from '../src/accounts/open';
import { handler as postBatch } from '../src/deposits/handler';
import { getAccount } from '../src/adapters/accounts-repository';
import { post } from '../src/adapters/ledger-repository';
import { httpStatements } from '../src/adapters/bank-statements';
import { getDayClose, getDayResults } from '../src/adapters/reconciliation-repository';
import { dueLine } from '../src/dev/synthetic-accounts';
import { seedStaffOnly } from '../src/dev/seed';
import { addDays, importDay } from '../src/reconciliation/import';
import { approveClose, noteItem, proposeClose } from '../src/reconciliation/close';
import { approve as approveDayCloseRoute, day as reconciliationDay, note as reconciliationNote, propose as proposeDayCloseRoute } from '../src/reconciliation/staff';
import { auditRecords } from '../../test-support/audit';
import { invoke } from '../../test-support/http';
import { approvedApplication, usePayouts } from '../../test-support/payouts';
import { useExternalSimulators } from '../../test-support/simulators';
import { staffToken } from '../../test-support/staff';
import { useTestTable } from '../../test-support/table';

jest.setTimeout(60_000);
const table = useTestTable();
const sims = useExternalSimulators();
const payouts = usePayouts(() => table.name, () => sims.bank);

/** Runs `fn` with the clock (Date only) at noon in China on `date`; the simulator in this process sees it too. */
async function onDay<T>(date: string, fn: () => Promise<T>): Promise<T> {
  jest.useFakeTimers({ now: new Date(`${date}T04:00:00Z`), doNotFake: ['nextTick', 'setImmediate', 'setTimeout', 'setInterval', 'queueMicrotask', 'performance', 'hrtime'] });
  try {
    return await fn();
  } finally {
    jest.useRealTimers();
  }
}

const opening = (accountNo: string, name: string, idNumber: string) => ({
  accountNo,
  name,
  idNumber,
  phone: '13712345678',
  employer: '对账测试单位',
  openedOn: '2025-01-01',
  depositBaseFen: 1_000_000,
  unitRateBasisPoints: 1200,
  personalRateBasisPoints: 1200,
});
const idNumber = (first17: string) => `${first17}${idNumberCheckChar(first17)}`;
const A = opening('320100800001', '对账甲', idNumber('11010519900307123'));
const B = opening('320100800002', '对账乙', idNumber('11010519910408234'));
const MONTHLY_FEN = 240_000;

const today = chinaDate(new Date());
const deps = () => ({ tableName: table.name, statements: httpStatements({ apiBase: sims.bank.baseUrl, timeoutMs: 1000 }), policy: DEFAULT_POLICY });
const { collection: COLLECTION, payout: PAYOUT } = { collection: DEFAULT_POLICY.reconciliation.bankAccounts[0].accountNo, payout: DEFAULT_POLICY.reconciliation.bankAccounts[1].accountNo };
const resultOf = async (bankAccountNo: string, date: string) => (await getDayResults(table.name, [{ bankAccountNo, date }]))[0]!;
const causes = (result: DayResult) => result.unmatched.map((item) => [item.cause, item.reference ?? null]);

/** A deposit batch posted on `date` through the batch handler, and the employer's remittance of its total arriving at the bank that day. */
async function depositBatch(date: string, batchId: string, month: string, remitted = true) {
  await onDay(date, async () => {
    const token = await staffToken('deposit.clerk');
    const lines = [A, B].map((request, index) => dueLine(openAccountRecord(request, DEFAULT_POLICY), index + 1, month, DEFAULT_POLICY));
    const reply = await invoke(postBatch, { token, body: { batchId, lines } });
    expect(reply.body.counts).toMatchObject({ posted: 2 });
  });
  if (remitted) sims.bank.receive({ reference: batchId, amountFen: 2 * MONTHLY_FEN, valueDate: date });
}

/** A rent withdrawal of A's or B's, paid (or refused) through the real payout worker on `date`. */
async function payout(date: string, holder: typeof A, amountFen: number, month: string, refused = false): Promise<string> {
  return onDay(date, async () => {
    const application = await approvedApplication(table.name, holder, { amountFen, month, at: new Date() });
    sims.bank.setMode(refused ? 'fail' : 'succeed');
    try {
      expect(await payouts.work(application.applicationId, new Date())).toBe(refused ? 'PAYOUT_FAILED' : 'PAID');
    } finally {
      sims.bank.setMode('succeed');
    }
    return application.applicationId;
  });
}

beforeAll(async () => {
  await seedStaffOnly(table.client, table.name);
  const clerk = await staffToken('account.clerk');
  for (const request of [A, B]) expect((await invoke(openAccount, { token: clerk, body: request })).status).toBe(200);
});

describe('日清: a day’s statement against the books', () => {
  const day = addDays(today, -20);

  it('a day with a deposit batch, payouts and a failed payout with its reversal balances on both accounts', async () => {
    await depositBatch(day, 'RB-1', '2025-01');
    const paidA = await payout(day, A, 30_000, '2025-01');
    const paidB = await payout(day, B, 45_000, '2025-01');
    // refused by the bank: debited and given back the same day, nothing left the bank
    await payout(day, A, 20_000, '2025-02', true);

    expect(await importDay(deps(), day, new Date())).toEqual([
      { bankAccountNo: COLLECTION, status: 'BALANCED', unmatched: 0 },
      { bankAccountNo: PAYOUT, status: 'BALANCED', unmatched: 0 },
    ]);
    expect(await resultOf(COLLECTION, day)).toMatchObject({ matched: ['RB-1'], inTransit: [], unmatched: [], closingFen: 2 * MONTHLY_FEN });
    const payoutDay = await resultOf(PAYOUT, day);
    expect(payoutDay.matched.sort()).toEqual([paidA, paidB].sort());
    expect(payoutDay).toMatchObject({ inTransit: [], unmatched: [], closingFen: -75_000 });
  });

  it('a statement not yet delivered is not imported, and nothing is stored for it', async () => {
    expect(await importDay(deps(), today, new Date())).toEqual([
      { bankAccountNo: COLLECTION, status: 'NOT_READY' },
      { bankAccountNo: PAYOUT, status: 'NOT_READY' },
    ]);
    expect(await getDayResults(table.name, [{ bankAccountNo: PAYOUT, date: today }])).toEqual([undefined]);
  });
});

describe('日清: injected discrepancies are each found and named', () => {
  const day = addDays(today, -10);
  let missing: string, duplicated: string, neverMade: string;

  beforeAll(async () => {
    await depositBatch(day, 'RB-2', '2025-03');
    // the centre's books never saw this credit; a batch whose amount the bank shows a fen more
    missing = await payout(day, A, 11_000, '2025-03');
    duplicated = await payout(day, B, 12_000, '2025-03');
    neverMade = await payout(day, A, 13_000, '2025-04');
    const bank = sims.bank;
    bank.injectFault(COLLECTION, day, { kind: 'amount-off', reference: 'RB-2', deltaFen: 1 });
    bank.injectFault(COLLECTION, day, { kind: 'unknown-credit', reference: 'EMPLOYER-UNKNOWN-9', amountFen: 88_800 });
    bank.injectFault(PAYOUT, day, { kind: 'missing-line', reference: missing });
    bank.injectFault(PAYOUT, day, { kind: 'duplicate', reference: duplicated });
    bank.injectFault(PAYOUT, day, { kind: 'never-made', reference: neverMade });
  });

  it('names each on its day: the amount off by 1 fen, the unknown credit, the duplicate, the statement that does not add up', async () => {
    expect((await importDay(deps(), day, new Date())).map((o) => o.status)).toEqual(['UNMATCHED', 'UNMATCHED']);
    const collection = await resultOf(COLLECTION, day);
    expect(causes(collection)).toEqual([
      ['AMOUNT_DIFFERS', 'RB-2'],
      ['NOT_IN_BOOKS', 'EMPLOYER-UNKNOWN-9'],
    ]);
    expect(collection.unmatched[0]).toMatchObject({ bookFen: 2 * MONTHLY_FEN, statementFen: 2 * MONTHLY_FEN + 1 });
    const payoutDay = await resultOf(PAYOUT, day);
    // the missing line's amount is what the statement's own sum lacks
    expect(causes(payoutDay)).toEqual([
      ['DUPLICATE_LINE', duplicated],
      ['STATEMENT_DOES_NOT_ADD_UP', null],
    ]);
    expect(payoutDay.unmatched[1].statementFen).toBe(-11_000);
    // not on the statement yet: in transit, not missing, within the in-transit day
    expect(payoutDay.inTransit.map((m) => m.reference).sort()).toEqual([missing, neverMade].sort());
  });

  it('names the payouts the bank never showed once the in-transit days are over, with their age', async () => {
    const next = addDays(day, 1);
    expect((await importDay(deps(), next, new Date())).map((o) => o.status)).toEqual(['BALANCED', 'BALANCED']);
    expect((await resultOf(PAYOUT, next)).inTransit.map((m) => m.reference).sort()).toEqual([missing, neverMade].sort());
    const after = addDays(day, 2);
    await importDay(deps(), after, new Date());
    const named = await resultOf(PAYOUT, after);
    expect(named.unmatched.map((item) => [item.cause, item.reference, item.bookFen, item.ageDays]).sort()).toEqual(
      [
        ['NOT_ON_STATEMENT', missing, 11_000, 2],
        ['NOT_ON_STATEMENT', neverMade, 13_000, 2],
      ].sort(),
    );
    // and once only: the day after, they are no longer expected
    await importDay(deps(), addDays(day, 3), new Date());
    expect((await resultOf(PAYOUT, addDays(day, 3))).unmatched).toEqual([]);
  });
});

describe('日结: notes, the maker-checker close, and a closed day refusing a back-dated posting', () => {
  const day = addDays(today, -10); // the day of the injected discrepancies above
  const act = (actor: string) => ({ tableName: table.name, actor, requestId: `req-${actor}-${Date.now()}`, now: new Date() });
  const since = new Date();

  it('is refused while a difference has no note, proposed by one person once each has, and closed only by another', async () => {
    await expect(proposeClose(act('deposit.clerk'), DEFAULT_POLICY, day)).rejects.toMatchObject({ code: 'DAY_NOT_EXPLAINED' });
    await expect(approveClose(act('auditor'), day)).rejects.toMatchObject({ code: 'DAY_CLOSE_NOT_PROPOSED' });
    for (const bankAccountNo of [COLLECTION, PAYOUT]) {
      for (const item of (await resultOf(bankAccountNo, day)).unmatched) {
        await noteItem(act('deposit.clerk'), bankAccountNo, day, unmatchedKey(item), `已与银行核实：${item.cause}`);
      }
    }
    expect((await resultOf(PAYOUT, day)).unmatched.every((item) => item.note?.by === 'deposit.clerk')).toBe(true);
    await proposeClose(act('deposit.clerk'), DEFAULT_POLICY, day);
    await expect(approveClose(act('deposit.clerk'), day)).rejects.toMatchObject({ code: 'DAY_CLOSE_SAME_PERSON' });
    await approveClose(act('auditor'), day);
    expect(await getDayClose(table.name, day)).toMatchObject({ status: 'CLOSED', proposedBy: 'deposit.clerk', closedBy: 'auditor' });

    const audits = (await auditRecords(table, since)).filter((r) => String(r.action).startsWith('reconciliation.'));
    expect(audits.map((r) => [r.action, r.actor])).toEqual([
      ...Array.from({ length: 4 }, () => ['reconciliation.note', 'deposit.clerk']),
      ['reconciliation.close.propose', 'deposit.clerk'],
      ['reconciliation.close.approve', 'auditor'],
    ]);
  });

  it('a closed day takes no more notes and no re-import', async () => {
    const item = (await resultOf(COLLECTION, day)).unmatched[0];
    await expect(noteItem(act('deposit.clerk'), COLLECTION, day, unmatchedKey(item), '改一下')).rejects.toMatchObject({ code: 'DAY_CLOSED' });
    await expect(importDay(deps(), day, new Date())).rejects.toMatchObject({ code: 'DAY_CLOSED' });
  });

  it('refuses a posting back-dated into the closed day, and takes the same posting today', async () => {
    const credit = (postedAt: Date) =>
      post({
        tableName: table.name,
        accountNo: A.accountNo,
        postedAt,
        guards: [],
        plan: (account: AccountRecord) => ({ ok: true, plan: { entry: { kind: 'TRANSFER_IN', amountFen: 5_000, valueDate: day, description: '转入 外地公积金' }, account: applyAmount(account, 5_000) } }),
      });
    const before = await accountOf(A.accountNo);
    // a batch that started that day and ran on: it posts as of its request's time
    expect(await credit(new Date(`${day}T15:59:00Z`))).toEqual({ outcome: 'rejected', code: 'DAY_CLOSED' });
    expect(await accountOf(A.accountNo)).toMatchObject({ version: before.version, balanceFen: before.balanceFen });
    // the documented way: an adjustment posted today, its value date the day it concerns
    expect(await credit(new Date())).toMatchObject({ outcome: 'posted', balanceFen: before.balanceFen + 5_000 });
    // a day not closed still takes a late posting
    expect((await credit(new Date(`${addDays(day, 1)}T04:00:00Z`))).outcome).toBe('posted');
  });
});

async function accountOf(accountNo: string): Promise<AccountRecord> {
  return (await getAccount(table.name, accountNo, { consistent: true }))!;
}

describe('日清日结 over HTTP, for the deposit office and auditors', () => {
  const day = addDays(today, -8); // two days after the discrepancies: the payouts never shown are named here

  it('shows the day per bank account, takes a note, and closes only with a second person', async () => {
    const clerk = await staffToken('deposit.clerk');
    const auditor = await staffToken('auditor');
    const view = await invoke(reconciliationDay, { token: clerk, params: { date: day } });
    expect(view.status).toBe(200);
    const payoutBank = view.body.banks.find((bank: { roleLabel: string }) => bank.roleLabel === '付款户');
    expect(payoutBank).toMatchObject({ imported: true, status: 'UNMATCHED', statusLabel: '有 2 笔未达账项', bank: '建设银行' });
    expect(payoutBank.unmatched.map((item: { causeLabel: string; ageDays: number }) => [item.causeLabel, item.ageDays])).toEqual([
      ['账上有、银行没有（银行未入账或未付款）', 2],
      ['账上有、银行没有（银行未入账或未付款）', 2],
    ]);
    expect(view.body).toMatchObject({ close: null, closable: false });

    const refused = await invoke(proposeDayCloseRoute, { token: clerk, params: { date: day } });
    expect(refused).toMatchObject({ status: 409, body: { error: { code: 'DAY_NOT_EXPLAINED', message: ERROR_MESSAGES.DAY_NOT_EXPLAINED } } });
    for (const item of payoutBank.unmatched) {
      const noted = await invoke(reconciliationNote, { token: clerk, params: { date: day }, body: { bankAccountNo: PAYOUT, itemKey: item.key, text: '银行确认未付款，已退回职工账户' } });
      expect(noted.status).toBe(200);
    }
    expect((await invoke(proposeDayCloseRoute, { token: clerk, params: { date: day } })).body).toMatchObject({ close: { status: 'PROPOSED', statusLabel: '已提交，待复核', proposedBy: 'deposit.clerk' } });
    expect(await invoke(approveDayCloseRoute, { token: clerk, params: { date: day } })).toMatchObject({ status: 409, body: { error: { code: 'DAY_CLOSE_SAME_PERSON', message: ERROR_MESSAGES.DAY_CLOSE_SAME_PERSON } } });
    expect((await invoke(approveDayCloseRoute, { token: auditor, params: { date: day } })).body).toMatchObject({ close: { status: 'CLOSED', statusLabel: '已日结', closedBy: 'auditor', closedByLabel: '本中心 稽核科 auditor', proposedByLabel: '本中心 归集科 deposit.clerk' } });
  });

  it('refuses staff whose work this is not, and a note too short to explain anything', async () => {
    expect((await invoke(reconciliationDay, { token: await staffToken('reviewer.a'), params: { date: day } })).status).toBe(403);
    const short = await invoke(reconciliationNote, { token: await staffToken('deposit.clerk'), params: { date: addDays(day, 5) }, body: { bankAccountNo: PAYOUT, itemKey: 'x', text: '好' } });
    expect(short).toMatchObject({ status: 400, body: { error: { code: 'INVALID_REQUEST', fields: [{ path: 'text', message: '请写明这笔未达账项的原因' }] } } });
  });
});
