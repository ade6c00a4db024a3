/**
 * The certificate code screen offline (issue 12): the line under the code says what is true —
 * valid until its own time while it is, then 已过期 — 联网后自动刷新 — instead of a countdown that
 * freezes; the notice appears once for the outage, not again at each retry; and when the network
 * returns a new code is shown at once. Playwright's context.setOffline cuts the network; its
 * clock moves the phone's time past the code's validity without waiting two minutes.
 */
import path from 'node:path';
import { byTestId, SCREENSHOTS, usePhoneBrowser, waitForQrImage } from './browser';
import { postJson, useStack } from './stack';

jest.setTimeout(180_000);

const stack = useStack();
const phone = usePhoneBrowser();

it('says how long the code still works while offline, says it once, and refreshes when the network is back', async () => {
  // a 缴存证明 issued beforehand, shown from the list with 出示二维码
  const login = await postJson(stack, '/v1/auth/wechat', { code: 'sim:demo-renter' });
  expect(login.status).toBe(200);
  const issued = await postJson(stack, '/v1/me/certificates', { type: 'DEPOSIT', purpose: 'HOME_PURCHASE' }, login.body.token, {
    'Idempotency-Key': `e2e-offline-${Date.now()}`,
  });
  expect(issued.status).toBe(200);

  const page = await phone.page();
  await page.clock.install();
  await page.goto(`${stack.current.webUrl}/`);
  await byTestId(page, 'demo-member-demo-renter').click();
  await byTestId(page, 'entry-certificate').click();
  await byTestId(page, 'cert-show-code').first().click();
  await waitForQrImage(page);
  const countdown = byTestId(page, 'qr-countdown');
  await expect(countdown.textContent()).resolves.toMatch(/^\d+ 秒后自动换新码$/);
  const firstPayload = await byTestId(page, 'certificate-qr').getAttribute('data-payload');

  await page.context().setOffline(true);
  const problem = byTestId(page, 'qr-problem');
  await problem.waitFor({ timeout: 30_000 });
  await expect(problem.textContent()).resolves.toBe('网络已断开，二维码暂时不能更新；联网后会自动刷新。');
  await page.waitForFunction(() => /前有效（还有 \d+ 秒）$/.test(document.querySelector('[data-testid="qr-countdown"]')?.textContent ?? ''), undefined, {
    timeout: 30_000,
  });
  const before = (await countdown.textContent()) ?? '';
  expect(before).toMatch(/^这个码 \d{2}:\d{2}:\d{2} 前有效（还有 \d+ 秒）$/);
  // the time keeps going (no freeze), and the one notice stays one through the retries
  await page.clock.runFor(12_000);
  const after = (await countdown.textContent()) ?? '';
  const seconds = (text: string) => Number(/还有 (\d+) 秒/.exec(text)?.[1]);
  expect(seconds(after)).toBeLessThanOrEqual(seconds(before) - 10);
  await expect(problem.count()).resolves.toBe(1);
  await expect(page.locator('[role="alert"]').count()).resolves.toBe(1);
  await page.screenshot({ path: path.join(SCREENSHOTS, 'certificate-offline.png') });

  // past the code's own validity: said as expired, to be refreshed when back on line
  await page.clock.fastForward('02:10');
  await page.waitForFunction(() => document.querySelector('[data-testid="qr-countdown"]')?.textContent === '已过期 — 联网后自动刷新', undefined, {
    timeout: 30_000,
  });
  await expect(problem.count()).resolves.toBe(1);
  await page.screenshot({ path: path.join(SCREENSHOTS, 'certificate-offline-expired.png') });

  // back on line: a new code at once, the notice gone
  await page.context().setOffline(false);
  await problem.waitFor({ state: 'detached', timeout: 30_000 });
  // a retry that was in flight as the network came back is answered at the next retry (5 s)
  await page.clock.runFor(6_000);
  await page.waitForFunction(
    (old) => {
      const qr = document.querySelector('[data-testid="certificate-qr"]');
      return qr !== null && qr.getAttribute('data-payload') !== old;
    },
    firstPayload,
    { timeout: 60_000 },
  );
  await expect(countdown.textContent()).resolves.not.toContain('已过期');
  await page.screenshot({ path: path.join(SCREENSHOTS, 'certificate-online-again.png') });
  await page.context().close();
});
