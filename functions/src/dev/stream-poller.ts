/**
 * Feeds the table's DynamoDB stream to a stream handler, locally, the way Lambda's event source
 * mapping does: batches of records in order per shard, the key filter from serverless.yml, and
 * ReportBatchItemFailures — a failed record and those after it are delivered again.
 */
import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type _Record as StreamRecord,
} from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';

export type StreamHandler = (event: DynamoDBStreamEvent) => Promise<DynamoDBBatchResponse | void>;

export interface StreamPoller {
  /** Every batch handed to the handler, for tests that redeliver them. */
  delivered: DynamoDBStreamEvent[];
  /** Resolves once every record written so far has been handled without failure. */
  drain(timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The same filter as the notifier's stream event in serverless.yml: ledger entries, withdrawals,
 * and 离退休提取's notices (the prepared record; the profile, for the 销户凭证 once it closes).
 */
export const REMINDER_KEY_PREFIXES = ['LEDGER#', 'WD#', 'RETIREMENT', 'PROFILE', 'REPAYRUN#'];
/** The certificate freshness check's (profiles without live certificates are skipped by the handler). */
export const FRESHNESS_KEY_PREFIXES = ['PROFILE', 'LOAN#'];
/** The payout worker's (it keeps only applications that became APPROVED, as serverless.yml's filter does). */
export const PAYOUT_KEY_PREFIXES = ['WD#'];

export async function startStreamPoller(options: {
  tableName: string;
  handler: StreamHandler;
  keyPrefixes?: string[];
  intervalMs?: number;
  retryDelayMs?: number;
  /**
   * As the event source mapping's `maximumRetryAttempts` with an on-failure destination: after this
   * many failed deliveries the records are handed to `onFailure` (the local dead-letter queue) and
   * the shard moves on. Unset: retried for as long as it takes.
   */
  maximumRetryAttempts?: number;
  onFailure?: (records: DynamoDBRecord[]) => void;
}): Promise<StreamPoller> {
  const ddb = new DynamoDBClient({});
  const streams = new DynamoDBStreamsClient({});
  const { Table } = await ddb.send(new DescribeTableCommand({ TableName: options.tableName }));
  const streamArn = Table?.LatestStreamArn;
  if (!streamArn) throw new Error(`table ${options.tableName} has no stream`);
  const prefixes = options.keyPrefixes ?? REMINDER_KEY_PREFIXES;
  const iterators = new Map<string, string | undefined>();
  const pending = new Map<string, StreamRecord[]>();
  const failedDeliveries = new Map<string, number>();
  const delivered: DynamoDBStreamEvent[] = [];
  let stopped = false;
  let idle = false;
  let firstDiscovery = true;

  const discover = async () => {
    const { StreamDescription } = await streams.send(new DescribeStreamCommand({ StreamArn: streamArn }));
    for (const shard of StreamDescription?.Shards ?? []) {
      if (!shard.ShardId || iterators.has(shard.ShardId)) continue;
      // shards open when the poller starts are read from now on; later shards from their start
      const { ShardIterator } = await streams.send(
        new GetShardIteratorCommand({ StreamArn: streamArn, ShardId: shard.ShardId, ShardIteratorType: firstDiscovery ? 'LATEST' : 'TRIM_HORIZON' }),
      );
      iterators.set(shard.ShardId, ShardIterator);
    }
    firstDiscovery = false;
  };

  const wanted = (record: StreamRecord) => {
    const sk = record.dynamodb?.Keys?.sk?.S ?? '';
    return prefixes.some((prefix) => sk.startsWith(prefix));
  };

  const deliver = async (shardId: string, records: StreamRecord[]): Promise<boolean> => {
    if (records.length === 0) return true;
    const event = { Records: records.map((record) => ({ ...record, eventSourceARN: streamArn }) as unknown as DynamoDBRecord) };
    delivered.push(event);
    let failedFrom: number | undefined;
    try {
      const response = await options.handler(event);
      const failed = (response?.batchItemFailures ?? []).map((f) => records.findIndex((r) => r.dynamodb?.SequenceNumber === f.itemIdentifier));
      if (failed.length) failedFrom = Math.min(...failed.map((i) => (i < 0 ? 0 : i)));
    } catch {
      failedFrom = 0;
    }
    if (failedFrom === undefined) {
      pending.delete(shardId);
      failedDeliveries.delete(shardId);
      return true;
    }
    const failures = (failedDeliveries.get(shardId) ?? 0) + 1;
    if (options.maximumRetryAttempts !== undefined && failures > options.maximumRetryAttempts) {
      // given up on: to the failure destination, and the shard goes on
      options.onFailure?.(event.Records.slice(failedFrom));
      pending.delete(shardId);
      failedDeliveries.delete(shardId);
      return true;
    }
    failedDeliveries.set(shardId, failures);
    pending.set(shardId, records.slice(failedFrom));
    return false;
  };

  const tick = async () => {
    await discover();
    let quiet = true;
    for (const [shardId, iterator] of iterators) {
      const retry = pending.get(shardId);
      if (retry) {
        quiet = false;
        if (!(await deliver(shardId, retry))) continue;
      }
      if (!iterator) continue;
      const page = await streams.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 100 }));
      iterators.set(shardId, page.NextShardIterator);
      const records = (page.Records ?? []).filter(wanted);
      if ((page.Records ?? []).length) quiet = false;
      await deliver(shardId, records);
    }
    idle = quiet && pending.size === 0;
  };

  await discover();
  const loop = (async () => {
    while (!stopped) {
      try {
        await tick();
      } catch {
        idle = false;
      }
      await new Promise((resolve) => setTimeout(resolve, pending.size ? (options.retryDelayMs ?? 500) : (options.intervalMs ?? 100)));
    }
  })();

  return {
    delivered,
    async drain(timeoutMs = 60_000) {
      const deadline = Date.now() + timeoutMs;
      let quietRounds = 0;
      while (quietRounds < 3) {
        if (Date.now() > deadline) throw new Error('stream poller did not drain in time');
        await new Promise((resolve) => setTimeout(resolve, 150));
        quietRounds = idle ? quietRounds + 1 : 0;
      }
    },
    async stop() {
      stopped = true;
      await loop;
      ddb.destroy();
      streams.destroy();
    },
  };
}
