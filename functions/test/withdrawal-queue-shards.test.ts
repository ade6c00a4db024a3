/**
 * The withdrawal queues on DynamoDB Local, sharded like the account listings: applications written
 * by the real submit transaction spread over every shard of their state's queue, and every reader
 * gets them all back from all shards — the review queue paged oldest first, each once, across
 * page and shard boundaries; the payout sweep oldest due first, only what is due, none left behind;
 * entries from before the shards moved into them.
 */
import { randomBytes } from 'node:crypto';
import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { DEFAULT_POLICY, type WithdrawalStatus } from '@hpf/shared';
import type { LookupAnswer, PayoutBank } from '../src/adapters/bank-client';
import { applicationsInState, createApplication, getApplication, moveUnshardedQueueEntries, transition, type Application } from '../src/adapters/withdrawals-repository';
import { seedStaffOnly } from '../src/dev/seed';
import { dynamo } from '../src/platform/dynamo';
import { newApplicationId } from '../src/platform/ids';
import { keys, shardOf, WITHDRAWAL_QUEUE_SHARDS } from '../src/platform/keys';
import { sweepPayouts } from '../src/withdrawals/reconcile-job';
import { queue } from '../src/withdrawals/review';
import { invoke } from '../../test-support/http';
import { staffToken } from '../../test-support/staff';
import { useTestTable } from '../../test-support/table';
import { readWholeQueue } from '../../test-support/review-queue';

jest.setTimeout(120_000);
const table = useTestTable();
const lease = { address: '上海市徐汇区漕溪北路 88 弄 3 号 601 室', landlordName: '房东甲', landlordAccount: '6222000011112222', monthlyRentFen: 300_000 };
const SUBMITTED = 96;

function application(i: number, status: WithdrawalStatus, createdAt: Date, extra: Partial<Application> = {}): Application {
  const accountNo = `3101007${String(i).padStart(5, '0')}`;
  const at = createdAt.toISOString();
  return {
    applicationId: newApplicationId(accountNo, createdAt, randomBytes(4)),
    accountNo,
    memberName: `职工${i}`,
    kind: 'RENT',
    month: '2026-11',
    amountFen: 150_000,
    lease,
    bankCard: '6222020200112233445',
    status,
    flags: [],
    timeline: [{ status, at }],
    createdAt: at,
    idempotencyKey: `shards-${i}-${status}`,
    ...extra,
  };
}

async function shardCounts(status: WithdrawalStatus): Promise<number[]> {
  return Promise.all(
    Array.from({ length: WITHDRAWAL_QUEUE_SHARDS }, async (_, shard) => {
      const { Count = 0 } = await dynamo().send(
        new QueryCommand({
          TableName: table.name,
          IndexName: 'gsi1',
          KeyConditionExpression: 'gsi1pk = :queue',
          ExpressionAttributeValues: { ':queue': keys.withdrawalQueueShard(status, shard) },
          Select: 'COUNT',
        }),
      );
      return Count;
    }),
  );
}

const submitted: Application[] = [];

beforeAll(async () => {
  await seedStaffOnly(table.client, table.name);
  // the morning of the 1st: every submission within a few seconds, several in the same millisecond
  const writes = [];
  for (let i = 0; i < SUBMITTED; i += 1) {
    const createdAt = new Date(Date.UTC(2026, 10, 1, 0, 0, Math.floor(((i * 37) % SUBMITTED) / 3)));
    const a = application(i, 'PENDING_REVIEW', createdAt);
    submitted.push(a);
    writes.push(createApplication(table.name, a, { scope: 'RENT', key: `${a.accountNo}#${a.idempotencyKey}`, requestHash: 'h' }));
  }
  expect(await Promise.all(writes)).toEqual(submitted.map(() => 'created'));
});

describe('the withdrawal queues, sharded', () => {
  it('spreads the applications the submit transaction writes over every shard of the queue, and none in the one partition of old', async () => {
    const counts = await shardCounts('PENDING_REVIEW');
    expect(counts.reduce((sum, n) => sum + n, 0)).toBe(SUBMITTED);
    const share = SUBMITTED / WITHDRAWAL_QUEUE_SHARDS;
    for (const count of counts) {
      expect(count).toBeGreaterThan(0);
      expect(count).toBeLessThan(2.5 * share);
    }
    const { Count } = await dynamo().send(
      new QueryCommand({ TableName: table.name, IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :queue', ExpressionAttributeValues: { ':queue': 'WDQ#PENDING_REVIEW' }, Select: 'COUNT' }),
    );
    expect(Count).toBe(0);
  });

  it('pages the review queue over all shards: oldest first, each once, across page and shard boundaries', async () => {
    const token = await staffToken('reviewer.a');
    // 7 a page: most pages end in the middle of one shard's run and start in another's
    const { seen, pages } = await readWholeQueue(token, 7, 50);
    expect(pages).toBe(Math.ceil(SUBMITTED / 7));
    expect(seen.map((item) => item.applicationId).sort()).toEqual(submitted.map((a) => a.applicationId).sort());
    const order = seen.map((item) => `${item.createdAt}#${item.applicationId}`);
    expect(order).toEqual([...order].sort());
    const shardsSeen = new Set(seen.map((item) => shardOf(item.applicationId, WITHDRAWAL_QUEUE_SHARDS)));
    expect(shardsSeen.size).toBe(WITHDRAWAL_QUEUE_SHARDS);
  });

  it('gives no next page when the last page is full and nothing follows', async () => {
    const token = await staffToken('reviewer.a');
    const reply = await invoke(queue, { token, query: { limit: String(SUBMITTED / 2) } });
    const second = await invoke(queue, { token, query: { limit: String(SUBMITTED / 2), cursor: reply.body.nextCursor } });
    expect(second.body.items).toHaveLength(SUBMITTED / 2);
    expect(second.body.nextCursor).toBeUndefined();
  });

  it('sweeps every shard of the payout queues: all that is due, oldest due first, nothing that is not due yet', async () => {
    const now = new Date(Date.UTC(2026, 10, 1, 8, 0, 0));
    const paying: Application[] = [];
    for (let i = 0; i < 60; i += 1) {
      // due over the last hour, written in a shuffled order; every fifth one due only later
      const minutes = (i * 23) % 60;
      const nextAttemptAt = new Date(now.getTime() + (i % 5 === 0 ? 1 : -1) * (minutes + 1) * 60_000).toISOString();
      const a = application(200 + i, 'PAYING', new Date(Date.UTC(2026, 10, 1)), { attempts: 1, nextAttemptAt, payingSince: now.toISOString() });
      paying.push(a);
      await dynamo().send(
        new PutCommand({ TableName: table.name, Item: { ...keys.withdrawal(a.accountNo, a.applicationId), ...keys.withdrawalQueue('PAYING', nextAttemptAt, a.applicationId), ...a } }),
      );
    }
    const looked: string[] = [];
    // a bank that never knows: each due payout is claimed, looked up once, and stays PAYING
    const bank: PayoutBank = {
      lookup: async (payoutId): Promise<LookupAnswer> => {
        looked.push(payoutId);
        return { status: 'UNKNOWN', why: 'test' };
      },
      send: async () => ({ status: 'UNKNOWN', why: 'test' }),
    };
    const policy = { ...DEFAULT_POLICY, payout: { ...DEFAULT_POLICY.payout, sweepConcurrency: 1, maxAttempts: 100, maxUnknownMinutes: 10_000 } };
    const report = await sweepPayouts({ tableName: table.name, bank, policy, bankTimeoutMs: 1000 }, () => now, () => Number.POSITIVE_INFINITY);

    const due = paying.filter((a) => a.nextAttemptAt! <= now.toISOString()).sort((a, b) => (`${a.nextAttemptAt}#${a.applicationId}` < `${b.nextAttemptAt}#${b.applicationId}` ? -1 : 1));
    expect(due).toHaveLength(48);
    expect(new Set(due.map((a) => shardOf(a.applicationId, WITHDRAWAL_QUEUE_SHARDS))).size).toBe(WITHDRAWAL_QUEUE_SHARDS);
    // one lane: the order of the lookups is the order the sweep read them in
    expect(looked).toEqual(due.map((a) => a.applicationId));
    expect(report).toEqual({ outcomes: { PAYING: 48 }, leftOver: false });
    const after = await Promise.all(paying.map((a) => getApplication(table.name, a.applicationId, true)));
    for (const [i, a] of after.entries()) expect(a!.attempts).toBe(paying[i].nextAttemptAt! <= now.toISOString() ? 2 : 1);
  });

  it('moves entries written before the shards into their shard, where every reader finds them', async () => {
    const old: Application[] = [];
    for (let i = 0; i < 12; i += 1) {
      const a = application(400 + i, 'MANUAL_CHECK', new Date(Date.UTC(2026, 9, 1, 0, i)), { attempts: 5, nextAttemptAt: new Date(Date.UTC(2026, 9, 2, 0, i)).toISOString() });
      old.push(a);
      await dynamo().send(
        new PutCommand({
          TableName: table.name,
          Item: { ...keys.withdrawal(a.accountNo, a.applicationId), gsi1pk: keys.unshardedWithdrawalQueue('MANUAL_CHECK'), gsi1sk: `${a.nextAttemptAt}#${a.applicationId}`, ...a },
        }),
      );
    }
    expect(await applicationsInState(table.name, 'MANUAL_CHECK')).toEqual([]);
    expect(await moveUnshardedQueueEntries(table.name)).toBe(12);
    expect((await applicationsInState(table.name, 'MANUAL_CHECK')).map((a) => a.applicationId)).toEqual(old.map((a) => a.applicationId));
    expect(await moveUnshardedQueueEntries(table.name)).toBe(0);
  });

  it('keeps an application in its shard from state to state (the shard follows the id)', async () => {
    const [a] = submitted;
    expect(await transition(table.name, a, 'PENDING_REVIEW', 'CANCELLED', 'MEMBER', new Date(), { release: true })).toBe(true);
    const { Items = [] } = await dynamo().send(
      new QueryCommand({ TableName: table.name, KeyConditionExpression: 'pk = :pk AND sk = :sk', ExpressionAttributeValues: { ':pk': `ACCT#${a.accountNo}`, ':sk': `WD#${a.applicationId}` } }),
    );
    expect(Items[0].gsi1pk).toBe(`WDQ#CANCELLED#${shardOf(a.applicationId, WITHDRAWAL_QUEUE_SHARDS)}`);
    expect((await applicationsInState(table.name, 'PENDING_REVIEW', 1000)).map((x) => x.applicationId)).not.toContain(a.applicationId);
  });
});
