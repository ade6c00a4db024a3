/**
 * H5 navigation at 375×812, standard and 长辈模式: every page has a title from its own config and a
 * way home (checked page by page in the audit's scenes, e2e/accessibility), 返回 goes back to the
 * page it came from, a verify link opened straight from the camera leads into the service, and an
 * address no page answers says 页面不存在 with a way home.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { tokenFromVerifyUrl } from '../functions/src/certificates/token';
import { configuredTitle } from './accessibility/scenes';
import { byTestId, SCREENSHOTS, usePhoneBrowser } from './browser';
import { postJson, useStack } from './stack';

jest.setTimeout(180_000);

const stack = useStack();
const phone = usePhoneBrowser();
const MODES = ['standard', 'elder'] as const;

async function open(mode: (typeof MODES)[number], route: string): Promise<Page> {
  const page = await phone.page();
  await page.addInitScript((elder) => localStorage.setItem('hpf.elderMode', JSON.stringify({ data: elder ? '1' : '0' })), mode === 'elder');
  await page.goto(`${stack.current.webUrl}${route}`);
  return page;
}

/** Pages under the top one stay in the document, hidden: only what is on screen counts. */
const shown = (page: Page, testId: string) => page.locator(`[data-testid="${testId}"]:visible`);

async function titleOf(page: Page): Promise<string> {
  const title = shown(page, 'nav-title').first();
  await title.waitFor({ timeout: 30_000 });
  return ((await title.textContent()) ?? '').trim();
}

/** The control is on screen and at least the size the mode asks for. */
async function expectControl(page: Page, testId: string, mode: (typeof MODES)[number]): Promise<void> {
  const box = await shown(page, testId).first().boundingBox();
  expect(box).not.toBeNull();
  const min = mode === 'elder' ? 60 : 44;
  expect([box!.y >= 0, box!.y + box!.height <= 812, box!.width >= min, box!.height >= min]).toEqual([true, true, true, true]);
}

describe.each(MODES)('H5 navigation (%s)', (mode) => {
  it('titles each page from its config, goes back with 返回 and home with 首页', async () => {
    const page = await open(mode, '/');
    await byTestId(page, 'demo-member-demo-renter').click();
    await byTestId(page, 'balance').waitFor({ timeout: 30_000 });
    await expect(titleOf(page)).resolves.toBe(configuredTitle('home'));
    // home is where 首页 leads: neither control there
    await expect(shown(page, 'nav-home').count()).resolves.toBe(0);

    await byTestId(page, 'entry-ledger').click();
    await byTestId(page, 'ledger-row').first().waitFor({ timeout: 30_000 });
    await expect(titleOf(page)).resolves.toBe(configuredTitle('ledger'));
    await expectControl(page, 'nav-back', mode);
    await expectControl(page, 'nav-home', mode);
    await page.screenshot({ path: path.join(SCREENSHOTS, `nav-ledger-${mode}.png`) });

    await shown(page, 'nav-back').first().click();
    await byTestId(page, 'balance').waitFor({ timeout: 30_000 });
    await expect(titleOf(page)).resolves.toBe(configuredTitle('home'));

    await byTestId(page, 'entry-settings').click();
    await byTestId(page, 'elder-mode-switch').waitFor({ timeout: 30_000 });
    await expect(titleOf(page)).resolves.toBe(configuredTitle('settings'));
    await shown(page, 'nav-home').first().click();
    await byTestId(page, 'balance').waitFor({ timeout: 30_000 });
    expect(page.url()).toContain('/pages/home/index');
    await page.close();
  });

  it('leads from a verify link opened straight from the camera into the service', async () => {
    const member = await postJson(stack, '/v1/auth/wechat', { code: 'sim:demo-renter' });
    const issued = await postJson(stack, '/v1/me/certificates', { type: 'DEPOSIT', purpose: 'HOME_PURCHASE' }, member.body.token, {
      'idempotency-key': `nav-${mode}-certificate`,
    });
    const code = await postJson(stack, `/v1/me/certificates/${issued.body.certificateId}/code`, {}, member.body.token);
    const token = tokenFromVerifyUrl(code.body.payload);

    const page = await open(mode, `/V/${token}`);
    await byTestId(page, 'verify-meaning').waitFor({ timeout: 30_000 });
    await expect(titleOf(page)).resolves.toBe(configuredTitle('verify'));
    // nothing to go back to in this tab: no 返回, but 首页
    await expect(shown(page, 'nav-back').count()).resolves.toBe(0);
    await expectControl(page, 'nav-home', mode);
    await page.screenshot({ path: path.join(SCREENSHOTS, `nav-verify-direct-${mode}.png`) });
    await shown(page, 'nav-home').first().click();
    // not signed in on this phone: the service's sign-in page
    await byTestId(page, 'demo-member-demo-renter').waitFor({ timeout: 30_000 });
    await expect(titleOf(page)).resolves.toBe(configuredTitle('login'));
    await page.close();
  });

  it('says 页面不存在 for an address no page answers, with a way home', async () => {
    const page = await open(mode, '/#/pages/no-such-page/index?x=1');
    await byTestId(page, 'not-found').waitFor({ timeout: 30_000 });
    await expect(byTestId(page, 'not-found').textContent()).resolves.toContain('页面不存在');
    await expect(titleOf(page)).resolves.toBe('页面不存在');
    await expectControl(page, 'not-found-home', mode);
    await page.screenshot({ path: path.join(SCREENSHOTS, `nav-not-found-${mode}.png`) });
    await byTestId(page, 'not-found-home').click();
    // the way home; with no one signed in, home sends to sign-in
    await byTestId(page, 'demo-member-demo-renter').waitFor({ timeout: 30_000 });
    await page.close();
  });
});
