/**
 * 商贷自动划转, the job's turn for one commercial agreement: ask the cooperating bank this month's
 * instalment (the job is a worker: no member request waits on the bank), decide the transfer
 * (shared/src/commercial-transfer.ts), and either record a month with nothing to send (SHORT,
 * NOT_THEIRS, NOT_FOUND) or create the month's transfer — an application APPROVED by the system,
 * in one transaction with the month run it starts — for the payout worker to debit and pay. Two
 * runs at once, or a retry, meet the run's condition (and the idempotency record) and make one.
 */
import { randomBytes } from 'node:crypto';
import { chinaDate, commercialTransfer, cooperatingBankName, type Policy, type RepaymentAgreement } from '@hpf/shared';
import { getAccount } from '../adapters/accounts-repository';
import type { LoanBank } from '../adapters/bank-client';
import { commercialRunStartItem, readCommercialRun, recordCommercialMonth } from '../adapters/loans-repository';
import { createApplication, type Application } from '../adapters/withdrawals-repository';
import { newApplicationId } from '../platform/ids';
import { log } from '../platform/log';

/** How long the sweep leaves a new APPROVED transfer to the stream (as for rent). */
const STREAM_GRACE_MS = 30_000;

export type CommercialOutcome = 'repaid' | 'shortfall' | 'already' | 'skipped' | 'failed';

export async function commercialTransferStep(
  deps: { tableName: string; policy: Policy; bank: LoanBank },
  agreement: RepaymentAgreement,
  now: Date,
): Promise<CommercialOutcome> {
  const { tableName, policy } = deps;
  const { accountNo, contractNo } = agreement;
  const today = chinaDate(now);
  const month = today.slice(0, 7);
  const bankCode = agreement.bankCode ?? '';
  const [account, run] = await Promise.all([getAccount(tableName, accountNo, { consistent: true }), readCommercialRun(tableName, accountNo, contractNo, month)]);
  if (!account) return 'skipped';
  const runState = run ? { status: run.status, tries: run.tries, updatedOn: chinaDate(new Date(run.updatedAt)) } : undefined;
  // a month settled, being paid, or refused today needs no call to the bank
  if (runState && (runState.status !== 'REFUSED' || runState.tries >= policy.loan.commercialTriesPerMonth || runState.updatedOn >= today)) return 'already';
  const answer = await deps.bank.instalment(bankCode, contractNo, month);
  const at = now.toISOString();
  const where = { accountNo, contractNo, month };
  if (answer.status === 'UNKNOWN') {
    // nothing was decided: tomorrow's run asks again (the month is not marked)
    log('warn', 'commercial loan instalment unknown; tried again tomorrow', { accountNo, why: answer.why });
    return 'failed';
  }
  if (answer.status === 'NOT_FOUND') {
    if (run) return 'already';
    const recorded = await recordCommercialMonth(tableName, where, { status: 'NOT_FOUND', tries: 0, dueFen: 0, dueDate: `${month}-01`, fromAccountFen: 0, shortfallFen: 0, balanceAfterFen: account.balanceFen }, at);
    log('warn', 'commercial loan not found at the bank', { accountNo, bankCode });
    return recorded === 'recorded' ? 'shortfall' : 'already';
  }
  const plan = commercialTransfer({ agreement, instalment: answer.instalment, member: account, balanceFen: account.balanceFen, policy: policy.loan, today, run: runState });
  if (plan.kind === 'SKIP') return plan.reason === 'NO_AGREEMENT' ? 'skipped' : 'already';
  if (plan.kind === 'SHORT' || plan.kind === 'NOT_THEIRS') {
    // the member is told what to pay themselves: the whole instalment when the loan is not theirs
    const shortfallFen = plan.kind === 'SHORT' ? plan.shortfallFen : plan.dueFen;
    const recorded = await recordCommercialMonth(tableName, where, { status: plan.kind, tries: 0, dueFen: plan.dueFen, dueDate: plan.dueDate, fromAccountFen: 0, shortfallFen, balanceAfterFen: account.balanceFen }, at);
    if (plan.kind === 'NOT_THEIRS') log('warn', 'commercial loan borrower is not the member; nothing transferred', { accountNo, bankCode });
    return recorded === 'recorded' ? 'shortfall' : 'already';
  }

  const bankName = cooperatingBankName(policy.loan, bankCode) ?? bankCode;
  const application: Application = {
    applicationId: newApplicationId(accountNo, now, randomBytes(4)),
    accountNo,
    memberName: account.name,
    kind: 'LOAN_TRANSFER',
    month,
    amountFen: plan.fromAccountFen,
    bankCard: answer.instalment.repaymentAccount,
    loanTransfer: { bankCode, bankName, contractNo, dueFen: plan.dueFen, shortfallFen: plan.shortfallFen, dueDate: plan.dueDate, tries: plan.tries, triesAllowed: policy.loan.commercialTriesPerMonth },
    status: 'APPROVED',
    flags: [],
    timeline: [{ status: 'APPROVED', at, note: `按签约划转本月应还（第 ${plan.tries} 次）` }],
    createdAt: at,
    idempotencyKey: `LOANTRANSFER#${contractNo}#${month}#${plan.tries}`,
    nextAttemptAt: new Date(now.getTime() + STREAM_GRACE_MS).toISOString(),
  };
  const guard = commercialRunStartItem(
    tableName,
    where,
    plan.from,
    {
      status: 'SENT',
      tries: plan.tries,
      dueFen: plan.dueFen,
      dueDate: plan.dueDate,
      fromAccountFen: plan.fromAccountFen,
      shortfallFen: plan.shortfallFen,
      balanceAfterFen: account.balanceFen - plan.fromAccountFen,
      applicationId: application.applicationId,
    },
    at,
  );
  const created = await createApplication(tableName, application, { scope: 'LOANTRANSFER', key: `${accountNo}#${contractNo}#${month}#${plan.tries}`, requestHash: 'loan-transfer' }, [], { by: 'SYSTEM', guard });
  if (created === 'created') return plan.shortfallFen > 0 ? 'shortfall' : 'repaid';
  if (created === 'in-flight') {
    // another withdrawal of this account is being paid (one at a time): a later day of the month tries again
    log('warn', 'commercial transfer waits for an open withdrawal', { accountNo });
    return 'failed';
  }
  return 'already';
}
