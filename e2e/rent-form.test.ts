/**
 * The 租房提取 form as a new user meets it (issue 12), at 375×812: 1.005 is told 最多两位小数, a
 * 300-character address 太长, a registered contract number with Chinese characters is taken, what
 * was typed survives a reload, the card on file is chosen by name, and a field the server refuses
 * (another card typed, not the member's) is marked under that field with aria-invalid. After the
 * application goes in, the kept draft is gone from the phone.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { byTestId, fill, SCREENSHOTS, textOf, usePhoneBrowser } from './browser';
import { useStack } from './stack';

jest.setTimeout(180_000);

const stack = useStack();
const phone = usePhoneBrowser();

const input = (page: Page, testId: string) => byTestId(page, testId).locator('input').first();

async function openRentPage(page: Page) {
  await byTestId(page, 'rent-guide').waitFor({ timeout: 30_000 });
  await byTestId(page, 'rent-max-amount').waitFor({ timeout: 30_000 });
}

const draftKept = (page: Page) => page.evaluate(() => Object.keys(window.localStorage).some((key) => key.includes('hpf-rent-draft')));

it('says what is wrong under each field, keeps the typed form across a reload, and marks the field the server refused', async () => {
  const page = await phone.page();
  await page.goto(`${stack.current.webUrl}/`);
  await byTestId(page, 'demo-member-demo-renter').click();
  await byTestId(page, 'balance').waitFor({ timeout: 30_000 });
  await byTestId(page, 'entry-rent').click();
  await openRentPage(page);

  await fill(page, 'rent-address', '上海市浦东新区张江路'.repeat(30));
  await fill(page, 'rent-landlord', '王建国');
  await fill(page, 'rent-landlord-account', '6217000010001234567');
  await fill(page, 'rent-monthly-rent', '3000');
  await fill(page, 'rent-contract-no', '沪租2026-001');
  await fill(page, 'rent-amount', '1.005');
  await byTestId(page, 'rent-confirm').click();

  await expect(textOf(page, 'rent-address-error')).resolves.toBe('租住房屋地址太长（最多 100 个字，现在 300 个字）');
  await expect(input(page, 'rent-address').getAttribute('aria-invalid')).resolves.toBe('true');
  await expect(textOf(page, 'rent-amount-error')).resolves.toContain('最多两位小数');
  await expect(input(page, 'rent-amount').getAttribute('aria-invalid')).resolves.toBe('true');
  // the registered contract number with Chinese characters is fine, and not marked
  expect(await byTestId(page, 'rent-contract-no-error').count()).toBe(0);
  await expect(input(page, 'rent-contract-no').getAttribute('aria-invalid')).resolves.toBeNull();
  await page.screenshot({ path: path.join(SCREENSHOTS, 'rent-form-errors.png'), fullPage: true });

  // fix two fields and pick another card; then the page is reloaded (or the member goes back and returns)
  await fill(page, 'rent-address', '上海市浦东新区张江路100弄5号302室');
  await fill(page, 'rent-amount', '1500');
  await byTestId(page, 'rent-card-other').click();
  await fill(page, 'rent-card', '6222021001123459999');
  expect(await draftKept(page)).toBe(true);
  await page.reload();
  await openRentPage(page);
  await expect(input(page, 'rent-address').inputValue()).resolves.toBe('上海市浦东新区张江路100弄5号302室');
  await expect(input(page, 'rent-landlord-account').inputValue()).resolves.toBe('6217000010001234567');
  await expect(input(page, 'rent-contract-no').inputValue()).resolves.toBe('沪租2026-001');
  await expect(input(page, 'rent-amount').inputValue()).resolves.toBe('1500');
  // the choice of another card is kept; the card number itself never is
  await expect(byTestId(page, 'rent-card-other').getAttribute('data-checked')).resolves.toBe('true');
  await expect(input(page, 'rent-card').inputValue()).resolves.toBe('');
  const stored = await page.evaluate(() => JSON.stringify(window.localStorage));
  expect(stored).not.toContain('6222021001123459999');

  // a card that is not the member's: the server refuses it, and the card field says so
  await fill(page, 'rent-card', '6222021001123459999');
  await byTestId(page, 'rent-confirm').click();
  await byTestId(page, 'rent-submit').click();
  await expect(textOf(page, 'rent-card-error')).resolves.toContain('只能提取到您本人在公积金中心登记的银行卡');
  await expect(input(page, 'rent-card').getAttribute('aria-invalid')).resolves.toBe('true');
  await page.screenshot({ path: path.join(SCREENSHOTS, 'rent-form-server-field.png'), fullPage: true });

  // back to the card on file, chosen by name: it goes in, and the kept draft is cleared
  await byTestId(page, 'rent-card-on-file').click();
  await expect(textOf(page, 'rent-card-on-file')).resolves.toContain('工商银行 尾号 0012');
  await byTestId(page, 'rent-confirm').click();
  await expect(textOf(page, 'rent-confirm-box')).resolves.toContain('工商银行 尾号 0012');
  await byTestId(page, 'rent-submit').click();
  await byTestId(page, 'rent-result').waitFor({ timeout: 30_000 });
  await expect(textOf(page, 'rent-timeline-step')).resolves.toContain('已提交');
  expect(await draftKept(page)).toBe(false);
  await page.context().close();
});
