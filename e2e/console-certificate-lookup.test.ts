/**
 * 电子证明 look-up without a code in the console (扫码核验) at 1366×768 on the local stack: the demo
 * renter 张明 has two 缴存证明 (子女入学, then 落户) and no phone in hand; 柜台 孙磊 finds them by his
 * account number, newest first, both 有效, revokes the 子女入学 one with the reason after the
 * confirmation, and the list shows it 已撤销 with who and why; by his ID number the same person; a
 * number on nobody says so; a deposit clerk finds them too but is not offered 撤销; a reviewer is
 * not offered the look-up. axe on each view.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { idNumberCheckChar } from '@hpf/shared';
import { byTestId, SCREENSHOTS } from './browser';
import { expectNoSeriousAxe, useConsoleBrowser } from './console-browser';
import { postJson, useStack } from './stack';

jest.setTimeout(180_000);

const stack = useStack();
const { signedIn } = useConsoleBrowser(stack);
const RENTER = '310100200001';
const RENTER_ID = `31010419960512003${idNumberCheckChar('31010419960512003')}`;

beforeAll(async () => {
  const member = await postJson(stack, '/v1/auth/wechat', { code: 'sim:demo-renter' });
  for (const purpose of ['SCHOOL', 'HUKOU']) {
    const issued = await postJson(stack, '/v1/me/certificates', { type: 'DEPOSIT', purpose }, member.body.token, { 'idempotency-key': `lookup-${purpose}-${Date.now()}` });
    expect(issued.status).toBe(200);
  }
});

async function lookUp(page: Page, by: '按个人账号' | '按身份证号', value: string): Promise<void> {
  await byTestId(page, 'lookup-by').getByText(by, { exact: true }).click();
  await page.locator('#lookup-field').fill(value);
  await byTestId(page, 'lookup-submit').click();
}

const rows = (page: Page) => page.locator('[data-testid="lookup-table"] tbody tr');

describe('电子证明 look-up without a code', () => {
  it('finds a member’s certificates by account or ID number and revokes one with the reason', async () => {
    const page = await signedIn('account.clerk');
    await byTestId(page, 'scan-field').waitFor();
    await lookUp(page, '按个人账号', RENTER);
    await expect(byTestId(page, 'lookup-holder').innerText()).resolves.toMatch(/张明，个人账号 310100200001，身份证号 3101\*+/);
    await expect(rows(page).allInnerTexts()).resolves.toEqual([
      expect.stringMatching(/缴存证明（落户）[\s\S]*有效/),
      expect.stringMatching(/缴存证明（子女入学）[\s\S]*有效/),
    ]);
    await expectNoSeriousAxe(page, 'verify-lookup');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'console-certificate-lookup.png'), fullPage: true });

    // 撤销 the 子女入学 one: the reason first, then what revoking does, confirmed
    await rows(page).nth(1).getByRole('button', { name: /撤销/ }).click();
    await byTestId(page, 'revoke-reason').fill('职工报告证明遗失，申请作废');
    await byTestId(page, 'revoke-submit').click();
    await expect(byTestId(page, 'revoke-confirm').innerText()).resolves.toMatch(/立即失效[\s\S]*职工报告证明遗失，申请作废/);
    await page.getByRole('button', { name: '确认撤销' }).click();
    await expect(byTestId(page, 'lookup-revoked').innerText()).resolves.toContain('已撤销：张明的缴存证明');
    await expect(rows(page).nth(1).innerText()).resolves.toMatch(/子女入学[\s\S]*已撤销[\s\S]*account\.clerk：职工报告证明遗失，申请作废/);
    await expect(rows(page).nth(1).getByRole('button').count()).resolves.toBe(0);
    await expect(rows(page).nth(0).innerText()).resolves.toMatch(/落户[\s\S]*有效/);
    await expectNoSeriousAxe(page, 'verify-lookup-revoked');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'console-certificate-lookup-revoked.png'), fullPage: true });

    // by ID number: the same person (the number is only sent in the body, hashed by the server)
    await lookUp(page, '按身份证号', RENTER_ID);
    await expect(byTestId(page, 'lookup-holder').innerText()).resolves.toContain('张明，个人账号 310100200001');
    await expect(rows(page).count()).resolves.toBe(2);
    // a short number is refused in words before anything is sent; a number on nobody says so
    await lookUp(page, '按个人账号', '3101');
    await expect(byTestId(page, 'lookup-error').innerText()).resolves.toContain('个人账号应为 12 位数字');
    await lookUp(page, '按个人账号', '310100999999');
    await expect(byTestId(page, 'lookup-empty').innerText()).resolves.toContain('没有找到这位职工');
    await expectNoSeriousAxe(page, 'verify-lookup-empty');
    await page.context().close();
  });

  it('lets a deposit clerk find them but offers no 撤销 (only account clerks revoke)', async () => {
    const page = await signedIn('deposit.clerk');
    // a deposit clerk lands on 缴存入账; 扫码核验 is in the menu
    await page.getByRole('menuitem', { name: '扫码核验' }).click();
    await byTestId(page, 'scan-field').waitFor();
    await lookUp(page, '按个人账号', RENTER);
    await rows(page).first().waitFor();
    await expect(rows(page).count()).resolves.toBe(2);
    await expect(page.locator('[data-testid="lookup-table"]').getByRole('button', { name: /撤销/ }).count()).resolves.toBe(0);
    await page.context().close();
  });

  it('is not offered to a reviewer, who verifies the codes shown but does not look members up', async () => {
    const page = await signedIn('reviewer.a');
    await page.getByRole('menuitem', { name: '扫码核验' }).click();
    await byTestId(page, 'scan-field').waitFor();
    await expect(byTestId(page, 'lookup').count()).resolves.toBe(0);
    await page.context().close();
  });
});
