import { DomainError, routes } from '@hpf/shared';
import { failureCount, recordFailure } from '../adapters/attempts-repository';
import { getStaffUser, recordAudit } from '../adapters/staff-repository';
import { config } from '../platform/config';
import { httpRoute } from '../platform/http';
import { UNKNOWN_USER_HASH, verifyPassword } from '../platform/passwords';
import { issueSession } from '../platform/session';

const SCOPE = 'staff-login';

export const handler = httpRoute(routes.staffLogin, async ({ body, now, requestId }) => {
  const { tableName, policy, sessionSecret, sessionTtlSeconds } = config();
  const window = { seconds: policy.staffLogin.windowSeconds };
  if ((await failureCount(tableName, SCOPE, body.username, window, now)) >= policy.staffLogin.maxFailures) {
    throw new DomainError('TOO_MANY_ATTEMPTS');
  }
  const user = await getStaffUser(tableName, body.username);
  const passwordOk = await verifyPassword(body.password, user?.passwordHash ?? UNKNOWN_USER_HASH);
  if (!user || !passwordOk) {
    await recordFailure(tableName, SCOPE, body.username, window, now);
    throw new DomainError('STAFF_LOGIN_FAILED');
  }
  if (user.disabled) throw new DomainError('STAFF_DISABLED');
  const { token, expiresAt } = await issueSession(
    { subject: user.username, role: 'staff', roles: user.roles },
    { secret: sessionSecret, ttlSeconds: sessionTtlSeconds },
    now,
  );
  await recordAudit(tableName, { actor: user.username, action: 'staff.login', target: user.username, requestId }, now);
  return { token, expiresAt, username: user.username, displayName: user.displayName, roles: user.roles };
});
