/**
 * The payout worker on DynamoDB Local with the bank simulator misbehaving: the debit's conditions
 * (a lock or limit changed mid-flight), the bank's answers classified (accepted, refused for good,
 * unknown), a lookup before any resend, 人工核查 past the policy's limits with its staff list and
 * resolution (audited in the same transaction), a worker killed between the bank and the table, a
 * poison stream record, and a sweep that is parallel, bounded in time and fair between states.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { marshall } from '@aws-sdk/util-dynamodb';
import { PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { accountLedger } from '../src/adapters/accounts-repository';
import { httpBank } from '../src/adapters/bank-client';
import { createApplication, getApplication, queueKey, type Application } from '../src/adapters/withdrawals-repository';
import { checkAccountLedger } from '../src/ledger/consistency';
import { dynamo } from '../src/platform/dynamo';
import { newApplicationId } from '../src/platform/ids';
import { keys } from '../src/platform/keys';
import { streamHandler, work } from '../src/withdrawals/payout-worker';
import { sweepPayouts } from '../src/withdrawals/reconcile-job';
import { decide, manualChecks, reconcile, resolve } from '../src/withdrawals/review';
import { detail } from '../src/withdrawals/member';
import { invoke } from '../../test-support/http';
import { usePayouts } from '../../test-support/payouts';
import { signIn } from '../../test-support/session';
import { staffToken } from '../../test-support/staff';
import { useExternalSimulators } from '../../test-support/simulators';
import { useTestTable } from '../../test-support/table';

jest.setTimeout(120_000);
const table = useTestTable({ seed: true });
const sims = useExternalSimulators();
const payouts = usePayouts(() => table.name, () => sims.bank, { maxAttempts: 3 });
const RENTER = '310100200001';
const LOAN = '310100200003';
const PAIDOFF = '310100200004';
const account = (accountNo: string) => table.members.find((m) => m.account.accountNo === accountNo)!.account;
let monthCounter = 0;
/** Each case its own calendar month, so the once-a-month marker of one never refuses another. */
const nextMonth = () => `2025-${String(++monthCounter).padStart(2, '0')}`;

/** An application accepted with no flag (秒办), written as submit writes it, due for the worker now. */
async function approved(accountNo: string, amountFen = 10_000, month = nextMonth(), status: 'APPROVED' | 'PENDING_REVIEW' = 'APPROVED'): Promise<Application> {
  const holder = account(accountNo);
  const now = new Date();
  const application: Application = {
    applicationId: newApplicationId(accountNo, now, randomBytes(4)),
    accountNo,
    memberName: holder.name,
    kind: 'RENT',
    month,
    amountFen,
    lease: { address: '上海市徐汇区漕溪北路 88 弄 3 号 601 室', landlordName: '房东甲', landlordAccount: '6222000011112222', monthlyRentFen: 300_000 },
    bankCard: holder.bankCard!,
    status,
    flags: status === 'APPROVED' ? [] : [{ code: 'SHARED_LEASE', reason: '同一租房合同近期已有其他职工申请' }],
    timeline: [{ status, at: now.toISOString(), ...(status === 'APPROVED' ? { note: '符合条件，自动审核通过' } : {}) }],
    createdAt: now.toISOString(),
    idempotencyKey: `worker-${randomBytes(6).toString('hex')}`,
    ...(status === 'APPROVED' ? { nextAttemptAt: now.toISOString() } : {}),
  };
  const created = await createApplication(table.name, application, { scope: 'RENT', key: `${accountNo}#${application.idempotencyKey}`, requestHash: 'h' });
  expect(created).toBe('created');
  return application;
}

const fresh = async (applicationId: string) => (await getApplication(table.name, applicationId, true))!;
const balance = async (accountNo: string) => (await accountLedger(table.name, accountNo))!.account.balanceFen;
const withdrawals = async (accountNo: string) => (await accountLedger(table.name, accountNo))!.entries.filter((e) => e.kind === 'WITHDRAWAL').length;
const consistent = async (accountNo: string) => checkAccountLedger((await accountLedger(table.name, accountNo))!);
const logLines = () => readFileSync(process.env.HPF_LOG_FILE!, 'utf8').split('\n');

/** Runs `change` once, just before the next transaction reaches DynamoDB: after the worker read the account. */
function beforeNextTransaction(change: () => Promise<unknown>): () => void {
  const doc = dynamo();
  const realSend = doc.send.bind(doc);
  let done = false;
  (doc as unknown as { send: typeof realSend }).send = (async (command: Parameters<typeof realSend>[0]) => {
    if (!done && command.constructor.name === 'TransactWriteCommand') {
      done = true;
      await change();
    }
    return realSend(command);
  }) as typeof realSend;
  return () => void ((doc as unknown as { send: typeof realSend }).send = realSend);
}

const setProfile = (accountNo: string, expression: string, values?: Record<string, unknown>) =>
  dynamo().send(new UpdateCommand({ TableName: table.name, Key: keys.account(accountNo), UpdateExpression: expression, ...(values ? { ExpressionAttributeValues: values } : {}) }));

afterEach(() => sims.bank.setMode('succeed'));

describe('the debit: the lock and the personal limit are conditions of the write', () => {
  it('a 提取锁 set after the worker read the account stops the debit, and nothing reaches the bank', async () => {
    const application = await approved(RENTER);
    const before = await balance(RENTER);
    const restore = beforeNextTransaction(() => setProfile(RENTER, 'SET withdrawalLocked = :on', { ':on': true }));
    try {
      expect(await payouts.work(application.applicationId)).toBe('REJECTED');
    } finally {
      restore();
      await setProfile(RENTER, 'SET withdrawalLocked = :off', { ':off': false });
    }
    expect((await fresh(application.applicationId)).rejectionReason).toContain('提取锁');
    expect(await balance(RENTER)).toBe(before);
    expect(sims.bank.sends.has(application.applicationId)).toBe(false);
    expect(await consistent(RENTER)).toEqual([]);
  });

  it('a personal limit lowered below the amount after the read stops the debit', async () => {
    const application = await approved(RENTER, 50_000);
    const restore = beforeNextTransaction(() => setProfile(RENTER, 'SET personalMonthlyLimitFen = :limit', { ':limit': 49_999 }));
    try {
      expect(await payouts.work(application.applicationId)).toBe('REJECTED');
    } finally {
      restore();
      await setProfile(RENTER, 'REMOVE personalMonthlyLimitFen');
    }
    expect((await fresh(application.applicationId)).rejectionReason).toContain('上限');
    expect(sims.bank.sends.has(application.applicationId)).toBe(false);
  });
});

describe("the bank's answers", () => {
  it('a malformed-request refusal returns the money in one transaction and tells the member in plain words', async () => {
    const before = await balance(RENTER);
    const application = await approved(RENTER, 30_000);
    sims.bank.setMode('refuse-malformed');
    expect(await payouts.work(application.applicationId)).toBe('PAYOUT_FAILED');
    expect(await balance(RENTER)).toBe(before);
    const view = await invoke(detail, { token: (await signIn('demo-renter')).token, params: { applicationId: application.applicationId } });
    expect(view.body.payoutFailure).toBe('银行没能把钱转到您的银行卡（付款信息不完整，银行退回），钱已退回您的公积金账户。请确认银行卡正常后重新申请，本月还可以再申请。');
    expect(view.body.timeline.at(-1)).toMatchObject({ status: 'PAYOUT_FAILED', note: view.body.payoutFailure });
    expect(await consistent(RENTER)).toEqual([]);
  });

  it('a 500 or a page that is not JSON is unknown: the next attempt looks the payout up before it sends, and it is paid once', async () => {
    const application = await approved(LOAN);
    sims.bank.setMode('error-500');
    expect(await payouts.work(application.applicationId)).toBe('PAYING');
    expect(await fresh(application.applicationId)).toMatchObject({ status: 'PAYING', attempts: 1 });
    sims.bank.setMode('succeed');
    // not due yet: the backoff holds it back
    await payouts.sweep(0);
    expect(await fresh(application.applicationId)).toMatchObject({ status: 'PAYING', attempts: 1 });
    await payouts.sweep();
    expect(await fresh(application.applicationId)).toMatchObject({ status: 'PAID', attempts: 2 });
    expect(sims.bank.payouts.get(application.applicationId)?.timesPaid).toBe(1);
    expect(sims.bank.sends.get(application.applicationId)).toBe(1);
  });

  it('a worker killed between the bank paying and the state write: the next attempt finds it paid and sends nothing', async () => {
    const application = await approved(PAIDOFF);
    const real = httpBank({ apiBase: sims.bank.baseUrl, timeoutMs: 1000 });
    const killed = { ...payouts.deps(), bank: { ...real, send: async (order: Parameters<typeof real.send>[0]) => {
      await real.send(order);
      throw Object.assign(new Error('worker killed'), { name: 'Killed' });
    } } };
    await expect(work(killed, await fresh(application.applicationId), new Date())).rejects.toThrow('worker killed');
    expect(await fresh(application.applicationId)).toMatchObject({ status: 'PAYING', attempts: 1 });
    await payouts.sweep();
    expect((await fresh(application.applicationId)).status).toBe('PAID');
    expect(sims.bank.sends.get(application.applicationId)).toBe(1);
    expect(sims.bank.payouts.get(application.applicationId)?.timesPaid).toBe(1);
    expect(await withdrawals(PAIDOFF)).toBeGreaterThanOrEqual(1);
    expect(await consistent(PAIDOFF)).toEqual([]);
  });
});

describe('人工核查: unknown past the policy', () => {
  it('after the policy’s attempts the payout goes to manual check: listed for staff, a metric line, looked up but never resent, resolved with its audit record', async () => {
    const before = await balance(RENTER);
    const application = await approved(RENTER, 20_000);
    sims.bank.setMode('down');
    expect(await payouts.work(application.applicationId)).toBe('PAYING');
    await payouts.sweep();
    expect((await fresh(application.applicationId)).status).toBe('PAYING');
    await payouts.sweep(70_000);
    expect(await fresh(application.applicationId)).toMatchObject({ status: 'MANUAL_CHECK', attempts: 3 });
    expect(logLines().some((line) => line.includes('"PayoutsManualCheck":1') && line.includes(application.applicationId))).toBe(true);

    const reviewer = await staffToken('reviewer.a');
    const listed = await invoke(manualChecks, { token: reviewer });
    expect(listed.status).toBe(200);
    expect(listed.body.items).toContainEqual(expect.objectContaining({ applicationId: application.applicationId, attempts: 3, amountFen: 20_000, bankCardMasked: '**** 0012' }));
    expect(listed.text).not.toContain(account(RENTER).bankCard);
    const member = await invoke(detail, { token: (await signIn('demo-renter')).token, params: { applicationId: application.applicationId } });
    expect(member.body).toMatchObject({ status: 'MANUAL_CHECK', statusLabel: '付款核查中' });

    // the bank is back but never got it: a lookup (asked for by staff) says so, and nothing is sent from 人工核查
    sims.bank.setMode('succeed');
    await invoke(reconcile, { token: reviewer, params: { applicationId: application.applicationId } });
    await payouts.sweep(70_000);
    expect((await fresh(application.applicationId)).status).toBe('MANUAL_CHECK');
    expect(sims.bank.sends.has(application.applicationId)).toBe(false);

    // staff confirm with the bank that it never left: the money comes back, audited in the same transaction
    const refused = await invoke(resolve, { token: reviewer, params: { applicationId: application.applicationId }, body: { outcome: 'NOT_PAID', reason: '已电话向银行核实，没有转出' } });
    expect(refused.status).toBe(200);
    expect(refused.body.status).toBe('PAYOUT_FAILED');
    expect(await balance(RENTER)).toBe(before);
    const day = new Date().toISOString().slice(0, 10);
    const { Items = [] } = await dynamo().send(new QueryCommand({ TableName: table.name, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': `AUDIT#${day}` } }));
    expect(Items).toContainEqual(expect.objectContaining({ actor: 'reviewer.a', action: 'withdrawal.manual-check.not_paid', target: application.applicationId }));
    const again = await invoke(resolve, { token: reviewer, params: { applicationId: application.applicationId }, body: { outcome: 'PAID', reason: '重复点击' } });
    expect(again.body.error.code).toBe('NOT_IN_MANUAL_CHECK');
    expect(await consistent(RENTER)).toEqual([]);
  });

  it('past the policy age with attempts left it goes to manual check too, and a later lookup that finds it paid settles it', async () => {
    const application = await approved(LOAN);
    sims.bank.setMode('timeout-after-paying');
    expect(await payouts.work(application.applicationId)).toBe('PAYING');
    sims.bank.setMode('down');
    await payouts.sweep(61 * 60_000);
    expect(await fresh(application.applicationId)).toMatchObject({ status: 'MANUAL_CHECK', attempts: 2 });
    sims.bank.setMode('succeed');
    // not looked up again until the manual-check interval, unless staff ask
    await payouts.sweep(62 * 60_000);
    expect((await fresh(application.applicationId)).status).toBe('MANUAL_CHECK');
    await payouts.sweep(2 * 61 * 60_000);
    expect((await fresh(application.applicationId)).status).toBe('PAID');
    expect(sims.bank.sends.get(application.applicationId)).toBe(1);
    expect(sims.bank.payouts.get(application.applicationId)?.timesPaid).toBe(1);
  });
});

describe('the confirming review decision and its audit record', () => {
  const audits = async (target: string) => {
    const { Items = [] } = await dynamo().send(
      new QueryCommand({ TableName: table.name, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': `AUDIT#${new Date().toISOString().slice(0, 10)}` } }),
    );
    return Items.filter((item) => item.target === target).map((item) => item.action);
  };

  it('commit together: a confirmation whose write fails leaves no audit record, one that succeeds leaves exactly one, and neither calls the bank', async () => {
    const a = await staffToken('reviewer.a');
    const b = await staffToken('reviewer.b');
    const lost = await approved(LOAN, 10_000, nextMonth(), 'PENDING_REVIEW');
    const params = { applicationId: lost.applicationId };
    await invoke(decide, { token: a, params, body: { decision: 'APPROVE', reason: '已电话核实' } });
    // the member withdraws it while the second reviewer is deciding: the confirmation loses, and so does its record
    const restore = beforeNextTransaction(() =>
      dynamo().send(new UpdateCommand({ TableName: table.name, Key: keys.withdrawal(LOAN, lost.applicationId), UpdateExpression: 'SET #s = :c', ExpressionAttributeNames: { '#s': 'status' }, ExpressionAttributeValues: { ':c': 'CANCELLED' } })),
    );
    try {
      expect((await invoke(decide, { token: b, params, body: { decision: 'APPROVE', reason: '复核同意' } })).body.error.code).toBe('NOT_REVIEWABLE');
    } finally {
      restore();
    }
    expect(await audits(lost.applicationId)).toEqual(['withdrawal.review.first.approve']);
    await dynamo().send(new (require('@aws-sdk/lib-dynamodb').DeleteCommand)({ TableName: table.name, Key: keys.openWithdrawal(LOAN) }));

    const kept = await approved(LOAN, 10_000, nextMonth(), 'PENDING_REVIEW');
    await invoke(decide, { token: a, params: { applicationId: kept.applicationId }, body: { decision: 'APPROVE', reason: '已电话核实' } });
    const confirmed = await invoke(decide, { token: b, params: { applicationId: kept.applicationId }, body: { decision: 'APPROVE', reason: '复核同意' } });
    expect(confirmed.body.status).toBe('APPROVED');
    expect((await audits(kept.applicationId)).sort()).toEqual(['withdrawal.review.confirm.approve', 'withdrawal.review.first.approve']);
    expect(sims.bank.sends.has(kept.applicationId)).toBe(false);
    expect(await payouts.work(kept.applicationId)).toBe('PAID');
  });
});

describe('the stream and the sweep', () => {
  it('skips and counts a poison record, and works on the records after it', async () => {
    const application = await approved(PAIDOFF);
    const item = (await dynamo().send(new QueryCommand({ TableName: table.name, KeyConditionExpression: 'pk = :pk AND sk = :sk', ExpressionAttributeValues: { ':pk': `ACCT#${PAIDOFF}`, ':sk': `WD#${application.applicationId}` } }))).Items![0];
    const record = (image: Record<string, unknown>, sequence: string): DynamoDBRecord => ({
      eventID: sequence,
      eventName: 'INSERT',
      dynamodb: { SequenceNumber: sequence, Keys: marshall({ pk: image.pk, sk: image.sk }) as never, NewImage: marshall(image, { removeUndefinedValues: true }) as never },
    });
    const poison = record({ pk: 'ACCT#310100209999', sk: 'WD#garbage', status: 'APPROVED', amountFen: 'lots' }, '100');
    const reply = await streamHandler(() => payouts.deps())({ Records: [poison, record(item, '101')] });
    expect(reply.batchItemFailures).toEqual([]);
    expect((await fresh(application.applicationId)).status).toBe('PAID');
    expect(logLines().some((line) => line.includes('"PayoutPoisonRecords":1') && line.includes('"sequenceNumber":"100"'))).toBe(true);
  });

  it('works in parallel within its bound, takes APPROVED in turn with a long PAYING queue, and stops before its time runs out', async () => {
    sims.bank.setMode('down');
    // thirty payouts the bank has not answered, all due and older than the two approvals
    const stuck: string[] = [];
    const long = new Date(Date.now() - 5 * 60_000).toISOString();
    for (let i = 0; i < 30; i += 1) {
      const accountNo = `3101002${String(90000 + i)}`;
      const applicationId = newApplicationId(accountNo, new Date(long), randomBytes(4));
      stuck.push(applicationId);
      await dynamo().send(
        new PutCommand({
          TableName: table.name,
          Item: {
            ...keys.withdrawal(accountNo, applicationId),
            ...queueKey('PAYING', { applicationId, createdAt: long }, long),
            applicationId, accountNo, memberName: '测试', kind: 'RENT', month: '2025-12', amountFen: 100, bankCard: '6222000000000001',
            lease: { address: '上海', landlordName: '房东', landlordAccount: '62220000', monthlyRentFen: 1 }, flags: [],
            status: 'PAYING', attempts: 1, nextAttemptAt: long, payingSince: new Date().toISOString(), createdAt: long,
            timeline: [{ status: 'PAYING', at: long }], idempotencyKey: applicationId,
          },
        }),
      );
    }
    const first = await approved(RENTER);
    const second = await approved(PAIDOFF);

    let inFlight = 0;
    let most = 0;
    const real = httpBank({ apiBase: sims.bank.baseUrl, timeoutMs: 1000 });
    const counting = <A extends unknown[], R>(call: (...args: A) => Promise<R>) => async (...args: A) => {
      inFlight += 1;
      most = Math.max(most, inFlight);
      try {
        return await call(...args);
      } finally {
        inFlight -= 1;
      }
    };
    const deps = { ...payouts.deps(), bank: { send: counting(real.send), lookup: counting(real.lookup) }, policy: { ...payouts.deps().policy, payout: { ...payouts.deps().policy.payout, sweepConcurrency: 3 } } };
    // the invocation's clock: plenty of time for 10 applications, then less than the reserve
    let started = 0;
    const timeLeft = () => (started++ < 10 ? 60_000 : 1_000);
    const at = new Date(Date.now() + 35_000);
    const report = await sweepPayouts(deps, () => at, timeLeft);

    expect(report.leftOver).toBe(true);
    expect((await fresh(first.applicationId)).status).not.toBe('APPROVED');
    expect((await fresh(second.applicationId)).status).not.toBe('APPROVED');
    const attempted = (await Promise.all(stuck.map(fresh))).filter((a) => a.attempts === 2).length;
    expect(attempted).toBeGreaterThan(0);
    expect(attempted).toBeLessThan(30);
    expect(most).toBeGreaterThan(1);
    expect(most).toBeLessThanOrEqual(3);
  });
});
