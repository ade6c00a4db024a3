/** 好差评 in the browser: a member's paid rent withdrawal and the rating they give it (shared by the member and console tests). */
import type { Page } from 'playwright-core';
import { byTestId, fill, waitForText } from './browser';

/** From home, the demo renter applies for this month's rent withdrawal; 秒办 pays it at once and the result screen says 已到账. */
export async function payRentWithdrawal(page: Page): Promise<void> {
  await byTestId(page, 'entry-rent').click();
  await byTestId(page, 'rent-max-amount').waitFor({ timeout: 30_000 });
  await fill(page, 'rent-address', '上海市浦东新区张江路100弄5号302室');
  await fill(page, 'rent-landlord', '王建国');
  await fill(page, 'rent-landlord-account', '6217000010001234567');
  await fill(page, 'rent-monthly-rent', '3000');
  await byTestId(page, 'rent-confirm').click();
  await byTestId(page, 'rent-submit').click();
  // paid through the whole pipeline (the stream, the payout worker, the bank simulator): on a busy
  // two-core CI machine that has taken more than 30 s
  await waitForText(page, 'rent-status', '已到账', 90_000);
}

/** On the rating screen: a level, the reasons given, a comment; then 提交评价. */
export async function rate(page: Page, level: string, reasons: string[], comment?: string): Promise<void> {
  await byTestId(page, `rating-level-${level}`).click();
  for (const reason of reasons) await page.locator('[data-testid="rating-reason"]', { hasText: reason }).click();
  if (comment) await byTestId(page, 'rating-comment').locator('textarea').fill(comment);
  await byTestId(page, 'rating-submit').click();
}
