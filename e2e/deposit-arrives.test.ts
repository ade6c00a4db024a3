/** A deposit posted by the collecting bank's batch shows in the member's ledger in the H5 app. */
import { chinaDate, DEFAULT_POLICY, formatCurrency } from '@hpf/shared';
import { demoMembers } from '../functions/src/dev/demo-members';
import { DEMO_STAFF_PASSWORD } from '../functions/src/dev/demo-staff';
import { dueLine } from '../functions/src/dev/synthetic-accounts';
import { usePhoneBrowser } from './browser';
import { postJson, useStack } from './stack';

jest.setTimeout(120_000);
const stack = useStack();
const phone = usePhoneBrowser();

const api = (route: string, body: unknown, token?: string) => postJson(stack, route, body, token);

it('shows a newly posted monthly deposit with its month and both shares, and the new balance', async () => {
  const renter = demoMembers(new Date()).find((m) => m.openid === 'demo-renter')!.account;
  const login = await api('/v1/staff/auth/login', { username: 'deposit.clerk', password: DEMO_STAFF_PASSWORD });
  expect(login.status).toBe(200);
  const month = chinaDate(new Date()).slice(0, 7);
  const batch = await api('/v1/staff/deposit-batches', { batchId: `E2E-${month}`, lines: [dueLine(renter, 1, month, DEFAULT_POLICY)] }, login.body.token);
  expect(batch.body.counts.posted).toBe(1);

  const page = await phone.page();
  await page.goto(`${stack.current.webUrl}/`);
  await page.locator('[data-testid="demo-member-demo-renter"]').click();
  const balance = page.locator('[data-testid="balance"]');
  await balance.waitFor({ timeout: 30_000 });
  await expect(balance.textContent()).resolves.toContain(formatCurrency(renter.balanceFen + 168_000));

  await page.locator('[data-testid="entry-ledger"]').click();
  const newest = page.locator('[data-testid="ledger-row"]').first();
  await newest.waitFor({ timeout: 30_000 });
  const text = await newest.textContent();
  expect(text).toContain(`缴存 ${month} 单位 ¥840.00 个人 ¥840.00`);
  expect(text).toContain('1,680.00');
  await page.context().close();
});
