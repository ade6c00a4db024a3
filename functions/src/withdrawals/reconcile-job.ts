/**
 * The payout sweep, every minute: the applications of the payout worker's queues (APPROVED,
 * PAYING, MANUAL_CHECK) whose next attempt is due, worked on in parallel — at most the policy's
 * `sweepConcurrency` at once, taken in turn from each queue so a long PAYING queue during a bank
 * outage never starves the APPROVED ones behind it — until the invocation is about to run out of
 * time (`sweepReserveSeconds` are kept). What it did not reach stays due for the next run.
 */
import type { Context } from 'aws-lambda';
import type { WithdrawalStatus } from '@hpf/shared';
import { queuePage, type Application } from '../adapters/withdrawals-repository';
import { log } from '../platform/log';
import { metric } from '../platform/metrics';
import { payoutDeps, work, type PayoutDeps } from './payout-worker';

const SWEPT: WithdrawalStatus[] = ['APPROVED', 'PAYING', 'MANUAL_CHECK'];
const PAGE = 25;

/** The due applications of each queue, read a page at a time, handed out one queue after another. */
async function* fairlyDue(tableName: string, dueBy: string): AsyncGenerator<Application> {
  const queues = SWEPT.map((status) => ({ status, buffer: [] as Application[], cursor: undefined as Record<string, unknown> | undefined, done: false }));
  for (;;) {
    let handed = false;
    for (const queue of queues) {
      if (queue.buffer.length === 0 && !queue.done) {
        const page = await queuePage(tableName, queue.status, { limit: PAGE, dueBy, ...(queue.cursor ? { cursor: queue.cursor } : {}) });
        queue.buffer.push(...page.applications);
        queue.cursor = page.cursor;
        queue.done = !page.cursor;
      }
      const next = queue.buffer.shift();
      if (next) {
        handed = true;
        yield next;
      }
    }
    if (!handed) return;
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

export const handler = async (_event: unknown, context?: Context): Promise<SweepReport> => {
  const report = await sweepPayouts(payoutDeps(), () => new Date(), () => context?.getRemainingTimeInMillis() ?? Number.POSITIVE_INFINITY);
  log('info', 'payout sweep', { ...report });
  return report;
};
