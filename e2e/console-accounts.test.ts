/**
 * 开户 in the console at 1366×768 on the local stack: the counter clerk types the base in 元 and the
 * rates in %; a rate with three decimals is refused in words before anything is sent; the
 * confirmation shows what will be opened; the account the API keeps has the base in fen and the
 * rates in basis points, and 账户查询 finds it; then 封存 (离职), 启封 at a new employer (its base in 元
 * and rates in %) and 销户, each with its reason and a confirmation of what it does. axe on every view.
 */
import path from 'node:path';
import { idNumberCheckChar } from '@hpf/shared';
import { DEMO_STAFF_PASSWORD } from '../functions/src/dev/demo-staff';
import { byTestId, SCREENSHOTS } from './browser';
import { expectNoSeriousAxe, useConsoleBrowser } from './console-browser';
import { postJson, useStack } from './stack';

jest.setTimeout(180_000);

const stack = useStack();
const { signedIn } = useConsoleBrowser(stack);
const ACCOUNT_NO = '310100209901';
const FIRST17 = '31010419900307002';

describe('开户 in the console', () => {
  it('opens an account typed in 元 and %, kept in fen and basis points', async () => {
    const page = await signedIn('account.clerk');
    await page.getByRole('menuitem', { name: '开户' }).click();
    await byTestId(page, 'open-account-no').fill(ACCOUNT_NO);
    await byTestId(page, 'open-name').fill('陈晓');
    await byTestId(page, 'open-id-number').fill(FIRST17 + idNumberCheckChar(FIRST17));
    await byTestId(page, 'open-phone').fill('13900139001');
    await byTestId(page, 'open-employer').fill('浦江数据服务有限公司');
    await byTestId(page, 'open-base').fill('8,000.50');
    await byTestId(page, 'open-unit-rate').fill('12.345');
    await byTestId(page, 'open-personal-rate').fill('7.5');
    await byTestId(page, 'open-submit').click();
    await page.getByText('请按 % 填写比例，最多两位小数').waitFor();
    await expectNoSeriousAxe(page, 'open-account-refused');
    await byTestId(page, 'open-unit-rate').fill('12');
    await byTestId(page, 'open-submit').click();
    await expect(byTestId(page, 'open-confirm').innerText()).resolves.toMatch(/310100209901[\s\S]*陈晓[\s\S]*¥8,000\.50[\s\S]*12% \/ 7\.5%/);
    await expectNoSeriousAxe(page, 'open-account-confirm');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'console-open-account-confirm.png') });
    await page.getByRole('button', { name: '确认开户' }).click();
    await expect(byTestId(page, 'open-done').innerText()).resolves.toContain('已开户：陈晓（310100209901），缴存基数 ¥8,000.50，比例 12% / 7.5%');
    await expectNoSeriousAxe(page, 'open-account-done');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'console-open-account.png'), fullPage: true });

    // the API keeps fen and basis points
    const login = await postJson(stack, '/v1/staff/auth/login', { username: 'account.clerk', password: DEMO_STAFF_PASSWORD });
    const account = (await (await fetch(`${stack.current.apiUrl}/v1/staff/accounts/${ACCOUNT_NO}`, { headers: { authorization: `Bearer ${login.body.token}` } })).json()) as any;
    expect(account).toMatchObject({ name: '陈晓', depositBaseFen: 800_050, unitRateBasisPoints: 1200, personalRateBasisPoints: 750, status: 'NORMAL', balanceFen: 0 });

    // opening it twice is refused in words
    await byTestId(page, 'open-account-no').fill(ACCOUNT_NO);
    await byTestId(page, 'open-name').fill('陈晓');
    await byTestId(page, 'open-id-number').fill(FIRST17 + idNumberCheckChar(FIRST17));
    await byTestId(page, 'open-phone').fill('13900139001');
    await byTestId(page, 'open-employer').fill('浦江数据服务有限公司');
    await byTestId(page, 'open-base').fill('8000.50');
    await byTestId(page, 'open-unit-rate').fill('12');
    await byTestId(page, 'open-personal-rate').fill('7.5');
    await byTestId(page, 'open-submit').click();
    await page.getByRole('button', { name: '确认开户' }).click();
    await expect(byTestId(page, 'open-error').innerText()).resolves.toContain('这个账号已经开户了');
    await expect(byTestId(page, 'open-done').count()).resolves.toBe(0);

    // 账户查询 finds it, in 元 and %
    await page.getByRole('menuitem', { name: '账户查询' }).click();
    await page.locator('#account-no').fill(ACCOUNT_NO);
    await page.locator('#account-no').press('Enter');
    await expect(byTestId(page, 'account-card').innerText()).resolves.toMatch(/陈晓[\s\S]*¥8,000\.50[\s\S]*12% \/ 7\.5%/);

    // 封存 with its reason, after a confirmation of what it does; then 启封; then 销户 (the balance is zero)
    await byTestId(page, 'account-sealAccount').click();
    await expect(byTestId(page, 'account-change-error').innerText()).resolves.toContain('请先写明办理原因');
    await byTestId(page, 'change-reason').fill('单位出具离职证明');
    await byTestId(page, 'account-sealAccount').click();
    await expect(byTestId(page, 'account-change-confirm').innerText()).resolves.toMatch(/封存后不再缴存（原因：离职）[\s\S]*单位出具离职证明/);
    await expectNoSeriousAxe(page, 'account-seal-confirm');
    await page.getByRole('button', { name: '确认封存' }).click();
    await page.locator('[data-testid="account-card"] .ant-tag', { hasText: '封存' }).waitFor();
    // 启封 at a new employer: its name, base in 元 and rates in %, said before it is sent
    await byTestId(page, 'change-reason').fill('到新单位入职');
    await byTestId(page, 'unseal-new-employer').click();
    await byTestId(page, 'unseal-employer').fill('临港智能制造有限公司');
    await byTestId(page, 'unseal-baseYuan').fill('9,500');
    await byTestId(page, 'unseal-unitPercent').fill('10');
    await byTestId(page, 'unseal-personalPercent').fill('10.5');
    await byTestId(page, 'account-unsealAccount').click();
    await expect(byTestId(page, 'account-change-confirm').innerText()).resolves.toContain('启封后在新单位 临港智能制造有限公司 缴存：缴存基数 ¥9,500.00，比例 10% / 10.5%（单位 / 个人）。');
    await expectNoSeriousAxe(page, 'account-unseal-confirm');
    await page.getByRole('button', { name: '确认启封' }).click();
    await page.locator('[data-testid="account-card"] .ant-tag', { hasText: '正常' }).waitFor();
    await expect(byTestId(page, 'account-card').innerText()).resolves.toMatch(/临港智能制造有限公司[\s\S]*¥9,500\.00[\s\S]*10% \/ 10\.5%/);
    await byTestId(page, 'change-reason').fill('职工出国定居，账户余额为零');
    await byTestId(page, 'account-closeAccount').click();
    await expect(byTestId(page, 'account-change-confirm').innerText()).resolves.toContain('不能恢复');
    await page.getByRole('button', { name: '确认销户' }).click();
    await page.locator('[data-testid="account-card"] .ant-tag', { hasText: '销户' }).waitFor();
    await expect(byTestId(page, 'account-actions').count()).resolves.toBe(0);
    await expectNoSeriousAxe(page, 'account-closed');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'console-account-closed.png'), fullPage: true });
    await page.context().close();
  });
});
