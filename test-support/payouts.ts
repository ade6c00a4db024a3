/**
 * The payout worker for one test file: the real worker and sweep against the file's table and its
 * bank simulator, with the clock a test moves forward (a retry's backoff takes no real time).
 */
import { DEFAULT_POLICY, type Policy } from '@hpf/shared';
import { httpBank } from '../functions/src/adapters/bank-client';
import { randomBytes } from 'node:crypto';
import { createApplication, getApplication, type Application } from '../functions/src/adapters/withdrawals-repository';
import { newApplicationId } from '../functions/src/platform/ids';
import { work, type PayoutDeps } from '../functions/src/withdrawals/payout-worker';
import { sweepPayouts } from '../functions/src/withdrawals/reconcile-job';
import type { BankSimulator } from '../functions/src/dev/bank-simulator';

export interface TestPayouts {
  deps(): PayoutDeps;
  /** Works on one application now (as the stream does when it becomes APPROVED). */
  work(applicationId: string, at?: Date): Promise<string>;
  /** One sweep, as if run `aheadMs` from now (default: past a new application's stream grace and any retry's backoff). */
  sweep(aheadMs?: number): Promise<Record<string, number>>;
}

export function usePayouts(tableName: () => string, bank: () => BankSimulator, payout: Partial<Policy['payout']> = {}): TestPayouts {
  const deps = (): PayoutDeps => ({
    tableName: tableName(),
    bank: httpBank({ apiBase: bank().baseUrl, timeoutMs: 1000 }),
    // backoffs of milliseconds: the floor (twice the bank's timeout) is what a test waits out
    policy: { ...DEFAULT_POLICY, payout: { ...DEFAULT_POLICY.payout, baseBackoffSeconds: 0.01, maxBackoffSeconds: 0.05, ...payout } },
    bankTimeoutMs: 1000,
  });
  return {
    deps,
    async work(applicationId, at = new Date()) {
      const application = await getApplication(tableName(), applicationId, true);
      if (!application) throw new Error(`no application ${applicationId}`);
      return work(deps(), application, at);
    },
    async sweep(aheadMs = 35_000) {
      const at = new Date(Date.now() + aheadMs);
      return (await sweepPayouts(deps(), () => at, () => Number.POSITIVE_INFINITY)).outcomes;
    },
  };
}

/**
 * A rent application accepted with no flag (秒办), written as submit writes it and due for the
 * worker at `at`, for tests that need money to leave through the real payout worker.
 */
export async function approvedApplication(
  tableName: string,
  holder: { accountNo: string; name: string },
  options: { amountFen: number; month: string; bankCard?: string; at?: Date },
): Promise<Application> {
  const at = options.at ?? new Date();
  const application: Application = {
    applicationId: newApplicationId(holder.accountNo, at, randomBytes(4)),
    accountNo: holder.accountNo,
    memberName: holder.name,
    kind: 'RENT',
    month: options.month,
    amountFen: options.amountFen,
    lease: { address: '上海市徐汇区漕溪北路 88 弄 3 号 601 室', landlordName: '房东甲', landlordAccount: '6222000011112222', monthlyRentFen: 300_000 },
    bankCard: options.bankCard ?? '6222021001123450012',
    status: 'APPROVED',
    flags: [],
    timeline: [{ status: 'APPROVED', at: at.toISOString(), note: '符合条件，自动审核通过' }],
    createdAt: at.toISOString(),
    idempotencyKey: `approved-${randomBytes(6).toString('hex')}`,
    nextAttemptAt: at.toISOString(),
  };
  const created = await createApplication(tableName, application, { scope: 'RENT', key: `${holder.accountNo}#${application.idempotencyKey}`, requestHash: 'h' });
  if (created !== 'created') throw new Error(`application not created: ${created}`);
  return application;
}
