/**
 * 商贷自动划转 (issue 17) in the H5 mini program at 375×812, on a stack with face checks: 张明 has
 * no HPF loan but a mortgage at 中国工商银行 (registered on the bank simulator). He opens 我的贷款
 * from the home, reads what the agreement does, picks the bank, types the contract number, signs
 * through the face step; the monthly job asks the bank this month's instalment and the payout
 * worker pays it from his HPF account, and he sees that on the page, in his ledger and in 消息 —
 * in 长辈模式 too. Each screen is checked with axe and the app's 适老化 rules (e2e/accessibility).
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { formatCurrency } from '@hpf/shared';
import { judge, runAxe, type Measured, type Mode } from './accessibility/audit';
import { SCREENSHOTS, signedInDemo, usePhoneBrowser } from './browser';
import { useStack } from './stack';
import { demoMembers, demoMortgages } from '../functions/src/dev/demo-members';

jest.setTimeout(300_000);
const stack = useStack({ faceChecks: true });
const phone = usePhoneBrowser();

const shown = (page: Page, testId: string) => page.locator(`[data-testid="${testId}"]:visible`);
const textIn = async (page: Page, testId: string) => {
  const node = shown(page, testId).first();
  await node.waitFor({ timeout: 30_000 });
  return (await node.textContent()) ?? '';
};
const fontSize = (page: Page, testId: string) => shown(page, testId).first().evaluate((el) => parseFloat(getComputedStyle(el).fontSize));

async function shot(page: Page, name: string) {
  // after the H5 router's slide-in, not during it
  await page.waitForTimeout(400);
  const height = await page.evaluate(() => Math.max(...Array.from(document.querySelectorAll('.taro_page'), (el) => el.scrollHeight)));
  await page.setViewportSize({ width: 375, height: Math.min(Math.max(height, 812), 4000) });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`) });
  await page.setViewportSize({ width: 375, height: 812 });
}

/** axe's serious and critical rules, and the measurable 适老化 rules (text size, targets, named fields, amounts spoken in 元). */
async function expectAccessible(page: Page, mode: Mode) {
  const axe = await runAxe(page);
  await page.addScriptTag({ path: path.join(__dirname, 'accessibility/in-page.js') });
  const measured = (await page.evaluate(() => (window as any).__hpfA11yMeasure({ firstScreen: [] }))) as Measured;
  expect(judge(measured, mode, axe).map((f) => `${f.rule}: ${f.message}`)).toEqual([]);
}

const zhang = demoMembers(new Date()).find((member) => member.openid === 'demo-renter')!.account;
// the bank's side, as \`npm start\` gives it: his mortgage, its repayment account and instalment (the member never types those)
const [mortgage] = demoMortgages(new Date());
const CONTRACT = mortgage.contractNo;
const MONTHLY_FEN = mortgage.monthlyFen;
const REPAYMENT_ACCOUNT = mortgage.repaymentAccount;

async function openLoans(page: Page) {
  await shown(page, 'entry-loans').click();
  await shown(page, 'commercial-card').or(shown(page, 'commercial-agreement')).first().waitFor({ timeout: 30_000 });
}

describe('商贷自动划转', () => {
  it('张明, with no HPF loan, signs 商贷自动划转 for his 工商银行 mortgage with the face step; after the job the bank is paid and he sees it on the page, in his ledger and in 消息', async () => {
    expect(mortgage).toMatchObject({ bankCode: 'ICBC', borrowerIdNumber: zhang.idNumber });

    // 长辈模式 first: the offer in large text, one bank to a row
    const elder = await signedInDemo(phone, stack.current.webUrl, 'demo-renter', { elder: true });
    await openLoans(elder);
    expect(await textIn(elder, 'empty-state')).toContain('您没有公积金贷款');
    expect(await fontSize(elder, 'commercial-offer')).toBeGreaterThanOrEqual(20);
    expect(await shown(elder, 'commercial-bank-ICBC').evaluate((el) => el.getBoundingClientRect().height)).toBeGreaterThanOrEqual(60);
    expect(await shown(elder, 'commercial-contract').evaluate((el) => el.getBoundingClientRect().height)).toBeGreaterThanOrEqual(60);
    await shot(elder, 'commercial-offer-elder');
    await expectAccessible(elder, 'elder');

    const page = await signedInDemo(phone, stack.current.webUrl, 'demo-renter');
    await openLoans(page);
    expect(await textIn(page, 'empty-state')).toContain('公积金贷款');
    const offer = await textIn(page, 'commercial-offer');
    expect(offer).toContain('从您的公积金账户划转到这笔商业贷款的还款账户');
    expect(offer).toContain('账户至少留 ¥10.00');
    expect(offer).toContain('签约期间不能办理租房提取');
    expect(await shown(page, 'commercial-card').locator('[role="radio"]').count()).toBe(5);
    // nothing chosen yet: the button waits, and says what for
    expect(await shown(page, 'commercial-sign').getAttribute('aria-disabled')).toBe('true');
    expect(await textIn(page, 'commercial-missing')).toContain('请先选择贷款银行');
    await shot(page, 'commercial-offer');
    await expectAccessible(page, 'standard');

    await shown(page, 'commercial-bank-ICBC').click();
    expect(await shown(page, 'commercial-bank-ICBC').getAttribute('aria-checked')).toBe('true');
    expect(await shown(page, 'commercial-bank-CCB').getAttribute('aria-checked')).toBe('false');
    const contract = shown(page, 'commercial-contract').locator('input');
    expect(await contract.getAttribute('aria-label')).toBe('贷款合同号');
    await contract.fill('icbc20');
    expect(await contract.inputValue()).toBe('ICBC20');
    await contract.fill('icbc 2024');
    // a number too short or with other characters is not sent
    expect(await contract.inputValue()).toBe('ICBC2024');
    await contract.fill('ICBC-2024');
    expect(await shown(page, 'commercial-sign').getAttribute('aria-disabled')).toBe('true');
    expect(await textIn(page, 'commercial-missing')).toContain('贷款合同首页');
    await contract.fill(CONTRACT.toLowerCase());
    expect(await contract.inputValue()).toBe(CONTRACT);
    expect(await shown(page, 'commercial-sign').getAttribute('aria-disabled')).toBeNull();
    expect(await shown(page, 'commercial-missing').count()).toBe(0);
    await shot(page, 'commercial-offer-filled');
    await expectAccessible(page, 'standard');

    await shown(page, 'commercial-sign').click();
    await shown(page, 'face-step').waitFor({ timeout: 60_000 });
    await shot(page, 'commercial-face-step');
    await shown(page, 'face-start').click();
    await shown(page, 'face-step').waitFor({ state: 'detached', timeout: 30_000 });
    expect(await textIn(page, 'loan-notice')).toContain('签约成功');
    expect(await textIn(page, 'commercial-agreement-status')).toBe('已签约');
    expect(await textIn(page, 'commercial-agreement-bank')).toContain('中国工商银行');
    expect(await textIn(page, 'commercial-agreement-contract')).toContain(CONTRACT);
    expect(await textIn(page, 'commercial-agreement-text')).toContain('每月按中国工商银行告诉我们的本月应还');
    expect(await shown(page, 'commercial-card').count()).toBe(0);
    expect(await shown(page, 'loan-cancel').count()).toBe(1);
    await shot(page, 'commercial-signed');
    await expectAccessible(page, 'standard');

    // the 长辈模式 phone still shows the offer from before: signing again there is refused, in the page's notice
    await shown(elder, 'commercial-bank-CCB').click();
    await shown(elder, 'commercial-contract').locator('input').fill('CCB2023000999');
    await shown(elder, 'commercial-sign').click();
    await shown(elder, 'face-step').waitFor({ timeout: 60_000 });
    await shown(elder, 'face-start').click();
    await shown(elder, 'face-step').waitFor({ state: 'detached', timeout: 30_000 });
    expect(await textIn(elder, 'loan-notice')).toContain('一个账户只能签一份');
    expect(await shown(elder, 'loan-notice').getAttribute('role')).toBe('alert');
    // what was typed stays, to change or to leave
    expect(await shown(elder, 'commercial-contract').locator('input').inputValue()).toBe('CCB2023000999');
    await shot(elder, 'commercial-refused-elder');
    await expectAccessible(elder, 'elder');
    await elder.context().close();

    // the monthly job, as its schedule would start it (the stack's environment is this process's)
    const { runLoanRepaymentJob } = await import('../functions/src/loans/repayment-job');
    const { httpLoanBank } = await import('../functions/src/adapters/bank-client');
    const { config } = await import('../functions/src/platform/config');
    const report = await runLoanRepaymentJob({ tableName: stack.current.tableName, policy: config().policy, bank: httpLoanBank(config().bank()) }, () => new Date(), () => Infinity);
    expect(report.outcomes.repaid).toBe(1);

    // the payout worker pays it from the table's stream: the page says so once the bank took it
    const deadline = Date.now() + 90_000;
    let thisMonth = '';
    for (;;) {
      await page.reload();
      await shown(page, 'commercial-agreement').waitFor({ timeout: 30_000 });
      thisMonth = (await shown(page, 'commercial-this-month').count()) > 0 ? await textIn(page, 'commercial-this-month') : '';
      if (thisMonth.includes('已从公积金账户划转') || Date.now() > deadline) break;
      await page.waitForTimeout(3000);
    }
    expect(thisMonth).toBe(`本月已从公积金账户划转 ${formatCurrency(MONTHLY_FEN)}，还清了本月应还。`);
    expect(await shown(page, 'commercial-this-month').getAttribute('role')).toBe('status');
    const paid = [...stack.current.bank.payouts.values()].filter((p) => p.cardNo === REPAYMENT_ACCOUNT);
    expect(paid.map((p) => [p.status, p.amountFen, p.timesPaid])).toEqual([['PAID', MONTHLY_FEN, 1]]);
    await shot(page, 'commercial-transferred');
    await expectAccessible(page, 'standard');

    await page.goto(`${stack.current.webUrl}/#/pages/ledger/index`);
    const newest = shown(page, 'ledger-row').first();
    await newest.waitFor({ timeout: 30_000 });
    expect(await newest.textContent()).toContain(formatCurrency(MONTHLY_FEN));
    expect(await newest.textContent()).toContain('偿还中国工商银行商业贷款');
    await shot(page, 'commercial-ledger');

    // the message, from the notifier on the table's stream
    await page.goto(`${stack.current.webUrl}/#/pages/messages/index`);
    const message = page.locator('.message--loan_transfer:visible').first();
    for (let attempt = 0; attempt < 30 && (await message.count()) === 0; attempt += 1) {
      await page.waitForTimeout(2000);
      await page.reload();
    }
    expect(await message.textContent()).toContain(`已为您偿还商业贷款 ${formatCurrency(MONTHLY_FEN)}`);
    await shot(page, 'commercial-message');
    await expectAccessible(page, 'standard');

    // 长辈模式: the signed agreement and this month's transfer in large text
    await page.goto(`${stack.current.webUrl}/#/pages/home/index`);
    await page.reload();
    await shown(page, 'elder-mode-entry').click();
    await openLoans(page);
    await shown(page, 'commercial-this-month').waitFor({ timeout: 30_000 });
    expect(await fontSize(page, 'commercial-agreement-text')).toBeGreaterThanOrEqual(20);
    expect(await shown(page, 'commercial-this-month').evaluate((el) => parseFloat(getComputedStyle(el).fontSize))).toBeGreaterThanOrEqual(20);
    await shot(page, 'commercial-transferred-elder');
    await expectAccessible(page, 'elder');
  });
});
