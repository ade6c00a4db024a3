/**
 * Advice by the member's real situation and the 服务指南, in a browser at 375×812, standard and
 * 长辈模式: 刘建国 (retired) is pointed to 离退休提取 — never to a new employer — and 李芳 (left her
 * job) learns what sealing means, 启封 and 离职提取; neither is shown the rent form, on home or on
 * the rent page. The guide opens from home, from the advice and from 设置, with 12329 as a call
 * link, the offices with their hours, and every withdrawal type saying where it is done.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { byTestId, SCREENSHOTS, usePhoneBrowser } from './browser';
import { useStack } from './stack';

jest.setTimeout(180_000);

const stack = useStack();
const phone = usePhoneBrowser();
const MODES = ['standard', 'elder'] as const;
type Mode = (typeof MODES)[number];

/** Pages under the top one stay in the document, hidden: only what is on screen counts. */
const shown = (page: Page, testId: string) => page.locator(`[data-testid="${testId}"]:visible`);

async function signIn(openid: string, mode: Mode): Promise<Page> {
  const page = await phone.page();
  await page.addInitScript((elder) => localStorage.setItem('hpf.elderMode', JSON.stringify({ data: elder ? '1' : '0' })), mode === 'elder');
  await page.goto(`${stack.current.webUrl}/`);
  await byTestId(page, `demo-member-${openid}`).click();
  await byTestId(page, 'balance').waitFor({ timeout: 30_000 });
  return page;
}

async function textOf(page: Page, testId: string): Promise<string> {
  const node = shown(page, testId).first();
  await node.waitFor({ timeout: 30_000 });
  return ((await node.textContent()) ?? '').replace(/\s+/g, ' ');
}

/**
 * Signs in and reads what home says of the account (the balance card's line and the advice below
 * it): each of `says`, none of `never`, and no 租房提取 offered.
 */
async function homeAdvice(openid: string, mode: Mode, says: string[], never: RegExp): Promise<Page> {
  const page = await signIn(openid, mode);
  const advice = `${await textOf(page, 'account-state-hint')} ${await textOf(page, 'home-advice')}`;
  for (const words of says) expect(advice).toContain(words);
  expect(advice).not.toMatch(never);
  await expect(shown(page, 'entry-rent').count()).resolves.toBe(0);
  return page;
}

/** The rent page opened straight (a bookmark, a link): the advice, not the rent rules or form. */
async function expectNoRentForm(page: Page): Promise<string> {
  await page.goto(`${stack.current.webUrl}/#/pages/rent/index`);
  const advice = await textOf(page, 'rent-advice');
  await expect(shown(page, 'rent-guide').count()).resolves.toBe(0);
  await expect(shown(page, 'rent-eligibility').count()).resolves.toBe(0);
  await expect(shown(page, 'rent-address').count()).resolves.toBe(0);
  return advice;
}

describe.each(MODES)('advice by situation (%s)', (mode) => {
  it('points 刘建国 (retired) to 离退休提取, where and what to bring, and never to a new employer', async () => {
    const page = await homeAdvice('demo-retiree', mode, ['离退休提取', '退休证明', '服务网点柜台'], /新单位|启封|过几个月/);
    await page.screenshot({ path: path.join(SCREENSHOTS, `advice-retiree-home-${mode}.png`) });

    // the advice opens the guide at 离退休提取
    await shown(page, 'home-advice-guide').first().click();
    const first = shown(page, 'guide-withdrawal-RETIREMENT').first();
    await first.waitFor({ timeout: 30_000 });
    await expect(first.textContent()).resolves.toContain('与您的情况有关');
    const types = await page.locator('[data-testid^="guide-withdrawal-"][data-online]:visible').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-testid')));
    expect(types[0]).toBe('guide-withdrawal-RETIREMENT');

    const rent = await expectNoRentForm(page);
    expect(rent).toContain('离退休提取');
    await page.screenshot({ path: path.join(SCREENSHOTS, `advice-retiree-rent-${mode}.png`) });
    await page.close();
  });

  it('tells 李芳 (left her job) what sealing means, 启封 and 离职提取, without the rent form', async () => {
    const page = await homeAdvice('demo-sealed', mode, ['照常计息', '新单位为您办理缴存后账户就启封', '离职提取'], /离退休/);
    await page.screenshot({ path: path.join(SCREENSHOTS, `advice-sealed-home-${mode}.png`) });
    const rent = await expectNoRentForm(page);
    expect(rent).toContain('封存期间不能租房提取');
    await page.close();
  });

  it('still offers 张明 (renter) the rent form and no advice card', async () => {
    const page = await signIn('demo-renter', mode);
    await shown(page, 'entry-rent').first().waitFor({ timeout: 30_000 });
    await expect(shown(page, 'home-advice').count()).resolves.toBe(0);
    await shown(page, 'entry-rent').first().click();
    await shown(page, 'rent-eligibility').first().waitFor({ timeout: 30_000 });
    await expect(shown(page, 'rent-advice').count()).resolves.toBe(0);
    await page.close();
  });
});

describe.each(MODES)('服务指南 (%s)', (mode) => {
  it('opens from home and from 设置: 12329 as a call link, offices with hours, every withdrawal type and where', async () => {
    const page = await signIn('demo-renter', mode);
    await shown(page, 'entry-guide').first().click();
    await shown(page, 'guide-hotline').first().waitFor({ timeout: 30_000 });

    const call = shown(page, 'guide-call').first();
    await expect(call.getAttribute('href')).resolves.toBe('tel:12329');
    await expect(call.textContent()).resolves.toContain('12329');
    const box = await call.boundingBox();
    expect(box!.height).toBeGreaterThanOrEqual(mode === 'elder' ? 60 : 44);

    const offices = shown(page, 'guide-office');
    expect(await offices.count()).toBeGreaterThanOrEqual(2);
    for (const hours of await shown(page, 'guide-office-hours').allTextContents()) expect(hours).toMatch(/周.+\d{1,2}:\d{2}/);

    for (const kind of ['RENT', 'HOME_PURCHASE', 'LOAN_REPAYMENT', 'RETIREMENT', 'LEAVE_JOB', 'SERIOUS_ILLNESS', 'EMIGRATION', 'DISABILITY', 'DECEASED']) {
      const card = shown(page, `guide-withdrawal-${kind}`).first();
      const text = (await card.textContent()) ?? '';
      const online = kind === 'RENT' || kind === 'RETIREMENT';
      expect(text).toContain('要带什么');
      expect(text).toContain(online ? '可线上办理' : '到柜台办理');
      const where = await textOf(page, `guide-withdrawal-${kind}-where`);
      expect(where).toMatch(online ? /小程序/ : /服务网点|银行/);
    }
    // the account-closing withdrawals say how long they take
    for (const kind of ['RETIREMENT', 'EMIGRATION', 'DISABILITY', 'DECEASED']) await expect(textOf(page, `guide-withdrawal-${kind}-how-long`)).resolves.toMatch(/工作日/);
    expect(await shown(page, 'guide-faq').count()).toBeGreaterThanOrEqual(1);
    const height = await page.evaluate(() => Math.max(...Array.from(document.querySelectorAll('.taro_page'), (element) => element.scrollHeight)));
    await page.setViewportSize({ width: 375, height: Math.min(height, 8000) });
    await page.screenshot({ path: path.join(SCREENSHOTS, `guide-${mode}.png`) });
    await page.setViewportSize({ width: 375, height: 812 });

    await page.goto(`${stack.current.webUrl}/#/pages/settings/index`);
    await shown(page, 'settings-guide').first().click();
    await shown(page, 'guide-hotline').first().waitFor({ timeout: 30_000 });
    await page.close();
  });
});
