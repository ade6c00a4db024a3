/**
 * 约定提取还贷 (按月对冲还贷), the job: for each agreement that pays this month, this month's
 * instalment moves from the HPF account to the loan — min(instalment due, balance − retained
 * minimum) — once per loan and month. The month's run marker is written with attribute_not_exists
 * in the same transaction as the ledger entry, the balance, the repayment record and the loan's
 * figures, so two runs at once (or a retry after a timeout) repay once. A shortfall is recorded
 * with the marker and told to the member by the notifier the same day (the stream sees the marker).
 * Scheduled daily: an agreement signed mid-month pays that month; the marker keeps it to once.
 * A commercial agreement (商贷自动划转) takes its own turn (commercial-transfer.ts): the bank says
 * what is due, and the transfer goes through the payout pipeline.
 */
import type { Context } from 'aws-lambda';
import {
  applyAmount,
  chinaDate,
  loanFacts,
  monthlyRepayment,
  repaymentDescription,
  type HpfLoan,
  type LoanRepayment,
  type MonthlyRepaymentPlan,
  type PlanResult,
  type Policy,
} from '@hpf/shared';
import { getAccount } from '../adapters/accounts-repository';
import { getAgreement, getLoans, getRepayments, listAgreementAccounts, recordShortfallOnly, repayFromAccount, type MonthRun } from '../adapters/loans-repository';
import { httpLoanBank, type LoanBank } from '../adapters/bank-client';
import { config } from '../platform/config';
import { commercialTransferStep } from './commercial-transfer';
import { sweepAccounts, type SweepReport } from '../platform/account-sweep';
import { invocationHandler, log } from '../platform/log';

export type LoanRepaymentOutcome = 'repaid' | 'shortfall' | 'already' | 'skipped' | 'failed';

export type LoanRepaymentReport = SweepReport<LoanRepaymentOutcome>;

export interface LoanRepaymentDeps {
  tableName: string;
  policy: Policy;
  /** 商贷自动划转: the cooperating banks' instalments (only asked for commercial agreements). */
  bank: LoanBank;
  concurrency?: number;
}

type Pay = Extract<MonthlyRepaymentPlan, { kind: 'PAY' }>;

/** The principal still owed once this month's split is recorded (the loan item keeps it for other rules, e.g. 离退休提取). */
function owedAfter(loan: HpfLoan, repayments: LoanRepayment[], run: MonthRun, policy: Policy, today: string): number {
  const existing = repayments.find((r) => r.contractNo === loan.contractNo && r.period === run.period);
  const merged: LoanRepayment = {
    contractNo: loan.contractNo,
    period: run.period,
    dueDate: run.dueDate,
    dueFen: existing?.dueFen ?? run.dueFen,
    selfPaidFen: existing?.selfPaidFen ?? 0,
    fromAccountFen: (existing?.fromAccountFen ?? 0) + run.fromAccountFen,
    shortfallFen: run.shortfallFen,
    paidOn: today,
  };
  const facts = loanFacts(loan, [...repayments.filter((r) => r !== existing), merged], policy.loan, today);
  return facts?.outstandingFen ?? loan.outstandingFen ?? loan.amountFen;
}

/** One account's turn: its agreement's loan, this month. */
export async function loanRepaymentStep(deps: LoanRepaymentDeps, accountNo: string, now: Date): Promise<LoanRepaymentOutcome> {
  const { tableName, policy } = deps;
  const today = chinaDate(now);
  const month = today.slice(0, 7);
  const agreement = await getAgreement(tableName, accountNo, true);
  if (!agreement) return 'skipped';
  if (agreement.target === 'COMMERCIAL') return commercialTransferStep(deps, agreement, now);
  const [loans, repayments, account] = await Promise.all([getLoans(tableName, accountNo, true), getRepayments(tableName, accountNo, true), getAccount(tableName, accountNo, { consistent: true })]);
  const loan = loans.find((candidate) => candidate.contractNo === agreement.contractNo);
  if (!loan || !account) return 'skipped';
  const first = monthlyRepayment({ loan, repayments, agreement, balanceFen: account.balanceFen, policy: policy.loan, month });
  if (first.kind === 'SKIP') return first.reason === 'ALREADY_PAID' ? 'already' : 'skipped';

  const toRun = (plan: Pay): MonthRun => ({ accountNo, contractNo: loan.contractNo, month, period: plan.period, dueDate: plan.dueDate, dueFen: plan.dueFen, fromAccountFen: plan.fromAccountFen, shortfallFen: plan.shortfallFen });
  if (first.fromAccountFen === 0) {
    const recorded = await recordShortfallOnly(tableName, toRun(first), today, now.toISOString(), account.balanceFen);
    return recorded === 'recorded' ? 'shortfall' : 'already';
  }

  let decided = { run: toRun(first), outstandingFen: 0, retainedMinimumFen: policy.loan.retainedMinimumFen, balanceAfterFen: account.balanceFen - first.fromAccountFen };
  const plan = (current: typeof account): PlanResult => {
    if (current.status === 'CLOSED') return { ok: false, code: 'ACCOUNT_CLOSED' };
    if (current.frozen) return { ok: false, code: 'ACCOUNT_FROZEN' };
    const again = monthlyRepayment({ loan, repayments, agreement, balanceFen: current.balanceFen, policy: policy.loan, month });
    // the balance fell below the minimum between the read and now: the month is a shortfall, said by a later run
    if (again.kind === 'SKIP' || again.fromAccountFen === 0) return { ok: false, code: 'INSUFFICIENT_BALANCE' };
    const run = toRun(again);
    decided = { run, outstandingFen: owedAfter(loan, repayments, run, policy, today), retainedMinimumFen: policy.loan.retainedMinimumFen, balanceAfterFen: current.balanceFen - again.fromAccountFen };
    return {
      ok: true,
      plan: {
        entry: { kind: 'LOAN_REPAYMENT', amountFen: -again.fromAccountFen, valueDate: today, description: repaymentDescription(loan.contractNo, again.period) },
        account: applyAmount(current, -again.fromAccountFen),
      },
    };
  };
  const outcome = await repayFromAccount({ tableName, accountNo, contractNo: loan.contractNo, month, today, postedAt: now, plan, decided: () => decided });
  if (outcome.outcome === 'posted') return decided.run.shortfallFen > 0 ? 'shortfall' : 'repaid';
  if (outcome.outcome === 'guarded') return 'already';
  log('warn', 'loan repayment not made', { accountNo, code: outcome.code });
  return 'failed';
}

export function runLoanRepaymentJob(deps: LoanRepaymentDeps, now: () => Date, timeLeftMs: () => number): Promise<LoanRepaymentReport> {
  // an account whose step failed is tried again tomorrow: its month's marker was not written
  return sweepAccounts(listAgreementAccounts(deps.tableName), (accountNo) => loanRepaymentStep(deps, accountNo, now()), {
    job: 'loan repayment job',
    onError: 'failed',
    timeLeftMs,
    lanes: deps.concurrency,
  });
}

export const handler = invocationHandler(async (_event: unknown, context?: Context): Promise<LoanRepaymentReport> => {
  const { tableName, policy, bank } = config();
  const report = await runLoanRepaymentJob({ tableName, policy, bank: httpLoanBank(bank()) }, () => new Date(), () => context?.getRemainingTimeInMillis() ?? Number.POSITIVE_INFINITY);
  log('info', 'loan repayment job', { ...report });
  return report;
});
