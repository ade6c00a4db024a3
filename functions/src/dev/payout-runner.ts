/**
 * The payout worker as it runs locally (npm start, the browser tests, the soak): the same stream
 * handler on DynamoDB Local's stream, and the same sweep on a timer instead of EventBridge's
 * schedule (every few seconds here, so a retry's backoff is seen in minutes of a test, not hours).
 */
import type { PayoutDeps } from '../withdrawals/payout-worker';
import { PAYOUT_KEY_PREFIXES, startStreamPoller, type StreamPoller } from './stream-poller';

export interface PayoutRunner {
  poller: StreamPoller;
  /** Runs one sweep now (the timer's sweeps go on). */
  sweepNow(): Promise<void>;
  stop(): Promise<void>;
}

export async function startPayoutRunner(options: { tableName: string; deps?: () => PayoutDeps; sweepEveryMs?: number; retryDelayMs?: number }): Promise<PayoutRunner> {
  const { payoutDeps, streamHandler } = await import('../withdrawals/payout-worker');
  const { sweepPayouts } = await import('../withdrawals/reconcile-job');
  const deps = options.deps ?? payoutDeps;
  const poller = await startStreamPoller({
    tableName: options.tableName,
    handler: streamHandler(deps),
    keyPrefixes: PAYOUT_KEY_PREFIXES,
    ...(options.retryDelayMs ? { retryDelayMs: options.retryDelayMs } : {}),
  });
  let running: Promise<void> | undefined;
  const sweepNow = () =>
    (running ??= sweepPayouts(deps(), () => new Date(), () => Number.POSITIVE_INFINITY)
      .then(() => undefined)
      .catch(() => undefined)
      .finally(() => (running = undefined)));
  const timer = setInterval(() => void sweepNow(), options.sweepEveryMs ?? Number(process.env.PAYOUT_SWEEP_MS ?? 5_000));
  return {
    poller,
    sweepNow,
    async stop() {
      clearInterval(timer);
      await running;
      await poller.stop();
    },
  };
}
