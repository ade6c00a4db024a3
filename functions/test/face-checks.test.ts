/**
 * 人脸核验 against DynamoDB Local and the WeChat simulator: the protocol (verify id bound to the
 * person, the camera step, only WeChat's success code passes), and every sensitive act refused
 * without a valid check — none, expired, for another purpose, another member's, already used —
 * and accepted with one, used exactly once even by concurrent requests.
 */
import { CONSENT } from '../../test-support/consent';
import { DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { chinaDate } from '@hpf/shared';
import { handler as bind } from '../src/auth/bind';
import { result as faceResult, start as faceStart } from '../src/face/checks';
import { handler as issue } from '../src/certificates/issue';
import { settings } from '../src/withdrawals/member';
import { handler as submit } from '../src/withdrawals/submit';
import { idNumber } from '../src/dev/demo-members';
import { keys } from '../src/platform/keys';
import { faceCheck, passFaceCheck, runFaceStep, setFaceMode } from '../../test-support/face';
import { invoke } from '../../test-support/http';
import { signIn } from '../../test-support/session';
import { useExternalSimulators } from '../../test-support/simulators';
import { useTestTable } from '../../test-support/table';

jest.setTimeout(60_000);
// the default policy here (the test set-up raises the allowance of checks started for other files)
delete process.env.POLICY_JSON;
const table = useTestTable({ seed: true });
// the rent rules ask the property registry
useExternalSimulators();
const doc = () => DynamoDBDocumentClient.from(table.client);
const member = (openid: string) => table.members.find((m) => m.openid === openid)!.account;
const CHEN_XIN = { name: '陈新', idNumber: idNumber('31010719990101008') };
let counter = 0;
const key = () => `face-test-${Date.now()}-${counter++}`;
const withCheck = (checkId?: string): Record<string, string> => (checkId ? { 'face-check-id': checkId } : {});

async function expire(checkId: string) {
  await doc().send(
    new UpdateCommand({
      TableName: table.name,
      Key: keys.faceCheck(checkId),
      UpdateExpression: 'SET validUntil = :past',
      ExpressionAttributeValues: { ':past': new Date(Date.now() - 1000).toISOString() },
    }),
  );
}

async function stored(checkId: string) {
  return (await doc().send(new GetCommand({ TableName: table.name, Key: keys.faceCheck(checkId), ConsistentRead: true }))).Item!;
}

describe('the face check itself', () => {
  it('passes only when WeChat reports success for the verify id it bound to the account holder, valid for five minutes', async () => {
    const { token } = await signIn('demo-renter');
    const started = await invoke(faceStart, { token, body: { purpose: 'WITHDRAWAL' } });
    expect(started.status).toBe(200);
    expect(started.body).toMatchObject({ checkId: expect.stringMatching(/^F/), verifyId: expect.stringMatching(/^SIMVERIFY_/), purpose: 'WITHDRAWAL' });

    // asked before the camera step ran: not passed
    const early = await invoke(faceResult, { token, params: { checkId: started.body.checkId }, body: {} });
    expect(early.body.status).toBe('CANCELLED');

    const again = await invoke(faceStart, { token, body: { purpose: 'WITHDRAWAL' } });
    expect(await runFaceStep(again.body.verifyId, 'pass')).toEqual({ errCode: 0, errMsg: 'ok' });
    const passed = await invoke(faceResult, { token, params: { checkId: again.body.checkId }, body: {} });
    expect(passed.status).toBe(200);
    expect(passed.body).toMatchObject({ status: 'PASSED', purpose: 'WITHDRAWAL', message: expect.stringContaining('5 分钟内') });
    const validMs = Date.parse(passed.body.validUntil) - Date.now();
    expect(validMs).toBeGreaterThan(290_000);
    expect(validMs).toBeLessThanOrEqual(300_000);

    // asked again: the outcome recorded, not a second query
    expect((await invoke(faceResult, { token, params: { checkId: again.body.checkId }, body: {} })).body.status).toBe('PASSED');

    // the record is the outcome only: no face image, no name, no ID number
    const item = await stored(again.body.checkId);
    expect(Object.keys(item).sort()).toEqual(
      ['accountNo', 'checkId', 'createdAt', 'decidedAt', 'openid', 'pk', 'purpose', 'sk', 'status', 'ttl', 'validUntil', 'verifyExpiresAt', 'verifyId', 'verifyRet'].sort(),
    );
    expect(JSON.stringify(item)).not.toContain(member('demo-renter').idNumber);
    expect(item.ttl).toBeGreaterThan(Date.now() / 1000);
  });

  it('tells a failure from a cancel, counts failures, and after the policy allowance sends the member to try later or the counter', async () => {
    const { token } = await signIn('demo-paidoff');
    await setFaceMode('cancel', 'demo-paidoff');
    const cancelled = await faceCheck(token, 'ISSUE_CERTIFICATE');
    expect(cancelled.body).toMatchObject({ status: 'CANCELLED', attemptsLeft: 3 });

    await setFaceMode('fail', 'demo-paidoff');
    const first = await faceCheck(token, 'ISSUE_CERTIFICATE');
    expect(first.body).toMatchObject({ status: 'FAILED', attemptsLeft: 2, message: expect.stringContaining('光线充足') });
    await faceCheck(token, 'ISSUE_CERTIFICATE');
    const third = await faceCheck(token, 'ISSUE_CERTIFICATE');
    expect(third.body).toMatchObject({ status: 'FAILED', attemptsLeft: 0, message: expect.stringContaining('柜台') });

    const refused = await invoke(faceStart, { token, body: { purpose: 'ISSUE_CERTIFICATE' } });
    expect(refused.status).toBe(429);
    expect(refused.body.error).toMatchObject({ code: 'FACE_TOO_MANY_FAILURES', message: expect.stringContaining('柜台办理') });
  });

  it('says when WeChat limits the user or the service is down, in Chinese, with a code', async () => {
    const { token } = await signIn('demo-loan');
    await setFaceMode('too-many', 'demo-loan');
    const limited = await invoke(faceStart, { token, body: { purpose: 'WITHDRAWAL' } });
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('FACE_TOO_MANY_FAILURES');

    await setFaceMode('down', 'demo-loan');
    const down = await invoke(faceStart, { token, body: { purpose: 'WITHDRAWAL' } });
    expect(down.status).toBe(503);
    expect(down.body.error).toMatchObject({ code: 'FACE_UNAVAILABLE', message: expect.stringContaining('稍后再试') });
    await setFaceMode('pass', 'demo-loan');
  });

  it("answers another WeChat user's check as not found, and needs the person for 实名绑定", async () => {
    const owner = await signIn('demo-renter');
    const started = await invoke(faceStart, { token: owner.token, body: { purpose: 'WITHDRAWAL' } });
    const stranger = await signIn('demo-sealed');
    const reply = await invoke(faceResult, { token: stranger.token, params: { checkId: started.body.checkId }, body: {} });
    expect(reply.status).toBe(404);
    expect(reply.body.error.code).toBe('FACE_CHECK_NOT_FOUND');

    const fresh = await signIn('wx-face-no-person');
    const noPerson = await invoke(faceStart, { token: fresh.token, body: { purpose: 'BIND' } });
    expect(noPerson.status).toBe(400);
    expect(noPerson.body.error.code).toBe('INVALID_REQUEST');
    // an unbound WeChat user has no account to check a withdrawal against
    expect((await invoke(faceStart, { token: fresh.token, body: { purpose: 'WITHDRAWAL' } })).body.error.code).toBe('NOT_BOUND');
    // a bound one has nothing to bind
    expect((await invoke(faceStart, { token: owner.token, body: { purpose: 'BIND', ...CHEN_XIN } })).body.error.code).toBe('ALREADY_BOUND');
  });
});

describe('starting checks', () => {
  // the default policy: 30 starts a day per WeChat user and, for 实名绑定, per ID number
  const started = (token: string, n: number) => invoke(faceStart, { token, body: { purpose: 'BIND', name: '王五', idNumber: idNumber(`11010519800101${String(n).padStart(3, '0')}`) } });

  it('limits the checks one WeChat user starts in a day, even when none of them fails', async () => {
    const { token } = await signIn('wx-face-starter');
    for (let n = 0; n < 30; n += 1) expect((await started(token, n)).status).toBe(200);
    const refused = await started(token, 30);
    expect(refused.status).toBe(429);
    expect(refused.body.error).toMatchObject({ code: 'FACE_TOO_MANY_FAILURES', message: expect.stringContaining('发起人脸核验的次数太多') });
    expect(refused.body.error.message).toContain('柜台办理');
  });

  it('limits the 实名绑定 checks aimed at one ID number, whichever phones start them', async () => {
    const target = { name: '赵六', idNumber: idNumber('11010519850505001') };
    for (let n = 0; n < 30; n += 1) {
      const { token } = await signIn(`wx-aimed-${n}`);
      expect((await invoke(faceStart, { token, body: { purpose: 'BIND', ...target } })).status).toBe(200);
    }
    const { token } = await signIn('wx-aimed-last');
    const refused = await invoke(faceStart, { token, body: { purpose: 'BIND', ...target } });
    expect([refused.status, refused.body.error.code]).toEqual([429, 'FACE_TOO_MANY_FAILURES']);
    // that phone may still start a check for someone else
    expect((await started(token, 99)).status).toBe(200);
  });
});

describe('sensitive acts need a valid check', () => {
  const month = chinaDate(new Date()).slice(0, 7);
  const rent = () => ({
    month,
    amountFen: 150_000,
    lease: { address: '上海市徐汇区漕溪北路 88 弄 3 号 601 室', landlordName: '房东甲', landlordAccount: '6222000011112222', monthlyRentFen: 300_000 },
    bankCard: member('demo-renter').bankCard,
  });

  /** The refusals every act shares: none, expired, another purpose, another member's, already used. */
  async function expectRefusals(options: {
    token: string;
    act: (headers: Record<string, string>) => Promise<{ status: number; body: any }>;
    purpose: Parameters<typeof passFaceCheck>[1];
    otherPurpose: Parameters<typeof passFaceCheck>[1];
    otherMemberCheck: () => Promise<string>;
    person?: { name: string; idNumber: string };
  }) {
    const none = await options.act({});
    expect(none.status).toBe(403);
    expect(none.body.error).toMatchObject({ code: 'FACE_CHECK_REQUIRED', message: expect.stringContaining('人脸核验') });

    const expired = await passFaceCheck(options.token, options.purpose, options.person);
    await expire(expired);
    const late = await options.act(withCheck(expired));
    expect(late.status).toBe(403);
    expect(late.body.error.code).toBe('FACE_CHECK_EXPIRED');

    const other = await passFaceCheck(options.token, options.otherPurpose);
    const wrong = await options.act(withCheck(other));
    expect(wrong.status).toBe(403);
    expect(wrong.body.error.code).toBe('FACE_CHECK_MISMATCH');

    const someoneElses = await options.act(withCheck(await options.otherMemberCheck()));
    expect(someoneElses.status).toBe(403);
    expect(someoneElses.body.error.code).toBe('FACE_CHECK_REQUIRED');

    const unknown = await options.act(withCheck('Fnosuchcheckatallxxxxxxxx'));
    expect(unknown.body.error.code).toBe('FACE_CHECK_REQUIRED');
  }

  it('租房提取: refused without a valid check, accepted with one, which is then used up', async () => {
    const { token } = await signIn('demo-renter');
    const act = (headers: Record<string, string>, k = key()) => invoke(submit, { token, body: rent(), headers: { 'idempotency-key': k, ...headers } });
    await expectRefusals({
      token,
      act,
      purpose: 'WITHDRAWAL',
      otherPurpose: 'ISSUE_CERTIFICATE',
      otherMemberCheck: async () => passFaceCheck((await signIn('demo-sealed')).token, 'WITHDRAWAL'),
    });

    const checkId = await passFaceCheck(token, 'WITHDRAWAL');
    const k = key();
    const accepted = await act(withCheck(checkId), k);
    expect(accepted.status).toBe(200);
    expect(accepted.body.status).toBe('APPROVED');
    expect(await stored(checkId)).toMatchObject({ usedAt: expect.any(String), usedFor: `RENT#${k}` });

    // the same request retried (a lost answer) is answered with what it made, not refused
    const retried = await act(withCheck(checkId), k);
    expect(retried.status).toBe(200);
    expect(retried.body.applicationId).toBe(accepted.body.applicationId);
    // a different request with the used check is refused for the check, before anything else
    const reused = await act(withCheck(checkId));
    expect(reused.status).toBe(409);
    expect(reused.body.error).toMatchObject({ code: 'FACE_CHECK_USED', message: expect.stringContaining('只能办理一项业务') });
  });

  it('开具证明: refused without a valid check; one check issues one certificate even when two requests race with it', async () => {
    // 王强: 赵丽's checks all failed above, and the allowance is per WeChat user
    const { token: loanToken } = await signIn('demo-loan');
    const actAs = (headers: Record<string, string>, body: unknown = { type: 'DEPOSIT', purpose: 'HOME_PURCHASE' }) =>
      invoke(issue, { token: loanToken, body, headers: { 'idempotency-key': key(), ...headers } });
    await expectRefusals({
      token: loanToken,
      act: (headers) => actAs(headers),
      purpose: 'ISSUE_CERTIFICATE',
      otherPurpose: 'WITHDRAWAL',
      otherMemberCheck: async () => passFaceCheck((await signIn('demo-renter')).token, 'ISSUE_CERTIFICATE'),
    });

    const checkId = await passFaceCheck(loanToken, 'ISSUE_CERTIFICATE');
    const [a, b] = await Promise.all([
      actAs(withCheck(checkId), { type: 'DEPOSIT', purpose: 'HOME_PURCHASE' }),
      actAs(withCheck(checkId), { type: 'DEPOSIT', purpose: 'LOAN_ELSEWHERE' }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    expect([a, b].find((r) => r.status === 409)!.body.error.code).toBe('FACE_CHECK_USED');
  });

  it('关闭提取锁 and 调高个人上限 need a check; turning the lock on and lowering the limit do not', async () => {
    const { token } = await signIn('demo-retiree');
    const put = (body: unknown, headers: Record<string, string> = {}) => invoke(settings, { token, body, headers });
    expect((await put({ locked: true })).status).toBe(200);
    expect((await put({ personalMonthlyLimitFen: 50_000 })).status).toBe(200);

    await expectRefusals({
      token,
      act: (headers) => put({ locked: false }, headers),
      purpose: 'UNLOCK_WITHDRAWAL',
      otherPurpose: 'RAISE_LIMIT',
      otherMemberCheck: async () => passFaceCheck((await signIn('demo-renter')).token, 'UNLOCK_WITHDRAWAL'),
    });
    const unlock = await passFaceCheck(token, 'UNLOCK_WITHDRAWAL');
    const unlocked = await put({ locked: false }, withCheck(unlock));
    expect(unlocked.status).toBe(200);
    expect(unlocked.body.locked).toBe(false);
    // used: locking and unlocking again needs a new check
    expect((await put({ locked: true })).status).toBe(200);
    expect((await put({ locked: false }, withCheck(unlock))).body.error.code).toBe('FACE_CHECK_USED');

    // raising the limit (or removing it, which allows the city's cap) needs its own check
    expect((await put({ personalMonthlyLimitFen: 80_000 })).body.error.code).toBe('FACE_CHECK_REQUIRED');
    expect((await put({ personalMonthlyLimitFen: null })).body.error.code).toBe('FACE_CHECK_REQUIRED');
    const raised = await put({ personalMonthlyLimitFen: 80_000 }, withCheck(await passFaceCheck(token, 'RAISE_LIMIT')));
    expect(raised.status).toBe(200);
    expect(raised.body.personalMonthlyLimitFen).toBe(80_000);
    expect((await put({ personalMonthlyLimitFen: 30_000 })).status).toBe(200);
  });

  it('实名绑定: the check must be of the person being bound, on this WeChat; accepted with one', async () => {
    const { token } = await signIn('wx-face-chen-xin');
    const body = { ...CHEN_XIN, phone: '13800138006', consent: CONSENT };
    const act = (headers: Record<string, string>) => invoke(bind, { token, body, headers });
    const none = await act({});
    expect(none.status).toBe(403);
    expect(none.body.error.code).toBe('FACE_CHECK_REQUIRED');

    const expired = await passFaceCheck(token, 'BIND', CHEN_XIN);
    await expire(expired);
    expect((await act(withCheck(expired))).body.error.code).toBe('FACE_CHECK_EXPIRED');

    // a check of someone else's face (another ID number) does not bind 陈新
    const otherPerson = await passFaceCheck(token, 'BIND', { name: '张明', idNumber: member('demo-renter').idNumber });
    expect((await act(withCheck(otherPerson))).body.error.code).toBe('FACE_CHECK_MISMATCH');
    // nor does another WeChat user's check of 陈新
    const elsewhere = await passFaceCheck((await signIn('wx-face-other-phone')).token, 'BIND', CHEN_XIN);
    expect((await act(withCheck(elsewhere))).body.error.code).toBe('FACE_CHECK_REQUIRED');
    // the person must be sent again for the result, and be the same one
    const started = await invoke(faceStart, { token, body: { purpose: 'BIND', ...CHEN_XIN } });
    await runFaceStep(started.body.verifyId, 'pass');
    const swapped = await invoke(faceResult, { token, params: { checkId: started.body.checkId }, body: { name: '张明', idNumber: member('demo-renter').idNumber } });
    expect(swapped.body.error.code).toBe('FACE_CHECK_NOT_FOUND');

    const checkId = await passFaceCheck(token, 'BIND', CHEN_XIN);
    const [a, b] = await Promise.all([act(withCheck(checkId)), act(withCheck(checkId))]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    expect((a.status === 200 ? a : b).body).toMatchObject({ bound: true, accountName: '陈新' });
    expect(await stored(checkId)).toMatchObject({ usedAt: expect.any(String), usedFor: 'BIND' });
  });
});
