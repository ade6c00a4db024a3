/**
 * The review queue with more than a page in it (120 applications waiting): reviewers page through
 * all of them, oldest first, each once; a cursor that is not one of ours is refused in words.
 */
import { randomBytes } from 'node:crypto';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { queue } from '../src/withdrawals/review';
import type { Application } from '../src/adapters/withdrawals-repository';
import { seedStaffOnly } from '../src/dev/seed';
import { newApplicationId } from '../src/platform/ids';
import { keys } from '../src/platform/keys';
import { invoke } from '../../test-support/http';
import { staffToken } from '../../test-support/staff';
import { useTestTable } from '../../test-support/table';
import { readWholeQueue } from '../../test-support/review-queue';

const table = useTestTable();
const WAITING = 120;
const lease = { address: '上海市徐汇区漕溪北路 88 弄 3 号 601 室', landlordName: '房东甲', landlordAccount: '6222000011112222', monthlyRentFen: 300_000 };

beforeAll(async () => {
  await seedStaffOnly(table.client, table.name);
  const doc = DynamoDBDocumentClient.from(table.client);
  const writes = [];
  for (let i = 0; i < WAITING; i += 1) {
    const accountNo = `3101009${String(i).padStart(5, '0')}`;
    // one second apart, written in a shuffled order: the queue may not lean on insertion order
    const createdAt = new Date(Date.UTC(2026, 10, 1, 2, 0, (i * 37) % WAITING));
    const at = createdAt.toISOString();
    const application: Application = {
      applicationId: newApplicationId(accountNo, createdAt, randomBytes(4)),
      accountNo,
      memberName: `职工${i}`,
      kind: 'RENT',
      month: '2026-11',
      amountFen: 150_000,
      lease,
      bankCard: '6222020200112233445',
      status: 'PENDING_REVIEW',
      flags: [],
      timeline: [{ status: 'PENDING_REVIEW', at }],
      createdAt: at,
      idempotencyKey: `queue-${i}`,
    };
    writes.push(
      doc.send(
        new PutCommand({
          TableName: table.name,
          Item: { ...keys.withdrawal(accountNo, application.applicationId), ...keys.withdrawalQueue('PENDING_REVIEW', at, application.applicationId), ...application },
        }),
      ),
    );
  }
  await Promise.all(writes);
});

describe('GET /v1/staff/withdrawals/review-queue, paged', () => {
  it('pages through every waiting application once, oldest first', async () => {
    const token = await staffToken('reviewer.a');
    const { seen, pages } = await readWholeQueue(token, 50, 10);
    expect(pages).toBe(3);
    expect(seen).toHaveLength(WAITING);
    expect(new Set(seen.map((item) => item.applicationId)).size).toBe(WAITING);
    const times = seen.map((item) => item.createdAt);
    expect(times).toEqual([...times].sort());
  });

  it('answers 50 by default and refuses a cursor that is not one of its own', async () => {
    const token = await staffToken('reviewer.a');
    const first = await invoke(queue, { token });
    expect(first.body.items).toHaveLength(50);
    expect(typeof first.body.nextCursor).toBe('string');
    for (const cursor of ['bm90LWEtY3Vyc29y', Buffer.from('2026-11-01T02:00:00.000Z#WD#x').toString('base64url')]) {
      const reply = await invoke(queue, { token, query: { cursor } });
      expect(reply.status).toBe(400);
      expect(reply.body.error.message).toContain('翻页标记无效');
    }
  });
});
