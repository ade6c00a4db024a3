/**
 * 离退休提取「免申即享」, the daily job: walks the accounts (the listing shards, no Scan), asks
 * 人社 about the members who may have retired (mayHaveRetired: a hint only), and for each one
 * recorded as retired with money in the account prepares the withdrawal — the whole balance plus
 * 销户结息, to the card on file, under the policy's loan rule — or records what holds it. The
 * record's key is the account's and it is written with attribute_not_exists, so two runs at once
 * prepare one; a declined one is never touched again. The member is told by the notifier (the
 * stream sees the record written). A prepared one whose policy days have run out is paid to the
 * card on file, with a notice the day before. External calls (人社) happen only here.
 */
import type { Context } from 'aws-lambda';
import { addDays, autoPayStep, chinaDate, mayHaveRetired, type Policy, type RetirementPlan } from '@hpf/shared';
import { getAccount, listAccountNumbers } from '../adapters/accounts-repository';
import { getRetirement, prepareRetirement, updateRetirement, type RetirementRecord } from '../adapters/retirement-repository';
import { retirementRecord, type SocialInsuranceApi } from '../adapters/social-insurance-client';
import { config } from '../platform/config';
import { sweepAccounts, type SweepReport } from '../platform/account-sweep';
import { invocationHandler, log } from '../platform/log';
import { closingOf } from './closing';
import { confirmRetirement } from './confirm';

export interface RetirementJobDeps {
  tableName: string;
  policy: Policy;
  socialInsurance: SocialInsuranceApi;
  concurrency?: number;
}

export type RetirementJobOutcome = 'prepared' | 'held' | 'exists' | 'not-retired' | 'unknown' | 'skipped' | 'auto-paid' | 'notice' | 'released' | 'waiting';

export type RetirementJobReport = SweepReport<RetirementJobOutcome>;

function planFields(plan: RetirementPlan, today: string) {
  return plan.kind === 'PAY'
    ? {
        status: 'PREPARED' as const,
        figures: { balanceFen: plan.balanceFen, closingInterestFen: plan.closingInterestFen, loanRepaymentFen: plan.loanRepaymentFen, payoutFen: plan.payoutFen, asOf: today },
      }
    : { status: 'HELD' as const, hold: plan.hold, holdMessage: plan.message };
}

/** One account's turn. */
export async function retirementStep(deps: RetirementJobDeps, accountNo: string, now: Date): Promise<RetirementJobOutcome> {
  const { tableName, policy } = deps;
  const today = chinaDate(now);
  const existing = await getRetirement(tableName, accountNo);
  if (existing) return existingStep(deps, existing, now);
  const account = await getAccount(tableName, accountNo, { consistent: true });
  if (!account || account.status === 'CLOSED' || account.balanceFen <= 0 || !mayHaveRetired(account, today)) return 'skipped';
  const found = await retirementRecord(deps.socialInsurance, account.idNumber);
  if (found === 'unknown') return 'unknown';
  if (!found.retired || found.retiredOn > today) return 'not-retired';
  const closing = await closingOf(tableName, accountNo, policy, today);
  if (!closing) return 'skipped';
  const fields = planFields(closing.plan, today);
  const record: RetirementRecord = {
    accountNo,
    retiredOn: found.retiredOn,
    preparedAt: now.toISOString(),
    round: 1,
    ...(account.bankCard ? { bankCard: account.bankCard } : {}),
    ...fields,
    ...(fields.status === 'PREPARED' && policy.retirement.autoPayAfterDays ? { autoPayOn: addDays(today, policy.retirement.autoPayAfterDays) } : {}),
    updatedAt: now.toISOString(),
  };
  const created = await prepareRetirement(tableName, record);
  if (!created) return 'exists';
  return record.status === 'PREPARED' ? 'prepared' : 'held';
}

async function existingStep(deps: RetirementJobDeps, record: RetirementRecord, now: Date): Promise<RetirementJobOutcome> {
  const { tableName, policy } = deps;
  const today = chinaDate(now);
  if (record.status === 'HELD') {
    // the hold may have ended (a freeze lifted, the loan paid off): look again, it is told anew when it has
    const closing = await closingOf(tableName, record.accountNo, policy, today, { bankCard: record.bankCard, interestCreditedFen: record.interestCreditedFen });
    if (!closing || closing.plan.kind === 'HOLD') return 'waiting';
    const fields = planFields(closing.plan, today);
    const moved = await updateRetirement(
      tableName,
      record.accountNo,
      ['HELD'],
      { ...fields, round: record.round + 1, updatedAt: now.toISOString(), ...(policy.retirement.autoPayAfterDays ? { autoPayOn: addDays(today, policy.retirement.autoPayAfterDays) } : {}) },
      { remove: ['hold', 'holdMessage', 'noticeSentAt'], round: record.round },
    );
    return moved ? 'released' : 'waiting';
  }
  if (record.status !== 'PREPARED') return 'exists';
  const step = autoPayStep({ today, ...(record.autoPayOn ? { autoPayOn: record.autoPayOn } : {}), noticeSent: Boolean(record.noticeSentAt) });
  if (step === 'NOTICE') {
    const noted = await updateRetirement(tableName, record.accountNo, ['PREPARED'], { noticeSentAt: now.toISOString(), updatedAt: now.toISOString() }, { round: record.round });
    return noted ? 'notice' : 'waiting';
  }
  if (step === 'PAY') {
    try {
      await confirmRetirement({ tableName, policy }, record.accountNo, 'SYSTEM', now);
      return 'auto-paid';
    } catch (error) {
      log('warn', 'retirement auto-pay not made', { accountNo: record.accountNo, errorName: (error as Error).name, code: (error as { code?: string }).code });
      return 'waiting';
    }
  }
  return 'waiting';
}

export function runRetirementJob(deps: RetirementJobDeps, now: () => Date, timeLeftMs: () => number): Promise<RetirementJobReport> {
  // an account whose step failed is seen again tomorrow: nothing was written for it
  return sweepAccounts(listAccountNumbers(deps.tableName), (accountNo) => retirementStep(deps, accountNo, now()), {
    job: 'retirement job',
    onError: 'unknown',
    timeLeftMs,
    lanes: deps.concurrency,
  });
}

export const handler = invocationHandler(async (_event: unknown, context?: Context): Promise<RetirementJobReport> => {
  const { tableName, policy, socialInsurance } = config();
  const report = await runRetirementJob({ tableName, policy, socialInsurance: socialInsurance() }, () => new Date(), () => context?.getRemainingTimeInMillis() ?? Number.POSITIVE_INFINITY);
  log('info', 'retirement job', { ...report });
  return report;
});
