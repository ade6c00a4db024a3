/**
 * 租房提取 end to end, in a real browser on the local stack: the demo renter reads the guide and
 * this month's checks, fills the lease, keeps the card on file (chosen by name, not retyped) and is
 * paid at once (秒办, its progress starting at 已提交). The balance and ledger show it, the bank
 * simulator paid exactly once (a double tap included), and a second application the same month —
 * from a form opened before the first was paid — is refused, after which the page says how much
 * was withdrawn this month and when to come back, as news rather than a red refusal.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { chinaDate, formatCurrency } from '@hpf/shared';
import { demoMembers } from '../functions/src/dev/demo-members';
import { byTestId, fill, SCREENSHOTS, textOf, usePhoneBrowser } from './browser';
import { useStack } from './stack';

jest.setTimeout(180_000);

const stack = useStack();
const phone = usePhoneBrowser();
const RENTER = demoMembers(new Date()).find((m) => m.openid === 'demo-renter')!.account;
const CARD = '6222021001123450012';
const AMOUNT_FEN = 150_000;




/** A phone-sized browser of its own, signed in as the demo renter, on the 租房提取 page. */
async function openRentPage({ elder = false } = {}): Promise<Page> {
  const page = await phone.page();
  await page.goto(`${stack.current.webUrl}/`);
  if (elder) await byTestId(page, 'elder-mode-login').click();
  await byTestId(page, 'demo-member-demo-renter').click();
  await byTestId(page, 'balance').waitFor({ timeout: 30_000 });
  await byTestId(page, 'entry-rent').click();
  await byTestId(page, 'rent-guide').waitFor({ timeout: 30_000 });
  await byTestId(page, 'rent-max-amount').waitFor({ timeout: 30_000 });
  return page;
}

async function fillLease(page: Page): Promise<void> {
  await fill(page, 'rent-address', '上海市浦东新区张江路100弄5号302室');
  await fill(page, 'rent-landlord', '王建国');
  await fill(page, 'rent-landlord-account', '6217000010001234567');
  await fill(page, 'rent-monthly-rent', '3000');
  // the card on file is the one chosen, by its bank and tail; no card number is typed
  await expect(byTestId(page, 'rent-card-on-file').getAttribute('data-checked')).resolves.toBe('true');
  await expect(textOf(page, 'rent-card-on-file')).resolves.toContain('工商银行 尾号 0012');
  expect(await byTestId(page, 'rent-card').count()).toBe(0);
}

function paidToRenter() {
  return [...stack.current.bank.payouts.values()].filter((payout) => payout.cardNo === CARD);
}

describe('租房提取', () => {
  it('guides, checks, pays once, shows it in the balance and ledger, and refuses a second one this month', async () => {
    const month = chinaDate(new Date()).slice(0, 7);

    // A second form, opened in 长辈模式 before the first application is paid.
    const later = await openRentPage({ elder: true });
    await later.screenshot({ path: path.join(SCREENSHOTS, 'rent-guide-elder.png'), fullPage: true });
    await fillLease(later);
    await expect(byTestId(later, 'rent-amount').locator('input').inputValue()).resolves.toBe('1500.00');
    await later.screenshot({ path: path.join(SCREENSHOTS, 'rent-form-elder.png'), fullPage: true });
    await byTestId(later, 'rent-confirm').click();
    await byTestId(later, 'rent-submit').waitFor({ timeout: 30_000 });

    const page = await openRentPage();
    const guide = await textOf(page, 'rent-guide');
    expect(guide).toContain('谁能申请');
    expect(guide).toContain('每个自然月可以提一次');
    await expect(textOf(page, 'rent-max-amount')).resolves.toBe('¥1,500.00');
    const eligibility = await textOf(page, 'rent-eligibility');
    expect(eligibility).toContain('本月还没有提取过');
    expect(eligibility).not.toContain('未满足');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'rent-guide.png'), fullPage: true });

    await fillLease(page);
    // the amount follows the rent: min(this month's maximum ¥1,500.00, rent ¥3,000.00)
    await expect(byTestId(page, 'rent-amount').locator('input').inputValue()).resolves.toBe('1500.00');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'rent-form.png'), fullPage: true });
    await byTestId(page, 'rent-confirm').click();
    const confirmBox = await textOf(page, 'rent-confirm-box');
    expect(confirmBox).toContain('¥1,500.00');
    expect(confirmBox).toContain('工商银行 尾号 0012');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'rent-confirm.png'), fullPage: true });

    // a double tap on 确认提交
    await byTestId(page, 'rent-submit').dblclick();
    await page.waitForFunction(() => document.querySelector('[data-testid="rent-status"]')?.textContent?.includes('已到账'), undefined, {
      timeout: 30_000,
    });
    await expect(textOf(page, 'rent-timeline')).resolves.toContain('已到账');
    // 秒办 too starts where the member did: 已提交
    await expect(textOf(page, 'rent-timeline-step')).resolves.toContain('已提交');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'rent-result.png'), fullPage: true });

    const payouts = paidToRenter();
    expect(payouts).toHaveLength(1);
    expect(payouts[0]).toMatchObject({ amountFen: AMOUNT_FEN, status: 'PAID', timesPaid: 1 });

    // Home: the balance went down by the amount; the ledger's newest row is the withdrawal.
    await page.goto(`${stack.current.webUrl}/#/pages/home/index`);
    await page.reload();
    await expect(textOf(page, 'balance')).resolves.toBe(formatCurrency(RENTER.balanceFen - AMOUNT_FEN));
    await byTestId(page, 'entry-ledger').click();
    const newest = await textOf(page, 'ledger-row');
    expect(newest).toContain(`租房提取 ${month}`);
    expect(newest).toContain('-¥1,500.00');

    // 消息: the 提取到账 message (from the table's stream) opens this application's progress, which
    // offers the 到账提醒 again: each one-time consent covers one message
    await page.goto(`${stack.current.webUrl}/#/pages/messages/index`);
    const deadline = Date.now() + 20_000;
    for (;;) {
      const listed = (await byTestId(page, 'message-row').allTextContents().catch(() => [])).join('\n');
      if (listed.includes('提取到账') || Date.now() > deadline) break;
      await page.waitForTimeout(1_500);
      await page.reload();
      await byTestId(page, 'messages-subscribe').waitFor({ timeout: 30_000 });
    }
    await page.locator('[data-testid="message-row"]', { hasText: '提取到账' }).getByTestId('message-open').click();
    await page.waitForURL(/pages\/withdrawal\/index\?id=.+&from=message/, { timeout: 30_000 });
    await byTestId(page, 'withdrawal-subscribe').waitFor({ timeout: 30_000 });
    await expect(textOf(page, 'withdrawal-status')).resolves.toBe('已到账');

    // The form opened earlier: the application is refused in plain words, and nothing more is paid.
    await byTestId(later, 'rent-submit').click();
    await later.waitForFunction(() => document.querySelector('[data-testid="error-state"]')?.textContent?.includes('每个自然月只能提取一次'), undefined, {
      timeout: 30_000,
    });
    await later.screenshot({ path: path.join(SCREENSHOTS, 'rent-refused-elder.png'), fullPage: true });
    // the checks are read again: this month's withdrawal is said as news (how much, when again), not a red ✗, and the form is gone
    await later.waitForFunction(
      () => document.querySelector('[data-testid="rent-done-this-month"]')?.textContent?.includes('本月已提取 ¥1,500.00，下月 1 日起可再申请'),
      undefined,
      { timeout: 30_000 },
    );
    await expect(byTestId(later, 'rent-check-ALREADY_WITHDRAWN_THIS_MONTH').count()).resolves.toBe(0);
    await expect(byTestId(later, 'rent-eligibility').getAttribute('class')).resolves.toContain('rent-elig--done');
    await expect(byTestId(later, 'rent-amount').count()).resolves.toBe(0);
    await expect(textOf(later, 'rent-history-row')).resolves.toContain('已到账');
    await later.screenshot({ path: path.join(SCREENSHOTS, 'rent-history-elder.png'), fullPage: true });
    expect(paidToRenter()).toHaveLength(1);

    await page.context().close();
    await later.context().close();
  });
});
