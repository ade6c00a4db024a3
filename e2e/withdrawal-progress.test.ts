/**
 * A withdrawal's progress stays in sight, in a real browser at 375×812: an application that needs a
 * person (the property registry did not answer) shows 审核中 and the result screen keeps looking
 * while two reviewers decide, until 已到账; the history row opens the detail page with the whole
 * timeline ("初审通过、复核通过", no staff login), the paid time and the masked card — in both modes.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { DEMO_STAFF_PASSWORD } from '../functions/src/dev/demo-staff';
import { SCREENSHOTS, byTestId, fill, signedInDemo, textOf, usePhoneBrowser, waitForText } from './browser';
import { postJson, useStack } from './stack';

jest.setTimeout(240_000);

const stack = useStack();
const phone = usePhoneBrowser();
const signedIn = (options: { elder?: boolean } = {}) => signedInDemo(phone, stack.current.webUrl, 'demo-renter', options);
const CARD = '6222021001123450012';

async function review(applicationId: string, username: string): Promise<void> {
  const login = await postJson(stack, '/v1/staff/auth/login', { username, password: DEMO_STAFF_PASSWORD });
  const reply = await postJson(stack, `/v1/staff/withdrawals/${applicationId}/review`, { decision: 'APPROVE', reason: '已电话核实租赁关系' }, login.body.token);
  expect(reply.status).toBe(200);
}

describe('提取办理进度', () => {
  it('keeps polling past 审核中 until 已到账, and a history row opens the whole timeline', async () => {
    const page = await signedIn();
    await byTestId(page, 'entry-rent').click();
    await byTestId(page, 'rent-max-amount').waitFor({ timeout: 30_000 });
    await fill(page, 'rent-address', '上海市浦东新区张江路100弄5号302室');
    await fill(page, 'rent-landlord', '王建国');
    await fill(page, 'rent-landlord-account', '6217000010001234567');
    await fill(page, 'rent-monthly-rent', '3000');
    // the card on file is chosen by its bank and tail (the form no longer asks for the number)
    await expect(byTestId(page, 'rent-card-on-file').getAttribute('data-checked')).resolves.toBe('true');
    await byTestId(page, 'rent-confirm').click();

    // the registry does not answer: the application waits for two reviewers
    stack.current.registry.setDown(true);
    try {
      await byTestId(page, 'rent-submit').click();
      await waitForText(page, 'rent-status', '审核中', 30_000);
    } finally {
      stack.current.registry.setDown(false);
    }
    const applicationId = await page.evaluate(async (api) => {
      const session = JSON.parse(localStorage.getItem('hpf.session') ?? '{}').data;
      const response = await fetch(`${api}/v1/me/withdrawals?limit=1`, { headers: { authorization: `Bearer ${session.token}` } });
      return ((await response.json()) as { withdrawals: { applicationId: string }[] }).withdrawals[0].applicationId;
    }, stack.current.apiUrl);

    // the screen stays open; each decision shows up on it without a reload
    await review(applicationId, 'reviewer.a');
    await waitForText(page, 'rent-timeline', '初审已完成，等待复核');
    await review(applicationId, 'reviewer.b');
    await waitForText(page, 'rent-status', '已到账');
    await expect(textOf(page, 'rent-timeline')).resolves.toContain('初审通过、复核通过');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'rent-result-after-review.png'), fullPage: true });

    // 完成, then the history row opens the detail page
    await byTestId(page, 'rent-back').click();
    await waitForText(page, 'rent-history-row', '已到账');
    await byTestId(page, 'rent-history-open').first().click();
    await waitForText(page, 'withdrawal-status', '已到账');
    const timeline = await textOf(page, 'rent-timeline');
    expect(timeline).toContain('已提交，审核中');
    expect(timeline).toContain('初审通过、复核通过');
    expect(timeline).toContain('已到账');
    expect(timeline).not.toMatch(/reviewer|初审 \w/);
    await expect(textOf(page, 'withdrawal-card')).resolves.toContain('**** 0012');
    await expect(textOf(page, 'withdrawal-paid-at')).resolves.toMatch(/到账时间\d{4}年/);
    expect(await page.content()).not.toContain(CARD);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'withdrawal-detail.png'), fullPage: true });
    await byTestId(page, 'withdrawal-back').scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'withdrawal-detail-end.png') });

    // 长辈模式, opened straight from a link
    const elder = await signedIn({ elder: true });
    await elder.goto(`${stack.current.webUrl}/#/pages/withdrawal/index?id=${applicationId}`);
    await waitForText(elder, 'withdrawal-status', '已到账');
    await expect(textOf(elder, 'rent-timeline')).resolves.toContain('初审通过、复核通过');
    await elder.screenshot({ path: path.join(SCREENSHOTS, 'withdrawal-detail-elder.png'), fullPage: true });
    await byTestId(elder, 'rent-timeline').scrollIntoViewIfNeeded();
    await elder.screenshot({ path: path.join(SCREENSHOTS, 'withdrawal-detail-elder-timeline.png') });

    // another member's application answers like a missing one
    const stranger = await phone.page();
    await stranger.goto(`${stack.current.webUrl}/`);
    await byTestId(stranger, 'demo-member-demo-loan').click();
    await byTestId(stranger, 'balance').waitFor({ timeout: 30_000 });
    await stranger.goto(`${stack.current.webUrl}/#/pages/withdrawal/index?id=${applicationId}`);
    await waitForText(stranger, 'error-state', '没有找到这笔申请');

    await page.context().close();
    await elder.context().close();
    await stranger.context().close();
  });
});
