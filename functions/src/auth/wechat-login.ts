import { consentIsCurrent, routes } from '@hpf/shared';
import { code2Session } from '../adapters/wechat-client';
import { getAccountName } from '../adapters/accounts-repository';
import { getBinding } from '../adapters/bindings-repository';
import { signInConfig } from '../platform/config';
import { httpRoute } from '../platform/http';
import { issueSession } from '../platform/session';

export const handler = httpRoute(routes.wechatLogin, async ({ body, now }) => {
  const { wechat, tableName, sessionSigner, policy } = signInConfig();
  const { openid } = await code2Session(wechat, body.code);
  const binding = await getBinding(tableName, openid);
  const { token, expiresAt } = await issueSession(
    { subject: openid, role: 'member', ...(binding ? { accountNo: binding.accountNo, boundAt: binding.boundAt } : {}) },
    sessionSigner,
    now,
  );
  // the member sees which account the phone is bound to (设置 shows 当前登录：张明)
  const accountName = binding ? await getAccountName(tableName, binding.accountNo) : undefined;
  // a notice changed since the member agreed: asked again before the service goes on
  const consentNeeded = binding ? !consentIsCurrent(binding.consentVersion, policy.privacy) : undefined;
  return { token, expiresAt, bound: Boolean(binding), ...(accountName ? { accountName } : {}), ...(consentNeeded ? { consentNeeded } : {}) };
});
