import { routes } from '@hpf/shared';
import { code2Session } from '../adapters/wechat-client';
import { getBinding } from '../adapters/bindings-repository';
import { config } from '../platform/config';
import { httpRoute } from '../platform/http';
import { issueSession } from '../platform/session';

export const handler = httpRoute(routes.wechatLogin, async ({ body, now }) => {
  const { wechat, tableName, sessionSecret, sessionTtlSeconds } = config();
  const { openid } = await code2Session(wechat, body.code);
  const binding = await getBinding(tableName, openid);
  const { token, expiresAt } = await issueSession(
    { subject: openid, role: 'member', ...(binding ? { accountNo: binding.accountNo } : {}) },
    { secret: sessionSecret, ttlSeconds: sessionTtlSeconds },
    now,
  );
  return { token, expiresAt, bound: Boolean(binding) };
});
