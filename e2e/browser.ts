/** Headless Debian Chromium driven by playwright-core (Playwright's own browser downloads cannot run here). */
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { REPO_ROOT } from '../functions/src/dev/table-definition';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}: install it with apt-get install -y chromium (or set CHROMIUM_PATH).`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export const SCREENSHOTS = path.join(REPO_ROOT, '.test-output/screenshots');

/** One Chromium for a test file; each call to page() is a fresh phone-sized browser (own storage). */
export function usePhoneBrowser(): { page(): Promise<Page> } {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchBrowser();
    mkdirSync(SCREENSHOTS, { recursive: true });
  });
  afterAll(async () => browser?.close());
  return {
    async page() {
      const context = await browser!.newContext({ viewport: { width: 375, height: 812 }, locale: 'zh-CN' });
      return context.newPage();
    },
  };
}

export const byTestId = (page: Page, testId: string) => page.locator(`[data-testid="${testId}"]`);

/** The text of the first element with the test id, once it is there. */
export async function textOf(page: Page, testId: string): Promise<string> {
  const node = byTestId(page, testId).first();
  await node.waitFor({ timeout: 30_000 });
  return (await node.textContent()) ?? '';
}

/** Taro h5 wraps <input> in its own element: type into the real input. */
export async function fill(page: Page, testId: string, value: string): Promise<void> {
  const input = byTestId(page, testId).locator('input').first();
  await input.waitFor({ timeout: 30_000 });
  await input.fill(value);
}

/** Waits until the certificate's QR image has loaded (the code is drawn to an image after the API answers). */
export async function waitForQrImage(page: Page): Promise<void> {
  await page.waitForFunction(
    () => {
      const img = document.querySelector('[data-testid="certificate-qr"] img') as HTMLImageElement | null;
      return !!img && img.complete && img.naturalWidth > 0;
    },
    undefined,
    { timeout: 30_000 },
  );
}

/** The QR image is wholly on the first screen: a member should never have to scroll to show it (375×812). */
export async function expectQrInView(page: Page): Promise<void> {
  await waitForQrImage(page);
  const box = await byTestId(page, 'certificate-qr').boundingBox();
  expect(box).not.toBeNull();
  const viewport = page.viewportSize()!;
  expect([box!.x >= 0, box!.y >= 0, box!.x + box!.width <= viewport.width, box!.y + box!.height <= viewport.height]).toEqual([true, true, true, true]);
}

/** Waits until the first element with the test id contains `text` (a page that polls shows it in time). */
export async function waitForText(page: Page, testId: string, text: string, timeout = 60_000): Promise<void> {
  await page.waitForFunction(
    ([id, wanted]) => document.querySelector(`[data-testid="${id}"]`)?.textContent?.includes(wanted) === true,
    [testId, text] as const,
    { timeout },
  );
}

/** A fresh phone signed in as a demo member from the sign-in page's picker (optionally in 长辈模式), on home. */
export async function signedInDemo(phone: { page(): Promise<Page> }, webUrl: string, openid: string, { elder = false } = {}): Promise<Page> {
  const page = await phone.page();
  await page.goto(`${webUrl}/`);
  if (elder) await byTestId(page, 'elder-mode-login').click();
  await byTestId(page, `demo-member-${openid}`).click();
  await byTestId(page, 'balance').waitFor({ timeout: 30_000 });
  return page;
}

/** On 实名绑定: ticks both consents (the notice, and the separate one for the ID number and the face). */
export async function agreeToPrivacy(page: Page): Promise<void> {
  await byTestId(page, 'consent-notice').click();
  await byTestId(page, 'consent-sensitive').click();
}
