import { DomainError, routes, toAccountView } from '@hpf/shared';
import { getAccountWithLoans } from '../adapters/accounts-repository';
import { config } from '../platform/config';
import { httpRoute } from '../platform/http';

export const handler = httpRoute(routes.myAccount, async ({ accountNo, now }) => {
  const { tableName, policy } = config();
  // the loans decide the advice: a borrower is pointed to 偿还贷款提取, not the rent form
  const { account, loans } = await getAccountWithLoans(tableName, accountNo);
  if (!account) throw new DomainError('ACCOUNT_NOT_FOUND');
  return toAccountView(account, policy, now, loans);
});
