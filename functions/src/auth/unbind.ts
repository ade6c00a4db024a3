/**
 * 解除绑定 (and 撤回同意, which unbinds too): every session of this WeChat user ends at once, the
 * account, its balance and ledger stay as they are, and the member may bind again (here or on
 * another phone) after a fresh consent.
 */
import { routes } from '@hpf/shared';
import { unbindOpenid } from '../adapters/bindings-repository';
import { config } from '../platform/config';
import { httpRoute } from '../platform/http';
import { log } from '../platform/log';

export const handler = httpRoute(routes.unbind, async ({ binding, body, now, requestId }) => {
  await unbindOpenid(config().tableName, await binding(), now, body.withdrawConsent);
  log('info', 'unbound', { requestId, consentWithdrawn: body.withdrawConsent });
  return { unbound: true as const, endedAt: now.toISOString(), consentWithdrawn: body.withdrawConsent };
});
