/**
 * 电子证明 end to end, in a real browser on the local stack: the demo renter issues a 缴存证明,
 * the QR code is read back off the screen (screenshot → PNG → jsQR), counter staff verify the
 * decoded text, and the public verify page opened from the code's URL shows the masked view.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { byTestId, fill, SCREENSHOTS, usePhoneBrowser, waitForQrImage, expectQrInView } from './browser';
import { useStack } from './stack';

// pngjs (already installed as a dependency of qrcode) ships no types; jsqr's CommonJS export
// carries the function under `default`.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { PNG } = require('pngjs') as { PNG: { sync: { read(data: Buffer): { width: number; height: number; data: Buffer } } } };
type JsQr = (data: Uint8ClampedArray, width: number, height: number) => { data: string } | null;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const jsqrModule = require('jsqr') as { default?: JsQr } & JsQr;
const jsQR: JsQr = jsqrModule.default ?? jsqrModule;

jest.setTimeout(180_000);

const stack = useStack();
const phone = usePhoneBrowser();
const STAFF = { username: 'account.clerk', password: 'demo-Counter-2026' };





/** Signs in as the demo renter, optionally in 长辈模式, and issues a 缴存证明 for 购房. */
async function issueDepositCertificate(page: Page, { elder = false } = {}): Promise<void> {
  await page.goto(`${stack.current.webUrl}/`);
  if (elder) await byTestId(page, 'elder-mode-login').click();
  await byTestId(page, 'demo-member-demo-renter').click();
  await byTestId(page, 'entry-certificate').click();
  await byTestId(page, 'cert-type-DEPOSIT').click();
  await byTestId(page, 'cert-purpose-HOME_PURCHASE').click();
  await page.screenshot({ path: path.join(SCREENSHOTS, `certificate-form${elder ? '-elder' : ''}.png`), fullPage: true });
  await byTestId(page, 'cert-next').click();
  await byTestId(page, 'cert-confirm').click();
}

/** Reads the QR code's text off the screen: the image element's pixels, decoded with jsQR. */
async function readQrFromScreen(page: Page): Promise<string> {
  const image = byTestId(page, 'certificate-qr').locator('img');
  await image.waitFor({ timeout: 30_000 });
  await waitForQrImage(page);
  const png = PNG.sync.read(await image.screenshot());
  const decoded = jsQR(new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.length), png.width, png.height);
  if (!decoded) throw new Error(`no QR code found in the ${png.width}x${png.height} image`);
  return decoded.data;
}

/** 开具时间, 数据截至 and 有效期至, each with a China-time date. */
async function expectThreeTimes(page: Page, testId: string): Promise<void> {
  const times = (await byTestId(page, testId).textContent()) ?? '';
  for (const label of ['开具时间', '数据截至', '有效期至']) expect(times).toMatch(new RegExp(`${label}：?\\d{4}年\\d{1,2}月\\d{1,2}日 \\d{2}:\\d{2}`));
}


function tokenOf(url: string): string {
  const match = /\/V\/([A-Z2-7]+)$/.exec(url);
  if (!match) throw new Error(`not a verify URL: ${url}`);
  return match[1];
}

describe('电子证明: issue, show, verify', () => {
  it('shows a QR code that decodes to the verify URL; staff see 真实有效 with all facts, the public a masked view', async () => {
    const member = await phone.page();
    await issueDepositCertificate(member);
    const text = await readQrFromScreen(member);
    expect(text).toBe(text.toUpperCase());
    expect(text).toMatch(new RegExp(`^${stack.current.webUrl.toUpperCase().replace(/[.]/g, '\\.')}/V/[A-Z2-7]+$`));
    await expect(byTestId(member, 'qr-countdown').textContent()).resolves.toMatch(/\d+ 秒后自动换新码/);
    await expect(byTestId(member, 'cert-facts').textContent()).resolves.toContain('张明');
    await expectThreeTimes(member, 'cert-times');
    await expectQrInView(member);
    await member.screenshot({ path: path.join(SCREENSHOTS, 'certificate-qr.png'), fullPage: true });
    await member.screenshot({ path: path.join(SCREENSHOTS, 'certificate-qr-screen.png') });

    // Counter staff, in a browser of their own: sign in, paste the scanned text, check.
    const counter = await phone.page();
    await counter.goto(`${stack.current.webUrl}/`);
    await byTestId(counter, 'staff-entry').click();
    await fill(counter, 'staff-username', STAFF.username);
    await fill(counter, 'staff-password', STAFF.password);
    await byTestId(counter, 'staff-submit').click();
    await byTestId(counter, 'verify-input').waitFor({ timeout: 30_000 });
    await fill(counter, 'verify-input', text);
    await byTestId(counter, 'verify-submit').click();
    const verdict = byTestId(counter, 'verify-verdict');
    await verdict.waitFor({ timeout: 30_000 });
    await expect(verdict.textContent()).resolves.toContain('真实有效');
    await expect(verdict.getAttribute('data-result')).resolves.toBe('valid');
    const facts = await byTestId(counter, 'verify-facts').textContent();
    expect(facts).toContain('张明');
    expect(facts).toContain('¥');
    await expectThreeTimes(counter, 'verify-times');
    await expect(byTestId(counter, 'verify-checked-by').textContent()).resolves.toContain('本中心');
    await counter.screenshot({ path: path.join(SCREENSHOTS, 'verify-counter.png'), fullPage: true });

    // Anyone with a phone camera: the code's URL through the web server's /V/ redirect.
    const visitor = await phone.page();
    await visitor.goto(`${stack.current.webUrl}/V/${tokenOf(text)}`);
    const publicVerdict = byTestId(visitor, 'verify-verdict');
    await publicVerdict.waitFor({ timeout: 30_000 });
    await expect(publicVerdict.textContent()).resolves.toContain('真实有效');
    const publicFacts = await byTestId(visitor, 'verify-facts').textContent();
    expect(publicFacts).toContain('*明');
    expect(publicFacts).not.toContain('张明');
    expect(publicFacts).not.toContain('¥');
    await expectThreeTimes(visitor, 'verify-times');
    expect(await byTestId(visitor, 'verify-checked-by').count()).toBe(0);
    await expect(byTestId(visitor, 'verify-meaning').textContent()).resolves.toContain('真实有效');
    await visitor.screenshot({ path: path.join(SCREENSHOTS, 'verify-public.png'), fullPage: true });

    // The member's 查验记录 now lists both checks.
    await byTestId(member, 'cert-show-checks').click();
    const rows = byTestId(member, 'cert-verification-row');
    await rows.nth(1).waitFor({ timeout: 30_000 });
    const checks = (await rows.allTextContents()).join('\n');
    expect(checks).toContain('公众扫码');
    expect(checks).toMatch(/本中心/);

    for (const page of [member, counter, visitor]) await page.context().close();
  });

  it('keeps the code readable in 长辈模式 and shows the verdict pages in large type', async () => {
    const member = await phone.page();
    await issueDepositCertificate(member, { elder: true });
    const text = await readQrFromScreen(member);
    expect(text).toMatch(/\/V\/[A-Z2-7]+$/);
    await expectThreeTimes(member, 'cert-times');
    await expectQrInView(member);
    await member.screenshot({ path: path.join(SCREENSHOTS, 'certificate-qr-elder.png'), fullPage: true });
    await member.screenshot({ path: path.join(SCREENSHOTS, 'certificate-qr-elder-screen.png') });

    // Elder mode is stored per browser: the public page in the same context uses it too.
    const visitor = await member.context().newPage();
    await visitor.goto(`${stack.current.webUrl}/V/${tokenOf(text)}`);
    await byTestId(visitor, 'verify-verdict').waitFor({ timeout: 30_000 });
    await expect(byTestId(visitor, 'verify-verdict').textContent()).resolves.toContain('真实有效');
    await visitor.screenshot({ path: path.join(SCREENSHOTS, 'verify-public-elder.png'), fullPage: true });
    await member.context().close();
  });
});
