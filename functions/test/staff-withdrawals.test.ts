/**
 * What reviewers read beyond the queue, on DynamoDB Local: the applications in one state, paged
 * in the queue's order, and one application whole — its lease and flags, both decisions by
 * different people, every step, and the member's other applications beside it.
 */
import { randomBytes } from 'node:crypto';
import { createApplication, type Application } from '../src/adapters/withdrawals-repository';
import { newApplicationId } from '../src/platform/ids';
import { decide } from '../src/withdrawals/review';
import { detail, list } from '../src/withdrawals/staff';
import { invoke } from '../../test-support/http';
import { staffToken } from '../../test-support/staff';
import { useTestTable } from '../../test-support/table';

const table = useTestTable({ seed: true });
const RENTER = '310100200001';
const lease = { address: '上海市徐汇区漕溪北路 88 弄 3 号 601 室', landlordName: '房东甲', landlordAccount: '6222000011112222', monthlyRentFen: 300_000 };

async function waiting(month: string, createdAt: Date, flagged = false): Promise<Application> {
  const holder = table.members.find((m) => m.account.accountNo === RENTER)!.account;
  const at = createdAt.toISOString();
  const application: Application = {
    applicationId: newApplicationId(RENTER, createdAt, randomBytes(4)),
    accountNo: RENTER,
    memberName: holder.name,
    kind: 'RENT',
    month,
    amountFen: 120_000,
    lease,
    bankCard: holder.bankCard!,
    status: 'PENDING_REVIEW',
    flags: flagged ? [{ code: 'SHARED_LEASE', reason: '同一租房合同近期已有其他职工申请' }] : [],
    timeline: [{ status: 'PENDING_REVIEW', at }],
    createdAt: at,
    idempotencyKey: `staff-list-${randomBytes(6).toString('hex')}`,
  };
  // createApplication keeps one open application per member: each waits for the one before to end
  expect(await createApplication(table.name, application, { scope: 'RENT', key: `${RENTER}#${application.idempotencyKey}`, requestHash: 'h' })).toBe('created');
  return application;
}

async function reviewBoth(applicationId: string, decision: 'APPROVE' | 'REJECT') {
  const a = await invoke(decide, { token: await staffToken('reviewer.a'), params: { applicationId }, body: { decision, reason: '初审：合同与地址核实无误' } });
  expect(a.status).toBe(200);
  const b = await invoke(decide, { token: await staffToken('reviewer.b'), params: { applicationId }, body: { decision, reason: '复核：同意初审意见' } });
  expect(b.status).toBe(200);
  return b.body;
}

describe('GET /v1/staff/withdrawals and /v1/staff/withdrawals/{applicationId}', () => {
  let refused: Application;
  let approved: Application;
  const older: Application[] = [];

  beforeAll(async () => {
    refused = await waiting('2025-01', new Date(Date.UTC(2025, 0, 5, 2)));
    await reviewBoth(refused.applicationId, 'REJECT');
    for (let i = 0; i < 3; i += 1) {
      const application = await waiting(`2024-0${i + 1}`, new Date(Date.UTC(2024, i, 3, 2)));
      await reviewBoth(application.applicationId, 'REJECT');
      older.push(application);
    }
    approved = await waiting('2025-02', new Date(Date.UTC(2025, 1, 5, 2)), true);
    await reviewBoth(approved.applicationId, 'APPROVE');
  });

  it('lists the applications in one state, with the reason a refused one was refused', async () => {
    const token = await staffToken('reviewer.a');
    const rejected = await invoke(list, { token, query: { status: 'REJECTED' } });
    expect(rejected.status).toBe(200);
    const mine = rejected.body.items.find((item: { applicationId: string }) => item.applicationId === refused.applicationId);
    expect(mine).toEqual(
      expect.objectContaining({ applicationId: refused.applicationId, status: 'REJECTED', statusLabel: '未通过', memberName: '张明', rejectionReason: '审核未通过：初审：合同与地址核实无误', flagCount: 0 }),
    );
    expect(mine.bankCardMasked).toBe('**** 0012');
    const moving = await invoke(list, { token, query: { status: 'APPROVED' } });
    expect(moving.body.items.map((item: { applicationId: string }) => item.applicationId)).toEqual([approved.applicationId]);
    expect(moving.body.items[0].nextAttemptAt).toEqual(expect.any(String));
  });

  it('pages in the queue order, and refuses a state that does not exist in words', async () => {
    const token = await staffToken('auditor');
    const first = await invoke(list, { token, query: { status: 'REJECTED', limit: '2' } });
    expect(first.body.items).toHaveLength(2);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await invoke(list, { token, query: { status: 'REJECTED', limit: '2', cursor: first.body.nextCursor } });
    expect(second.body.nextCursor).toBeUndefined();
    const ids = [...first.body.items, ...second.body.items].map((item: { applicationId: string }) => item.applicationId);
    expect(ids).toEqual([...older.map((a) => a.applicationId), refused.applicationId]);

    const wrong = await invoke(list, { token, query: { status: 'DONE' } });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.message).toContain('申请状态不正确');
  });

  it('shows one application whole: lease, flags, who decided, its steps and the member’s other applications', async () => {
    const reply = await invoke(detail, { token: await staffToken('reviewer.b'), params: { applicationId: approved.applicationId } });
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({
      applicationId: approved.applicationId,
      status: 'APPROVED',
      lease,
      flags: [{ code: 'SHARED_LEASE', reason: '同一租房合同近期已有其他职工申请' }],
      firstDecision: { by: 'reviewer.a', decision: 'APPROVE', reason: '初审：合同与地址核实无误' },
      secondDecision: { by: 'reviewer.b', reason: '复核：同意初审意见' },
    });
    expect(reply.body.timeline.map((step: { status: string }) => step.status)).toEqual(['PENDING_REVIEW', 'APPROVED']);
    const history = reply.body.history.map((item: { applicationId: string }) => item.applicationId);
    expect(history).not.toContain(approved.applicationId);
    expect(history).toContain(refused.applicationId);
    // the card is never whole in a staff answer either
    expect(JSON.stringify(reply.body)).not.toContain(table.members.find((m) => m.account.accountNo === RENTER)!.account.bankCard!);
  });

  it('is for reviewers, account clerks and auditors only, and says when there is no such application', async () => {
    const clerk = await invoke(list, { token: await staffToken('deposit.clerk'), query: { status: 'PAID' } });
    expect(clerk.status).toBe(403);
    const missing = await invoke(detail, { token: await staffToken('reviewer.a'), params: { applicationId: `R${RENTER}${'0'.repeat(15)}` } });
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('APPLICATION_NOT_FOUND');
  });
});
