/**
 * 隐私政策, 单独同意 and 解除绑定 in a real browser at 375×812: 设置 shows what 张明 agreed to and
 * when, and the whole notice; 解除绑定 is said plainly first, then ends his sessions — this phone's
 * and another one's — and the sign-in page says what happened; signing in again finds no binding,
 * and binding again asks for both ticks.
 * axe on every view.
 */
import path from 'node:path';
import { DEFAULT_PRIVACY_NOTICE, formatCurrency } from '@hpf/shared';
import { demoMembers } from '../functions/src/dev/demo-members';
import { seriousViolations } from './accessibility/audit';
import { agreeToPrivacy, byTestId, fill, SCREENSHOTS, signedInDemo, textOf, usePhoneBrowser } from './browser';
import { useStack } from './stack';

jest.setTimeout(240_000);

const stack = useStack();
const phone = usePhoneBrowser();
const ZHANG = demoMembers(new Date()).find((m) => m.openid === 'demo-renter')!.account;

describe('个人信息与授权 in 设置', () => {
  it('shows the consent, unbinds after saying what it does, ends every session, and binds again with both ticks', async () => {
    const page = await signedInDemo(phone, stack.current.webUrl, 'demo-renter');
    const tablet = await signedInDemo(phone, stack.current.webUrl, 'demo-renter');

    await page.goto(`${stack.current.webUrl}/#/pages/settings/index`);
    await byTestId(page, 'consent-summary').waitFor({ timeout: 30_000 });
    expect(await textOf(page, 'consent-summary')).toContain(`同意了《公积金服务隐私政策》（${DEFAULT_PRIVACY_NOTICE.version} 版），并单独同意处理身份证号码和人脸信息`);
    await byTestId(page, 'unbind').scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'settings-consent.png') });
    expect(await seriousViolations(page)).toEqual([]);

    // the whole notice, one tap away, with its version; and back to 设置
    await byTestId(page, 'settings-privacy').click();
    await byTestId(page, 'privacy-version').waitFor({ timeout: 30_000 });
    expect(await textOf(page, 'privacy-version')).toBe(`版本：${DEFAULT_PRIVACY_NOTICE.version}`);
    await page.getByText('不保存您的人脸照片').first().waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'privacy-notice.png'), fullPage: true });
    expect(await seriousViolations(page)).toEqual([]);
    await byTestId(page, 'privacy-back').click();
    await byTestId(page, 'unbind').waitFor({ timeout: 30_000 });

    // 解除绑定 says what it does first; 不了 changes nothing
    await byTestId(page, 'unbind').click();
    // Taro's H5 modal: its outer element has no box of its own, the dialog is .taro-modal__content
    const modal = page.locator('.taro-modal__content');
    await modal.waitFor({ timeout: 10_000 });
    expect(await modal.innerText()).toContain('公积金账户和余额不受影响');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'unbind-confirm.png') });
    await modal.locator('.taro-model__cancel').click();
    await modal.waitFor({ state: 'hidden' });
    await byTestId(page, 'unbind').click();
    await page.locator('.taro-modal__content .taro-model__confirm').click();

    // signed out, told why
    await byTestId(page, 'session-unbound').waitFor({ timeout: 30_000 });
    expect(await textOf(page, 'session-unbound')).toContain('公积金账户和余额都不受影响');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'unbound-login.png') });
    expect(await seriousViolations(page)).toEqual([]);

    // the other phone's session ended too: its next look at the account lands on the same page
    await tablet.goto(`${stack.current.webUrl}/#/pages/ledger/index`);
    await byTestId(tablet, 'session-unbound').waitFor({ timeout: 30_000 });
    await tablet.context().close();

    // binding again: both consents are asked for, each on its own
    await byTestId(page, 'demo-member-demo-renter').click();
    await byTestId(page, 'consent-sensitive').waitFor({ timeout: 30_000 });
    await fill(page, 'bind-name', ZHANG.name);
    await fill(page, 'bind-idNumber', ZHANG.idNumber);
    await fill(page, 'bind-phone', ZHANG.phone);
    await byTestId(page, 'consent-notice').click();
    await byTestId(page, 'bind-submit').click();
    await byTestId(page, 'consent-error').waitFor({ timeout: 10_000 });
    expect(await textOf(page, 'consent-error')).toBe('请勾选单独同意处理身份证号码和人脸信息');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'bind-consent-missing.png'), fullPage: true });
    expect(await seriousViolations(page)).toEqual([]);
    // untick and tick both again, as a member who read first would
    await byTestId(page, 'consent-notice').click();
    await agreeToPrivacy(page);
    expect(await byTestId(page, 'consent-sensitive').getAttribute('aria-checked')).toBe('true');
    await byTestId(page, 'bind-submit').click();
    await byTestId(page, 'balance').waitFor({ timeout: 30_000 });
    expect(await textOf(page, 'balance')).toContain(formatCurrency(ZHANG.balanceFen));
    await page.context().close();
  });
});
