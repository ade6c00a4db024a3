/**
 * A member with years of rent withdrawals (more than 50 applications, some months with two): the
 * history is listed newest first and paged without loss, the cap-streak risk flag sees the months
 * it needs, and one application's detail is the member's own only, in words without staff logins.
 */
import { randomBytes } from 'node:crypto';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { chinaDate } from '@hpf/shared';
import type { Application } from '../src/adapters/withdrawals-repository';
import { getApplication } from '../src/adapters/withdrawals-repository';
import { handler as submitHandler } from '../src/withdrawals/submit';
import { faceChecked } from '../../test-support/face';
import { detail, list } from '../src/withdrawals/member';
import { decide } from '../src/withdrawals/review';
import { newApplicationId } from '../src/platform/ids';
import { keys } from '../src/platform/keys';
import { invoke } from '../../test-support/http';
import { signIn } from '../../test-support/session';
import { staffToken } from '../../test-support/staff';
import { useExternalSimulators } from '../../test-support/simulators';
import { useTestTable } from '../../test-support/table';
import { usePayouts } from '../../test-support/payouts';

// every application passes a face check first (the face rules: face-checks.test.ts)
const submit = faceChecked(submitHandler, 'WITHDRAWAL');

jest.setTimeout(90_000);
const table = useTestTable({ seed: true });
const sims = useExternalSimulators();
const payouts = usePayouts(() => table.name, () => sims.bank);
const doc = () => DynamoDBDocumentClient.from(table.client);
const CAP = 150_000;

function monthsBefore(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number);
  const index = y * 12 + (m - 1) - n;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

const lease = { address: '上海市徐汇区漕溪北路 88 弄 3 号 601 室', landlordName: '房东甲', landlordAccount: '6222000011112222', monthlyRentFen: 300_000 };

/** Test data written straight to the table with the repository's keys: the rules allow one a month. */
async function seed(accountNo: string, bankCard: string, month: string, day: number, status: Application['status'], amountFen: number, extra: Partial<Application> = {}) {
  const createdAt = new Date(`${month}-${String(day).padStart(2, '0')}T02:00:00.000Z`);
  const at = createdAt.toISOString();
  const application: Application = {
    applicationId: newApplicationId(accountNo, createdAt, randomBytes(4)),
    accountNo,
    memberName: '张明',
    kind: 'RENT',
    month,
    amountFen,
    lease,
    bankCard,
    status,
    flags: [],
    timeline:
      status === 'PAID'
        ? [{ status: 'APPROVED', at, note: '符合条件，自动审核通过' }, { status: 'PAYING', at }, { status: 'PAID', at, note: '钱已转到您的银行卡' }]
        : status === 'REJECTED'
          ? [{ status: 'PENDING_REVIEW', at }, { status: 'REJECTED', at, note: '审核未通过：租赁合同与实际居住地址不符' }]
          : [{ status: 'PENDING_REVIEW', at }, { status: 'CANCELLED', at, note: '本人撤回' }],
    createdAt: at,
    idempotencyKey: `seed-${at}-${Math.random()}`,
    ...(status === 'REJECTED' ? { rejectionReason: '审核未通过：租赁合同与实际居住地址不符' } : {}),
    ...extra,
  };
  await doc().send(
    new PutCommand({
      TableName: table.name,
      Item: { ...keys.withdrawal(accountNo, application.applicationId), ...keys.withdrawalQueue(status, at, application.applicationId), ...application },
    }),
  );
  return application;
}

describe('a long rent-withdrawal history', () => {
  const month = chinaDate(new Date()).slice(0, 7);
  let renter: { accountNo: string; bankCard: string };
  let seeded: Application[];

  beforeAll(async () => {
    const account = table.members.find((m) => m.openid === 'demo-renter')!.account;
    renter = { accountNo: account.accountNo, bankCard: account.bankCard! };
    // 40 months back: each month paid (below the cap, except the last 4 months, paid at the cap),
    // every third month also a cancelled or refused application earlier in the month
    const plans: Parameters<typeof seed>[] = [];
    for (let back = 40; back >= 1; back -= 1) {
      const m = monthsBefore(month, back);
      if (back % 3 === 0) plans.push([renter.accountNo, renter.bankCard, m, 3, back % 2 === 0 ? 'CANCELLED' : 'REJECTED', 90_000]);
      if (back % 7 === 0) plans.push([renter.accountNo, renter.bankCard, m, 5, 'CANCELLED', 80_000]);
      plans.push([renter.accountNo, renter.bankCard, m, 10, 'PAID', back <= 4 ? CAP : 100_000 + back]);
    }
    // written in a shuffled order: the listing may not lean on insertion order
    plans.sort(() => Math.random() - 0.5);
    seeded = [];
    for (const plan of plans) seeded.push(await seed(...plan));
    // an application approved before the member's timeline left staff out
    const at = new Date(`${monthsBefore(month, 4)}-12T02:00:00.000Z`).toISOString();
    seeded.push(
      await seed(renter.accountNo, renter.bankCard, monthsBefore(month, 4), 12, 'CANCELLED', 70_000, {
        timeline: [
          { status: 'PENDING_REVIEW', at },
          { status: 'PAYING', at, note: '审核通过（初审 reviewer.a，复核 reviewer.b）' },
        ],
      }),
    );
    expect(seeded.length).toBeGreaterThan(50);
  });

  it('lists every application newest first, a page at a time, none lost or repeated', async () => {
    const { token } = await signIn('demo-renter');
    const first = await invoke(list, { token });
    expect(first.status).toBe(200);
    expect(first.body.withdrawals).toHaveLength(20);
    const newestSeeded = [...seeded].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
    expect(first.body.withdrawals.map((w: { applicationId: string }) => w.applicationId)).toEqual(newestSeeded.slice(0, 20).map((a) => a.applicationId));

    const all: { applicationId: string; createdAt: string }[] = [];
    let cursor: string | undefined;
    do {
      const page = await invoke(list, { token, query: { limit: '17', ...(cursor ? { cursor } : {}) } });
      expect(page.status).toBe(200);
      all.push(...page.body.withdrawals);
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(all.map((w) => w.applicationId)).toEqual(newestSeeded.map((a) => a.applicationId));
    for (let i = 1; i < all.length; i += 1) expect(all[i - 1].createdAt >= all[i].createdAt).toBe(true);
  });

  it('refuses a cursor that is not one of its own pages', async () => {
    const { token } = await signIn('demo-loan');
    const foreign = Buffer.from(seeded[0].applicationId).toString('base64url');
    const reply = await invoke(list, { token, query: { cursor: foreign } });
    expect(reply.status).toBe(400);
    expect(reply.body.error.message).toContain('翻页标记无效');
    expect((await invoke(list, { token, query: { limit: '51' } })).status).toBe(400);
  });

  it("flags the fifth month in a row at the cap, counting exactly the months in a row, and the detail never names staff", async () => {
    const { token } = await signIn('demo-renter');
    const reply = await invoke(submit, {
      token,
      headers: { 'idempotency-key': `history-${Date.now()}` },
      body: { month, amountFen: CAP, lease, bankCard: renter.bankCard },
    });
    expect(reply.status).toBe(200);
    expect(reply.body.status).toBe('PENDING_REVIEW');
    const stored = await getApplication(table.name, reply.body.applicationId, true);
    expect(stored!.flags).toEqual([{ code: 'CAP_STREAK', reason: expect.stringContaining('已连续 4 个月') }]);

    // the newest application heads the list
    expect((await invoke(list, { token, query: { limit: '1' } })).body.withdrawals[0].applicationId).toBe(reply.body.applicationId);

    const params = { applicationId: reply.body.applicationId };
    await invoke(decide, { token: await staffToken('reviewer.a'), params, body: { decision: 'APPROVE', reason: '已核实租赁合同' } });
    const pending = await invoke(detail, { token, params });
    expect(pending.body.timeline.map((s: { label: string }) => s.label)).toEqual(['已提交，审核中', '初审已完成，等待复核']);
    await invoke(decide, { token: await staffToken('reviewer.b'), params, body: { decision: 'APPROVE', reason: '复核同意' } });
    expect(await payouts.work(reply.body.applicationId)).toBe('PAID');

    const paid = await invoke(detail, { token, params });
    expect(paid.status).toBe(200);
    expect(paid.body).toMatchObject({ status: 'PAID', bankCardMasked: '**** 0012', paidAt: expect.any(String) });
    expect(paid.body.timeline.map((s: { status: string }) => s.status)).toEqual(['PENDING_REVIEW', 'APPROVED', 'PAYING', 'PAID']);
    expect(paid.body.timeline[1].note).toBe('初审通过、复核通过');
    expect(paid.text).not.toMatch(/reviewer\.|by"|firstDecision/);
    expect(paid.text).not.toContain(renter.bankCard);
  });

  it('words a refusal and an old staff-naming note plainly', async () => {
    const { token } = await signIn('demo-renter');
    const refused = seeded.find((a) => a.status === 'REJECTED')!;
    const reply = await invoke(detail, { token, params: { applicationId: refused.applicationId } });
    expect(reply.body).toMatchObject({ status: 'REJECTED', statusLabel: '未通过', rejectionReason: '审核未通过：租赁合同与实际居住地址不符' });
    const legacy = seeded.at(-1)!;
    const old = await invoke(detail, { token, params: { applicationId: legacy.applicationId } });
    expect(old.body.timeline[1].note).toBe('初审通过、复核通过');
    expect(old.text).not.toContain('reviewer.');
  });

  it("answers another member's application exactly like one that does not exist", async () => {
    const { token } = await signIn('demo-loan');
    const theirs = await invoke(detail, { token, params: { applicationId: seeded[0].applicationId } });
    const missing = await invoke(detail, { token, params: { applicationId: newApplicationId('310100200003', new Date(), randomBytes(4)) } });
    const madeUp = await invoke(detail, { token, params: { applicationId: 'R310100200001AAAAAAAA' } });
    for (const reply of [theirs, missing, madeUp]) {
      expect(reply.status).toBe(404);
      expect(reply.body.error).toMatchObject({ code: 'APPLICATION_NOT_FOUND', message: '没有找到这笔申请。' });
    }
    expect(theirs.text).not.toContain(seeded[0].applicationId);
  });
});
