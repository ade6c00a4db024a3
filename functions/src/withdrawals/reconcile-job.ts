/**
 * The payout sweep, every minute: the applications of the payout worker's queues (APPROVED,
 * PAYING, MANUAL_CHECK) whose next attempt is due, worked on in parallel — at most the policy's
 * `sweepConcurrency` at once, taken in turn from each queue so a long PAYING queue during a bank
 * outage never starves the APPROVED ones behind it, and within a queue from every shard, oldest
 * due first — until the invocation is about to run out of time (`sweepReserveSeconds` are kept).
 * What it did not reach stays due for the next run.
 */
import type { Context } from 'aws-lambda';
import type { WithdrawalStatus } from '@hpf/shared';
import { queueEntries, type Application } from '../adapters/withdrawals-repository';
import { invocationHandler, log } from '../platform/log';
import { metric } from '../platform/metrics';
import { payoutDeps, work, type PayoutDeps } from './payout-worker';

const SWEPT: WithdrawalStatus[] = ['APPROVED', 'PAYING', 'MANUAL_CHECK'];
/** Entries read per queue shard per Query: a sweep with little due reads little. */
const CHUNK = 10;

/**
 * The due applications of each queue, handed out one queue after another; within a queue, every
 * shard merged oldest-due first (queueEntries), so no shard waits behind another.
 */
async function* fairlyDue(tableName: string, dueBy: string): AsyncGenerator<Application> {
  const queues = SWEPT.map((status) => queueEntries(tableName, status, { dueBy, chunk: CHUNK }));
  const open = new Set(queues);
  while (open.size > 0) {
    for (const queue of queues) {
      if (!open.has(queue)) continue;
      const next = await queue.next();
      if (next.done) open.delete(queue);
      else yield next.value;
    }
  }
}

export interface SweepReport {
  /** The state each application was left in, counted. */
  outcomes: Record<string, number>;
  /** Due applications not reached before the time ran out (they stay due). */
  leftOver: boolean;
}

export async function sweepPayouts(deps: PayoutDeps, now: () => Date, timeLeftMs: () => number): Promise<SweepReport> {
  const outcomes: Record<string, number> = {};
  const due = fairlyDue(deps.tableName, now().toISOString());
  const reserveMs = deps.policy.payout.sweepReserveSeconds * 1000;
  let leftOver = false;
  const lane = async () => {
    for (;;) {
      if (timeLeftMs() < reserveMs) {
        leftOver = true;
        return;
      }
      const next = await due.next();
      if (next.done) return;
      let status: string;
      try {
        status = await work(deps, next.value, now());
      } catch (error) {
        // the next sweep tries again: the application still says where it is
        status = `error ${(error as Error).name}`;
        log('warn', 'payout sweep: one application failed', { applicationId: next.value.applicationId, errorName: (error as Error).name });
      }
      outcomes[status] = (outcomes[status] ?? 0) + 1;
    }
  };
  await Promise.all(Array.from({ length: deps.policy.payout.sweepConcurrency }, lane));
  if (leftOver) metric('PayoutSweepLeftOver');
  return { outcomes, leftOver };
}

export const handler = invocationHandler(async (_event: unknown, context?: Context): Promise<SweepReport> => {
  const report = await sweepPayouts(payoutDeps(), () => new Date(), () => context?.getRemainingTimeInMillis() ?? Number.POSITIVE_INFINITY);
  log('info', 'payout sweep', { ...report });
  return report;
});
