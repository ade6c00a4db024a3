/**
 * 到账提醒 end to end: the demo renter taps 开启到账提醒 (the h5 demo build answers `accept` where
 * WeChat would ask; the dev server tells the WeChat simulator, which counts consents as WeChat
 * does), the deposit clerk posts this month's deposit, the stream notifier sends one subscribe
 * message through the simulator, and the 消息 page lists the reminder. The count is said wherever
 * the button is: 还可提醒 1 次, then 提醒次数已用完 after the arrival, and the ledger the
 * message opens asks again (继续接收提醒).
 */
import path from 'node:path';
import { chinaDate, DEFAULT_POLICY } from '@hpf/shared';
import { demoMembers } from '../functions/src/dev/demo-members';
import { DEMO_STAFF_PASSWORD } from '../functions/src/dev/demo-staff';
import { dueLine } from '../functions/src/dev/synthetic-accounts';
import { byTestId, SCREENSHOTS, usePhoneBrowser } from './browser';
import { postJson, useStack } from './stack';

jest.setTimeout(180_000);

const stack = useStack();
const phone = usePhoneBrowser();



const api = (route: string, body: unknown, token?: string) => postJson(stack, route, body, token);
/** How many 到账提醒 WeChat (the simulator) would still deliver to the demo renter. */
async function simulatorRemaining(): Promise<number> {
  const query = new URLSearchParams({ openid: 'demo-renter', templateId: 'hpf-arrival-template' });
  return ((await (await fetch(`${stack.current.wechat.baseUrl}/_control/subscriptions?${query}`)).json()) as { remaining: number }).remaining;
}

it('sends one 月缴存到账 reminder after the member opts in, and lists it under 消息', async () => {
  const renter = demoMembers(new Date()).find((m) => m.openid === 'demo-renter')!.account;
  const month = chinaDate(new Date()).slice(0, 7);

  const page = await phone.page();
  await page.goto(`${stack.current.webUrl}/`);
  await byTestId(page, 'demo-member-demo-renter').click();
  // never asked: the plain button, no count yet
  await page.locator('[data-testid="subscribe-reminders-box"][data-loaded="true"]').waitFor({ timeout: 30_000 });
  await expect(byTestId(page, 'subscribe-reminders').textContent()).resolves.toBe('开启到账提醒');
  expect(await byTestId(page, 'subscribe-reminders-remaining').count()).toBe(0);
  await byTestId(page, 'subscribe-reminders').click();
  const notice = byTestId(page, 'subscribe-notice');
  await notice.waitFor({ timeout: 30_000 });
  await expect(notice.textContent()).resolves.toContain('已开启：还可提醒 1 次');
  await expect(byTestId(page, 'subscribe-reminders-remaining').textContent()).resolves.toContain('还可提醒 1 次');
  expect(await simulatorRemaining()).toBe(1);
  await page.screenshot({ path: path.join(SCREENSHOTS, 'reminders-home.png'), fullPage: true });
  expect(stack.current.wechat.sent).toHaveLength(0);

  const login = await api('/v1/staff/auth/login', { username: 'deposit.clerk', password: DEMO_STAFF_PASSWORD });
  expect(login.status).toBe(200);
  const batch = await api('/v1/staff/deposit-batches', { batchId: `E2E-REMIND-${month}`, lines: [dueLine(renter, 1, month, DEFAULT_POLICY)] }, login.body.token);
  expect(batch.body.counts.posted).toBe(1);

  await byTestId(page, 'entry-messages').click();
  await page.waitForURL(/pages\/messages\/index/, { timeout: 30_000 });
  // the notifier reads the table's stream: give it ~15 s, looking again as a member would (pull to refresh)
  const deadline = Date.now() + 20_000;
  let listed = '';
  for (;;) {
    const rows = byTestId(page, 'message-row');
    await Promise.race([rows.first().waitFor({ timeout: 3_000 }).catch(() => undefined), byTestId(page, 'empty-state').waitFor({ timeout: 3_000 }).catch(() => undefined)]);
    listed = (await rows.allTextContents()).join('\n');
    if (listed.includes('月缴存到账') || Date.now() > deadline) break;
    await page.waitForTimeout(1_500);
    await page.reload();
  }
  expect(listed).toContain('月缴存到账');
  expect(listed).toContain('1,680.00');
  await page.screenshot({ path: path.join(SCREENSHOTS, 'reminders-messages.png'), fullPage: true });

  const sent = stack.current.wechat.sent.filter((message) => message.touser === 'demo-renter');
  expect(sent).toHaveLength(1);
  // that reminder used the one consent: the page says so, on the server's count and WeChat's
  expect(await simulatorRemaining()).toBe(0);
  await page.reload();
  await page.locator('[data-testid="messages-subscribe-box"][data-loaded="true"]').waitFor({ timeout: 30_000 });
  await expect(byTestId(page, 'messages-subscribe-remaining').textContent()).resolves.toContain('提醒次数已用完');
  await expect(byTestId(page, 'messages-subscribe').textContent()).resolves.toBe('继续接收提醒');
  expect(stack.current.wechat.sent).toHaveLength(1);
  expect(sent[0].data.amount1.value).toBe('¥1680.00');
  expect(sent[0].data.thing2.value.startsWith('月缴存到账')).toBe(true);
  // the in-app list says, in words, that WeChat delivered it
  await expect(byTestId(page, 'message-wechat').first().textContent()).resolves.not.toBe('');
  // the amount is said once, as money in; 查看这笔明细 opens the ledger at that entry
  await expect(byTestId(page, 'message-amount').first().textContent()).resolves.toBe('+¥1,680.00');
  await byTestId(page, 'message-open').first().click();
  await page.waitForURL(/pages\/ledger\/index\?entry=/, { timeout: 30_000 });
  const marked = page.locator('[data-testid="ledger-row"][data-highlighted="true"]');
  await marked.waitFor({ timeout: 30_000 });
  await expect(marked.textContent()).resolves.toContain('消息里的这一笔');
  await expect(marked.textContent()).resolves.toContain(month);
  const box = await marked.boundingBox();
  expect(box && box.y >= 0 && box.y < 812).toBe(true);
  await page.screenshot({ path: path.join(SCREENSHOTS, 'ledger-from-message.png') });

  // the ledger a reminder opened asks for the next one
  await page.locator('[data-testid="ledger-subscribe-box"][data-loaded="true"]').waitFor({ timeout: 30_000 });
  await expect(byTestId(page, 'ledger-subscribe-remaining').textContent()).resolves.toContain('提醒次数已用完');
  const again = byTestId(page, 'ledger-subscribe');
  await expect(again.textContent()).resolves.toBe('继续接收提醒');
  const againBox = await again.boundingBox();
  expect(againBox && againBox.y >= 0 && againBox.y + againBox.height <= 812).toBe(true);
  await again.click();
  await expect(byTestId(page, 'ledger-subscribe-notice').textContent()).resolves.toContain('还可提醒 1 次');
  await expect(byTestId(page, 'ledger-subscribe-remaining').textContent()).resolves.toContain('还可提醒 1 次');
  expect(await simulatorRemaining()).toBe(1);
  await page.screenshot({ path: path.join(SCREENSHOTS, 'ledger-subscribe-again.png') });

  // home says the same count after a reload
  await page.goto(`${stack.current.webUrl}/#/pages/home/index`);
  await page.locator('[data-testid="subscribe-reminders-box"][data-loaded="true"]').waitFor({ timeout: 30_000 });
  await expect(byTestId(page, 'subscribe-reminders-remaining').textContent()).resolves.toContain('还可提醒 1 次');
  await page.context().close();
});
