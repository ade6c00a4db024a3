/** Everything the rent rules need to know about a member this month, read in parallel. */
import { agreementCovers, chinaDate, DomainError, type RentSituation } from '@hpf/shared';
import { getAccountWithLoans } from '../adapters/accounts-repository';
import { getAgreement } from '../adapters/loans-repository';
import { ownsHome } from '../adapters/registry-client';
import { getApplication, itemExists, rentMonthWithdrawal } from '../adapters/withdrawals-repository';
import { config } from '../platform/config';
import { keys } from '../platform/keys';

export async function rentSituation(accountNo: string, now: Date): Promise<RentSituation> {
  const { tableName, registry } = config();
  const month = chinaDate(now).slice(0, 7);
  // one round: every read that needs only the account number starts at once (the profile and the
  // loans in one Query); the registry, which needs the ID number, as soon as the profile is in
  const profile = getAccountWithLoans(tableName, accountNo, { consistent: true });
  const [{ account, loans }, withdrawn, inFlight, home, agreement] = await Promise.all([
    profile,
    rentMonthWithdrawal(tableName, accountNo, month),
    itemExists(tableName, keys.openWithdrawal(accountNo)),
    profile.then(({ account: found }) => (found ? ownsHome(registry(), found.idNumber) : false)),
    getAgreement(tableName, accountNo, true),
  ]);
  if (!account) throw new DomainError('ACCOUNT_NOT_FOUND');
  // what this month's withdrawal paid, so the member is told it rather than refused
  const paid = withdrawn?.applicationId ? await getApplication(tableName, withdrawn.applicationId) : undefined;
  return {
    account,
    loans,
    ownsHome: home,
    withdrawnThisMonth: withdrawn !== undefined,
    ...(paid ? { withdrawnThisMonthFen: paid.amountFen } : {}),
    inFlight,
    repaymentAgreementActive: agreementCovers(agreement, month),
    month,
    now,
  };
}
