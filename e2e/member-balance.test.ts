/**
 * A member in a real browser: the H5 build served by the local stack, the API through
 * serverless-offline, data in DynamoDB Local.
 */
import path from 'node:path';
import { formatCurrency } from '@hpf/shared';
import { demoMembers } from '../functions/src/dev/demo-members';
import { fill, SCREENSHOTS, usePhoneBrowser, agreeToPrivacy } from './browser';
import { useStack } from './stack';

jest.setTimeout(120_000);

const stack = useStack();
const phone = usePhoneBrowser();




const member = (openid: string) => demoMembers(new Date()).find((m) => m.openid === openid)!;

describe('the demo renter in the H5 mini program', () => {
  it('signs in and sees the seeded balance, state and ledger', async () => {
    const page = await phone.page();
    const renter = member('demo-renter');
    await page.goto(`${stack.current.webUrl}/`);
    await page.locator('[data-testid="demo-member-demo-renter"]').click();

    const balance = page.locator('[data-testid="balance"]');
    await balance.waitFor({ timeout: 30_000 });
    await expect(balance.textContent()).resolves.toContain(formatCurrency(renter.account.balanceFen));
    await expect(page.locator('[data-testid="account-state"]').textContent()).resolves.toContain('正常');
    // what counters ask for: the account number whole, the phone and card masked
    await expect(page.locator('[data-testid="account-no"]').textContent()).resolves.toBe(renter.account.accountNo);
    await expect(page.locator('[data-testid="account-card"]').textContent()).resolves.not.toContain(renter.account.phone);
    await expect(page.locator('[data-testid="balance-facts"]').textContent()).resolves.toContain('缴至');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'home-renter.png'), fullPage: true });

    await page.locator('[data-testid="entry-ledger"]').click();
    const rows = page.locator('[data-testid="ledger-row"]');
    await rows.first().waitFor({ timeout: 30_000 });
    const newest = renter.ledger[renter.ledger.length - 1];
    await expect(rows.first().textContent()).resolves.toContain(formatCurrency(newest.amountFen).replace('¥', ''));
    expect(await rows.count()).toBeGreaterThanOrEqual(Math.min(20, renter.ledger.length));
    await page.screenshot({ path: path.join(SCREENSHOTS, 'ledger-renter.png') });
    await page.context().close();
  });
});

describe('real-name binding in the H5 mini program', () => {
  it('refuses wrong data with a clear message, then binds with the right data', async () => {
    const page = await phone.page();
    const chen = member('demo-new').account;
    await page.goto(`${stack.current.webUrl}/`);
    // the demo picker says what the server says: not bound yet
    await page.locator('[data-testid="demo-story-demo-new"]', { hasText: '（未绑定）' }).waitFor({ timeout: 30_000 });
    await page.locator('[data-testid="demo-member-demo-new"]').click();
    await page.locator('[data-testid="bind-submit"]').waitFor({ timeout: 30_000 });

    // an empty ID number is asked for, not called wrong
    await fill(page, 'bind-name', chen.name);
    await page.locator('[data-testid="bind-submit"]').click();
    await page.getByText('请填写身份证号').first().waitFor({ timeout: 10_000 });

    await fill(page, 'bind-name', chen.name);
    await fill(page, 'bind-idNumber', chen.idNumber);
    await fill(page, 'bind-phone', '13912345678');
    await agreeToPrivacy(page);
    await page.locator('[data-testid="bind-submit"]').click();
    const refusal = page.locator('[data-testid="error-state"]');
    await refusal.waitFor({ timeout: 30_000 });
    await expect(refusal.textContent()).resolves.toContain('不一致');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'bind-refused.png') });

    await fill(page, 'bind-phone', chen.phone);
    await page.locator('[data-testid="bind-submit"]').click();
    const balance = page.locator('[data-testid="balance"]');
    await balance.waitFor({ timeout: 30_000 });
    await expect(balance.textContent()).resolves.toContain(formatCurrency(chen.balanceFen));

    // another phone's sign-in page: the picker now says 陈新 is bound
    await page.context().close();
    const again = await phone.page();
    await again.goto(`${stack.current.webUrl}/`);
    await again.locator('[data-testid="demo-story-demo-new"]', { hasText: '（已绑定）' }).waitFor({ timeout: 30_000 });
    await again.context().close();
  });
});
