/**
 * 人脸核验, the two calls around the mini program's camera step: `start` asks WeChat for a verify
 * id bound to the person (the account's name and ID number, or for 实名绑定 the ones being bound)
 * and this WeChat user; `result` asks WeChat what happened and records the outcome once. Only a
 * result WeChat itself reports as a success (verify_ret 10000) passes.
 */
import { randomBytes } from 'node:crypto';
import { DomainError, FACE_PURPOSE_LABELS, faceOutcomeOf, routes, type FacePolicy, type FacePurpose } from '@hpf/shared';
import { getAccount } from '../adapters/accounts-repository';
import { failureCount, recordFailure, takeAllowance } from '../adapters/attempts-repository';
import { createFaceCheck, getFaceCheck, recordFaceOutcome, type StoredFaceCheck } from '../adapters/face-checks-repository';
import { getVerifyId, queryVerifyInfo, type FacePerson } from '../adapters/wechat-face';
import { config } from '../platform/config';
import { httpRoute } from '../platform/http';
import { hashIdNumber } from '../platform/id-hash';
import { log } from '../platform/log';
import type { Session } from '../platform/session';

const SCOPE = 'face';
const START_SCOPE = 'face-start';

/**
 * Counts this start against the WeChat user's allowance and, for 实名绑定, the ID number's (so
 * neither one phone probing many people nor many phones aimed at one person gets far). Told in
 * the words of the failures limit: either way no more checks today, and the counter is the way.
 */
async function takeStart(tableName: string, policy: FacePolicy, subjects: string[], now: Date): Promise<void> {
  const window = { seconds: policy.windowSeconds, max: policy.maxStarts };
  for (const subject of subjects) {
    if (!(await takeAllowance(tableName, START_SCOPE, subject, window, now))) {
      throw new DomainError('FACE_TOO_MANY_FAILURES', '今天发起人脸核验的次数太多了，请明天再试，或带上身份证到服务网点柜台办理。');
    }
  }
}
const LETTERS = 'abcdefghjkmnpqrstuvwxyz';

/**
 * Our id of a check, also WeChat's out_seq_no (5-32 letters and digits, unique per app): F and 24
 * letters (about 108 random bits). Letters only, so no run of digits in a log line reads as a
 * phone or card number to the log-privacy scan.
 */
function newCheckId(): string {
  return `F${Array.from(randomBytes(24), (byte) => LETTERS[byte % LETTERS.length]).join('')}`;
}

function identityNeeded(): never {
  throw new DomainError('INVALID_REQUEST', '实名绑定的人脸核验需要填写姓名和身份证号。', [
    { path: 'name', message: '请填写姓名' },
    { path: 'idNumber', message: '请填写身份证号' },
  ]);
}

/** Whose face the check is for: the account's holder, or for 实名绑定 the person named. */
async function personFor(purpose: FacePurpose, session: Session, typed: { name?: string; idNumber?: string }, accountNo: string | undefined) {
  const { tableName } = config();
  if (purpose === 'BIND') {
    if (!typed.name || !typed.idNumber) identityNeeded();
    return { person: { name: typed.name, idNumber: typed.idNumber } };
  }
  if (!accountNo) throw new DomainError('NOT_BOUND');
  const account = await getAccount(tableName, accountNo);
  if (!account) throw new DomainError('ACCOUNT_NOT_FOUND');
  return { person: { name: account.name, idNumber: account.idNumber } as FacePerson };
}

export const start = httpRoute(routes.startFaceCheck, async ({ body, session, now }) => {
  const { tableName, policy, wechat, idHashKey } = config();
  const openid = session.subject;
  const window = { seconds: policy.face.windowSeconds };
  if ((await failureCount(tableName, SCOPE, `OPENID#${openid}`, window, now)) >= policy.face.maxFailures) throw new DomainError('FACE_TOO_MANY_FAILURES');
  if (body.purpose === 'BIND' && session.accountNo) throw new DomainError('ALREADY_BOUND');
  const { person } = await personFor(body.purpose, session, body, session.accountNo);
  const idHash = body.purpose === 'BIND' ? hashIdNumber(person.idNumber, idHashKey) : undefined;
  await takeStart(tableName, policy.face, [`OPENID#${openid}`, ...(idHash ? [`IDNO#${idHash}`] : [])], now);

  const checkId = newCheckId();
  const { verifyId, expiresInSeconds } = await getVerifyId(wechat, { outSeqNo: checkId, openid, person });
  const expiresAt = new Date(now.getTime() + expiresInSeconds * 1000).toISOString();
  await createFaceCheck(tableName, {
    checkId,
    purpose: body.purpose,
    openid,
    ...(idHash ? { idHash } : { accountNo: session.accountNo }),
    status: 'PENDING',
    verifyId,
    createdAt: now.toISOString(),
    verifyExpiresAt: expiresAt,
  });
  return { checkId, verifyId, expiresAt, purpose: body.purpose };
});

function answer(check: StoredFaceCheck, attemptsLeft: number, validSeconds: number) {
  const status = check.status === 'PENDING' ? 'FAILED' : check.status;
  const act = FACE_PURPOSE_LABELS[check.purpose];
  const minutes = Math.max(1, Math.round(validSeconds / 60));
  const message =
    status === 'PASSED'
      ? `人脸核验通过。请在 ${minutes} 分钟内完成${act}，这次核验只能用一次。`
      : status === 'CANCELLED'
        ? '您没有完成刷脸。需要时可以重新开始核验。'
        : attemptsLeft > 0
          ? `人脸核验没有通过。请在光线充足的地方，摘下帽子和口罩，正对屏幕再试一次（今天还可以试 ${attemptsLeft} 次）。`
          : '人脸核验没有通过的次数太多了，请明天再试，或带上身份证到服务网点柜台办理。';
  return {
    checkId: check.checkId,
    purpose: check.purpose,
    status,
    ...(status === 'PASSED' && check.validUntil ? { validUntil: check.validUntil } : {}),
    attemptsLeft,
    message,
  } as const;
}

export const result = httpRoute(routes.faceCheckResult, async ({ params, body, session, now, requestId }) => {
  const { tableName, policy, wechat, idHashKey } = config();
  const openid = session.subject;
  const window = { seconds: policy.face.windowSeconds };
  const check = await getFaceCheck(tableName, params.checkId);
  // another WeChat user's check answers exactly like one that does not exist
  if (!check || check.openid !== openid) throw new DomainError('FACE_CHECK_NOT_FOUND');
  const attemptsLeft = async () => Math.max(0, policy.face.maxFailures - (await failureCount(tableName, SCOPE, `OPENID#${openid}`, window, now)));
  if (check.status !== 'PENDING') return answer(check, await attemptsLeft(), policy.face.validSeconds);

  let person: FacePerson;
  if (check.purpose === 'BIND') {
    if (!body.name || !body.idNumber) identityNeeded();
    // the person is sent again rather than kept: the check is bound to them by the ID hash
    if (hashIdNumber(body.idNumber, idHashKey) !== check.idHash) throw new DomainError('FACE_CHECK_NOT_FOUND');
    person = { name: body.name, idNumber: body.idNumber };
  } else {
    ({ person } = await personFor(check.purpose, session, {}, check.accountNo));
  }
  const verifyRet = await queryVerifyInfo(wechat, { verifyId: check.verifyId, outSeqNo: check.checkId, openid, person });
  const status = faceOutcomeOf(verifyRet);
  const validUntil = status === 'PASSED' ? new Date(now.getTime() + policy.face.validSeconds * 1000).toISOString() : undefined;
  const recorded = await recordFaceOutcome(tableName, check.checkId, { status, verifyRet, ...(validUntil ? { validUntil } : {}) }, now);
  // a failure counts once, by the request that recorded it
  if (recorded && status === 'FAILED') await recordFailure(tableName, SCOPE, `OPENID#${openid}`, window, now);
  log('info', 'face check decided', { requestId, checkId: check.checkId, purpose: check.purpose, status, verifyRet });
  const stored = recorded ? { ...check, status, verifyRet, ...(validUntil ? { validUntil } : {}) } : (await getFaceCheck(tableName, check.checkId))!;
  return answer(stored, await attemptsLeft(), policy.face.validSeconds);
});
