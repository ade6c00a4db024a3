import { DomainError, routes, toAccountView } from '@hpf/shared';
import { getAccount } from '../adapters/accounts-repository';
import { config } from '../platform/config';
import { httpRoute } from '../platform/http';

export const handler = httpRoute(routes.myAccount, async ({ accountNo, now }) => {
  const { tableName, policy } = config();
  const account = await getAccount(tableName, accountNo);
  if (!account) throw new DomainError('ACCOUNT_NOT_FOUND');
  return toAccountView(account, policy, now);
});
