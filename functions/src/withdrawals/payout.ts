/**
 * Approval debits the account and pays the member's card, exactly once:
 * 1. one transaction: application APPROVED → PAYING, the month marker (once per calendar month),
 *    the ledger entry and the balance (≥ the amount, via the plan and the version condition);
 * 2. the bank payout, keyed by the application id (the bank pays an id at most once);
 * 3. PAID; or, when the bank refuses, one transaction returning the money (a reversal entry),
 *    marking the application failed and freeing the month; or, when we cannot tell (a timeout),
 *    nothing — reconciliation asks the bank later and never resends blind.
 */
import { chinaDate, DomainError, ERROR_MESSAGES, type AccountRecord, type ErrorCode, type PlanResult, type Policy } from '@hpf/shared';
import { lookupPayout, sendPayout, type BankApi } from '../adapters/bank-client';
import { post } from '../adapters/ledger-repository';
import {
  getApplication,
  releaseOpenItem,
  transition,
  transitionItem,
  type Application,
} from '../adapters/withdrawals-repository';
import { keys } from '../platform/keys';
import { log } from '../platform/log';

export interface PayoutDeps {
  tableName: string;
  bank: BankApi;
  policy: Policy;
}

function debitPlan(application: Application, policy: Policy) {
  return (account: AccountRecord): PlanResult => {
    if (account.status !== 'NORMAL' || account.frozen) return { ok: false, code: 'ACCOUNT_NOT_ACTIVE' };
    if (account.withdrawalLocked) return { ok: false, code: 'WITHDRAWAL_LOCKED' };
    if (account.balanceFen - application.amountFen < policy.rent.retainedMinimumFen) return { ok: false, code: 'INSUFFICIENT_BALANCE' };
    return {
      ok: true,
      plan: {
        entry: { kind: 'WITHDRAWAL', amountFen: -application.amountFen, valueDate: chinaDate(new Date()), description: `租房提取 ${application.month}` },
        account: { balanceFen: account.balanceFen - application.amountFen, version: account.version + 1 },
      },
    };
  };
}

/** Debits and pays: from APPROVED (秒办, just created) or PENDING_REVIEW (after the second review). */
export async function approveAndPay(
  deps: PayoutDeps,
  application: Application,
  from: 'APPROVED' | 'PENDING_REVIEW',
  note: string,
  secondReviewer?: string,
): Promise<{ status: Application['status']; code?: ErrorCode }> {
  const { tableName } = deps;
  const now = new Date();
  const debit = await post({
    tableName,
    accountNo: application.accountNo,
    postedAt: now,
    plan: debitPlan(application, deps.policy),
    entryAttributes: { applicationId: application.applicationId },
    guards: [
      {
        name: 'month',
        key: keys.rentMonth(application.accountNo, application.month),
        attributes: () => ({ applicationId: application.applicationId, month: application.month }),
      },
    ],
    alongside: (entryId) => [
      {
        name: 'application',
        item: transitionItem(tableName, application, from, 'PAYING', now, { note, set: { entryId }, ...(secondReviewer ? { secondReviewer } : {}) }),
      },
    ],
  });
  if (debit.outcome !== 'posted') {
    // the month already taken by this very application means a twin request is paying it
    const ownMonth = debit.outcome === 'guarded' && debit.guard === 'month' && debit.existing.applicationId === application.applicationId;
    const code = debit.outcome === 'rejected' ? debit.code : debit.guard === 'month' && !ownMonth ? 'ALREADY_WITHDRAWN_THIS_MONTH' : undefined;
    const refused =
      code !== undefined &&
      (await transition(tableName, application, from, 'REJECTED', now, {
        note: ERROR_MESSAGES[code],
        set: { rejectionReason: ERROR_MESSAGES[code] },
        release: true,
      }));
    // refused now, or someone else moved it on: either way answer what it is
    return refused ? { status: 'REJECTED', code } : { status: (await reread(deps, application)).status };
  }
  return { status: await pay(deps, { ...application, status: 'PAYING' }) };
}

async function reread(deps: PayoutDeps, application: Application): Promise<Application> {
  const fresh = await getApplication(deps.tableName, application.applicationId, true);
  if (!fresh) throw new DomainError('APPLICATION_NOT_FOUND');
  return fresh;
}

async function pay(deps: PayoutDeps, application: Application): Promise<Application['status']> {
  const result = await sendPayout(deps.bank, {
    payoutId: application.applicationId,
    cardNo: application.bankCard,
    name: application.memberName,
    amountFen: application.amountFen,
  });
  return settle(deps, application, result);
}

async function settle(deps: PayoutDeps, application: Application, result: Awaited<ReturnType<typeof sendPayout>>): Promise<Application['status']> {
  const now = new Date();
  if (result.status === 'PAID') {
    await transition(deps.tableName, application, 'PAYING', 'PAID', now, { note: '钱已转到您的银行卡', release: true });
    return 'PAID';
  }
  if (result.status === 'FAILED') {
    await reverse(deps, application, result.reason);
    return 'PAYOUT_FAILED';
  }
  log('warn', 'payout outcome unknown; left for reconciliation', { applicationId: application.applicationId });
  return 'PAYING';
}

/** Returns the money in one transaction with the application's failure and the month's release. */
async function reverse(deps: PayoutDeps, application: Application, reason: string): Promise<void> {
  const { tableName } = deps;
  const now = new Date();
  await post({
    tableName,
    accountNo: application.accountNo,
    postedAt: now,
    plan: (account) => ({
      ok: true,
      plan: {
        entry: { kind: 'REVERSAL', amountFen: application.amountFen, valueDate: chinaDate(new Date()), description: `租房提取退回 ${application.month}（${reason}）` },
        account: { balanceFen: account.balanceFen + application.amountFen, version: account.version + 1 },
      },
    }),
    entryAttributes: { applicationId: application.applicationId },
    guards: [{ name: 'reversal', key: keys.reversal(application.accountNo, application.applicationId), attributes: () => ({ reason }) }],
    alongside: () => [
      {
        name: 'application',
        item: transitionItem(tableName, application, 'PAYING', 'PAYOUT_FAILED', now, {
          note: `银行未能付款（${reason}），钱已退回公积金账户，本月可以重新申请`,
        }),
      },
      {
        name: 'month',
        item: {
          Delete: {
            TableName: tableName,
            Key: keys.rentMonth(application.accountNo, application.month),
            ConditionExpression: 'applicationId = :id',
            ExpressionAttributeValues: { ':id': application.applicationId },
          },
        },
      },
      { name: 'open', item: releaseOpenItem(tableName, application.accountNo, application.applicationId) },
    ],
  });
}

/**
 * For an application left PAYING (the bank did not answer): ask the bank what happened. Paid →
 * PAID; refused → reversal; never received → send again under the same id (the bank pays an id
 * at most once, so this cannot pay twice); still unknown → leave it for the next round.
 */
export async function reconcile(deps: PayoutDeps, application: Application): Promise<Application['status']> {
  if (application.status !== 'PAYING') return application.status;
  const found = await lookupPayout(deps.bank, application.applicationId);
  if (found.status === 'NOT_FOUND') return pay(deps, application);
  return settle(deps, application, found);
}
