import { handler as bindHandler } from '../src/auth/bind';
import { CONSENT } from '../../test-support/consent';
import { faceChecked } from '../../test-support/face';
import { handler as wechatLogin } from '../src/auth/wechat-login';
import { handler as myAccount } from '../src/account/get-account';
import { idNumber } from '../src/dev/demo-members';
import { invoke } from '../../test-support/http';
import { signIn } from '../../test-support/session';
import { useTestTable } from '../../test-support/table';

const table = useTestTable({ seed: true });
// every binding passes the face check of the person it names (the face rules: face-checks.test.ts)
const bind = faceChecked(bindHandler, 'BIND', (body) => ({ name: body?.name, idNumber: body?.idNumber }));

const CHEN_XIN = { name: '陈新', idNumber: idNumber('31010719990101008'), phone: '13800138006', consent: CONSENT };

describe('WeChat sign-in', () => {
  it('exchanges a code for a session and says whether the openid is bound', async () => {
    const bound = await invoke(wechatLogin, { body: { code: 'sim:demo-renter' } });
    expect(bound.status).toBe(200);
    // the name of the bound account, so the member sees whose account this phone shows
    expect(bound.body).toMatchObject({ bound: true, token: expect.any(String), expiresAt: expect.any(String), accountName: '张明' });

    const unbound = await invoke(wechatLogin, { body: { code: 'sim:someone-new' } });
    expect(unbound.status).toBe(200);
    expect(unbound.body.bound).toBe(false);
    expect(unbound.body.accountName).toBeUndefined();
  });

  it('refuses a code WeChat does not recognise, in Chinese, with a code', async () => {
    const reply = await invoke(wechatLogin, { body: { code: 'forged-code' } });
    expect(reply.status).toBe(400);
    expect(reply.body.error.code).toBe('WECHAT_CODE_INVALID');
    expect(reply.body.error.message).toMatch(/[\u4e00-\u9fff]/);
  });

  it('maps WeChat rate limiting and outages to their own errors', async () => {
    expect((await invoke(wechatLogin, { body: { code: 'sim-error:rate-limit' } })).body.error.code).toBe('WECHAT_RATE_LIMITED');
    const busy = await invoke(wechatLogin, { body: { code: 'sim-error:busy' } });
    expect(busy.status).toBe(503);
    expect(busy.body.error.code).toBe('WECHAT_UNAVAILABLE');
  });

  it('refuses a missing code and a body that is not JSON', async () => {
    const empty = await invoke(wechatLogin, { body: {} });
    expect(empty.status).toBe(400);
    expect(empty.body.error.code).toBe('INVALID_REQUEST');
    const notJson = await invoke(wechatLogin, { rawBody: '{"code":', headers: { 'content-type': 'application/json' } });
    expect(notJson.body.error.code).toBe('INVALID_JSON');
    const wrongType = await invoke(wechatLogin, { rawBody: 'code=1', headers: { 'content-type': 'text/plain' } });
    expect(wrongType.status).toBe(415);
  });
});

describe('real-name binding', () => {
  it('binds an openid to the member whose name, ID number and phone match, and the account opens', async () => {
    const { token, bound } = await signIn('wx-chen-xin');
    expect(bound).toBe(false);
    const before = await invoke(myAccount, { token });
    expect(before.status).toBe(403);
    expect(before.body.error.code).toBe('NOT_BOUND');

    const reply = await invoke(bind, { token, body: { ...CHEN_XIN, idNumber: CHEN_XIN.idNumber.toLowerCase() } });
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ bound: true, accountName: '陈新' });

    const account = await invoke(myAccount, { token: reply.body.token });
    expect(account.status).toBe(200);
    expect(account.body.accountNo).toBe('310100200006');

    // signing in again later finds the binding
    expect((await signIn('wx-chen-xin')).bound).toBe(true);
  });

  it('refuses data that does not match and binds nothing', async () => {
    const { token } = await signIn('wx-wrong-phone');
    const reply = await invoke(bind, { token, body: { name: '张明', idNumber: idNumber('31010419960512003'), phone: '13900000000', consent: CONSENT } });
    expect(reply.status).toBe(422);
    expect(reply.body.error).toMatchObject({ code: 'IDENTITY_MISMATCH', message: expect.stringContaining('不一致') });
    expect((await signIn('wx-wrong-phone')).bound).toBe(false);
  });

  it('refuses an ID number whose check digit is wrong before looking anything up', async () => {
    const { token } = await signIn('wx-typo');
    const wrong = CHEN_XIN.idNumber.slice(0, 17) + (CHEN_XIN.idNumber.endsWith('1') ? '2' : '1');
    const reply = await invoke(bind, { token, body: { ...CHEN_XIN, idNumber: wrong } });
    expect(reply.status).toBe(400);
    expect(reply.body.error.code).toBe('INVALID_REQUEST');
    expect(reply.body.error.fields).toEqual([{ path: 'idNumber', message: expect.stringContaining('身份证号') }]);
  });

  it('says what is wrong in words that say what to do: empty, too short, an 11-digit phone that cannot be one', async () => {
    const { token } = await signIn('wx-typo-2');
    const empty = await invoke(bind, { token, body: { ...CHEN_XIN, idNumber: '', phone: '' } });
    expect(empty.body.error.fields).toEqual([
      { path: 'idNumber', message: '请填写身份证号' },
      { path: 'phone', message: '请填写手机号' },
    ]);
    const short = await invoke(bind, { token, body: { ...CHEN_XIN, idNumber: CHEN_XIN.idNumber.slice(0, 16), phone: '12800138006' } });
    expect(short.body.error.fields).toEqual([
      { path: 'idNumber', message: '身份证号应为 18 位（现在是 16 位）' },
      { path: 'phone', message: '手机号不正确，请核对（应以 13 到 19 开头）' },
    ]);
  });

  it('refuses an account that another WeChat already holds', async () => {
    const { token } = await signIn('wx-second-phone');
    const renter = table.members.find((m) => m.openid === 'demo-renter')!.account;
    const reply = await invoke(bind, { token, body: { name: renter.name, idNumber: renter.idNumber, phone: renter.phone, consent: CONSENT } });
    expect(reply.status).toBe(409);
    expect(reply.body.error.code).toBe('ACCOUNT_BOUND_ELSEWHERE');
  });

  it('throttles repeated failures, even when the right data finally comes', async () => {
    const { token } = await signIn('wx-guesser');
    const target = table.members.find((m) => m.openid === 'demo-new')!.account;
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const reply = await invoke(bind, { token, body: { name: target.name, idNumber: target.idNumber, phone: `1390000000${attempt}`, consent: CONSENT } });
      expect(reply.body.error.code).toBe('IDENTITY_MISMATCH');
    }
    const locked = await invoke(bind, { token, body: { name: target.name, idNumber: target.idNumber, phone: target.phone, consent: CONSENT } });
    expect(locked.status).toBe(429);
    expect(locked.body.error.code).toBe('TOO_MANY_ATTEMPTS');
    // the ID number is throttled too, from any phone
    const other = await signIn('wx-guesser-2');
    const fromElsewhere = await invoke(bind, { token: other.token, body: { name: target.name, idNumber: target.idNumber, phone: target.phone, consent: CONSENT } });
    expect(fromElsewhere.body.error.code).toBe('TOO_MANY_ATTEMPTS');
  });

  it('needs a session', async () => {
    const reply = await invoke(bind, { body: CHEN_XIN });
    expect(reply.status).toBe(401);
    expect(reply.body.error.code).toBe('UNAUTHENTICATED');
  });
});
