/**
 * The payout worker as it runs locally (npm start, the browser tests, the soak): the same stream
 * handler on DynamoDB Local's stream, with the mapping's retries and a dead-letter list in place of
 * the SQS failure destination, and the same sweep on a timer instead of EventBridge's schedule
 * (every few seconds here, so a retry's backoff is seen in minutes of a test, not hours).
 */
import type { DynamoDBRecord } from 'aws-lambda';
import type { PayoutDeps } from '../withdrawals/payout-worker';
import { PAYOUT_KEY_PREFIXES, startStreamPoller, type StreamHandler, type StreamPoller } from './stream-poller';

export interface PayoutRunner {
  poller: StreamPoller;
  /** The local dead-letter queue: stream batches given up on after the mapping's retries (serverless.yml). */
  deadLetters: DynamoDBRecord[][];
  /**
   * The redrive: each application a dead-lettered record names is worked on from its state now
   * (as a redriven batch would be), then a sweep; the list is emptied. Returns the records redriven.
   */
  redrive(): Promise<number>;
  /** Runs one sweep now (the timer's sweeps go on). */
  sweepNow(): Promise<void>;
  stop(): Promise<void>;
}

/** serverless.yml's payoutWorker stream event: maximumRetryAttempts. */
const MAXIMUM_RETRY_ATTEMPTS = 5;

export async function startPayoutRunner(options: {
  tableName: string;
  deps?: () => PayoutDeps;
  sweepEveryMs?: number;
  retryDelayMs?: number;
  /** Wraps the stream handler (tests and the soak make it crash). */
  wrap?: (handler: StreamHandler) => StreamHandler;
}): Promise<PayoutRunner> {
  const { approvedIn, payoutDeps, streamHandler, work } = await import('../withdrawals/payout-worker');
  const { getApplication } = await import('../adapters/withdrawals-repository');
  const { sweepPayouts } = await import('../withdrawals/reconcile-job');
  const deps = options.deps ?? payoutDeps;
  const deadLetters: DynamoDBRecord[][] = [];
  const handler = streamHandler(deps);
  const poller = await startStreamPoller({
    tableName: options.tableName,
    handler: options.wrap ? options.wrap(handler) : handler,
    keyPrefixes: PAYOUT_KEY_PREFIXES,
    ...(options.retryDelayMs ? { retryDelayMs: options.retryDelayMs } : {}),
    maximumRetryAttempts: MAXIMUM_RETRY_ATTEMPTS,
    onFailure: (records) => void deadLetters.push(records),
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
    deadLetters,
    async redrive() {
      const records = deadLetters.splice(0, deadLetters.length).flat();
      for (const record of records) {
        const named = approvedIn(record);
        const application = named && named !== 'poison' ? await getApplication(options.tableName, named.applicationId, true) : undefined;
        if (application) await work(deps(), application, new Date());
      }
      await sweepPayouts(deps(), () => new Date(), () => Number.POSITIVE_INFINITY);
      return records.length;
    },
    sweepNow,
    async stop() {
      clearInterval(timer);
      await running;
      await poller.stop();
    },
  };
}
