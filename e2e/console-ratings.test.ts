/**
 * 好差评, the staff side, in the console at 1366×768: the demo renter rates a paid rent withdrawal
 * 不满意 on the phone (375×812); an office reviewer finds the case in 好差评工单, records 核实, 整改
 * and 回访 (when, how, outcome) on the case page; the member sees the outcome and says it was
 * resolved, which closes the case; the auditor, who decides appeals, is offered no office step, and
 * reads the month's figures and exports them without the member's phone or comment. axe on each page.
 * Then the counter: 封存 and 启封 done for the member are offered in 消息; 不用了 to one holds on
 * another phone; a 非常不满意 of the other is found under its office (the API's filter), read by
 * the account clerk with the comment, appealed (申诉) by him and decided by the auditor — who may
 * not read the comment — and never by the one who appealed.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { byTestId, SCREENSHOTS, signedInDemo, textOf, usePhoneBrowser, waitForText } from './browser';
import { expectNoSeriousAxe, menuItems, useConsoleBrowser } from './console-browser';
import { payRentWithdrawal, rate } from './ratings';
import { postJson, useStack } from './stack';

jest.setTimeout(300_000);

const stack = useStack();
const phone = usePhoneBrowser();
const { signedIn } = useConsoleBrowser(stack);

async function takeStep(page: Page, step: string, note: string, expectedStatus: string): Promise<void> {
  await byTestId(page, `case-${step}-note`).fill(note);
  await byTestId(page, `case-${step}-submit`).click();
  await waitForText(page, 'case-status', expectedStatus, 30_000);
}

describe('好差评（工作台）', () => {
  it('handles a 不满意 rating through 核实, 整改 and 回访 to closed, and the member sees the outcome', async () => {
    const member = await signedInDemo(phone, stack.current.webUrl, 'demo-renter');
    await payRentWithdrawal(member);
    await byTestId(member, 'rating-prompt').waitFor({ timeout: 30_000 }).catch(async (error: unknown) => {
      await member.screenshot({ path: path.join(SCREENSHOTS, 'console-ratings-no-prompt.png'), fullPage: true });
      throw error;
    });
    await byTestId(member, 'rating-prompt-open').click();
    await byTestId(member, 'rating-form').waitFor({ timeout: 30_000 });
    await rate(member, 'DISSATISFIED', ['被退回没说明白'], '不知道下一步要做什么');
    await waitForText(member, 'rating-case-status', '待核实', 30_000);

    // the office reviewer: the case list, overdue first, filterable by state and office
    const staff = await signedIn('reviewer.a');
    await expect(menuItems(staff)).resolves.toContain('好差评工单');
    await expect(menuItems(staff)).resolves.not.toContain('好差评统计');
    await staff.getByRole('menuitem', { name: '好差评工单' }).click();
    const row = staff.locator('[data-testid="cases"] tbody tr', { hasText: '被退回没说明白' });
    await row.waitFor({ timeout: 30_000 });
    await expect(row.innerText()).resolves.toMatch(/待核实[\s\S]*租房提取住房公积金[\s\S]*网上服务大厅[\s\S]*不满意/);
    await expectNoSeriousAxe(staff, 'rating cases');
    await staff.screenshot({ path: path.join(SCREENSHOTS, 'console-rating-cases.png') });

    await row.getByTestId('case-open').click();
    await waitForText(staff, 'case-status', '待核实', 30_000);
    await expect(textOf(staff, 'case-comment')).resolves.toBe('不知道下一步要做什么');
    const phoneNumber = (await textOf(staff, 'case-phone')).trim();
    expect(phoneNumber).toMatch(/^1\d{10}$/);
    // the office may 核实 or 申诉 an open case; the rest comes later
    await expect(byTestId(staff, 'case-verify-form').count()).resolves.toBe(1);
    await expect(byTestId(staff, 'case-appeal-form').count()).resolves.toBe(1);
    await expect(byTestId(staff, 'case-rectify-form').count()).resolves.toBe(0);
    await expectNoSeriousAxe(staff, 'rating case (open)');
    await staff.screenshot({ path: path.join(SCREENSHOTS, 'console-rating-case-open.png'), fullPage: true });

    await takeStep(staff, 'verify', '核实：退回时短信只写了“材料不全”，没有说明缺哪份材料', '已核实，待整改');
    await expect(byTestId(staff, 'case-appeal-form').count()).resolves.toBe(0);
    await takeStep(staff, 'rectify', '整改：退回短信列出缺少的材料和补交方式', '已整改，待回访');

    // 回访: when, how and what the member said are all asked for
    await byTestId(staff, 'case-follow_up-submit').click();
    await staff.getByText('请填写回访时间').waitFor();
    await byTestId(staff, 'case-follow_up-at').fill('2026-12-02T10:30');
    await byTestId(staff, 'case-follow_up-how').getByText('电话').click();
    await byTestId(staff, 'case-follow_up-outcome').fill('已电话说明补交材料的方式，职工表示理解');
    await expectNoSeriousAxe(staff, 'rating case (follow-up form)');
    await takeStep(staff, 'follow_up', '回访：已告知整改情况', '已回访，待评价人确认');
    await expect(textOf(staff, 'case-history')).resolves.toMatch(/核实[\s\S]*整改[\s\S]*回访[\s\S]*电话，已电话说明补交材料的方式/);
    await expect(byTestId(staff, 'case-no-step').innerText()).resolves.toContain('等待评价人确认');
    await staff.screenshot({ path: path.join(SCREENSHOTS, 'console-rating-case-followed-up.png'), fullPage: true });

    // the member sees the outcome and says it was resolved
    await member.reload();
    await waitForText(member, 'rating-case-status', '已回访', 30_000);
    await expect(textOf(member, 'rating-case-outcome')).resolves.toContain('已电话说明补交材料的方式');
    await expectNoSeriousAxe(member, 'rating case outcome');
    await member.screenshot({ path: path.join(SCREENSHOTS, 'rating-case-outcome.png'), fullPage: true });
    await byTestId(member, 'rating-reply-submit').click();
    await waitForText(member, 'rating-error', '请选择问题是否已解决');
    await byTestId(member, 'rating-resolved-yes').click();
    await byTestId(member, 'rating-reply-submit').click();
    await waitForText(member, 'rating-case-status', '已办结', 30_000);
    await expect(textOf(member, 'rating-case-resolved')).resolves.toContain('问题已解决');
    await member.screenshot({ path: path.join(SCREENSHOTS, 'rating-case-closed.png'), fullPage: true });

    // the same outcome in 长辈模式
    const elder = await signedInDemo(phone, stack.current.webUrl, 'demo-renter', { elder: true });
    await elder.goto(`${stack.current.webUrl}/#/pages/rating/index`);
    await waitForText(elder, 'rating-row', '已办结');
    await elder.locator('[data-testid="rating-row-open"]').first().click();
    await waitForText(elder, 'rating-case-status', '已办结', 30_000);
    await expect(textOf(elder, 'rating-case-outcome')).resolves.toContain('已电话说明补交材料的方式');
    await expectNoSeriousAxe(elder, 'rating case closed (elder)');
    await elder.screenshot({ path: path.join(SCREENSHOTS, 'rating-case-closed-elder.png'), fullPage: true });

    await staff.reload();
    await waitForText(staff, 'case-status', '已办结', 30_000);
    await expect(textOf(staff, 'case-resolved')).resolves.toBe('问题已解决');

    // the auditor decides appeals, takes no office step, and has the figures and the export
    const auditor = await signedIn('auditor');
    await expect(menuItems(auditor)).resolves.toEqual(expect.arrayContaining(['好差评工单', '好差评统计']));
    await auditor.getByRole('menuitem', { name: '好差评统计' }).click();
    await waitForText(auditor, 'ratings-totals', '满意率', 60_000);
    const totals = await textOf(auditor, 'ratings-totals');
    // one service delivered this month, rated 不满意: 评价率 100%, 满意率 0%, one bad rating
    expect(totals).toContain('办件数1评价数1评价率100.00%满意率0.00%差评1');
    await expect(textOf(auditor, 'ratings-rows')).resolves.toContain('已办结 1');
    await expect(byTestId(auditor, 'chart-cases').innerText()).resolves.toContain('差评工单状态');
    await expectNoSeriousAxe(auditor, 'rating figures');
    await auditor.screenshot({ path: path.join(SCREENSHOTS, 'console-rating-figures.png'), fullPage: true });

    const [download] = await Promise.all([auditor.waitForEvent('download'), byTestId(auditor, 'ratings-export').click()]);
    expect(download.suggestedFilename()).toMatch(/^好差评-\d{4}-\d{2}\.csv$/);
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv.split('\r\n')[0]).toBe('\uFEFF"服务事项","办理网点","评价渠道","评价等级","评价时间","差评处理结果"');
    expect(csv).toMatch(/"租房提取住房公积金","网上服务大厅","微信小程序","不满意"/);
    expect(csv).not.toContain(phoneNumber);
    expect(csv).not.toContain('不知道下一步要做什么');

    await member.context().close();
    await elder.context().close();
    await staff.context().close();
    await auditor.context().close();
  });

  it('a counter service rated 非常不满意 is appealed by the counter and decided by the auditor, not by the one who appealed', async () => {
    const login = await postJson(stack, '/v1/staff/auth/login', { username: 'account.clerk', password: 'demo-Counter-2026' });
    const clerkToken = login.body.token as string;
    expect((await postJson(stack, '/v1/staff/accounts/310100200001/seal', { reason: '职工离职', sealReason: 'LEFT_JOB' }, clerkToken)).status).toBe(200);
    expect((await postJson(stack, '/v1/staff/accounts/310100200001/unseal', { reason: '到新单位就业' }, clerkToken)).status).toBe(200);

    // 消息 offers both; 不用了 to the 启封 is kept for the member, so another phone does not ask
    const member = await signedInDemo(phone, stack.current.webUrl, 'demo-renter');
    await member.goto(`${stack.current.webUrl}/#/pages/messages/index`);
    const unsealPrompt = member.locator('[data-testid="rating-prompt"]', { hasText: '住房公积金个人账户启封' });
    const sealPrompt = member.locator('[data-testid="rating-prompt"]', { hasText: '住房公积金个人账户封存' });
    await unsealPrompt.waitFor({ timeout: 30_000 });
    await expect(sealPrompt.innerText()).resolves.toContain('柜台为您办理了账户封存');
    await expectNoSeriousAxe(member, 'messages with counter-service prompts');
    await member.screenshot({ path: path.join(SCREENSHOTS, 'rating-prompt-counter.png'), fullPage: true });
    await unsealPrompt.getByTestId('rating-prompt-dismiss').click();
    await unsealPrompt.waitFor({ state: 'detached' });

    const otherPhone = await signedInDemo(phone, stack.current.webUrl, 'demo-renter');
    await otherPhone.goto(`${stack.current.webUrl}/#/pages/messages/index`);
    const otherSeal = otherPhone.locator('[data-testid="rating-prompt"]', { hasText: '住房公积金个人账户封存' });
    await otherSeal.waitFor({ timeout: 30_000 });
    await expect(otherPhone.locator('[data-testid="rating-prompt"]', { hasText: '住房公积金个人账户启封' }).count()).resolves.toBe(0);
    await otherSeal.getByTestId('rating-prompt-open').click();
    await byTestId(otherPhone, 'rating-form').waitFor({ timeout: 30_000 });
    await rate(otherPhone, 'VERY_DISSATISFIED', ['办理慢'], '柜台让我等了一个多小时');
    await waitForText(otherPhone, 'rating-case-status', '待核实', 30_000);

    // the account clerk: the 网点 filter is the API's; the case, with the comment; 申诉
    const clerk = await signedIn('account.clerk');
    await clerk.getByRole('menuitem', { name: '好差评工单' }).click();
    await byTestId(clerk, 'cases').waitFor({ timeout: 30_000 });
    const filtered = clerk.waitForResponse((response) => response.url().includes('/v1/staff/rating-cases?') && new URL(response.url()).searchParams.get('office') === '本中心 营业部柜台');
    await clerk.locator('#case-filter-office').click({ force: true });
    await clerk.locator('.ant-select-item-option', { hasText: '本中心 营业部柜台' }).click();
    expect((await filtered).status()).toBe(200);
    // the closed dropdown's listbox is unnamed while it animates away: audit the page, not the leftover
    await clerk.locator('.ant-select-dropdown').waitFor({ state: 'hidden' });
    const row = clerk.locator('[data-testid="cases"] tbody tr', { hasText: '住房公积金个人账户封存' });
    await row.waitFor({ timeout: 30_000 });
    await expect(clerk.locator('[data-testid="cases"] tbody tr').allInnerTexts()).resolves.toEqual([expect.stringMatching(/待核实[\s\S]*住房公积金个人账户封存[\s\S]*本中心 营业部柜台[\s\S]*非常不满意/)]);
    await expectNoSeriousAxe(clerk, 'rating cases filtered by office');
    await clerk.screenshot({ path: path.join(SCREENSHOTS, 'console-rating-cases-office.png') });
    await row.getByTestId('case-open').click();
    await waitForText(clerk, 'case-status', '待核实', 30_000);
    await expect(textOf(clerk, 'case-comment')).resolves.toBe('柜台让我等了一个多小时');
    await takeStep(clerk, 'appeal', '当天系统停机两小时，已在大厅公告，等候与窗口服务无关', '申诉中');
    // the one who appealed is offered no decision, and the API refuses him one
    await expect(byTestId(clerk, 'case-uphold_appeal-form').count()).resolves.toBe(0);
    await expect(byTestId(clerk, 'case-no-step').innerText()).resolves.toContain('由另一位稽核人员决定');
    const caseId = new URL(clerk.url()).pathname.split('/').pop()!;
    const himself = await postJson(stack, `/v1/staff/rating-cases/${caseId}/steps`, { step: 'UPHOLD_APPEAL', note: '自己决定' }, clerkToken);
    expect(himself.status).toBe(403);
    await clerk.screenshot({ path: path.join(SCREENSHOTS, 'console-rating-case-appealed.png'), fullPage: true });

    // the auditor decides; the member's own words are not for his role
    const auditor = await signedIn('auditor');
    await auditor.getByRole('menuitem', { name: '好差评工单' }).click();
    const appealed = auditor.locator('[data-testid="cases"] tbody tr', { hasText: '住房公积金个人账户封存' });
    await appealed.waitFor({ timeout: 30_000 });
    await appealed.getByTestId('case-open').click();
    await waitForText(auditor, 'case-status', '申诉中', 30_000);
    await expect(textOf(auditor, 'case-comment')).resolves.toContain('您的岗位不能查看评价内容');
    await expect(auditor.content()).resolves.not.toContain('柜台让我等了一个多小时');
    await expect(byTestId(auditor, 'case-uphold_appeal-form').count()).resolves.toBe(1);
    await expect(byTestId(auditor, 'case-refuse_appeal-form').count()).resolves.toBe(1);
    await expectNoSeriousAxe(auditor, 'rating case (appealed, auditor)');
    await takeStep(auditor, 'uphold_appeal', '停机公告与系统日志一致，申诉成立', '申诉成立，不计入差评');
    await expect(textOf(auditor, 'case-history')).resolves.toMatch(/申诉[\s\S]*营业部柜台[\s\S]*申诉成立[\s\S]*稽核科/);
    await auditor.screenshot({ path: path.join(SCREENSHOTS, 'console-rating-case-appeal-upheld.png'), fullPage: true });

    await member.context().close();
    await otherPhone.context().close();
    await clerk.context().close();
    await auditor.context().close();
  });
});
