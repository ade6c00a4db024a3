/**
 * 提取审核 in the console at 1366×768 on the local stack: an application the property registry
 * could not check waits in the queue with its risk flag; 审核 吴静 (reviewer.a) reads it whole — the
 * flag, the lease, the member's other applications — and records 初审 after a confirmation that
 * says what it will do, after narrowing the queue on the server (stage, risk flags, his account,
 * submission dates); she cannot also 复核 it; 复核 郑涛 (reviewer.b) confirms, the payout worker of
 * the local stack pays it, and it shows in the processed history as 已到账; the history lists his
 * refusals newest first. axe on every view.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { randomBytes } from 'node:crypto';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { chinaDate } from '@hpf/shared';
import { createApplication, type Application } from '../functions/src/adapters/withdrawals-repository';
import { dynamo } from '../functions/src/platform/dynamo';
import { newApplicationId } from '../functions/src/platform/ids';
import { keys } from '../functions/src/platform/keys';
import { byTestId, SCREENSHOTS } from './browser';
import { expectNoSeriousAxe, menuItems, useConsoleBrowser } from './console-browser';
import { postJson, useStack } from './stack';

jest.setTimeout(240_000);

const stack = useStack();
const { signedIn } = useConsoleBrowser(stack);
const RENTER = '310100200001';
const CARD = '6222021001123450012';
const LEASE = { address: '上海市浦东新区张江路100弄5号302室', landlordName: '王建国', landlordAccount: '6217000010001234567', monthlyRentFen: 300_000 };

/**
 * The demo renter's application as the rent submission writes it when the property registry did
 * not answer (flagged, waiting for two reviewers), beside an earlier refused one. Written into the
 * stack's table directly: what this file tests is the review, not the submission (rent-withdrawal
 * tests that), so a change to what a submission asks first does not stop it.
 */
async function waitingApplication(amountFen: number): Promise<string> {
  const tableName = stack.current.tableName;
  const base = {
    accountNo: RENTER,
    memberName: '张明',
    kind: 'RENT' as const,
    lease: LEASE,
    bankCard: CARD,
  };
  // two refused before, 40 and 20 days ago: 已办结 lists the later one first
  for (const [daysAgo, refusedFen] of [[40, 90_000], [20, 80_000]]) {
    const earlierAt = new Date(Date.now() - daysAgo * 24 * 3600_000);
    const earlierId = newApplicationId(RENTER, earlierAt, randomBytes(4));
    await dynamo().send(
      new PutCommand({
        TableName: tableName,
        Item: {
          ...keys.withdrawal(RENTER, earlierId),
          ...keys.withdrawalQueue('REJECTED', earlierAt.toISOString(), earlierId),
          ...base,
          applicationId: earlierId,
          month: chinaDate(earlierAt).slice(0, 7),
          amountFen: refusedFen,
          status: 'REJECTED',
          flags: [],
          timeline: [
            { status: 'PENDING_REVIEW', at: earlierAt.toISOString() },
            { status: 'REJECTED', at: earlierAt.toISOString(), note: '审核未通过：租赁合同与地址不符' },
          ],
          rejectionReason: '审核未通过：租赁合同与地址不符',
          createdAt: earlierAt.toISOString(),
          idempotencyKey: `console-review-earlier-${earlierId}`,
        },
      }),
    );
  }
  const now = new Date();
  const application: Application = {
    ...base,
    applicationId: newApplicationId(RENTER, now, randomBytes(4)),
    month: chinaDate(now).slice(0, 7),
    amountFen,
    status: 'PENDING_REVIEW',
    flags: [{ code: 'REGISTRY_UNAVAILABLE', reason: '不动产登记信息暂时查不到，需人工核实住房情况' }],
    timeline: [{ status: 'PENDING_REVIEW', at: now.toISOString() }],
    createdAt: now.toISOString(),
    idempotencyKey: `console-review-${now.getTime()}`,
  };
  const created = await createApplication(tableName, application, { scope: 'RENT', key: `${RENTER}#${application.idempotencyKey}`, requestHash: 'console-review' });
  expect(created).toBe('created');
  return application.applicationId;
}

const queueRow = (page: Page, name: string) => page.getByRole('tabpanel').locator('tbody tr', { hasText: name });

async function openFromQueue(page: Page): Promise<void> {
  const row = queueRow(page, '张明');
  await row.waitFor();
  await row.getByRole('button').click();
  await byTestId(page, 'withdrawal-detail').waitFor();
}

describe('提取审核 in the console', () => {
  it('初审 by one reviewer and 复核 by another pays the withdrawal', async () => {
    const applicationId = await waitingApplication(150_000);

    // 审核 吴静 lands on 提取审核; the application waits there with its flag
    const first = await signedIn('reviewer.a');
    const row = queueRow(first, '张明');
    await row.waitFor();
    await expect(row.innerText()).resolves.toMatch(/¥1,500\.00[\s\S]*1 项[\s\S]*待初审/);
    // the filters go to the server with the page asked for: nothing waits for 复核 yet
    const asked = (test: (url: URL) => boolean) => first.waitForRequest((request) => request.url().includes('/review-queue') && test(new URL(request.url())));
    const askedSecond = asked((url) => url.searchParams.get('stage') === 'second');
    await first.getByText('待复核', { exact: true }).click();
    await askedSecond;
    await expect(byTestId(first, 'review-empty').innerText()).resolves.toContain('没有符合筛选条件的申请');
    await byTestId(first, 'review-filter').getByText('全部', { exact: true }).click();
    const flagged = asked((url) => url.searchParams.get('flagged') === 'true');
    await byTestId(first, 'review-flagged').click();
    await flagged;
    await row.waitFor();
    // one applicant: his account shows his application, another account none, a short one is refused in words
    await first.locator('#review-account').fill('12345');
    await first.locator('#review-account').press('Enter');
    await expect(byTestId(first, 'review-account-error').innerText()).resolves.toContain('个人账号应为 12 位数字');
    const other = asked((url) => url.searchParams.get('accountNo') === '310100200099');
    await first.locator('#review-account').fill('310100200099');
    await first.locator('#review-account').press('Enter');
    await other;
    await byTestId(first, 'review-empty').waitFor();
    await first.locator('#review-account').fill(RENTER);
    await first.locator('#review-account').press('Enter');
    await row.waitFor();
    // submitted from tomorrow on (China dates): none yet; from today: his
    const tomorrow = chinaDate(new Date(Date.now() + 24 * 3600_000));
    const askedLater = asked((url) => url.searchParams.get('from') === tomorrow);
    await first.locator('#review-from').fill(tomorrow);
    await first.locator('#review-from').press('Enter');
    await askedLater;
    await expect(byTestId(first, 'review-empty').innerText()).resolves.toContain('没有符合筛选条件的申请');
    await expectNoSeriousAxe(first, 'review-queue-filtered-empty');
    await first.screenshot({ path: path.join(SCREENSHOTS, 'console-review-filters-empty.png'), fullPage: true });
    await first.locator('#review-from').fill(chinaDate(new Date()));
    await first.locator('#review-from').press('Enter');
    await row.waitFor();
    await expect(byTestId(first, 'review-count').innerText()).resolves.toContain('符合筛选条件的申请：已读取 1 笔');
    await expectNoSeriousAxe(first, 'review-queue');
    await first.screenshot({ path: path.join(SCREENSHOTS, 'console-review-queue.png'), fullPage: true });

    // the application whole: the flag, the lease, the decisions so far
    await openFromQueue(first);
    await expect(byTestId(first, 'detail-flags').innerText()).resolves.toContain('不动产登记信息暂时查不到');
    // the member's earlier application, refused, with why
    await expect(byTestId(first, 'detail-history').innerText()).resolves.toMatch(/¥900\.00[\s\S]*未通过[\s\S]*租赁合同与地址不符/);
    await expect(byTestId(first, 'detail-lease').innerText()).resolves.toContain('上海市浦东新区张江路100弄5号302室');
    await expect(byTestId(first, 'detail-decisions').innerText()).resolves.toMatch(/初审\s*尚未初审[\s\S]*复核\s*尚未复核/);
    await expect(byTestId(first, 'review-turn').innerText()).resolves.toContain('您的决定记为初审');
    // a decision without an opinion is not sent
    await byTestId(first, 'review-approve').click();
    await expect(byTestId(first, 'review-form-error').innerText()).resolves.toContain('请先写明审核意见');
    await byTestId(first, 'review-reason').fill('已电话核实租赁关系，合同与地址一致');
    await byTestId(first, 'review-approve').click();
    // the confirmation says what it will do before anything is sent
    await expect(byTestId(first, 'review-confirm').innerText()).resolves.toMatch(/张明[\s\S]*¥1,500\.00[\s\S]*记为初审“同意”[\s\S]*还需另一位审核人员复核/);
    await expectNoSeriousAxe(first, 'review-confirm');
    await first.screenshot({ path: path.join(SCREENSHOTS, 'console-review-confirm.png') });
    await first.getByRole('button', { name: '确认同意' }).click();
    await queueRow(first, '已初审（reviewer.a 同意），等另一位复核').waitFor();

    // she cannot also be the one who confirms it
    await openFromQueue(first);
    await expect(byTestId(first, 'review-turn').innerText()).resolves.toContain('这是您做的初审，须由另一位审核人员复核');
    await expect(byTestId(first, 'review-approve').count()).resolves.toBe(0);
    await expect(byTestId(first, 'detail-decisions').innerText()).resolves.toContain('reviewer.a 同意');
    await expectNoSeriousAxe(first, 'review-detail');
    await first.screenshot({ path: path.join(SCREENSHOTS, 'console-review-detail.png'), fullPage: true });

    // 复核 郑涛 confirms: the confirmation names the amount and the card's tail
    const second = await signedIn('reviewer.b');
    await second.getByText('待复核', { exact: true }).click();
    await queueRow(second, '待您复核').waitFor();
    await openFromQueue(second);
    await expect(byTestId(second, 'review-turn').innerText()).resolves.toContain('请复核：您的决定是最终结果');
    await byTestId(second, 'review-reason').fill('同意初审意见');
    await byTestId(second, 'review-approve').click();
    await expect(byTestId(second, 'review-confirm').innerText()).resolves.toMatch(/复核同意：申请通过，付款程序将把 ¥1,500\.00 转到职工尾号 0012 的银行卡/);
    await second.getByRole('button', { name: '确认同意' }).click();
    await byTestId(second, 'review-empty').waitFor();

    // the payout worker pays it; the processed history shows it 已到账
    await second.getByRole('tab', { name: '已办结' }).click();
    const paidRow = second.locator('[data-testid="history-table"] tbody tr', { hasText: '张明' });
    for (let tries = 0; tries < 60 && (await paidRow.count()) === 0; tries += 1) {
      await second.waitForTimeout(1000);
      await second.getByRole('tabpanel').getByRole('button', { name: /刷\s*新/ }).click();
    }
    await expect(paidRow.innerText()).resolves.toMatch(/¥1,500\.00[\s\S]*已到账/);
    await expect(stack.current.bank.payouts.has(applicationId)).toBe(true);
    // 未通过, newest first: the one refused 20 days ago above the one of 40 days ago
    await byTestId(second, 'history-state').getByText('未通过', { exact: true }).click();
    const refused = second.locator('[data-testid="history-table"] tbody tr', { hasText: '张明' });
    await refused.nth(1).waitFor();
    await expect(refused.allInnerTexts()).resolves.toEqual([expect.stringContaining('¥800.00'), expect.stringContaining('¥900.00')]);
    await expect(byTestId(second, 'history-order').innerText()).resolves.toContain('最新的在前');
    await byTestId(second, 'history-state').getByText('已到账', { exact: true }).click();
    await paidRow.getByRole('button', { name: /查看/ }).click();
    await expect(byTestId(second, 'detail-decisions').innerText()).resolves.toMatch(/reviewer\.a 同意[\s\S]*reviewer\.b/);
    await expectNoSeriousAxe(second, 'review-history-detail');
    await second.keyboard.press('Escape');
    await expectNoSeriousAxe(second, 'review-history');
    await second.screenshot({ path: path.join(SCREENSHOTS, 'console-review-history.png'), fullPage: true });
    await first.context().close();
    await second.context().close();
  });
});
