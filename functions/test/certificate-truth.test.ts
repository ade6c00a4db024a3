/**
 * Certificates that tell the truth (issue 11): every answer dated; a certificate whose facts moved
 * after issue is answered 内容已变化 with what changed (the freshness worker on the table's stream);
 * registered agencies read the whole facts of their types, by name in the member's 查验记录; counter
 * roles see the whole ID number and property address, recorded; the same request twice gives one
 * certificate; a lower-cased link verifies; the key set is cacheable.
 */
import { DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { chinaDate, DEFAULT_POLICY, type AccountRecord } from '@hpf/shared';
import { handler as agencyLogin } from '../src/agencies/login';
import { seal } from '../src/accounts/life-cycle';
import { handler as issueHandler } from '../src/certificates/issue';
import { faceChecked } from '../../test-support/face';
import { handler as list } from '../src/certificates/list';
import { handler as code } from '../src/certificates/code';
import { handler as verifications } from '../src/certificates/verifications';
import { handler as verify } from '../src/certificates/verify';
import { handler as keySet } from '../src/certificates/key-set';
import { handler as freshness } from '../src/certificates/freshness';
import { handler as postBatch } from '../src/deposits/handler';
import { handler as myAccount } from '../src/account/get-account';
import { getAccount } from '../src/adapters/accounts-repository';
import { issueCertificateRecord, listLoans, listVerifications } from '../src/adapters/certificates-repository';
import { DEMO_AGENCY_PASSWORD } from '../src/dev/demo-staff';
import { FRESHNESS_KEY_PREFIXES, startStreamPoller, type StreamPoller } from '../src/dev/stream-poller';
import { dueLine } from '../src/dev/synthetic-accounts';
import { keys } from '../src/platform/keys';
import { invoke } from '../../test-support/http';
import { signIn } from '../../test-support/session';
import { staffToken } from '../../test-support/staff';
import { useTestTable } from '../../test-support/table';

// every new certificate passes a face check first (the face rules: face-checks.test.ts)
const issue = faceChecked(issueHandler, 'ISSUE_CERTIFICATE');

// the seeded table with a stream, the stream poller and two sign-ins: slow when the whole run shares the machine
jest.setTimeout(120_000);

const table = useTestTable({ seed: true, stream: true });
const doc = () => DynamoDBDocumentClient.from(table.client);
let poller: StreamPoller;
let counter: string;
let auditor: string;

beforeAll(async () => {
  poller = await startStreamPoller({ tableName: table.name, handler: freshness, keyPrefixes: FRESHNESS_KEY_PREFIXES, intervalMs: 50 });
  [counter, auditor] = await Promise.all([staffToken('account.clerk'), staffToken('auditor')]);
});
afterAll(async () => {
  await poller?.stop();
});

let keyCount = 0;
function issueFor(token: string, body: Record<string, unknown>, idempotencyKey = `truth-key-${++keyCount}`) {
  return invoke(issue, { token, body, headers: { 'idempotency-key': idempotencyKey } });
}

async function codeFor(token: string, certificateId: string): Promise<string> {
  const reply = await invoke(code, { token, params: { certificateId } });
  expect(reply.status).toBe(200);
  return reply.body.payload;
}

async function agencyToken(username: string): Promise<string> {
  const reply = await invoke(agencyLogin, { body: { username, password: DEMO_AGENCY_PASSWORD } });
  expect(reply.status).toBe(200);
  return reply.body.token;
}

/** Posts the month after the account's paid-up month, as its employer would (this month at the latest). */
async function depositNextMonth(accountNo: string): Promise<void> {
  const account = (await getAccount(table.name, accountNo, { consistent: true })) as AccountRecord;
  const month = chinaDate(new Date()).slice(0, 7);
  const reply = await invoke(postBatch, {
    token: await staffToken('deposit.clerk'),
    body: { batchId: `TRUTH-${accountNo}-${Date.now()}`, lines: [dueLine(account, 1, month, DEFAULT_POLICY)] },
  });
  expect(reply.status).toBe(200);
  expect(reply.body.results[0].outcome).toBe('posted');
}

describe('every answer is dated', () => {
  it('the member, staff, the public and an agency all see 开具时间, 数据截至 and 有效期至', async () => {
    const renter = (await signIn('demo-renter')).token;
    const issued = await issueFor(renter, { type: 'DEPOSIT', purpose: 'HUKOU' });
    expect(issued.status).toBe(200);
    const { issuedAt, factsAsOf, expiresAt } = issued.body;
    expect(Date.parse(factsAsOf)).toBeLessThanOrEqual(Date.parse(issuedAt));
    expect(Date.parse(expiresAt) - Date.parse(issuedAt)).toBe(DEFAULT_POLICY.certificate.validDays * 86_400_000);
    expect(issued.body.changes).toEqual([]);

    const payload = await codeFor(renter, issued.body.certificateId);
    const readers = [counter, undefined, await agencyToken('hz.gjj.xihu')];
    for (const token of readers) {
      const reply = await invoke(verify, { token, body: { payload } });
      expect(reply.body.result).toBe('valid');
      expect(reply.body.certificate).toMatchObject({ issuedAt, factsAsOf, expiresAt, changes: [] });
    }
  });
});

describe('a certificate whose facts changed says so', () => {
  it('a deposit after issue: 内容已变化, what changed, and the member is offered a fresh one', async () => {
    const renter = (await signIn('demo-renter')).token;
    const first = (await issueFor(renter, { type: 'DEPOSIT', purpose: 'HOME_PURCHASE' })).body;
    const payload = await codeFor(renter, first.certificateId);
    expect((await invoke(verify, { body: { payload } })).body.result).toBe('valid');

    await depositNextMonth('310100200001');
    await poller.drain();

    const staffView = await invoke(verify, { token: counter, body: { payload } });
    expect(staffView.body).toMatchObject({ result: 'changed', resultLabel: '内容已变化' });
    expect(staffView.body.certificate.changes.map((c: { code: string }) => c.code).sort()).toEqual(['BALANCE', 'PAID_UP_TO']);
    expect(staffView.body.explanation).toMatch(/开具后账户余额已变化/);
    expect(staffView.body.explanation).toMatch(/请职工重新开具/);
    // the public answer says the same, with no amounts
    const publicView = await invoke(verify, { body: { payload } });
    expect(publicView.body.result).toBe('changed');
    expect(publicView.body.certificate.facts.balanceFen).toBeUndefined();

    // the member's list shows it, and asking again gives a new certificate with the new facts
    const listed = (await invoke(list, { token: renter })).body.certificates.find((c: { certificateId: string }) => c.certificateId === first.certificateId);
    expect(listed.changes.length).toBe(2);
    const fresh = (await issueFor(renter, { type: 'DEPOSIT', purpose: 'HOME_PURCHASE' })).body;
    expect(fresh.certificateId).not.toBe(first.certificateId);
    const account = (await invoke(myAccount, { token: renter })).body;
    expect(fresh.facts).toMatchObject({ balanceFen: account.balanceFen, paidUpTo: account.paidUpTo });
    expect((await invoke(verify, { body: { payload: await codeFor(renter, fresh.certificateId) } })).body.result).toBe('valid');

    // the 查验记录 tells the checks before the change from those after
    const checks = (await invoke(verifications, { token: renter, params: { certificateId: first.certificateId } })).body.verifications;
    expect(checks.map((c: { result: string }) => c.result)).toEqual(['changed', 'changed', 'valid']);
  });

  it('sealed after issue: 开具后账户已封存', async () => {
    const loan = (await signIn('demo-loan')).token;
    const issued = (await issueFor(loan, { type: 'DEPOSIT', purpose: 'OTHER' })).body;
    const payload = await codeFor(loan, issued.certificateId);
    const sealed = await invoke(seal, { token: counter, params: { accountNo: '310100200003' }, body: { reason: '单位办理封存' } });
    expect(sealed.status).toBe(200);
    await poller.drain();
    const reply = await invoke(verify, { token: counter, body: { payload } });
    expect(reply.body.result).toBe('changed');
    expect(reply.body.certificate.changes).toContainEqual({ code: 'ACCOUNT_STATE', label: '开具后账户已封存' });
    expect(reply.body.explanation).toContain('开具后账户已封存');
  });

  it('refuses to write a certificate from records that moved between the read and the write', async () => {
    const account = (await getAccount(table.name, '310100200004', { consistent: true })) as AccountRecord;
    const loans = await listLoans(table.name, '310100200004');
    const stale = { account: { ...account, version: account.version - 1 }, loans };
    const record = {
      certificateId: 'AAAAAAAAAAAAAAAA',
      accountNo: account.accountNo,
      type: 'DEPOSIT' as const,
      purpose: 'OTHER' as const,
      status: 'ACTIVE' as const,
      issuedAt: new Date().toISOString(),
      expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
      facts: { holderName: account.name, idNumberMasked: 'x' },
    };
    const idem = { scope: 'CERT', key: 'race-test', requestHash: 'h' };
    expect(await issueCertificateRecord(table.name, record, stale, idem, new Date())).toBe('records-moved');
    const movedLoan = { account, loans: loans.map((l) => ({ ...l, status: 'OUTSTANDING' as const })) };
    expect(await issueCertificateRecord(table.name, record, movedLoan, idem, new Date())).toBe('records-moved');
    // nothing was written
    const { Item } = await doc().send(new GetCommand({ TableName: table.name, Key: keys.certificate(record.certificateId) }));
    expect(Item).toBeUndefined();
  });
});

describe('registered agencies read the whole facts of their types', () => {
  it('another HPF centre sees a 异地贷款缴存使用证明 whole, and is named in the member’s 查验记录', async () => {
    const member = (await signIn('demo-paidoff')).token;
    const issued = await issueFor(member, { type: 'LOAN_USE', purpose: 'LOAN_ELSEWHERE', targetCityCode: '330100' });
    expect(issued.status).toBe(200);
    const payload = await codeFor(member, issued.body.certificateId);
    const hangzhou = await agencyToken('hz.gjj.xihu');
    const reply = await invoke(verify, { token: hangzhou, body: { payload } });
    expect(reply.body).toMatchObject({ result: 'valid', view: 'agency', checkedBy: '杭州住房公积金管理中心 西湖分中心' });
    expect(reply.body.certificate.facts).toMatchObject({
      holderName: '赵丽',
      depositBaseFen: 1_000_000,
      balanceFen: expect.any(Number),
      housingWithdrawals: { count: 3, totalFen: 14_500_000 },
      loanHistory: { status: 'PAID_OFF', count: 1 },
    });
    // the ID number stays masked for an agency
    expect(reply.body.certificate.facts.idNumber).toBeUndefined();
    // the public still sees the masked view
    const anyone = await invoke(verify, { body: { payload } });
    expect(anyone.body.view).toBe('public');
    expect(anyone.body.certificate.facts.balanceFen).toBeUndefined();

    const checks = (await invoke(verifications, { token: member, params: { certificateId: issued.body.certificateId } })).body;
    expect(checks.verifications.map((c: any) => [c.checkedBy, c.checkerKind])).toEqual([
      ['公众扫码', 'public'],
      ['杭州住房公积金管理中心 西湖分中心', 'agency'],
    ]);
    expect(JSON.stringify(checks)).not.toContain('hz.gjj.xihu');
  });

  it('an agency sees the masked view of types it is not registered for; a bank sees a 结清证明 with the address', async () => {
    const member = (await signIn('demo-paidoff')).token;
    const payoff = (await issueFor(member, { type: 'PAYOFF', purpose: 'OTHER' })).body;
    const payload = await codeFor(member, payoff.certificateId);
    const hangzhou = await invoke(verify, { token: await agencyToken('hz.gjj.xihu'), body: { payload } });
    expect(hangzhou.body).toMatchObject({ result: 'valid', view: 'public' });
    expect(hangzhou.body.certificate.facts.loanAmountFen).toBeUndefined();
    const bank = await invoke(verify, { token: await agencyToken('bank.pudong'), body: { payload } });
    expect(bank.body).toMatchObject({ result: 'valid', view: 'agency', checkedBy: '示范银行上海浦东分行 个人贷款中心' });
    expect(bank.body.certificate.facts).toMatchObject({ loanAmountFen: 60_000_000, propertyAddress: '上海市浦东新区锦绣路100弄5号1201室' });
  });

  it('an agency sign-in does nothing else, and a disabled one is refused at once', async () => {
    const bank = await agencyToken('bank.pudong');
    expect((await invoke(list, { token: bank })).status).toBe(403);
    expect((await invoke(seal, { token: bank, params: { accountNo: '310100200001' }, body: { reason: '试图封存' } })).status).toBe(403);
    expect((await invoke(agencyLogin, { body: { username: 'bank.pudong', password: 'wrong-password' } })).body.error.code).toBe('STAFF_LOGIN_FAILED');
    await doc().send(
      new UpdateCommand({ TableName: table.name, Key: keys.agencyUser('bank.pudong'), UpdateExpression: 'SET disabled = :yes', ExpressionAttributeValues: { ':yes': true } }),
    );
    const refused = await invoke(verify, { token: bank, body: { payload: 'HTTPS://GJJ.EXAMPLE.GOV.CN/V/AAAA' } });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('AGENCY_DISABLED');
  });
});

describe('whole values for the counter roles that need them, recorded', () => {
  it('the counter sees the whole ID number and the property address; an auditor sees them masked', async () => {
    const member = (await signIn('demo-paidoff')).token;
    const payoff = (await issueFor(member, { type: 'PAYOFF', purpose: 'HOME_PURCHASE' })).body;
    const payload = await codeFor(member, payoff.certificateId);
    const atCounter = await invoke(verify, { token: counter, body: { payload } });
    expect(atCounter.body.certificate.facts).toMatchObject({
      idNumber: expect.stringMatching(/^310115198007160062$|^31011519800716006[\dX]$/),
      propertyAddress: '上海市浦东新区锦绣路100弄5号1201室',
      propertyAddressMasked: '上海市浦东新区******',
    });
    const byAuditor = await invoke(verify, { token: auditor, body: { payload } });
    expect(byAuditor.body.view).toBe('staff');
    expect(byAuditor.body.certificate.facts.idNumber).toBeUndefined();
    expect(byAuditor.body.certificate.facts.propertyAddress).toBeUndefined();

    // each check's record says what whole values it showed, and to whom
    const checks = await listVerifications(table.name, payoff.certificateId);
    const byReader = Object.fromEntries(checks.map((check) => [check.checkedBy, check.disclosed]));
    expect(byReader).toEqual({ 'account.clerk': ['idNumber', 'propertyAddress'], auditor: [] });
    // and the member's own view never carries them
    expect(JSON.stringify(payoff)).not.toContain('锦绣路');
  });
});

describe('one certificate per request', () => {
  it('needs an Idempotency-Key; a retry with it gets the same certificate, another body with it is refused', async () => {
    const renter = (await signIn('demo-renter')).token;
    const noKey = await invoke(issue, { token: renter, body: { type: 'DEPOSIT', purpose: 'SCHOOL' } });
    expect(noKey.body.error.code).toBe('IDEMPOTENCY_KEY_REQUIRED');
    const first = await issueFor(renter, { type: 'DEPOSIT', purpose: 'SCHOOL' }, 'same-tap-0001');
    const again = await issueFor(renter, { type: 'DEPOSIT', purpose: 'SCHOOL' }, 'same-tap-0001');
    expect(again.body.certificateId).toBe(first.body.certificateId);
    const other = await issueFor(renter, { type: 'DEPOSIT', purpose: 'HUKOU' }, 'same-tap-0001');
    expect(other.status).toBe(409);
    expect(other.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('asking again for the same type and purpose while one is live returns that one', async () => {
    const renter = (await signIn('demo-renter')).token;
    const first = (await issueFor(renter, { type: 'DEPOSIT', purpose: 'SCHOOL' })).body;
    const second = (await issueFor(renter, { type: 'DEPOSIT', purpose: 'SCHOOL' })).body;
    expect(second.certificateId).toBe(first.certificateId);
    // a double tap sends one key: however the tries interleave, one certificate
    const concurrent = await Promise.all([1, 2, 3].map(() => issueFor(renter, { type: 'DEPOSIT', purpose: 'OTHER' }, 'double-tap-0001')));
    expect(concurrent.map((reply) => reply.status)).toEqual([200, 200, 200]);
    expect(new Set(concurrent.map((reply) => reply.body.certificateId)).size).toBe(1);
  });

  it('offers a 贷款结清证明 only to members who had a loan', async () => {
    const offered = async (openid: string) => (await invoke(list, { token: (await signIn(openid)).token })).body.offerable;
    expect((await offered('demo-renter')).map((o: { type: string }) => o.type)).toEqual(['DEPOSIT', 'LOAN_USE']);
    expect(await offered('demo-paidoff')).toContainEqual({ type: 'PAYOFF', typeLabel: '贷款结清证明', available: true });
    const sealed = await offered('demo-sealed');
    expect(sealed.find((o: { type: string }) => o.type === 'LOAN_USE')).toMatchObject({ available: false, reason: expect.stringContaining('正常缴存') });
  });
});

describe('small things verifiers meet', () => {
  it('a link a scanner lower-cased verifies', async () => {
    const renter = (await signIn('demo-renter')).token;
    const issued = (await issueFor(renter, { type: 'DEPOSIT', purpose: 'HUKOU' })).body;
    const payload = await codeFor(renter, issued.certificateId);
    const reply = await invoke(verify, { body: { payload: payload.toLowerCase() } });
    expect(reply.body.result).not.toBe('invalid');
  });

  it('GET /v1/keys may be cached, as the format document tells verifiers', async () => {
    const reply = await invoke(keySet);
    expect(reply.headers['cache-control']).toBe('public, max-age=3600');
  });
});
