/**
 * 好差评, the member's side, in a real browser at 375×812: the demo renter's rent withdrawal is paid
 * (秒办) and the result screen offers a rating as a card in the page (no pop-up). The rating screen
 * refuses a hidden control character in the comment as the API does, then takes 不满意 with a
 * reason; the case it opened shows as 待核实, and the prompt is not shown again — not on the result,
 * not in 消息. A 长辈模式 form opened before is refused in words (one rating per service). axe on each screen.
 */
import path from 'node:path';
import { HIDDEN_CHARACTER_MESSAGE } from '@hpf/shared';
import { byTestId, SCREENSHOTS, signedInDemo, textOf, usePhoneBrowser, waitForText } from './browser';
import { expectNoSeriousAxe } from './console-browser';
import { payRentWithdrawal, rate } from './ratings';
import { useStack } from './stack';

jest.setTimeout(240_000);

const stack = useStack();
const phone = usePhoneBrowser();

describe('好差评（职工）', () => {
  it('rates a paid withdrawal 不满意 with a reason, once, and sees the case it opened', async () => {
    const page = await signedInDemo(phone, stack.current.webUrl, 'demo-renter');
    await payRentWithdrawal(page);

    // the result screen offers the rating inside the page, below the result
    const prompt = byTestId(page, 'rating-prompt');
    await prompt.waitFor({ timeout: 30_000 });
    await expect(prompt.innerText()).resolves.toContain('请为这次办事打个分');
    const serviceId = (await prompt.getAttribute('data-service')) ?? '';
    expect(serviceId).toMatch(/^WD-R/);
    await expect(page.locator('[role="dialog"], .taro__modal, .taro-modal__mask').count()).resolves.toBe(0);
    await prompt.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'rating-prompt-result.png') });

    // 长辈模式: the same service's form, opened now, before the rating is given
    const elder = await signedInDemo(phone, stack.current.webUrl, 'demo-renter', { elder: true });
    await elder.goto(`${stack.current.webUrl}/#/pages/rating/index?service=${serviceId}`);
    await byTestId(elder, 'rating-form').waitFor({ timeout: 30_000 });
    await byTestId(elder, 'rating-level-SATISFIED').click();
    await elder.screenshot({ path: path.join(SCREENSHOTS, 'rating-form-elder.png'), fullPage: true });
    await expectNoSeriousAxe(elder, 'rating form (elder)');

    // 消息 offers it too; the member rates from there
    await page.goto(`${stack.current.webUrl}/#/pages/messages/index`);
    const inMessages = page.locator(`[data-testid="rating-prompt"][data-service="${serviceId}"]:visible`);
    await inMessages.waitFor({ timeout: 30_000 });
    await page.screenshot({ path: path.join(SCREENSHOTS, 'rating-prompt-messages.png') });
    await expectNoSeriousAxe(page, 'messages with rating prompt');
    await inMessages.getByTestId('rating-prompt-open').click();
    await byTestId(page, 'rating-form').waitFor({ timeout: 30_000 });
    await expect(textOf(page, 'rating-service')).resolves.toContain('租房提取住房公积金');
    const levels = await page.locator('[data-testid^="rating-level-"]').allInnerTexts();
    expect(levels.map((text) => text.replace(/[^\u4e00-\u9fff]/g, ''))).toEqual(['非常满意', '满意', '基本满意', '不满意', '非常不满意']);
    // each level is a large target
    const box = await byTestId(page, 'rating-level-DISSATISFIED').boundingBox();
    expect(box!.height).toBeGreaterThanOrEqual(48);
    await expectNoSeriousAxe(page, 'rating form');

    // a right-to-left override hidden in the comment is refused before sending, in words
    await rate(page, 'DISSATISFIED', ['办理慢'], '到账\u202E太慢');
    await waitForText(page, 'rating-comment-error', HIDDEN_CHARACTER_MESSAGE);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'rating-form-filled.png'), fullPage: true });
    await byTestId(page, 'rating-comment').locator('textarea').fill('等了很久才知道结果');
    await byTestId(page, 'rating-submit').click();

    await waitForText(page, 'rating-case-status', '待核实', 30_000);
    await expect(textOf(page, 'rating-given')).resolves.toContain('不满意');
    await expect(textOf(page, 'rating-done')).resolves.toContain('办理慢');
    await expect(textOf(page, 'rating-done')).resolves.toContain('等了很久才知道结果');
    await expect(textOf(page, 'rating-case')).resolves.toMatch(/会在 \d{4}年\d{1,2}月\d{1,2}日 前核实、整改并回访您/);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'rating-done.png'), fullPage: true });
    await expectNoSeriousAxe(page, 'rating done');

    // the elder form opened before: a second rating of the same service is refused in words
    await byTestId(elder, 'rating-submit').click();
    await waitForText(elder, 'rating-error', '每项服务只评价一次');
    await elder.reload();
    await waitForText(elder, 'rating-case-status', '待核实', 30_000);
    await elder.screenshot({ path: path.join(SCREENSHOTS, 'rating-done-elder.png'), fullPage: true });
    await expectNoSeriousAxe(elder, 'rating done (elder)');

    // never asked twice: not on the withdrawal's page, not in 消息, once each has read the ratings
    let reads = 0;
    page.on('response', (response) => {
      if (response.url().includes('/v1/me/ratings')) reads += 1;
    });
    for (const [route, ready] of [
      [`withdrawal/index?id=${serviceId.slice(3)}`, 'withdrawal-status'],
      ['messages/index', 'messages-subscribe'],
    ]) {
      const before = reads;
      await page.goto(`${stack.current.webUrl}/#/pages/${route}`);
      await page.locator(`[data-testid="${ready}"]:visible`).first().waitFor({ timeout: 30_000 });
      for (const deadline = Date.now() + 30_000; reads === before && Date.now() < deadline; ) await page.waitForTimeout(200);
      expect(reads).toBeGreaterThan(before);
      await page.waitForTimeout(500);
      await expect(page.locator('[data-testid="rating-prompt"]:visible').count()).resolves.toBe(0);
    }
    await page.goto(`${stack.current.webUrl}/#/pages/rating/index`);
    await waitForText(page, 'rating-row', '已评价：不满意（待核实）');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'rating-list.png'), fullPage: true });
    await expectNoSeriousAxe(page, 'rating list');

    await page.context().close();
    await elder.context().close();
  });
});
