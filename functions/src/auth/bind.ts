import { consentIsCurrent, consentTo, DomainError, identityMatches, routes } from '@hpf/shared';
import { getAccount } from '../adapters/accounts-repository';
import { failureCount, recordFailure } from '../adapters/attempts-repository';
import { bindOpenid, findAccountNoByIdHash, getBinding } from '../adapters/bindings-repository';
import { guardFaceCheck } from '../face/guard';
import { signInConfig } from '../platform/config';
import { httpRoute } from '../platform/http';
import { hashIdNumber } from '../platform/id-hash';
import { log } from '../platform/log';
import { issueSession } from '../platform/session';

const SCOPE = 'bind';

export const handler = httpRoute(routes.bind, async ({ body, session, now, requestId, faceCheckId }) => {
  const { tableName, idHashKey, policy, sessionSigner } = signInConfig();
  const window = { seconds: policy.bind.windowSeconds };
  const openid = session.subject;
  const idHash = hashIdNumber(body.idNumber, idHashKey);

  // Throttled per WeChat user and per ID number, so neither guessing someone's data from one
  // phone nor trying one ID number from many phones gets far.
  const [byUser, byId] = await Promise.all([
    failureCount(tableName, SCOPE, `OPENID#${openid}`, window, now),
    failureCount(tableName, SCOPE, `IDNO#${idHash}`, window, now),
  ]);
  if (Math.max(byUser, byId) >= policy.bind.maxFailures) throw new DomainError('TOO_MANY_ATTEMPTS');

  // the separate consent must be to the notice in force, not to one the phone showed earlier
  if (!consentIsCurrent(body.consent.noticeVersion, policy.privacy)) throw new DomainError('CONSENT_OUTDATED');
  if (await getBinding(tableName, openid)) throw new DomainError('ALREADY_BOUND');
  // the face checked must be the person whose ID number is being bound, on this WeChat
  const face = await guardFaceCheck({ tableName, policy, checkId: faceCheckId, now, usedFor: 'BIND' }, { purpose: 'BIND', openid, idHash });

  const accountNo = await findAccountNoByIdHash(tableName, idHash);
  const account = accountNo ? await getAccount(tableName, accountNo) : undefined;
  if (!account || !identityMatches(account, body)) {
    await Promise.all([
      recordFailure(tableName, SCOPE, `OPENID#${openid}`, window, now),
      recordFailure(tableName, SCOPE, `IDNO#${idHash}`, window, now),
    ]);
    log('warn', 'bind refused', { requestId, reason: account ? 'name or phone mismatch' : 'no member with this id' });
    throw new DomainError('IDENTITY_MISMATCH');
  }

  const binding = await bindOpenid(tableName, openid, account.accountNo, idHash, now, consentTo(policy.privacy, now), face);
  const { token, expiresAt } = await issueSession(
    { subject: openid, role: 'member', accountNo: account.accountNo, boundAt: binding.boundAt },
    sessionSigner,
    now,
  );
  return { token, expiresAt, bound: true, accountName: account.name };
});
