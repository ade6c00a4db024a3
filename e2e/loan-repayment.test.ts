/**
 * 我的贷款 and 按月还贷 (issue 17) in the H5 mini program at 375×812, on a stack with face checks:
 * 王强 opens his loan from the home, reads what he owes and this month's instalment, signs 按月还贷
 * through the face step; the monthly job runs (as EventBridge would start it) and he sees the
 * repayment on the loan, in his ledger and in 消息 — then the loan page in 长辈模式.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { chinaDate, formatCurrency, loanSchedule } from '@hpf/shared';
import { runAxe } from './accessibility/audit';
import { SCREENSHOTS, signedInDemo, usePhoneBrowser } from './browser';
import { useStack } from './stack';

jest.setTimeout(300_000);
const stack = useStack({ faceChecks: true });
const phone = usePhoneBrowser();

const shown = (page: Page, testId: string) => page.locator(`[data-testid="${testId}"]:visible`);
const textIn = async (page: Page, testId: string) => {
  const node = shown(page, testId).first();
  await node.waitFor({ timeout: 30_000 });
  return (await node.textContent()) ?? '';
};

async function shot(page: Page, name: string) {
  // after the H5 router's slide-in, not during it
  await page.waitForTimeout(400);
  const height = await page.evaluate(() => Math.max(...Array.from(document.querySelectorAll('.taro_page'), (el) => el.scrollHeight)));
  await page.setViewportSize({ width: 375, height: Math.min(Math.max(height, 812), 4000) });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`) });
  await page.setViewportSize({ width: 375, height: 812 });
}

async function expectAxeClean(page: Page) {
  expect((await runAxe(page)).map((v) => `${v.id}: ${v.help}`)).toEqual([]);
}

// 王强's loan as the schedule code gives it (the seed types no figure): this month's instalment
const today = chinaDate(new Date());
const instalment = loanSchedule({ principalFen: 80_000_000, annualRateBasisPoints: 310, months: 360, method: 'EQUAL_INSTALMENT', startDate: '2020-09-18' })
  .instalments.find((i) => i.dueDate.slice(0, 7) === today.slice(0, 7))!;

describe('我的贷款 and 按月还贷', () => {
  it('王强 sees his loan, signs 按月还贷 with the face step, and after the job runs sees the repayment on the loan, in his ledger and in 消息', async () => {
    const page = await signedInDemo(phone, stack.current.webUrl, 'demo-loan');
    await shown(page, 'entry-loans').click();
    expect(await textIn(page, 'loan-status')).toBe('还款中');
    expect(await textIn(page, 'loan-this-month-amount')).toContain(formatCurrency(instalment.paymentFen));
    expect(await textIn(page, 'loan-this-month-date')).toContain(instalment.dueDate.replace(/^(\d{4})-0?(\d+)-0?(\d+)$/, '$1年$2月$3日'));
    expect(await textIn(page, 'loan-summary')).toBe('按时还款，没有逾期。');
    expect(await textIn(page, 'loan-agreement-offer')).toContain('签约期间不能办理租房提取');
    expect(await shown(page, 'loan-instalment').count()).toBe(12);
    await shot(page, 'loan-page');
    await expectAxeClean(page);

    await shown(page, 'loan-sign').click();
    await shown(page, 'face-step').waitFor({ timeout: 60_000 });
    expect(await textIn(page, 'face-step')).toContain('签约用公积金按月还贷');
    await shot(page, 'loan-face-step');
    await expectAxeClean(page);
    await shown(page, 'face-start').click();
    await shown(page, 'face-step').waitFor({ state: 'detached', timeout: 30_000 });
    expect(await textIn(page, 'loan-notice')).toContain('签约成功');
    expect(await textIn(page, 'loan-agreement-status')).toBe('已签约');
    await shot(page, 'loan-signed');
    await expectAxeClean(page);

    // the monthly job, as its schedule would start it (the stack's environment is this process's)
    const { runLoanRepaymentJob } = await import('../functions/src/loans/repayment-job');
    const { httpLoanBank } = await import('../functions/src/adapters/bank-client');
    const { config } = await import('../functions/src/platform/config');
    const report = await runLoanRepaymentJob({ tableName: stack.current.tableName, policy: config().policy, bank: httpLoanBank(config().bank()) }, () => new Date(), () => Infinity);
    expect(report.outcomes.repaid).toBe(1);

    await page.reload();
    expect(await textIn(page, 'loan-this-month-date')).toContain('已还清');
    expect(await textIn(page, 'loan-repayment')).toContain('公积金账户代还');
    await shot(page, 'loan-repaid');

    await page.goto(`${stack.current.webUrl}/#/pages/ledger/index`);
    const newest = shown(page, 'ledger-row').first();
    await newest.waitFor({ timeout: 30_000 });
    expect(await newest.textContent()).toContain(formatCurrency(instalment.paymentFen));
    expect(await newest.textContent()).toContain('还贷');
    await shot(page, 'loan-ledger');
    await expectAxeClean(page);

    // the arrival-style message, from the notifier on the table's stream
    await page.goto(`${stack.current.webUrl}/#/pages/messages/index`);
    const message = page.locator('.message--loan_repayment:visible').first();
    for (let attempt = 0; attempt < 30 && (await message.count()) === 0; attempt += 1) {
      await page.waitForTimeout(2000);
      await page.reload();
    }
    expect(await message.textContent()).toContain(`已为您偿还公积金贷款 ${formatCurrency(instalment.paymentFen)}`);
    await shot(page, 'loan-message');
    await expectAxeClean(page);

    // 长辈模式: the same page in large text
    await page.goto(`${stack.current.webUrl}/#/pages/home/index`);
    await page.reload();
    await shown(page, 'elder-mode-entry').click();
    await shown(page, 'entry-loans').click();
    const size = await shown(page, 'loan-outstanding').evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    expect(size).toBeGreaterThanOrEqual(40);
    expect(await shown(page, 'loan-this-month-date').evaluate((el) => parseFloat(getComputedStyle(el).fontSize))).toBeGreaterThanOrEqual(20);
    expect(await textIn(page, 'loan-agreement-text')).toContain('每月从您的公积金账户');
    await shot(page, 'loan-page-elder');
    await expectAxeClean(page);
  });
});
