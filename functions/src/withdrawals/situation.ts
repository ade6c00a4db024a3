/** Everything the rent rules need to know about a member this month, read in parallel. */
import { chinaDate, DomainError, type RentSituation } from '@hpf/shared';
import { getAccount } from '../adapters/accounts-repository';
import { listLoans } from '../adapters/certificates-repository';
import { ownsHome } from '../adapters/registry-client';
import { getApplication, itemExists, rentMonthWithdrawal } from '../adapters/withdrawals-repository';
import { config } from '../platform/config';
import { keys } from '../platform/keys';

export async function rentSituation(accountNo: string, now: Date): Promise<RentSituation> {
  const { tableName, registry } = config();
  const month = chinaDate(now).slice(0, 7);
  const account = await getAccount(tableName, accountNo, { consistent: true });
  if (!account) throw new DomainError('ACCOUNT_NOT_FOUND');
  const [loans, withdrawn, inFlight, home] = await Promise.all([
    listLoans(tableName, accountNo),
    rentMonthWithdrawal(tableName, accountNo, month),
    itemExists(tableName, keys.openWithdrawal(accountNo)),
    ownsHome(registry(), account.idNumber),
  ]);
  // what this month's withdrawal paid, so the member is told it rather than refused
  const paid = withdrawn?.applicationId ? await getApplication(tableName, withdrawn.applicationId) : undefined;
  return {
    account,
    loans,
    ownsHome: home,
    withdrawnThisMonth: withdrawn !== undefined,
    ...(paid ? { withdrawnThisMonthFen: paid.amountFen } : {}),
    inFlight,
    month,
    now,
  };
}
