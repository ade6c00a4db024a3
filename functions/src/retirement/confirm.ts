/**
 * A prepared retirement withdrawal becomes a withdrawal in the payout pipeline: confirmed by the
 * member (one tap and a face check) or by the system when the policy's days ran out (免申即享).
 * The figures are worked out again for today (the closing interest runs to the day it is paid),
 * and one transaction moves the record PREPARED → CONFIRMED (conditioned on its round) and writes
 * the application APPROVED with its open marker — so two confirms at once make one withdrawal.
 */
import { randomBytes } from 'node:crypto';
import { chinaDate, DomainError, type Policy, type WithdrawalActor } from '@hpf/shared';
import type { TransactItem } from '../adapters/ledger-repository';
import { getRetirement, retirementUpdateItem, updateRetirement, type RetirementRecord } from '../adapters/retirement-repository';
import { createApplication, type Application } from '../adapters/withdrawals-repository';
import { newApplicationId } from '../platform/ids';
import { closingOf } from './closing';

/** How long the sweep leaves a new APPROVED application to the stream (as for rent). */
const STREAM_GRACE_MS = 30_000;

export const CONFIRMED_NOTE = { MEMBER: '您已确认，开始办理离退休提取', SYSTEM: '通知后到期未收到您的其他选择，按规定转到您的银行卡' } as const;

export async function confirmRetirement(
  deps: { tableName: string; policy: Policy },
  accountNo: string,
  by: Extract<WithdrawalActor, 'MEMBER' | 'SYSTEM'>,
  now: Date,
  /** Joins the transaction (the member's face check, used up by it); its index is 4. */
  extra: TransactItem[] = [],
): Promise<Application> {
  const { tableName, policy } = deps;
  const record = await getRetirement(tableName, accountNo);
  if (!record || record.status !== 'PREPARED') throw new DomainError('RETIREMENT_NOT_PREPARED');
  const today = chinaDate(now);
  const closing = await closingOf(tableName, accountNo, policy, today, { bankCard: record.bankCard, interestCreditedFen: record.interestCreditedFen });
  if (!closing) throw new DomainError('ACCOUNT_NOT_FOUND');
  const { plan, account } = closing;
  if (plan.kind === 'HOLD') {
    // what changed since it was prepared (a freeze, a loan) holds it, in words, until the job looks again
    await updateRetirement(tableName, accountNo, ['PREPARED'], { status: 'HELD', hold: plan.hold, holdMessage: plan.message, updatedAt: now.toISOString() }, { round: record.round });
    throw new DomainError('RETIREMENT_HELD', plan.message);
  }
  if (plan.payoutFen === 0) throw new DomainError('RETIREMENT_HELD', '您的余额正好用于还清公积金贷款，没有要转到银行卡的钱，请到柜台办理销户。');
  const createdAt = now.toISOString();
  const application: Application = {
    applicationId: newApplicationId(accountNo, now, randomBytes(4)),
    accountNo,
    memberName: account.name,
    kind: 'RETIREMENT',
    month: today.slice(0, 7),
    amountFen: plan.payoutFen,
    bankCard: record.bankCard ?? account.bankCard!,
    closing: {
      balanceFen: plan.balanceFen,
      closingInterestFen: plan.closingInterestFen,
      loanRepaymentFen: plan.loanRepaymentFen,
      closingDate: today,
      loanContracts: plan.loanRepaymentFen > 0 ? closing.outstandingLoans.map((loan) => loan.contractNo) : [],
    },
    status: 'APPROVED',
    flags: [],
    timeline: [{ status: 'APPROVED', at: createdAt, note: CONFIRMED_NOTE[by] }],
    createdAt,
    idempotencyKey: `RETIRE#${record.round}`,
    nextAttemptAt: new Date(now.getTime() + STREAM_GRACE_MS).toISOString(),
  };
  const figures = { balanceFen: plan.balanceFen, closingInterestFen: plan.closingInterestFen, loanRepaymentFen: plan.loanRepaymentFen, payoutFen: plan.payoutFen, asOf: today };
  const guard = retirementUpdateItem(tableName, accountNo, ['PREPARED'], { status: 'CONFIRMED', applicationId: application.applicationId, figures, confirmedBy: by, updatedAt: createdAt }, { round: record.round });
  const created = await createApplication(tableName, application, { scope: 'RETIRE', key: `${accountNo}#${record.round}`, requestHash: 'retirement' }, extra, { by, guard });
  if (created === 'created') return application;
  if (created === 'in-flight') throw new DomainError('APPLICATION_IN_FLIGHT');
  // a twin confirmed it first (same round): not a second withdrawal
  throw new DomainError('RETIREMENT_NOT_PREPARED');
}

export type { RetirementRecord };
