/** The staff console in Chromium at 1366×768: one browser per test file, sign-in, the menu, axe. */
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { DEMO_STAFF_PASSWORD } from '../functions/src/dev/demo-staff';
import { runAxe } from './accessibility/audit';
import { byTestId, launchBrowser, SCREENSHOTS } from './browser';
import type { Stack } from '../scripts/dev-stack';

export function useConsoleBrowser(stack: { current: Stack }) {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
    mkdirSync(SCREENSHOTS, { recursive: true });
  });
  afterAll(async () => browser?.close());

  async function consolePage(): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
    return context.newPage();
  }

  async function signIn(page: Page, username: string, password = DEMO_STAFF_PASSWORD): Promise<void> {
    await page.goto(`${stack.current.webUrl}/console/`);
    await byTestId(page, 'username').fill(username);
    await byTestId(page, 'password').fill(password);
    await byTestId(page, 'sign-in').click();
  }

  /** A new tab signed in as `username`, on its landing page. */
  async function signedIn(username: string): Promise<Page> {
    const page = await consolePage();
    await signIn(page, username);
    await byTestId(page, 'signed-in-as').waitFor();
    return page;
  }

  return { consolePage, signIn, signedIn };
}

export const menuItems = async (page: Page) =>
  (await page.locator('nav[aria-label="功能菜单"] .ant-menu-item, aside[aria-label="功能菜单"] .ant-menu-item').allInnerTexts()).map((t) => t.trim());

export async function expectNoSeriousAxe(page: Page, name: string): Promise<void> {
  const violations = await runAxe(page);
  expect({ page: name, violations }).toEqual({ page: name, violations: [] });
}
