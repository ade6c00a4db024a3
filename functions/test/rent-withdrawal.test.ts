import { DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { CONSENT } from '../../test-support/consent';
import { chinaDate, formatCurrency } from '@hpf/shared';
import { handler as eligibility } from '../src/withdrawals/eligibility';
import { handler as submitHandler } from '../src/withdrawals/submit';
import { faceChecked, passFaceCheck, settingsChangePurpose } from '../../test-support/face';
import { cancel, list, settings as settingsHandler } from '../src/withdrawals/member';
import { decide, queue, reconcile } from '../src/withdrawals/review';
import { handler as myAccount } from '../src/account/get-account';
import { handler as myLedger } from '../src/account/get-ledger';
import { accountLedger } from '../src/adapters/accounts-repository';
import { checkAccountLedger } from '../src/ledger/consistency';
import { keys } from '../src/platform/keys';
import { invoke } from '../../test-support/http';
import { signIn } from '../../test-support/session';
import { staffToken } from '../../test-support/staff';
import { useExternalSimulators } from '../../test-support/simulators';
import { useTestTable } from '../../test-support/table';
import { usePayouts } from '../../test-support/payouts';

// every application passes a face check first (the face rules: face-checks.test.ts)
const submit = faceChecked(submitHandler, 'WITHDRAWAL');
// loosening the switches passes its face check first
const settings = faceChecked(settingsHandler, settingsChangePurpose);

jest.setTimeout(60_000);
const table = useTestTable({ seed: true });
const sims = useExternalSimulators();
const payouts = usePayouts(() => table.name, () => sims.bank);
// the property registry must answer in time even when the machine is busy (50 submissions at once):
// a registry that does not answer sends the application to review, which is another case below
beforeAll(() => {
  process.env.EXTERNAL_TIMEOUT_MS = '5000';
});
const month = chinaDate(new Date()).slice(0, 7);
const doc = () => DynamoDBDocumentClient.from(table.client);
const member = (openid: string) => table.members.find((m) => m.openid === openid)!.account;

let keyCounter = 0;
const newKey = () => `test-key-${Date.now()}-${keyCounter++}`;

function lease(overrides: Record<string, unknown> = {}) {
  return { address: '上海市徐汇区漕溪北路 88 弄 3 号 601 室', landlordName: '房东甲', landlordAccount: '6222000011112222', monthlyRentFen: 300_000, ...overrides };
}

function application(openid: string, overrides: Record<string, unknown> = {}) {
  return { month, amountFen: 150_000, lease: lease(), bankCard: member(openid).bankCard, ...overrides };
}

async function apply(token: string, body: unknown, key = newKey()) {
  return invoke(submit, { token, body, headers: { 'idempotency-key': key } });
}

/** Puts an account back to a clean state for the next case (test data only). */
async function resetAccount(accountNo: string, set: Record<string, unknown>) {
  const names = Object.fromEntries(Object.keys(set).map((k) => [`#${k}`, k]));
  const values = Object.fromEntries(Object.entries(set).map(([k, v]) => [`:${k}`, v]));
  await doc().send(
    new UpdateCommand({
      TableName: table.name,
      Key: keys.account(accountNo),
      UpdateExpression: `SET ${Object.keys(set).map((k) => `#${k} = :${k}`).join(', ')}`,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    }),
  );
}

async function consistent(accountNo: string) {
  const ledger = await accountLedger(table.name, accountNo);
  return checkAccountLedger(ledger!);
}

describe('租房提取, automatic (秒办)', () => {
  it('shows the renter what he can withdraw this month and why, before the form', async () => {
    const { token } = await signIn('demo-renter');
    const reply = await invoke(eligibility, { token });
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ month, eligible: true, maxAmountFen: 150_000, monthlyCapFen: 150_000 });
    expect(reply.body.checks.every((c: { ok: boolean }) => c.ok)).toBe(true);
  });

  it('answers APPROVED at once without calling the bank; the payout worker debits and pays; a second one the same month is refused', async () => {
    const renter = member('demo-renter');
    const { token } = await signIn('demo-renter');
    const reply = await apply(token, application('demo-renter'));
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ status: 'APPROVED', amountFen: 150_000, bankCardMasked: '**** 0012' });
    expect(reply.text).not.toContain(renter.bankCard);
    // the request neither debited nor called the bank
    expect([...sims.bank.sends.keys()]).not.toContain(reply.body.applicationId);
    expect((await invoke(myAccount, { token })).body.balanceFen).toBe(renter.balanceFen);

    expect(await payouts.work(reply.body.applicationId)).toBe('PAID');
    const paid = (await invoke(list, { token, query: { limit: '1' } })).body.withdrawals[0];
    expect(paid).toMatchObject({ applicationId: reply.body.applicationId, status: 'PAID', statusLabel: '已到账' });
    expect(paid.timeline.map((s: { status: string }) => s.status)).toEqual(['APPROVED', 'PAYING', 'PAID']);

    const account = (await invoke(myAccount, { token })).body;
    expect(account.balanceFen).toBe(renter.balanceFen - 150_000);
    const newest = (await invoke(myLedger, { token, query: { limit: '1' } })).body.entries[0];
    expect(newest).toMatchObject({ kind: 'WITHDRAWAL', amountFen: -150_000, description: `租房提取 ${month}` });
    expect([...sims.bank.payouts.values()].filter((p) => p.cardNo === renter.bankCard).map((p) => p.timesPaid)).toEqual([1]);

    const again = await apply(token, application('demo-renter', { amountFen: 10_000 }));
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: 'ALREADY_WITHDRAWN_THIS_MONTH', message: expect.stringContaining('每个自然月只能提取一次') });
    const after = (await invoke(eligibility, { token })).body;
    expect(after.eligible).toBe(false);
    expect(after.checks.find((c: { code: string }) => c.code === 'ALREADY_WITHDRAWN_THIS_MONTH').ok).toBe(false);
    expect(await consistent(renter.accountNo)).toEqual([]);
  });
});

describe('refusals, each with a code and a sentence that says what to do', () => {
  it.each([
    ['a sealed account', 'demo-sealed', 'ACCOUNT_NOT_ACTIVE'],
    ['a member with an outstanding HPF loan', 'demo-loan', 'HAS_ACTIVE_LOAN'],
    ['a member the property registry lists as owning a home', 'demo-paidoff', 'OWNS_HOME'],
  ])('refuses %s', async (_who, openid, code) => {
    const { token } = await signIn(openid);
    const reply = await apply(token, application(openid));
    expect(reply.body.error.code).toBe(code);
    expect(reply.body.error.message).toMatch(/[\u4e00-\u9fff]/);
  });

  it('refuses short deposit history, over the cap, over the balance, another card, another month', async () => {
    const chen = member('demo-new');
    const { token: chenToken } = await (async () => {
      const session = await signIn('wx-rent-chen');
      const { handler: bind } = await import('../src/auth/bind');
      const checkId = await passFaceCheck(session.token, 'BIND', { name: chen.name, idNumber: chen.idNumber });
      return (await invoke(bind, { token: session.token, body: { name: chen.name, idNumber: chen.idNumber, phone: chen.phone, consent: CONSENT }, headers: { 'face-check-id': checkId } })).body;
    })();
    await resetAccount(chen.accountNo, { continuousMonths: 2 });
    expect((await apply(chenToken, application('demo-new'))).body.error.code).toBe('DEPOSIT_MONTHS_SHORT');
    await resetAccount(chen.accountNo, { continuousMonths: chen.continuousMonths });
    expect((await apply(chenToken, application('demo-new', { amountFen: 150_001 }))).body.error.code).toBe('OVER_MONTHLY_LIMIT');
    expect((await apply(chenToken, application('demo-new', { bankCard: '6222000099998888' }))).body.error.code).toBe('BANK_CARD_NOT_ON_FILE');
    const nextMonth = month.endsWith('12') ? `${Number(month.slice(0, 4)) + 1}-01` : `${month.slice(0, 5)}${String(Number(month.slice(5)) + 1).padStart(2, '0')}`;
    expect((await apply(chenToken, application('demo-new', { month: nextMonth }))).body.error.code).toBe('WRONG_MONTH');
    await resetAccount(chen.accountNo, { balanceFen: 50_000 });
    expect((await apply(chenToken, application('demo-new', { amountFen: 49_500 }))).body.error.code).toBe('INSUFFICIENT_BALANCE');
    await resetAccount(chen.accountNo, { balanceFen: chen.balanceFen });
    // a card bound an hour ago cannot receive money yet
    await resetAccount(chen.accountNo, { bankCardBoundAt: new Date(Date.now() - 3600_000).toISOString() });
    expect((await apply(chenToken, application('demo-new'))).body.error.code).toBe('BANK_CARD_COOLING_OFF');
    await resetAccount(chen.accountNo, { bankCardBoundAt: '2024-03-01T02:00:00.000Z' });
    // 提取锁 and a personal limit
    expect((await invoke(settings, { token: chenToken, body: { locked: true }, method: 'PUT' })).status).toBe(200);
    expect((await apply(chenToken, application('demo-new'))).body.error.code).toBe('WITHDRAWAL_LOCKED');
    await invoke(settings, { token: chenToken, body: { locked: false, personalMonthlyLimitFen: 80_000 }, method: 'PUT' });
    expect((await invoke(eligibility, { token: chenToken })).body.maxAmountFen).toBe(80_000);
    expect((await apply(chenToken, application('demo-new', { amountFen: 80_001 }))).body.error.code).toBe('OVER_MONTHLY_LIMIT');
    // turning the lock off keeps the limit; null takes it off
    await invoke(settings, { token: chenToken, body: { locked: false }, method: 'PUT' });
    expect((await invoke(eligibility, { token: chenToken })).body.maxAmountFen).toBe(80_000);
    await invoke(settings, { token: chenToken, body: { personalMonthlyLimitFen: null }, method: 'PUT' });
    expect(await consistent(chen.accountNo)).toEqual([]);
  });
});

describe('exactly once', () => {
  it('a double tap (the same Idempotency-Key) yields one application; the same key with another body is refused', async () => {
    // the retiree's account is sealed on retirement; make it a depositing one for this case (test data)
    const retiree = member('demo-retiree');
    await resetAccount(retiree.accountNo, { status: 'NORMAL' });
    const bound = (await signIn('demo-retiree')).token;
    const key = newKey();
    const body = application('demo-retiree', { lease: lease({ address: '上海市黄浦区南京东路 1 号' }) });
    const replies = await Promise.all(Array.from({ length: 5 }, () => apply(bound, body, key)));
    const ids = new Set(replies.map((r) => r.body.applicationId));
    expect(replies.every((r) => r.status === 200)).toBe(true);
    expect(ids.size).toBe(1);
    await payouts.sweep();
    const history = (await invoke(list, { token: bound })).body.withdrawals;
    expect(history).toHaveLength(1);
    expect((await apply(bound, { ...body, amountFen: 100_000 }, key)).body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect((await invoke(submit, { token: bound, body })).body.error.code).toBe('IDEMPOTENCY_KEY_REQUIRED');
  });

  it('50 concurrent submissions for one member and month produce exactly one withdrawal', async () => {
    const chen = member('demo-new');
    const { token } = await signIn('wx-rent-chen');
    // each submission with a face check of its own, passed beforehand: what races here is the submissions
    const checks: string[] = [];
    for (let i = 0; i < 50; i += 1) checks.push(await passFaceCheck(token, 'WITHDRAWAL'));
    const replies = await Promise.all(
      checks.map((checkId) => invoke(submitHandler, { token, body: application('demo-new', { amountFen: 120_000 }), headers: { 'idempotency-key': newKey(), 'face-check-id': checkId } })),
    );
    const paid = replies.filter((r) => r.status === 200);
    expect(paid).toHaveLength(1);
    // the stream and a sweep may both take it up: still one debit, one payout
    await Promise.all([payouts.work(paid[0].body.applicationId), payouts.sweep(), payouts.work(paid[0].body.applicationId)]);
    expect((await payouts.work(paid[0].body.applicationId))).toBe('PAID');
    expect(replies.filter((r) => r.status !== 200).every((r) => ['APPLICATION_IN_FLIGHT', 'ALREADY_WITHDRAWN_THIS_MONTH'].includes(r.body.error.code))).toBe(true);
    const ledger = (await accountLedger(table.name, chen.accountNo))!;
    expect(ledger.entries.filter((e) => e.kind === 'WITHDRAWAL')).toHaveLength(1);
    expect(ledger.account.balanceFen).toBe(chen.balanceFen - 120_000);
    expect([...sims.bank.payouts.values()].filter((p) => p.cardNo === chen.bankCard)).toHaveLength(1);
    expect(checkAccountLedger(ledger)).toEqual([]);
  });

  it('an application checked before its twin was paid is refused when it is created after the twin freed the open marker', async () => {
    // the interleaving CI once hit among the 50: B passes the checks, A is paid and frees the open
    // marker, then B is written — the month marker A's debit wrote must refuse B
    const chen = member('demo-new');
    const { createApplication } = await import('../src/adapters/withdrawals-repository');
    const createdAt = new Date().toISOString();
    const late = {
      applicationId: `R${chen.accountNo}LATECOMER`,
      accountNo: chen.accountNo,
      memberName: chen.name,
      kind: 'RENT' as const,
      month,
      amountFen: 10_000,
      lease: lease(),
      bankCard: chen.bankCard!,
      status: 'PENDING_REVIEW' as const,
      flags: [],
      timeline: [{ status: 'PENDING_REVIEW' as const, at: createdAt }],
      createdAt,
      idempotencyKey: newKey(),
    };
    const outcome = await createApplication(table.name, late, { scope: 'RENT', key: `${chen.accountNo}#${late.idempotencyKey}`, requestHash: 'h' });
    expect(outcome).toBe('month-taken');
    expect((await invoke(list, { token: (await signIn('wx-rent-chen')).token })).body.withdrawals.map((w: { applicationId: string }) => w.applicationId)).not.toContain(late.applicationId);
  });
});

describe('payouts that fail or time out', () => {
  it('returns the money when the bank refuses, tells the member why in plain words, and the member may apply again this month', async () => {
    const retiree = member('demo-retiree');
    const { token } = await signIn('demo-retiree');
    // the double-tap case above paid the retiree this month; give him a fresh month marker state
    await doc().send(new (require('@aws-sdk/lib-dynamodb').DeleteCommand)({ TableName: table.name, Key: keys.rentMonth(retiree.accountNo, month) }));
    const before = (await invoke(myAccount, { token })).body.balanceFen;
    const body = application('demo-retiree', { amountFen: 50_000, lease: lease({ address: '上海市黄浦区南京东路 1 号' }) });
    sims.bank.setMode('fail');
    const reply = await apply(token, body);
    expect(reply.body.status).toBe('APPROVED');
    expect(await payouts.work(reply.body.applicationId)).toBe('PAYOUT_FAILED');
    sims.bank.setMode('succeed');
    const failed = (await invoke(list, { token, query: { limit: '1' } })).body.withdrawals[0];
    expect(failed.statusLabel).toContain('退回');
    expect(failed.payoutFailure).toContain('收款银行卡已销户');
    expect(failed.payoutFailure).toContain('钱已退回您的公积金账户');
    expect((await invoke(myAccount, { token })).body.balanceFen).toBe(before);
    const [reversal, debit] = (await invoke(myLedger, { token, query: { limit: '2' } })).body.entries;
    expect(debit).toMatchObject({ kind: 'WITHDRAWAL', amountFen: -50_000 });
    expect(reversal).toMatchObject({ kind: 'REVERSAL', amountFen: 50_000 });
    expect(await consistent(retiree.accountNo)).toEqual([]);

    const retry = await apply(token, body);
    expect(retry.body.status).toBe('APPROVED');
    expect(await payouts.work(retry.body.applicationId)).toBe('PAID');
  });

  it('reconciles a timed-out payout by looking it up first: paid once, whether or not the bank had paid', async () => {
    const renter = member('demo-renter');
    const reviewer = await staffToken('reviewer.a');
    for (const mode of ['timeout-after-paying', 'timeout-before-paying'] as const) {
      const { token } = await signIn('demo-renter');
      await doc().send(new (require('@aws-sdk/lib-dynamodb').DeleteCommand)({ TableName: table.name, Key: keys.rentMonth(renter.accountNo, month) }));
      const reply = await apply(token, application('demo-renter', { amountFen: 20_000 }));
      sims.bank.setMode(mode);
      expect(await payouts.work(reply.body.applicationId)).toBe('PAYING');
      sims.bank.setMode('succeed');
      // staff ask for a check: it is scheduled, not done in the request
      const asked = await invoke(reconcile, { token: reviewer, params: { applicationId: reply.body.applicationId } });
      expect(asked.body.status).toBe('PAYING');
      await payouts.sweep();
      expect((await invoke(reconcile, { token: reviewer, params: { applicationId: reply.body.applicationId } })).body.status).toBe('PAID');
      expect(sims.bank.payouts.get(reply.body.applicationId)?.timesPaid).toBe(1);
      // after a timeout that had paid, the lookup found it: nothing was sent again
      expect(sims.bank.sends.get(reply.body.applicationId)).toBe(mode === 'timeout-after-paying' ? 1 : 2);
    }
    for (const payout of sims.bank.payouts.values()) expect(payout.timesPaid).toBeLessThanOrEqual(1);
    expect(await consistent(renter.accountNo)).toEqual([]);
  });
});

describe('review (交叉复核) and the fake-lease ring', () => {
  it('sends a lease used by several members to review, and the same reviewer can never decide twice', async () => {
    const ringLease = lease({ address: '上海市宝山区某路 9 号 101 室', landlordAccount: '6222999900001111' });
    // two other members already used this lease this month (test data)
    const { rememberLeaseUse } = await import('../src/adapters/withdrawals-repository');
    await rememberLeaseUse(table.name, ringLease, '310100200002', new Date());
    await rememberLeaseUse(table.name, ringLease, '310100200003', new Date());
    const chen = member('demo-new');
    const { token } = await signIn('wx-rent-chen');
    await doc().send(new (require('@aws-sdk/lib-dynamodb').DeleteCommand)({ TableName: table.name, Key: keys.rentMonth(chen.accountNo, month) }));
    const reply = await apply(token, application('demo-new', { amountFen: 30_000, lease: ringLease }));
    expect(reply.body.status).toBe('PENDING_REVIEW');
    expect(reply.body.cancellable).toBe(true);

    const a = await staffToken('reviewer.a');
    const b = await staffToken('reviewer.b');
    const items = (await invoke(queue, { token: a })).body.items;
    const item = items.find((i: { applicationId: string }) => i.applicationId === reply.body.applicationId);
    expect(item.flags.map((f: { code: string }) => f.code)).toContain('SHARED_LEASE');
    expect(item.flags.find((f: { code: string }) => f.code === 'SHARED_LEASE').reason).toMatch(/虚假租赁/);

    const params = { applicationId: reply.body.applicationId };
    expect((await invoke(decide, { token: a, params, body: { decision: 'APPROVE', reason: '已电话核实租赁关系' } })).body.status).toBe('PENDING_REVIEW');
    const same = await invoke(decide, { token: a, params, body: { decision: 'APPROVE', reason: '再次确认' } });
    expect(same.status).toBe(409);
    expect(same.body.error.code).toBe('SAME_REVIEWER');
    const confirmed = await invoke(decide, { token: b, params, body: { decision: 'APPROVE', reason: '复核同意' } });
    // approved at once; the payout worker pays it
    expect(confirmed.body.status).toBe('APPROVED');
    expect(await payouts.work(reply.body.applicationId)).toBe('PAID');
    const paid = (await invoke(list, { token, query: { limit: '1' } })).body.withdrawals[0];
    expect(paid.timeline.map((s: { status: string }) => s.status)).toEqual(['PENDING_REVIEW', 'APPROVED', 'PAYING', 'PAID']);
    expect(paid.timeline[1]).toMatchObject({ label: '审核通过，等待付款', note: '初审通过、复核通过' });
    expect((await invoke(cancel, { token, params })).body.error.code).toBe('NOT_CANCELLABLE');
    expect(await consistent(chen.accountNo)).toEqual([]);
  });

  it('sends it to review when the property registry does not answer; the member may cancel and apply again', async () => {
    const renter = member('demo-renter');
    const { token } = await signIn('demo-renter');
    await doc().send(new (require('@aws-sdk/lib-dynamodb').DeleteCommand)({ TableName: table.name, Key: keys.rentMonth(renter.accountNo, month) }));
    await fetch(`${sims.registry.baseUrl}/_control`, { method: 'POST', body: JSON.stringify({ down: true }) });
    const reply = await apply(token, application('demo-renter', { amountFen: 10_000 }));
    await fetch(`${sims.registry.baseUrl}/_control`, { method: 'POST', body: JSON.stringify({ down: false }) });
    expect(reply.body.status).toBe('PENDING_REVIEW');
    const cancelled = await invoke(cancel, { token, params: { applicationId: reply.body.applicationId } });
    expect(cancelled.body.status).toBe('CANCELLED');
    // and may apply again
    const again = await apply(token, application('demo-renter', { amountFen: 10_000 }));
    expect(again.body.status).toBe('APPROVED');
    expect(await payouts.work(again.body.applicationId)).toBe('PAID');
    expect(formatCurrency(again.body.amountFen)).toBe('¥100.00');
  });
});
