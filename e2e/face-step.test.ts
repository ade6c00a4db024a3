/**
 * 人脸核验 in the H5 mini program, on a local stack that asks for it as deployed stages do:
 * 实名绑定 and a rent withdrawal each pass through the face step (the WeChat simulator standing in
 * for the camera), and a member whose checks keep failing is told plainly and offered 稍后再试 and
 * 柜台办理 with the offices — in 长辈模式, in large text; turning 提取锁 off asks for one, turning
 * it on does not. At 375×812, axe-clean.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { seriousViolations } from './accessibility/audit';
import { formatCurrency } from '@hpf/shared';
import { demoMembers } from '../functions/src/dev/demo-members';
import { byTestId, fill, SCREENSHOTS, signedInDemo, textOf, usePhoneBrowser, waitForText, agreeToPrivacy } from './browser';
import { useStack } from './stack';

jest.setTimeout(180_000);

const stack = useStack({ faceChecks: true });
const phone = usePhoneBrowser();
const CHEN = demoMembers(new Date()).find((m) => m.openid === 'demo-new')!.account;

async function faceMode(mode: 'pass' | 'fail', openid: string) {
  await fetch(`${stack.current.wechat.baseUrl}/_control/face`, { method: 'POST', body: JSON.stringify({ openid, mode }) });
}

async function fillRent(page: Page) {
  await fill(page, 'rent-address', '上海市浦东新区张江路100弄5号302室');
  await fill(page, 'rent-landlord', '王建国');
  await fill(page, 'rent-landlord-account', '6217000010001234567');
  await fill(page, 'rent-monthly-rent', '3000');
}

describe('人脸核验 before sensitive acts', () => {
  it('binds 陈新 and makes his rent withdrawal, each through the face step', async () => {
    const page = await phone.page();
    await page.goto(`${stack.current.webUrl}/`);
    await byTestId(page, 'demo-member-demo-new').click();
    await byTestId(page, 'bind-submit').waitFor({ timeout: 30_000 });
    await fill(page, 'bind-name', CHEN.name);
    await fill(page, 'bind-idNumber', CHEN.idNumber);
    await fill(page, 'bind-phone', CHEN.phone);
    await agreeToPrivacy(page);
    await byTestId(page, 'bind-submit').click();

    // the server asked for a check: the step says what for, that no photo is kept, and that the demo simulates the camera
    await byTestId(page, 'face-step').waitFor({ timeout: 30_000 });
    const intro = await textOf(page, 'face-step');
    expect(intro).toContain('实名绑定');
    expect(intro).toContain('不保存您的照片');
    expect(await textOf(page, 'face-step-demo')).toContain('模拟器');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'face-step-bind.png'), fullPage: true });
    expect(await seriousViolations(page)).toEqual([]);
    await byTestId(page, 'face-start').click();
    await byTestId(page, 'balance').waitFor({ timeout: 30_000 });
    await expect(textOf(page, 'balance')).resolves.toContain(formatCurrency(CHEN.balanceFen));

    await byTestId(page, 'entry-rent').click();
    await byTestId(page, 'rent-max-amount').waitFor({ timeout: 30_000 });
    await fillRent(page);
    await byTestId(page, 'rent-confirm').click();
    await byTestId(page, 'rent-submit').click();
    await byTestId(page, 'face-step').waitFor({ timeout: 30_000 });
    expect(await textOf(page, 'face-step')).toContain('提取申请');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'face-step-rent.png'), fullPage: true });
    await byTestId(page, 'face-start').click();
    // accepted: the page moves on to the application's progress
    await byTestId(page, 'face-step').waitFor({ state: 'detached', timeout: 30_000 });
    await page.getByText('已提交').first().waitFor({ timeout: 30_000 });
    await page.screenshot({ path: path.join(SCREENSHOTS, 'face-step-rent-done.png'), fullPage: true });
  });

  it('after failed checks, explains in large text (长辈模式) and offers 稍后再试 and the counter with the offices', async () => {
    await faceMode('fail', 'demo-renter');
    const page = await signedInDemo(phone, stack.current.webUrl, 'demo-renter', { elder: true });
    await byTestId(page, 'entry-rent').click();
    await byTestId(page, 'rent-max-amount').waitFor({ timeout: 30_000 });
    await fillRent(page);
    await byTestId(page, 'rent-confirm').click();
    await byTestId(page, 'rent-submit').click();
    await byTestId(page, 'face-step').waitFor({ timeout: 30_000 });
    // 长辈模式 says how to do it, in large text
    const elderLine = byTestId(page, 'face-step-elder');
    expect(await elderLine.textContent()).toContain('开始刷脸');
    const size = await elderLine.evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    expect(size).toBeGreaterThanOrEqual(18);

    await byTestId(page, 'face-start').click();
    await waitForText(page, 'face-step-message', '还可以试 2 次');
    await byTestId(page, 'face-start').click();
    await waitForText(page, 'face-step-message', '还可以试 1 次');
    await byTestId(page, 'face-start').click();
    await waitForText(page, 'face-step-message', '柜台办理');
    await waitForText(page, 'face-step-offices', '营业部');
    expect(await textOf(page, 'face-cancel')).toContain('稍后再试');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'face-step-stopped-elder.png'), fullPage: true });
    expect(await seriousViolations(page)).toEqual([]);

    // 稍后再试 leaves the form as it was, nothing submitted
    await byTestId(page, 'face-cancel').click();
    await byTestId(page, 'face-step').waitFor({ state: 'detached', timeout: 10_000 });
    expect(await byTestId(page, 'rent-submit').count()).toBe(1);
    await faceMode('pass', 'demo-renter');
  });

  it('asks for a check to turn 提取锁 off, never to turn it on', async () => {
    const page = await signedInDemo(phone, stack.current.webUrl, 'demo-loan');
    await page.goto(`${stack.current.webUrl}/#/pages/settings/index`);
    await byTestId(page, 'withdrawal-lock').waitFor({ timeout: 30_000 });
    const lock = () => byTestId(page, 'withdrawal-lock').first().getAttribute('data-checked');
    await byTestId(page, 'withdrawal-lock').click();
    await waitForText(page, 'settings-notice', '已保存');
    expect(await lock()).toBe('true');
    expect(await byTestId(page, 'face-step').count()).toBe(0);

    await byTestId(page, 'withdrawal-lock').click();
    await byTestId(page, 'face-step').waitFor({ timeout: 30_000 });
    expect(await textOf(page, 'face-step')).toContain('关闭提取锁');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'face-step-unlock.png'), fullPage: true });
    await byTestId(page, 'face-start').click();
    await waitForText(page, 'settings-notice', '已保存');
    expect(await lock()).toBe('false');
  });
});
