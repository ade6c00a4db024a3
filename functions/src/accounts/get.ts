import { DomainError, routes, toStaffAccountView } from '@hpf/shared';
import { getAccount } from '../adapters/accounts-repository';
import { config } from '../platform/config';
import { httpRoute } from '../platform/http';

export const handler = httpRoute(routes.staffAccount, async ({ params }) => {
  const account = await getAccount(config().tableName, params.accountNo);
  if (!account) throw new DomainError('ACCOUNT_NOT_FOUND');
  return toStaffAccountView(account);
});
