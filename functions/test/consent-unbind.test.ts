/**
 * 隐私政策, the separate consent (单独同意) and 解除绑定, against DynamoDB Local: binding needs the
 * consent to the notice in force and keeps it with its version and time; a new notice version asks
 * again; unbinding (with or without withdrawing consent) ends every session of that WeChat user at
 * once — reads and changes alike — and leaves the account, its balance and ledger as they were.
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { DEFAULT_PRIVACY_NOTICE } from '@hpf/shared';
import { handler as bindHandler } from '../src/auth/bind';
import { handler as unbind } from '../src/auth/unbind';
import { handler as wechatLogin } from '../src/auth/wechat-login';
import { handler as myAccount } from '../src/account/get-account';
import { handler as myLedger } from '../src/account/get-ledger';
import { detail as myWithdrawal, cancel as cancelWithdrawal } from '../src/withdrawals/member';
import { agreeConsent, myConsent, privacyNotice } from '../src/consent/handlers';
import { listConsents } from '../src/adapters/bindings-repository';
import { dynamo } from '../src/platform/dynamo';
import { keys } from '../src/platform/keys';
import { hashIdNumber } from '../src/platform/id-hash';
import { CONSENT } from '../../test-support/consent';
import { faceChecked } from '../../test-support/face';
import { invoke } from '../../test-support/http';
import { signIn } from '../../test-support/session';
import { useTestTable } from '../../test-support/table';

const table = useTestTable({ seed: true });
const bind = faceChecked(bindHandler, 'BIND', (body) => ({ name: body?.name, idNumber: body?.idNumber }));
const member = (openid: string) => table.members.find((m) => m.openid === openid)!.account;
const person = (openid: string) => ({ name: member(openid).name, idNumber: member(openid).idNumber, phone: member(openid).phone });

async function item(key: { pk: string; sk: string }) {
  return (await dynamo().send(new GetCommand({ TableName: table.name, Key: key }))).Item;
}

describe('隐私政策 and the separate consent at binding', () => {
  it('serves the notice in force with its version and the sensitive information the separate consent covers', async () => {
    const reply = await invoke(privacyNotice);
    expect(reply.status).toBe(200);
    expect(reply.body.version).toBe(DEFAULT_PRIVACY_NOTICE.version);
    expect(reply.body.sensitive.map((s: { item: string }) => s.item)).toEqual(['身份证号码', '人脸信息']);
    expect(reply.headers['cache-control']).toContain('max-age=600');
  });

  it('binds only with the separate consent to the notice in force, and keeps the consent with its version and time', async () => {
    const { token } = await signIn('demo-new');
    const chen = person('demo-new');
    const refusals = [
      { body: chen, code: 'INVALID_REQUEST', status: 400 },
      { body: { ...chen, consent: { noticeVersion: DEFAULT_PRIVACY_NOTICE.version, sensitiveConsent: false } }, code: 'INVALID_REQUEST', status: 400 },
      { body: { ...chen, consent: { noticeVersion: '2020-01-01', sensitiveConsent: true } }, code: 'CONSENT_OUTDATED', status: 409 },
    ];
    for (const { body, code, status } of refusals) {
      const reply = await invoke(bind, { token, body });
      expect([reply.status, reply.body.error.code]).toEqual([status, code]);
    }
    const missing = await invoke(bind, { token, body: chen });
    expect(missing.body.error.fields).toEqual([{ path: 'consent', message: '请先阅读隐私政策，并单独同意处理身份证号码和人脸信息' }]);
    const unticked = await invoke(bind, { token, body: { ...chen, consent: { noticeVersion: DEFAULT_PRIVACY_NOTICE.version, sensitiveConsent: false } } });
    expect(unticked.body.error.fields).toEqual([{ path: 'consent.sensitiveConsent', message: '请单独同意处理身份证号码和人脸信息' }]);
    // refused, nothing written
    expect(await item(keys.binding('demo-new'))).toBeUndefined();
    expect(await listConsents(table.name, 'demo-new')).toEqual([]);

    const bound = await invoke(bind, { token, body: { ...chen, consent: CONSENT } });
    expect(bound.status).toBe(200);
    const mine = await invoke(myConsent, { token: bound.body.token });
    expect(mine.status).toBe(200);
    expect(mine.body).toEqual({
      currentVersion: DEFAULT_PRIVACY_NOTICE.version,
      current: true,
      records: [{ noticeVersion: DEFAULT_PRIVACY_NOTICE.version, agreedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/), sensitiveItems: ['身份证号码', '人脸信息'] }],
    });
  });
});

describe('解除绑定', () => {
  it('ends every session of the WeChat user at once, for reads and changes, and leaves the account as it was', async () => {
    const openid = 'demo-renter';
    const [phone, tablet] = [await signIn(openid), await signIn(openid)];
    const before = await invoke(myAccount, { token: phone.token });
    expect(before.status).toBe(200);
    const ledgerBefore = (await invoke(myLedger, { token: phone.token })).body;
    const profileBefore = await item(keys.account(member(openid).accountNo));
    expect(profileBefore?.wechatOpenid).toBe(openid);

    const reply = await invoke(unbind, { token: tablet.token, body: { withdrawConsent: false } });
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ unbound: true, endedAt: expect.any(String), consentWithdrawn: false });

    for (const { token } of [phone, tablet]) {
      const read = await invoke(myAccount, { token });
      expect([read.status, read.body.error?.code]).toEqual([401, 'SESSION_ENDED']);
      expect(read.body.error.message).toBe('这个微信已经解除绑定，请重新登录。');
      // a read that would have failed anyway says the session ended, not what it found
      const missing = await invoke(myWithdrawal, { token, params: { applicationId: 'WD0000000000000000000000' } });
      expect([missing.status, missing.body.error?.code]).toEqual([401, 'SESSION_ENDED']);
      const change = await invoke(cancelWithdrawal, { token, params: { applicationId: 'WD0000000000000000000000' } });
      expect([change.status, change.body.error?.code]).toEqual([401, 'SESSION_ENDED']);
      const again = await invoke(unbind, { token, body: { withdrawConsent: true } });
      expect([again.status, again.body.error?.code]).toEqual([401, 'SESSION_ENDED']);
    }

    // the account is untouched except that it no longer knows this WeChat (no arrival reminders to it)
    const profileAfter = await item(keys.account(member(openid).accountNo));
    const { wechatOpenid, ...rest } = profileBefore!;
    expect(wechatOpenid).toBe(openid);
    expect(profileAfter).toEqual(rest);
    const idHash = hashIdNumber(member(openid).idNumber, process.env.ID_HASH_KEY as string);
    expect((await item(keys.memberByIdHash(idHash)))?.boundOpenid).toBeUndefined();
    // the consent stays on record, not withdrawn
    expect((await listConsents(table.name, openid)).map((c) => c.withdrawnAt)).toEqual([undefined]);

    // signing in finds no binding; binding again (consent, face check) opens the same account and ledger
    const fresh = await signIn(openid);
    expect(fresh.bound).toBe(false);
    const rebound = await invoke(bind, { token: fresh.token, body: { ...person(openid), consent: CONSENT } });
    expect(rebound.status).toBe(200);
    const after = await invoke(myAccount, { token: rebound.body.token });
    expect(after.body.balanceFen).toBe(before.body.balanceFen);
    expect((await invoke(myLedger, { token: rebound.body.token })).body).toEqual(ledgerBefore);
    expect((await listConsents(table.name, openid)).length).toBe(2);
    // a session of the earlier binding stays ended: it cannot read, nor unbind the new binding
    expect((await invoke(myAccount, { token: phone.token })).body.error.code).toBe('SESSION_ENDED');
    expect((await invoke(unbind, { token: phone.token, body: { withdrawConsent: false } })).status).toBe(401);
    expect((await invoke(myAccount, { token: rebound.body.token })).status).toBe(200);
  });

  it('撤回同意 marks the consent withdrawn and unbinds', async () => {
    const openid = 'demo-paidoff';
    const { token } = await signIn(openid);
    const reply = await invoke(unbind, { token, body: { withdrawConsent: true } });
    expect(reply.status).toBe(200);
    expect(reply.body.consentWithdrawn).toBe(true);
    const [record] = await listConsents(table.name, openid);
    expect(record).toEqual({ noticeVersion: DEFAULT_PRIVACY_NOTICE.version, agreedAt: expect.any(String), sensitiveItems: ['身份证号码', '人脸信息'], withdrawnAt: reply.body.endedAt });
    expect((await invoke(myConsent, { token })).body.error.code).toBe('SESSION_ENDED');
    expect((await signIn(openid)).bound).toBe(false);
  });

  it('refuses a body that does not say whether consent is withdrawn, and unbinds nothing', async () => {
    const { token } = await signIn('demo-loan');
    const reply = await invoke(unbind, { token, body: {} });
    expect([reply.status, reply.body.error.code]).toEqual([400, 'INVALID_REQUEST']);
    expect((await invoke(myAccount, { token })).status).toBe(200);
  });
});

describe('a new notice version', () => {
  it('asks a bound member again at sign-in, and takes the consent to the new version only', async () => {
    const notice = { ...DEFAULT_PRIVACY_NOTICE, version: '2027-01-01', summary: `${DEFAULT_PRIVACY_NOTICE.summary}新增：好差评的评价内容只给负责的工作人员看。` };
    const policyBefore = process.env.POLICY_JSON;
    process.env.POLICY_JSON = JSON.stringify({ ...JSON.parse(policyBefore ?? '{}'), privacy: notice });
    try {
      await jest.isolateModulesAsync(async () => {
        const login = (await import('../src/auth/wechat-login')).handler;
        const consent = await import('../src/consent/handlers');
        const account = (await import('../src/account/get-account')).handler;
        const asked = await invoke(login, { body: { code: 'sim:demo-sealed' } });
        expect(asked.body).toMatchObject({ bound: true, consentNeeded: true });
        expect((await invoke(consent.privacyNotice)).body.version).toBe('2027-01-01');
        const mine = await invoke(consent.myConsent, { token: asked.body.token });
        expect(mine.body).toMatchObject({ currentVersion: '2027-01-01', current: false });

        const old = await invoke(consent.agreeConsent, { token: asked.body.token, body: CONSENT });
        expect([old.status, old.body.error.code]).toEqual([409, 'CONSENT_OUTDATED']);
        const agreed = await invoke(consent.agreeConsent, { token: asked.body.token, body: { noticeVersion: '2027-01-01', sensitiveConsent: true } });
        expect(agreed.status).toBe(200);
        expect(agreed.body.current).toBe(true);
        expect(agreed.body.records.map((r: { noticeVersion: string }) => r.noticeVersion)).toEqual(['2027-01-01', DEFAULT_PRIVACY_NOTICE.version]);
        // agreeing again records nothing new
        const twice = await invoke(consent.agreeConsent, { token: asked.body.token, body: { noticeVersion: '2027-01-01', sensitiveConsent: true } });
        expect(twice.body.records.length).toBe(2);

        const next = await invoke(login, { body: { code: 'sim:demo-sealed' } });
        expect(next.body.consentNeeded).toBeUndefined();
        // the same session goes on: agreeing does not end it
        expect((await invoke(account, { token: asked.body.token })).status).toBe(200);
      });
    } finally {
      process.env.POLICY_JSON = policyBefore;
    }
  });
});
