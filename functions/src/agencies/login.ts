/** 查验机构登录: an office of another HPF centre or a lending bank signs in to read certificates. */
import { routes } from '@hpf/shared';
import { getAgencyUser } from '../adapters/agency-repository';
import { recordAudit } from '../adapters/staff-repository';
import { signInConfig } from '../platform/config';
import { httpRoute } from '../platform/http';
import { signInWithPassword } from '../platform/password-sign-in';
import { issueSession } from '../platform/session';

export const handler = httpRoute(routes.agencyLogin, async ({ body, now, requestId }) => {
  const { tableName, sessionSigner } = signInConfig();
  const user = await signInWithPassword({ scope: 'agency-login', ...body, findUser: getAgencyUser, disabledCode: 'AGENCY_DISABLED', now });
  // The session is signed only once its audit record stands: no token exists unaudited.
  await recordAudit(tableName, { actor: `agency:${user.username}`, action: 'agency.login', target: user.username, requestId }, now);
  const { token, expiresAt } = await issueSession(
    { subject: user.username, role: 'agency' },
    sessionSigner,
    now,
  );
  return {
    token,
    expiresAt,
    username: user.username,
    agencyName: user.agencyName,
    office: user.office,
    kind: user.kind,
    certificateTypes: user.certificateTypes,
  };
});
