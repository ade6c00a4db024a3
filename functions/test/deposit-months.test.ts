/**
 * 缴至年月 and 连续缴存月数 do not depend on posting order (issue 11): several months per account in
 * one batch post in parallel, racing on the account's version; months arrive shuffled, split over
 * batches posted at the same time, re-posted, and cut off and resumed. Every account ends with the
 * same facts, and the rent rules read them.
 */
import type { Context } from 'aws-lambda';
import { DEFAULT_POLICY, monthlyDeposit, type AccountRecord, type DepositLine } from '@hpf/shared';
import { handler as postBatch } from '../src/deposits/handler';
import { handler as rentEligibility } from '../src/withdrawals/eligibility';
import { accountLedger } from '../src/adapters/accounts-repository';
import { checkAccountLedger } from '../src/ledger/consistency';
import { dueLine, syntheticAccount, writeSyntheticAccounts } from '../src/dev/synthetic-accounts';
import { apiEvent, invoke } from '../../test-support/http';
import { staffToken } from '../../test-support/staff';
import { memberSession } from '../../test-support/session';
import { useExternalSimulators } from '../../test-support/simulators';
import { useTestTable } from '../../test-support/table';

jest.setTimeout(120_000);
const table = useTestTable();
useExternalSimulators();
let clerk: string;

const [inOrder, shuffled, split, reposted, outOfTime, unanswered, withGap] = Array.from({ length: 7 }, (_, i) => syntheticAccount(i + 1, '5'));
const fresh = [inOrder, shuffled, split, reposted, outOfTime, unanswered];
const [SEP, OCT, NOV] = ['2026-09', '2026-10', '2026-11'];

beforeAll(async () => {
  const { seedStaffOnly } = await import('../src/dev/seed');
  await seedStaffOnly(table.client, table.name);
  clerk = await staffToken('deposit.clerk');
  await writeSyntheticAccounts(table.client, table.name, [...fresh, withGap]);
});

function lines(...pairs: [AccountRecord, string][]): DepositLine[] {
  return pairs.map(([account, month], i) => dueLine(account, i + 1, month, DEFAULT_POLICY));
}

type Reply = { statusCode: number; body: string };
async function post(batchId: string, batch: DepositLine[], context?: Context) {
  const reply = (await postBatch(apiEvent({ token: clerk, body: { batchId, lines: batch } }), context as Context)) as Reply;
  expect(reply.statusCode).toBe(200);
  return JSON.parse(reply.body) as { complete: boolean; counts: Record<string, number>; results: { accountNo: string; outcome: string }[] };
}

/** An invocation with time for `lines` lines: the handler asks once per line before starting it. */
function timeForLines(lines: number): Context {
  let asked = 0;
  return { getRemainingTimeInMillis: () => (++asked <= lines ? 60_000 : 1_000) } as Context;
}

async function facts(account: AccountRecord) {
  const ledger = (await accountLedger(table.name, account.accountNo))!;
  const { paidUpTo, continuousMonths, missedMonths, depositedMonths, balanceFen, version } = ledger.account;
  const months = ledger.entries.filter((e) => e.kind === 'DEPOSIT').map((e) => e.depositMonth).sort();
  return { paidUpTo, continuousMonths, missedMonths, depositedMonths, balanceFen, version, months, violations: checkAccountLedger(ledger) };
}

async function depositMonthsCheck(account: AccountRecord) {
  const token = await memberSession(`wx-months-${account.accountNo}`, account.accountNo);
  const reply = await invoke(rentEligibility, { token });
  expect(reply.status).toBe(200);
  return reply.body.checks.find((c: { code: string }) => c.code === 'DEPOSIT_MONTHS_SHORT').ok as boolean;
}

it('gives every account 缴至 2026-11 and 3 continuous months, whatever order and batches its three months came in', async () => {
  const { dynamo } = await import('../src/platform/dynamo');
  const doc = dynamo();
  const realSend = doc.send.bind(doc);
  // one write commits but its answer is lost on the way (the line comes back pending)
  (doc as unknown as { send: unknown }).send = async (command: { constructor: { name: string } }) => {
    const result = await realSend(command as never);
    const text = command.constructor.name === 'TransactWriteCommand' ? JSON.stringify(command) : '';
    if (text.includes(unanswered.accountNo) && text.includes(`DEPOSIT#${NOV}`)) throw Object.assign(new Error('socket hang up'), { name: 'TimeoutError' });
    return result;
  };
  const main = lines(
    [inOrder, SEP], [shuffled, NOV], [reposted, OCT], [unanswered, SEP], [withGap, SEP],
    [inOrder, OCT], [shuffled, SEP], [reposted, NOV], [unanswered, NOV], [split, NOV],
    [inOrder, NOV], [shuffled, OCT], [reposted, SEP], [unanswered, OCT], [withGap, NOV],
  );
  let first, other;
  try {
    // the split account's other months come in another batch, posted at the same time
    [first, other] = await Promise.all([post('B-MONTHS-1', main), post('B-MONTHS-2', lines([split, OCT], [split, SEP]))]);
  } finally {
    (doc as unknown as { send: unknown }).send = realSend;
  }
  expect(first.counts).toEqual({ posted: 14, duplicate: 0, rejected: 0, pending: 1 });
  expect(other.counts).toEqual({ posted: 2, duplicate: 0, rejected: 0, pending: 0 });

  // posted again (as the clerk does with an incomplete batch): the lost answer is found, nothing posts twice
  const again = await post('B-MONTHS-1', main);
  expect(again).toMatchObject({ complete: true, counts: { posted: 0, duplicate: 15, rejected: 0, pending: 0 } });

  // cut off when the invocation runs out of time after the first line, then resumed
  const late = lines([outOfTime, NOV], [outOfTime, OCT], [outOfTime, SEP]);
  const cut = await post('B-MONTHS-3', late, timeForLines(1));
  expect(cut).toMatchObject({ complete: false, counts: { posted: 1, pending: 2 } });
  expect(await post('B-MONTHS-3', late)).toMatchObject({ complete: true, counts: { posted: 2, duplicate: 1 } });

  for (const account of fresh) {
    expect([account.accountNo, await facts(account)]).toEqual([
      account.accountNo,
      {
        paidUpTo: NOV,
        continuousMonths: 3,
        missedMonths: 0,
        depositedMonths: [[SEP, NOV]],
        balanceFen: 3 * monthlyDeposit(account, DEFAULT_POLICY).totalFen,
        version: 3,
        months: [SEP, OCT, NOV],
        violations: [],
      },
    ]);
  }
});

it('lets the rent check pass on three continuous months, and refuses until arrears fill a gap', async () => {
  for (const account of fresh) expect([account.accountNo, await depositMonthsCheck(account)]).toEqual([account.accountNo, true]);

  // 2026-09 and 2026-11, without 2026-10: one continuous month, one missed
  expect(await facts(withGap)).toMatchObject({ paidUpTo: NOV, continuousMonths: 1, missedMonths: 1, depositedMonths: [[SEP, SEP], [NOV, NOV]] });
  expect(await depositMonthsCheck(withGap)).toBe(false);
  // 补缴 of 2026-10 joins the runs
  expect((await post('B-ARREARS', lines([withGap, OCT]))).counts.posted).toBe(1);
  expect(await facts(withGap)).toMatchObject({ paidUpTo: NOV, continuousMonths: 3, missedMonths: 0, depositedMonths: [[SEP, NOV]], violations: [] });
  expect(await depositMonthsCheck(withGap)).toBe(true);
});
