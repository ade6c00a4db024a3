/**
 * 设置 in a real browser at 375×812, standard and 长辈模式: what the member saved is what the page shows
 * after a reload — the personal monthly limit survives turning 提取锁 on and off, the reminder
 * switches come from the server — and a limit above the city's cap, or one that is not an amount,
 * is refused in words instead of "已保存".
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { byTestId, fill, SCREENSHOTS, usePhoneBrowser } from './browser';
import { useStack } from './stack';

jest.setTimeout(180_000);

const stack = useStack();
const phone = usePhoneBrowser();

async function textOf(page: Page, testId: string): Promise<string> {
  const node = byTestId(page, testId).first();
  await node.waitFor({ timeout: 30_000 });
  return (await node.textContent()) ?? '';
}

async function openSettings({ elder = false } = {}): Promise<Page> {
  const page = await phone.page();
  await page.goto(`${stack.current.webUrl}/`);
  if (elder) await byTestId(page, 'elder-mode-login').click();
  await byTestId(page, 'demo-member-demo-renter').click();
  await byTestId(page, 'balance').waitFor({ timeout: 30_000 });
  await page.goto(`${stack.current.webUrl}/#/pages/settings/index`);
  await byTestId(page, 'withdrawal-limit').waitFor({ timeout: 30_000 });
  return page;
}

/** After a reload, once the saved values are on screen. */
async function reload(page: Page): Promise<void> {
  await page.reload();
  await byTestId(page, 'withdrawal-limit-current').waitFor({ timeout: 30_000 });
}

const checked = (page: Page, testId: string) => byTestId(page, testId).first().getAttribute('data-checked');

async function saved(page: Page): Promise<void> {
  await page.waitForFunction(() => document.querySelector('[data-testid="settings-notice"]')?.textContent?.includes('已保存'), undefined, { timeout: 30_000 });
}

async function toggle(page: Page, testId: string): Promise<void> {
  const before = await checked(page, testId);
  await byTestId(page, testId).click();
  await page.waitForFunction(
    ([id, was]) => document.querySelector(`[data-testid="${id}"]`)?.getAttribute('data-checked') !== was,
    [testId, before] as const,
    { timeout: 30_000 },
  );
  await saved(page);
}

describe('设置 keeps what the member set', () => {
  it('shows a saved limit after reload, keeps it through 提取锁 on and off, remembers the reminder switches, refuses a bad limit', async () => {
    const page = await openSettings();
    await expect(textOf(page, 'withdrawal-limit-current')).resolves.toContain('按本市上限，每月最多 ¥1,500.00');

    await fill(page, 'withdrawal-limit', '800');
    await byTestId(page, 'withdrawal-limit-save').click();
    await saved(page);
    await expect(textOf(page, 'withdrawal-limit-current')).resolves.toContain('每月最多 ¥800.00');

    await reload(page);
    await expect(textOf(page, 'withdrawal-limit-current')).resolves.toContain('每月最多 ¥800.00');
    await expect(byTestId(page, 'withdrawal-limit').locator('input').inputValue()).resolves.toBe('800.00');

    // 提取锁 on, reload, off, reload: the limit is still there each time
    await toggle(page, 'withdrawal-lock');
    await reload(page);
    await expect(checked(page, 'withdrawal-lock')).resolves.toBe('true');
    await expect(textOf(page, 'withdrawal-limit-current')).resolves.toContain('每月最多 ¥800.00');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'settings-saved.png'), fullPage: true });
    await toggle(page, 'withdrawal-lock');
    await reload(page);
    await expect(checked(page, 'withdrawal-lock')).resolves.toBe('false');
    await expect(textOf(page, 'withdrawal-limit-current')).resolves.toContain('每月最多 ¥800.00');

    // a reminder switch comes back from the server, not from the phone: a fresh browser sees it
    await toggle(page, 'reminder-interest');
    const other = await openSettings({ elder: true });
    await expect(checked(other, 'reminder-interest')).resolves.toBe('false');
    await expect(checked(other, 'reminder-deposit')).resolves.toBe('true');
    await expect(textOf(other, 'withdrawal-limit-current')).resolves.toContain('每月最多 ¥800.00');
    await other.screenshot({ path: path.join(SCREENSHOTS, 'settings-saved-elder.png'), fullPage: true });

    // too high: refused with the city's cap named, nothing saved
    await fill(other, 'withdrawal-limit', '2000');
    await byTestId(other, 'withdrawal-limit-save').click();
    await expect(textOf(other, 'withdrawal-limit-error')).resolves.toContain('不能超过本市每月上限 ¥1,500.00');
    await expect(byTestId(other, 'settings-notice').count()).resolves.toBe(0);
    await other.screenshot({ path: path.join(SCREENSHOTS, 'settings-limit-too-high-elder.png'), fullPage: true });
    await fill(page, 'withdrawal-limit', '2000');
    await byTestId(page, 'withdrawal-limit-save').click();
    await expect(textOf(page, 'withdrawal-limit-error')).resolves.toContain('不能超过本市每月上限 ¥1,500.00');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'settings-limit-too-high.png'), fullPage: true });

    // not an amount (an emoji, too many decimals)
    await fill(page, 'withdrawal-limit', '');
    await byTestId(page, 'withdrawal-limit').locator('input').first().focus();
    await page.keyboard.insertText('😀');
    await byTestId(page, 'withdrawal-limit-save').click();
    await expect(textOf(page, 'withdrawal-limit-error')).resolves.toMatch(/请填写金额/);
    await fill(page, 'withdrawal-limit', '1.005');
    await byTestId(page, 'withdrawal-limit-save').click();
    await expect(textOf(page, 'withdrawal-limit-error')).resolves.toContain('最多两位小数');

    await reload(page);
    await expect(textOf(page, 'withdrawal-limit-current')).resolves.toContain('每月最多 ¥800.00');

    // back to the city's cap, on purpose
    await byTestId(page, 'withdrawal-limit-clear').click();
    await saved(page);
    await reload(page);
    await expect(textOf(page, 'withdrawal-limit-current')).resolves.toContain('按本市上限');
    await expect(byTestId(page, 'withdrawal-limit').locator('input').inputValue()).resolves.toBe('');

    await page.context().close();
    await other.context().close();
  });
});
