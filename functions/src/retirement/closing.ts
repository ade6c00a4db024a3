/**
 * The figures of an account's closing, read from the records and worked out by the pure rules:
 * the whole balance, 销户结息 to the closing day (computeClosingInterest, by the yearly
 * settlement's own code), the HPF loans still owed, and retirementPlan's answer under the policy.
 */
import {
  computeClosingInterest,
  retirementPlan,
  settledThroughYearOf,
  type AccountRecord,
  type LoanRecord,
  type Policy,
  type RetirementPlan,
} from '@hpf/shared';
import { allLedgerEntries, getAccountWithLoans } from '../adapters/accounts-repository';

export interface Closing {
  account: AccountRecord;
  /** The loans repaid from the account (REPAY_FIRST). */
  outstandingLoans: LoanRecord[];
  plan: RetirementPlan;
}

/** Principal still owed on a loan: the loan system's figure when the record carries one, else the amount lent. */
function owed(loan: LoanRecord): number {
  const outstanding = (loan as LoanRecord & { outstandingFen?: number }).outstandingFen;
  return typeof outstanding === 'number' ? outstanding : loan.amountFen;
}

export async function closingOf(
  tableName: string,
  accountNo: string,
  policy: Policy,
  closingDate: string,
  /**
   * interestCreditedFen: 销户结息 already credited by a closing debit whose payout then failed (it
   * earned it once). 'ledger': read it off the entries — the closing credits are the INTEREST
   * entries that name no settlement year — for a withdrawal with no record of its own (the counter's).
   */
  options: { bankCard?: string; interestCreditedFen?: number | 'ledger' } = {},
): Promise<Closing | undefined> {
  const [{ account, loans }, entries] = await Promise.all([getAccountWithLoans(tableName, accountNo, { consistent: true }), allLedgerEntries(tableName, accountNo)]);
  if (!account) return undefined;
  const years = entries.flatMap((entry) => {
    const year = (entry as { interestYear?: unknown }).interestYear;
    return entry.kind === 'INTEREST' && typeof year === 'number' ? [year] : [];
  });
  const settledThroughYear = settledThroughYearOf(account.openedOn, years);
  const interest = computeClosingInterest(entries, {
    settledThroughYear,
    closingDate,
    annualRateBasisPoints: policy.interest.annualRateBasisPoints,
  });
  const credited =
    options.interestCreditedFen === 'ledger'
      ? entries.reduce(
          (sum, entry) =>
            entry.kind === 'INTEREST' && typeof (entry as { interestYear?: unknown }).interestYear !== 'number' && entry.valueDate > `${settledThroughYear}-06-30` ? sum + entry.amountFen : sum,
          0,
        )
      : (options.interestCreditedFen ?? 0);
  // a closing debit whose payout failed credited interest already: it earned it once
  const closingInterestFen = Math.max(0, interest.interestFen - credited);
  const outstandingLoans = loans.filter((loan) => loan.status === 'OUTSTANDING');
  const plan = retirementPlan({
    account: { ...account, bankCard: options.bankCard ?? account.bankCard },
    loanOutstandingFen: outstandingLoans.reduce((sum, loan) => sum + owed(loan), 0),
    closingInterestFen,
    policy: policy.retirement,
  });
  return { account, outstandingLoans, plan };
}
