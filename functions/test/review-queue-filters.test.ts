/**
 * The review queue narrowed on the server and 已办结 newest first, on DynamoDB Local, across the
 * queue's shards: every filter (stage, risk flags, one applicant, submission days in China time)
 * keeps its pages full and its cursor inside the filter, each match once and none that does not
 * match; the processed history reads back newest first across page and shard boundaries.
 */
import { randomBytes } from 'node:crypto';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { WithdrawalStatus } from '@hpf/shared';
import { queuePage, type Application } from '../src/adapters/withdrawals-repository';
import { seedStaffOnly } from '../src/dev/seed';
import { newApplicationId } from '../src/platform/ids';
import { keys } from '../src/platform/keys';
import { queue } from '../src/withdrawals/review';
import { list } from '../src/withdrawals/staff';
import { invoke } from '../../test-support/http';
import { staffToken } from '../../test-support/staff';
import { useTestTable } from '../../test-support/table';
import { readWholeQueue } from '../../test-support/review-queue';

jest.setTimeout(120_000);
const table = useTestTable();
const lease = { address: '上海市徐汇区漕溪北路 88 弄 3 号 601 室', landlordName: '房东甲', landlordAccount: '6222000011112222', monthlyRentFen: 300_000 };
const WAITING = 90;
const PAID = 75;
const REPEAT_ACCOUNT = '310100600007';
const flag = { code: 'LEASE_SHARED', reason: '同一租房合同近期被其他职工使用' };

const waiting: Application[] = [];
const paid: Application[] = [];

function application(i: number, status: WithdrawalStatus, createdAt: Date, accountNo: string, extra: Partial<Application>): Application {
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
    idempotencyKey: `filters-${status}-${i}`,
    ...extra,
  };
}

beforeAll(async () => {
  await seedStaffOnly(table.client, table.name);
  const doc = DynamoDBDocumentClient.from(table.client);
  for (let i = 0; i < WAITING; i += 1) {
    // three days of submissions, eight hours apart, written shuffled: 2026-11-01 08:00 China time on
    const createdAt = new Date(Date.UTC(2026, 10, 1, 0, 0, 0) + ((i * 37) % WAITING) * 48 * 60_000);
    // every ninth by one applicant, every third flagged, every other one already 初审'd
    const accountNo = i % 9 === 0 ? REPEAT_ACCOUNT : `3101006${String(i + 100).padStart(5, '0')}`;
    waiting.push(
      application(i, 'PENDING_REVIEW', createdAt, accountNo, {
        flags: i % 3 === 0 ? [flag] : [],
        ...(i % 2 === 1 ? { firstDecision: { by: 'reviewer.a', decision: 'APPROVE', reason: '核实无误', at: createdAt.toISOString() } } : {}),
      }),
    );
  }
  for (let i = 0; i < PAID; i += 1) {
    // several in the same second: the merge orders by the whole sort key, not the time alone
    const createdAt = new Date(Date.UTC(2026, 9, 1, 0, 0, Math.floor(((i * 29) % PAID) / 2)));
    paid.push(application(i, 'PAID', createdAt, `3101005${String(i).padStart(5, '0')}`, {}));
  }
  await Promise.all(
    [...waiting, ...paid].map((a) =>
      doc.send(new PutCommand({ TableName: table.name, Item: { ...keys.withdrawal(a.accountNo, a.applicationId), ...keys.withdrawalQueue(a.status, a.createdAt, a.applicationId), ...a } })),
    ),
  );
});

const ids = (list: { applicationId: string }[]) => list.map((a) => a.applicationId);
const oldestFirst = (list: Application[]) => [...list].sort((a, b) => `${a.createdAt}#${a.applicationId}`.localeCompare(`${b.createdAt}#${b.applicationId}`));

describe('已办结 newest first (GET /v1/staff/withdrawals?order=newest)', () => {
  it('pages back through every processed application once, newest first, across shards and pages', async () => {
    const token = await staffToken('reviewer.a');
    const { seen, pages } = await readWholeQueue(token, 10, 20, { handler: list, query: { status: 'PAID', order: 'newest' } });
    expect(pages).toBe(8);
    expect(ids(seen)).toEqual(ids(oldestFirst(paid).reverse()));
  });

  it('reads each shard backwards: a page of newest first holds entries of several shards', async () => {
    const { applications, nextAfter } = await queuePage(table.name, 'PAID', { limit: 16, newestFirst: true });
    expect(ids(applications)).toEqual(ids(oldestFirst(paid).reverse().slice(0, 16)));
    const shards = new Set(applications.map((a) => keys.withdrawalQueue('PAID', a.createdAt, a.applicationId).gsi1pk));
    // ids are random: 16 entries on at most 2 of 8 shards is a one-in-a-hundred-million draw
    expect(shards.size).toBeGreaterThan(2);
    // the cursor is the page's last (oldest) entry: the next page starts just before it
    const next = await queuePage(table.name, 'PAID', { limit: 16, newestFirst: true, cursor: nextAfter });
    expect(ids(next.applications)).toEqual(ids(oldestFirst(paid).reverse().slice(16, 32)));
  });

  it('still lists oldest first when no order is asked for', async () => {
    const token = await staffToken('reviewer.a');
    const { seen } = await readWholeQueue(token, 25, 10, { handler: list, query: { status: 'PAID' } });
    expect(ids(seen)).toEqual(ids(oldestFirst(paid)));
  });
});

describe('the review queue filtered on the server', () => {
  const cases: { name: string; query: Record<string, string>; keep: (a: Application) => boolean }[] = [
    { name: '待初审 (stage=first)', query: { stage: 'first' }, keep: (a) => !a.firstDecision },
    { name: '待复核 (stage=second)', query: { stage: 'second' }, keep: (a) => Boolean(a.firstDecision) },
    { name: '有风险提示 (flagged=true)', query: { flagged: 'true' }, keep: (a) => a.flags.length > 0 },
    { name: 'one applicant (accountNo)', query: { accountNo: REPEAT_ACCOUNT }, keep: (a) => a.accountNo === REPEAT_ACCOUNT },
    {
      // 2026-11-02 China time is 2026-11-01T16:00Z up to 2026-11-02T16:00Z
      name: 'submitted on 2026-11-02 (China time)',
      query: { from: '2026-11-02', to: '2026-11-02' },
      keep: (a) => a.createdAt >= '2026-11-01T16:00:00.000Z' && a.createdAt < '2026-11-02T16:00:00.000Z',
    },
    {
      name: '待复核 with risk flags, from 2026-11-02 on',
      query: { stage: 'second', flagged: 'true', from: '2026-11-02' },
      keep: (a) => Boolean(a.firstDecision) && a.flags.length > 0 && a.createdAt >= '2026-11-01T16:00:00.000Z',
    },
  ];

  it.each(cases)('$name: full pages of only the matches, each once, oldest first', async ({ query, keep }) => {
    const token = await staffToken('reviewer.b');
    const expected = oldestFirst(waiting.filter(keep));
    // a filter that keeps nothing or everything would prove nothing
    expect(expected.length).toBeGreaterThan(3);
    expect(expected.length).toBeLessThan(WAITING);
    const limit = Math.max(2, Math.floor(expected.length / 3));
    const { seen, pages } = await readWholeQueue(token, limit, 50, { query });
    expect(ids(seen)).toEqual(ids(expected));
    // full pages: a page is never cut short by entries the filter left out
    expect(pages).toBe(Math.ceil(expected.length / limit));
  });

  it('refuses a filter it does not know in words, and a range that ends before it starts', async () => {
    const token = await staffToken('reviewer.b');
    const stage = await invoke(queue, { token, query: { stage: 'third' } });
    expect(stage.status).toBe(400);
    expect(stage.body.error.message).toContain('审核进度');
    const range = await invoke(queue, { token, query: { from: '2026-11-03', to: '2026-11-01' } });
    expect(range.status).toBe(400);
    expect(range.body.error.message).toContain('开始日期不能晚于结束日期');
    const account = await invoke(queue, { token, query: { accountNo: '12345' } });
    expect(account.status).toBe(400);
    expect(account.body.error.message).toContain('个人账号');
  });
});
