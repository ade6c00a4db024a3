import { routes } from '@hpf/shared';
import { getStaffUser, recordAudit } from '../adapters/staff-repository';
import { signInConfig } from '../platform/config';
import { httpRoute } from '../platform/http';
import { signInWithPassword } from '../platform/password-sign-in';
import { issueSession } from '../platform/session';

export const handler = httpRoute(routes.staffLogin, async ({ body, now, requestId }) => {
  const { tableName, sessionSigner } = signInConfig();
  const user = await signInWithPassword({ scope: 'staff-login', ...body, findUser: getStaffUser, disabledCode: 'STAFF_DISABLED', now });
  // The session is signed only once its audit record stands: no token exists unaudited.
  await recordAudit(tableName, { actor: user.username, action: 'staff.login', target: user.username, requestId }, now);
  const { token, expiresAt } = await issueSession(
    { subject: user.username, role: 'staff', roles: user.roles },
    sessionSigner,
    now,
  );
  return { token, expiresAt, username: user.username, displayName: user.displayName, roles: user.roles };
});
