/**
 * 业务工作台 (the staff console) in Chromium at 1366×768 on the local stack: each role is offered
 * the pages the route catalogue lets it use; a counter clerk verifies certificates with a scanner
 * gun (the gun types the link and Enter; the field clears and keeps the focus); an account looked
 * up by number; sign-in errors, sign-out and an expired session; no serious or critical axe finding.
 */
import path from 'node:path';
import { byTestId, SCREENSHOTS } from './browser';
import { DEFAULT_POLICY, formatYuan, monthlyDeposit, nextMonth } from '@hpf/shared';
import { expectNoSeriousAxe, menuItems, useConsoleBrowser } from './console-browser';
import { postJson, useStack } from './stack';

jest.setTimeout(180_000);

const stack = useStack();
const { consolePage, signIn } = useConsoleBrowser(stack);
const PASSWORD = 'demo-Counter-2026';

/** A fresh QR payload of the demo renter's 缴存证明, as the phone would show it. */
async function certificatePayload(): Promise<string> {
  const member = await postJson(stack, '/v1/auth/wechat', { code: 'sim:demo-renter' });
  const token = member.body.token as string;
  const issued = await postJson(stack, '/v1/me/certificates', { type: 'DEPOSIT', purpose: 'HOME_PURCHASE' }, token, { 'idempotency-key': `console-${Date.now()}` });
  expect(issued.status).toBe(200);
  const code = await postJson(stack, `/v1/me/certificates/${issued.body.certificateId}/code`, {}, token);
  expect(code.status).toBe(200);
  return code.body.payload as string;
}

describe('业务工作台', () => {
  it('refuses a wrong password in words, and offers each role only its pages', async () => {
    const page = await consolePage();
    await signIn(page, 'account.clerk', 'not-the-password');
    await expect(byTestId(page, 'sign-in-error').innerText()).resolves.toMatch(/用户名或密码/);
    await expectNoSeriousAxe(page, 'sign-in');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'console-sign-in.png') });

    const offered: Record<string, string[]> = {};
    for (const username of ['account.clerk', 'deposit.clerk', 'reviewer.a']) {
      const rolePage = await consolePage();
      await signIn(rolePage, username);
      await byTestId(rolePage, 'signed-in-as').waitFor();
      offered[username] = await menuItems(rolePage);
      await rolePage.context().close();
    }
    // staffAccount is for account and deposit clerks and auditors, not reviewers; 提取审核 and 付款 for reviewers;
    // 好差评工单 for the office staff who handle cases (the catalogue's roles); 销户提取 is started by account clerks;
    // 日清日结 for the deposit office (and auditors)
    expect(offered).toEqual({
      'account.clerk': ['扫码核验', '账户查询', '开户', '销户提取', '结息', '好差评工单'],
      'deposit.clerk': ['缴存入账', '扫码核验', '账户查询', '日清日结'],
      'reviewer.a': ['提取审核', '付款', '扫码核验', '好差评工单'],
    });
    await page.context().close();
  });

  it('verifies certificates from a scanner gun, one person after another', async () => {
    const page = await consolePage();
    await signIn(page, 'account.clerk');
    const field = byTestId(page, 'scan-field');
    await field.waitFor();
    await expect(byTestId(page, 'verify-empty').innerText()).resolves.toContain('还没有核验记录');
    await expect(field.evaluate((element) => element === document.activeElement)).resolves.toBe(true);

    // the gun types the QR's text and presses Enter
    const payload = await certificatePayload();
    await page.keyboard.type(payload);
    await page.keyboard.press('Enter');
    const answer = byTestId(page, 'verify-answer');
    await answer.waitFor();
    await expect(answer.getAttribute('data-result')).resolves.toBe('valid');
    await expect(byTestId(page, 'verify-verdict').innerText()).resolves.toContain('真实有效');
    // the counter sees the whole facts, dated
    const facts = await byTestId(page, 'verify-facts').innerText();
    expect(facts).toContain('张明');
    expect(facts).toMatch(/身份证号\s*\d{17}[\dX]/);
    await expect(byTestId(page, 'verify-times').innerText()).resolves.toMatch(/开具时间[\s\S]*数据截至[\s\S]*有效期至/);
    await expect(field.inputValue()).resolves.toBe('');
    await expect(field.evaluate((element) => element === document.activeElement)).resolves.toBe(true);
    await expectNoSeriousAxe(page, 'verify');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'console-verify.png'), fullPage: true });

    // the next person's code has been altered: refused, and the list keeps both
    const altered = payload.slice(0, -3) + (payload.endsWith('AAA') ? 'BBB' : 'AAA');
    await page.keyboard.type(altered);
    await page.keyboard.press('Enter');
    await page.locator('[data-testid="verify-answer"][data-result="invalid"]').waitFor();
    await expect(byTestId(page, 'verify-verdict').innerText()).resolves.toContain('无效');
    await expect(page.locator('.ant-table-tbody tr').count()).resolves.toBe(2);
    await expect(field.evaluate((element) => element === document.activeElement)).resolves.toBe(true);
    await page.context().close();
  });

  it('revokes a certificate just verified, with the reason, after saying what revoking does', async () => {
    const page = await consolePage();
    await signIn(page, 'account.clerk');
    await byTestId(page, 'scan-field').waitFor();
    const payload = await certificatePayload();
    await page.keyboard.type(payload);
    await page.keyboard.press('Enter');
    await page.locator('[data-testid="verify-answer"][data-result="valid"]').waitFor();
    await byTestId(page, 'revoke-submit').click();
    await page.getByText('请先写明撤销原因').waitFor();
    await byTestId(page, 'revoke-reason').fill('职工报告证明被他人冒用');
    await byTestId(page, 'revoke-submit').click();
    await expect(byTestId(page, 'revoke-confirm').innerText()).resolves.toMatch(/立即失效[\s\S]*职工报告证明被他人冒用/);
    await expectNoSeriousAxe(page, 'verify-revoke-confirm');
    await page.getByRole('button', { name: '确认撤销' }).click();
    await expect(byTestId(page, 'revoke-done').innerText()).resolves.toContain('已撤销：张明的');
    // the same code scanned again: 已撤销
    await byTestId(page, 'scan-field').focus();
    await page.keyboard.type(payload);
    await page.keyboard.press('Enter');
    await page.locator('[data-testid="verify-answer"][data-result="revoked"]').waitFor();
    await expect(byTestId(page, 'revoke-form').count()).resolves.toBe(0);
    await page.context().close();
  });

  it('posts the bank CSV after checking every row: a bad row shown, never the whole file refused', async () => {
    const login = await postJson(stack, '/v1/staff/auth/login', { username: 'deposit.clerk', password: PASSWORD });
    const readAccount = async (accountNo: string) =>
      (await (await fetch(`${stack.current.apiUrl}/v1/staff/accounts/${accountNo}`, { headers: { authorization: `Bearer ${login.body.token}` } })).json()) as any;
    const before = await readAccount('310100200001');
    const due = monthlyDeposit(before, DEFAULT_POLICY);
    const month = nextMonth(before.paidUpTo);
    const amount = (fen: number) => formatYuan(fen).replace(/,/g, '');
    const csv = [
      'line,account_no,name,month,unit_amount,personal_amount',
      `1,310100200001,张明,${month},${amount(due.unitFen)},${amount(due.personalFen)}`,
      `2,310100200001,张明,${before.paidUpTo},${amount(due.unitFen)},${amount(due.personalFen)}`,
      '3,31010020000X,错行,2026-11,abc,1.00',
      `4,310100200003,王强,${month},1.00,1.00`,
      '',
    ].join('\n');

    const page = await consolePage();
    await signIn(page, 'deposit.clerk');
    // the deposit clerk lands on 缴存入账
    await page.locator('#batch-id').waitFor();
    await page.locator('#batch-id').fill('BANK-E2E-001');
    await page.locator('input[type=file]').setInputFiles({ name: 'bank-202612.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await byTestId(page, 'deposit-summary').waitFor();
    // file row 2 is line 1; the header is row 1
    await expect(byTestId(page, 'deposit-row-2').innerText()).resolves.toContain('可入账');
    await expect(byTestId(page, 'deposit-row-3').innerText()).resolves.toContain('已入账');
    await expect(byTestId(page, 'deposit-row-4').innerText()).resolves.toContain('格式错误');
    await expect(byTestId(page, 'deposit-row-5').innerText()).resolves.toMatch(/不能入账\s*缴存额与按缴存基数和比例核定的金额不一致/);
    await expectNoSeriousAxe(page, 'deposits-checked');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'console-deposit-checked.png'), fullPage: true });
    // nothing posted yet
    expect((await readAccount('310100200001')).balanceFen).toBe(before.balanceFen);

    await byTestId(page, 'deposit-post').click();
    await page.getByRole('button', { name: '确认入账' }).click();
    await byTestId(page, 'deposit-outcome').waitFor();
    await expect(byTestId(page, 'deposit-row-2').innerText()).resolves.toContain('已入账');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'console-deposit-posted.png'), fullPage: true });
    const after = await readAccount('310100200001');
    expect(after.balanceFen).toBe(before.balanceFen + due.unitFen + due.personalFen);
    expect(after.paidUpTo).toBe(month);
    // the wrong-amount line was never sent
    expect((await readAccount('310100200003')).paidUpTo).not.toBe(month);

    // the results download names every file row
    const [download] = await Promise.all([page.waitForEvent('download'), byTestId(page, 'deposit-download').click()]);
    const text = (await (await download.createReadStream()).toArray()).join('');
    expect(text).toContain('file_row,line,account_no,outcome,message');
    expect(text).toMatch(/\n2,1,310100200001,"已入账"/);
    expect(text).toMatch(/\n4,,,"格式错误"/);
    await page.context().close();
  });

  it('looks an account up by its number', async () => {
    const page = await consolePage();
    await signIn(page, 'account.clerk');
    await page.getByRole('menuitem', { name: '账户查询' }).click();
    const search = page.locator('#account-no');
    await search.fill('12345');
    await search.press('Enter');
    await expect(byTestId(page, 'account-error').innerText()).resolves.toContain('12 位数字');
    await search.fill('310100200009');
    await search.press('Enter');
    await expect(byTestId(page, 'account-error').innerText()).resolves.toContain('没有个人账号为 310100200009 的账户');
    await search.fill('310100200001');
    await search.press('Enter');
    const card = byTestId(page, 'account-card');
    await card.waitFor();
    const text = await card.innerText();
    expect(text).toContain('张明');
    expect(text).toMatch(/身份证号\s*\d{4}\*{10}\d{3}[\dX]/);
    await expect(byTestId(page, 'account-balance').innerText()).resolves.toMatch(/^¥[\d,]+\.\d{2}$/);
    await expectNoSeriousAxe(page, 'accounts');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'console-account.png'), fullPage: true });
    await page.context().close();
  });

  it('signs out, and says so when the session has run out', async () => {
    const page = await consolePage();
    await signIn(page, 'auditor');
    await byTestId(page, 'sign-out').click();
    await byTestId(page, 'sign-in').waitFor();
    await expect(byTestId(page, 'expired-notice').count()).resolves.toBe(0);

    await signIn(page, 'auditor');
    await byTestId(page, 'signed-in-as').waitFor();
    await page.evaluate(() => {
      const key = 'hpf.console.session';
      const session = JSON.parse(sessionStorage.getItem(key)!);
      sessionStorage.setItem(key, JSON.stringify({ ...session, expiresAt: new Date(Date.now() - 1000).toISOString() }));
    });
    await page.reload();
    await expect(byTestId(page, 'expired-notice').innerText()).resolves.toContain('登录已过期，请重新登录');
    await page.context().close();
  });
});
