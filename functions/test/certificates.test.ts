import { DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { handler as issueHandler } from '../src/certificates/issue';
import { faceChecked } from '../../test-support/face';
import { handler as list } from '../src/certificates/list';
import { handler as code } from '../src/certificates/code';
import { byMember as revokeMine, byStaff as revokeByStaff } from '../src/certificates/revoke';
import { handler as verifications } from '../src/certificates/verifications';
import { handler as verify } from '../src/certificates/verify';
import { handler as keySet } from '../src/certificates/key-set';
import { keyRing } from '../src/certificates/keys';
import { buildVerifyUrl, generateSigningKey, signToken, tokenFromVerifyUrl, verifyKeyFromJwk, verifyToken } from '../src/certificates/token';
import { config } from '../src/platform/config';
import { certificatePublicKeysOf } from '../src/dev/dev-keys';
import { keys } from '../src/platform/keys';
import { invoke } from '../../test-support/http';
import { signIn } from '../../test-support/session';
import { staffToken } from '../../test-support/staff';
import { useTestTable } from '../../test-support/table';

// every new certificate passes a face check first (the face rules: face-checks.test.ts)
const issue = faceChecked(issueHandler, 'ISSUE_CERTIFICATE');

const table = useTestTable({ seed: true });
let renter: string;
let counter: string;

beforeAll(async () => {
  renter = (await signIn('demo-renter')).token;
  counter = await staffToken('account.clerk');
});

let issueKeys = 0;
async function issueFor(token: string, body: Record<string, unknown>) {
  issueKeys += 1;
  return invoke(issue, { token, body, headers: { 'idempotency-key': `cert-test-${issueKeys}` } });
}

async function showCode(token: string, certificateId: string) {
  const reply = await invoke(code, { token, params: { certificateId } });
  expect(reply.status).toBe(200);
  return reply.body.payload as string;
}

describe('issuing the three certificates', () => {
  it('issues a 缴存证明 with the facts frozen from the account', async () => {
    const reply = await issueFor(renter, { type: 'DEPOSIT', purpose: 'HOME_PURCHASE' });
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({
      type: 'DEPOSIT',
      typeLabel: '缴存证明',
      purposeLabel: '购房',
      status: 'ACTIVE',
      facts: { holderName: '张明', accountState: 'NORMAL', monthlyDepositFen: 168_000, hasOutstandingLoan: false, employer: '星河软件科技有限公司' },
    });
    expect(reply.body.facts.idNumberMasked).toMatch(/^3101\*+\d{3}[\dX]$/);
    const days = (Date.parse(reply.body.expiresAt) - Date.parse(reply.body.issuedAt)) / 86_400_000;
    expect(days).toBe(30);
  });

  it('issues a 异地贷款缴存使用证明 with the target city, loan history and housing withdrawals', async () => {
    const loan = (await signIn('demo-loan')).token;
    const reply = await issueFor(loan, { type: 'LOAN_USE', purpose: 'LOAN_ELSEWHERE', targetCityCode: '330100' });
    expect(reply.status).toBe(200);
    expect(reply.body.facts).toMatchObject({
      targetCityCode: '330100',
      targetCity: '浙江省杭州市',
      loanHistory: { status: 'OUTSTANDING', count: 1 },
      housingWithdrawals: { count: 5, totalFen: 15_000_000 },
      hasOutstandingLoan: true,
    });
  });

  it('issues a 贷款结清证明 only where a paid-off loan exists, with the property masked', async () => {
    const paidOff = (await signIn('demo-paidoff')).token;
    const reply = await issueFor(paidOff, { type: 'PAYOFF', purpose: 'OTHER' });
    expect(reply.status).toBe(200);
    expect(reply.body.facts).toMatchObject({
      holderName: '赵丽',
      loanContractNo: 'GJJ2016310100452',
      loanAmountFen: 60_000_000,
      loanStartDate: '2016-05-10',
      loanPayoffDate: '2025-12-20',
      propertyAddressMasked: '上海市浦东新区******',
    });
    expect(reply.text).not.toContain('锦绣路');

    const refused = await issueFor(renter, { type: 'PAYOFF', purpose: 'OTHER' });
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: 'NO_PAID_OFF_LOAN', message: expect.stringContaining('结清') });
  });

  it('refuses a loan-use certificate for a sealed account, and one without a target city', async () => {
    const sealed = (await signIn('demo-sealed')).token;
    const refused = await issueFor(sealed, { type: 'LOAN_USE', purpose: 'LOAN_ELSEWHERE', targetCityCode: '320500' });
    expect(refused.body.error.code).toBe('CERT_NEEDS_NORMAL_ACCOUNT');
    const noCity = await issueFor(renter, { type: 'LOAN_USE', purpose: 'LOAN_ELSEWHERE' });
    expect(noCity.status).toBe(400);
    expect(noCity.body.error.fields).toEqual([{ path: 'targetCityCode', message: '请选择贷款所在城市' }]);
    // a sealed account still gets a 缴存证明, which says it is sealed
    const deposit = await issueFor(sealed, { type: 'DEPOSIT', purpose: 'HUKOU' });
    expect(deposit.body.facts).toMatchObject({ accountState: 'SEALED', accountStateLabel: '封存', monthlyDepositFen: 0 });
  });

  it("lists the member's own certificates, newest first", async () => {
    const reply = await invoke(list, { token: renter });
    expect(reply.status).toBe(200);
    const issued = reply.body.certificates.map((c: { issuedAt: string }) => c.issuedAt);
    expect(issued.length).toBeGreaterThanOrEqual(1);
    expect([...issued].sort().reverse()).toEqual(issued);
  });
});

describe('showing and verifying the code', () => {
  let certificateId: string;
  beforeAll(async () => {
    certificateId = (await issueFor(renter, { type: 'DEPOSIT', purpose: 'SCHOOL' })).body.certificateId;
  });

  it('gives a QR payload in alphanumeric mode that staff verify as 真实有效 with the full facts', async () => {
    const payload = await showCode(renter, certificateId);
    expect(payload).toMatch(/^HTTPS:\/\/GJJ\.EXAMPLE\.GOV\.CN\/V\/[A-Z2-7]+$/);
    const reply = await invoke(verify, { token: counter, body: { payload } });
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ result: 'valid', resultLabel: '真实有效', view: 'staff' });
    expect(reply.body.certificate.facts).toMatchObject({ holderName: '张明', balanceFen: expect.any(Number), depositBaseFen: 1_200_000 });
  });

  it('shows the public (no token) a masked subset: no amounts, the name masked', async () => {
    const payload = await showCode(renter, certificateId);
    const reply = await invoke(verify, { body: { payload: payload.toLowerCase().replace(/\/v\/.*/, '') + '/V/' + payload.split('/V/')[1] } });
    expect(reply.body).toMatchObject({ result: 'valid', view: 'public' });
    const facts = reply.body.certificate.facts;
    expect(facts.holderName).toBe('*明');
    expect(facts.balanceFen).toBeUndefined();
    expect(facts.depositBaseFen).toBeUndefined();
    expect(facts.accountStateLabel).toBe('正常');
  });

  it('refuses a code shown more than two minutes ago (a forwarded screenshot) as 已过期', async () => {
    const signer = keyRing(config().certificateKeys()).signer;
    const shownAt = Math.floor(Date.now() / 1000) - 121;
    const stale = signToken({ certificateId, type: 'DEPOSIT', issuedAt: shownAt, notBefore: shownAt, expiresAt: shownAt + 120 }, signer);
    const reply = await invoke(verify, { token: counter, body: { payload: buildVerifyUrl(config().verifyBaseUrl, stale) } });
    expect(reply.body).toMatchObject({ result: 'expired', resultLabel: '已过期' });
    expect(reply.body.explanation).toMatch(/重新打开/);
    expect(reply.body.certificate).toBeUndefined();
  });

  it('refuses every altered payload as 无效, never with a server error', async () => {
    const payload = await showCode(renter, certificateId);
    const token = tokenFromVerifyUrl(payload)!;
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
    for (let position = 0; position < token.length; position += 7) {
      const replacement = alphabet[(alphabet.indexOf(token[position]) + 13) % 32];
      const altered = `${token.slice(0, position)}${replacement}${token.slice(position + 1)}`;
      // as counter staff: this many checks in a minute is over the public allowance
      const reply = await invoke(verify, { token: counter, body: { payload: buildVerifyUrl(config().verifyBaseUrl, altered) } });
      expect(reply.status).toBe(200);
      expect(reply.body.result).toBe('invalid');
    }
    for (const junk of ['hello', 'HTTPS://EVIL.EXAMPLE/V/AAAA', token.slice(0, -1), `${token}A`]) {
      expect((await invoke(verify, { token: counter, body: { payload: junk } })).body.result).toBe('invalid');
    }
  });

  it('limits how fast one address (or one staff member) can check codes, so forged codes cannot be tried at speed', async () => {
    const { publicMaxPerWindow, staffMaxPerWindow, windowSeconds } = config().policy.verify;
    const payload = await showCode(renter, certificateId);
    const probe = (token: string) => buildVerifyUrl(config().verifyBaseUrl, `${token.slice(0, -3)}AAA`);
    // start at a fresh window so the whole burst falls in one
    const intoWindow = (Math.floor(Date.now() / 1000) % windowSeconds) * 1000;
    if (intoWindow > (windowSeconds - 15) * 1000) await new Promise((r) => setTimeout(r, windowSeconds * 1000 - intoWindow + 100));
    const prober = '203.0.113.7';
    const answers = await Promise.all(
      Array.from({ length: publicMaxPerWindow + 5 }, () => invoke(verify, { sourceIp: prober, body: { payload: probe(tokenFromVerifyUrl(payload)!) } })),
    );
    expect(answers.filter((a) => a.status === 200)).toHaveLength(publicMaxPerWindow);
    const refused = answers.filter((a) => a.status === 429);
    expect(refused).toHaveLength(5);
    expect(refused[0].body.error).toMatchObject({ code: 'RATE_LIMITED', message: expect.stringContaining('太频繁') });
    // a genuine code is not held back by its reader's address: it counts against its own certificate
    expect((await invoke(verify, { sourceIp: prober, body: { payload } })).body.result).toBe('valid');
    expect((await invoke(verify, { sourceIp: '198.51.100.2', body: { payload } })).body.result).toBe('valid');
    expect((await invoke(verify, { sourceIp: prober, token: counter, body: { payload } })).body.result).toBe('valid');
    expect(staffMaxPerWindow).toBeGreaterThan(publicMaxPerWindow);
  }, 60_000);

  it('limits how often one certificate can be checked in a minute; a refused check records nothing', async () => {
    const { certificateMaxPerWindow, windowSeconds } = config().policy.verify;
    const id = (await issueFor(renter, { type: 'DEPOSIT', purpose: 'HUKOU' })).body.certificateId;
    const intoWindow = (Math.floor(Date.now() / 1000) % windowSeconds) * 1000;
    if (intoWindow > (windowSeconds - 15) * 1000) await new Promise((r) => setTimeout(r, windowSeconds * 1000 - intoWindow + 100));
    const payload = await showCode(renter, id);
    const answers = await Promise.all(
      Array.from({ length: certificateMaxPerWindow + 3 }, (_, i) => invoke(verify, { sourceIp: `192.0.2.${i + 1}`, body: { payload } })),
    );
    expect(answers.filter((a) => a.status === 200 && a.body.result === 'valid')).toHaveLength(certificateMaxPerWindow);
    const refused = answers.filter((a) => a.status === 429);
    expect(refused).toHaveLength(3);
    expect(refused[0].body.certificate).toBeUndefined();
    expect(refused[0].text).not.toContain('张明');
    // exactly the answered checks are in the 查验记录
    expect((await invoke(verifications, { token: renter, params: { certificateId: id } })).body.verifications).toHaveLength(certificateMaxPerWindow);
  }, 60_000);

  it('refuses a code signed by a key the centre does not publish', async () => {
    const now = Math.floor(Date.now() / 1000);
    const forged = signToken({ certificateId, type: 'DEPOSIT', issuedAt: now, notBefore: now, expiresAt: now + 120 }, generateSigningKey('beef'));
    const reply = await invoke(verify, { body: { payload: buildVerifyUrl(config().verifyBaseUrl, forged) } });
    expect(reply.body.result).toBe('invalid');
  });

  it('keeps codes signed before a key rotation verifiable while the old key is still published', async () => {
    const before = await showCode(renter, certificateId);
    const oldKeys = JSON.parse(process.env.CERT_SIGNING_KEYS!);
    const fresh = generateSigningKey('a0a0');
    const rotated = JSON.stringify([
      { kid: 'a0a0', privateKeyPem: fresh.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString() },
      ...oldKeys,
    ]);
    const saved = { signing: process.env.CERT_SIGNING_KEYS, published: process.env.CERT_PUBLIC_KEYS };
    await jest.isolateModulesAsync(async () => {
      // the new key signs; both are published, as the SSM parameter would be during the rotation
      process.env.CERT_SIGNING_KEYS = rotated;
      process.env.CERT_PUBLIC_KEYS = certificatePublicKeysOf(rotated);
      const rotatedVerify = (await import('../src/certificates/verify')).handler;
      const rotatedCode = (await import('../src/certificates/code')).handler;
      expect((await invoke(rotatedVerify, { body: { payload: before } })).body.result).toBe('valid');
      const after = (await invoke(rotatedCode, { token: renter, params: { certificateId } })).body.payload;
      expect(verifyToken(tokenFromVerifyUrl(after)!, (kid) => (kid === 'a0a0' ? { keyId: kid, publicKey: require('node:crypto').createPublicKey(fresh.privateKey) } : undefined)).ok).toBe(true);
    });
    await jest.isolateModulesAsync(async () => {
      process.env.CERT_SIGNING_KEYS = JSON.stringify([{ kid: 'a0a0', privateKeyPem: fresh.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString() }]);
      process.env.CERT_PUBLIC_KEYS = certificatePublicKeysOf(process.env.CERT_SIGNING_KEYS);
      const retiredVerify = (await import('../src/certificates/verify')).handler;
      expect((await invoke(retiredVerify, { body: { payload: before } })).body.result).toBe('invalid');
    });
    process.env.CERT_SIGNING_KEYS = saved.signing;
    process.env.CERT_PUBLIC_KEYS = saved.published;
  });

  it('shows no code signed by a key whose public half is not published (the signer refuses at its start)', async () => {
    const saved = process.env.CERT_PUBLIC_KEYS;
    await jest.isolateModulesAsync(async () => {
      process.env.CERT_PUBLIC_KEYS = certificatePublicKeysOf(JSON.stringify([{ kid: 'beef', privateKeyPem: generateSigningKey('beef').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString() }]));
      const unpublishedCode = (await import('../src/certificates/code')).handler;
      const reply = await invoke(unpublishedCode, { token: renter, params: { certificateId } });
      expect(reply.status).toBe(500);
      expect(reply.body.error.code).toBe('INTERNAL');
    });
    process.env.CERT_PUBLIC_KEYS = saved;
  });

  it('publishes the public keys, and a code verifies offline against them', async () => {
    const published = (await invoke(keySet)).body.keys;
    expect(published[0]).toMatchObject({ kty: 'OKP', crv: 'Ed25519', alg: 'EdDSA', use: 'sig' });
    expect(JSON.stringify(published)).not.toMatch(/"d"/);
    const token = tokenFromVerifyUrl(await showCode(renter, certificateId))!;
    const ring = new Map(published.map((jwk: any) => [jwk.kid, verifyKeyFromJwk(jwk)]));
    expect(verifyToken(token, (kid) => ring.get(kid) as any)).toMatchObject({ ok: true, claims: { certificateId, type: 'DEPOSIT' } });
  });
});

describe('revoking, expiry and 查验记录', () => {
  it('refuses a revoked certificate, by the member or by staff, and stops new codes for it', async () => {
    const mine = (await issueFor(renter, { type: 'DEPOSIT', purpose: 'OTHER' })).body.certificateId;
    const payload = await showCode(renter, mine);
    const revoked = await invoke(revokeMine, { token: renter, params: { certificateId: mine } });
    expect(revoked.body.status).toBe('REVOKED');
    expect((await invoke(verify, { token: counter, body: { payload } })).body).toMatchObject({ result: 'revoked', resultLabel: '已撤销' });
    expect((await invoke(code, { token: renter, params: { certificateId: mine } })).body.error.code).toBe('CERT_REVOKED');
    expect((await invoke(revokeMine, { token: renter, params: { certificateId: mine } })).body.error.code).toBe('CERT_REVOKED');

    const other = (await issueFor(renter, { type: 'DEPOSIT', purpose: 'OTHER' })).body.certificateId;
    const byStaff = await invoke(revokeByStaff, { token: counter, params: { certificateId: other }, body: { reason: '职工申请作废' } });
    expect(byStaff.body.status).toBe('REVOKED');
  });

  it('refuses a certificate past its 30 days, even with a fresh code', async () => {
    const id = (await issueFor(renter, { type: 'DEPOSIT', purpose: 'OTHER' })).body.certificateId;
    const payload = await showCode(renter, id);
    await DynamoDBDocumentClient.from(table.client).send(
      new UpdateCommand({
        TableName: table.name,
        Key: keys.certificate(id),
        UpdateExpression: 'SET expiresAt = :past',
        ExpressionAttributeValues: { ':past': new Date(Date.now() - 1000).toISOString() },
      }),
    );
    expect((await invoke(verify, { body: { payload } })).body.result).toBe('expired');
    expect((await invoke(code, { token: renter, params: { certificateId: id } })).body.error.code).toBe('CERT_EXPIRED');
  });

  it("lets the member see who checked the certificate and when; no one else's certificate", async () => {
    const id = (await issueFor(renter, { type: 'DEPOSIT', purpose: 'OTHER' })).body.certificateId;
    const payload = await showCode(renter, id);
    await invoke(verify, { token: counter, body: { payload } });
    await invoke(verify, { body: { payload } });
    const reply = await invoke(verifications, { token: renter, params: { certificateId: id } });
    // named by kind and office, never by a login name
    expect(reply.body.verifications.map((v: any) => [v.checkedBy, v.checkerKind, v.resultLabel])).toEqual([
      ['公众扫码', 'public', '真实有效'],
      ['本中心 营业部柜台', 'staff', '真实有效'],
    ]);
    expect(reply.text).not.toContain('account.clerk');
    const stranger = (await signIn('demo-loan')).token;
    expect((await invoke(verifications, { token: stranger, params: { certificateId: id } })).body.error.code).toBe('CERT_NOT_FOUND');
    expect((await invoke(code, { token: stranger, params: { certificateId: id } })).body.error.code).toBe('CERT_NOT_FOUND');
    expect((await invoke(revokeMine, { token: stranger, params: { certificateId: id } })).body.error.code).toBe('CERT_NOT_FOUND');
  });
});
