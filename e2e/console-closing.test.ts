/**
 * 销户提取 in the console at 1366×768 on the local stack (issue 16): the account clerk starts a
 * 身后一件事 withdrawal for 赵丽 — a required document not ticked is refused by name, then every
 * one ticked, the heir and the heir's card entered; the confirmation says balance + 销户结息 = the
 * amount, to whom, and that the account closes. 初审 by one reviewer, 复核 by another; the payout
 * worker pays the heir's card and the account is 销户. 离退休提取（凭退休证明） asks for the retirement
 * date and is refused in words for 刘建国, whose 免申即享 withdrawal the start-up job prepared. axe on
 * every view; screenshots.
 */
import path from 'node:path';
import { CLOSING_KINDS } from '@hpf/shared';
import { DEMO_STAFF_PASSWORD } from '../functions/src/dev/demo-staff';
import { idNumber } from '../functions/src/dev/demo-members';
import { byTestId, SCREENSHOTS } from './browser';
import { expectNoSeriousAxe, useConsoleBrowser } from './console-browser';
import { postJson, useStack } from './stack';

jest.setTimeout(240_000);

const stack = useStack();
const { signedIn } = useConsoleBrowser(stack);
const ZHAO = '310100200004';
const LIU = '310100200005';
const HEIR_CARD = '6217000011112222333';

async function staffGet(route: string): Promise<any> {
  const login = await postJson(stack, '/v1/staff/auth/login', { username: 'account.clerk', password: DEMO_STAFF_PASSWORD });
  return (await fetch(`${stack.current.apiUrl}${route}`, { headers: { authorization: `Bearer ${login.body.token}` } })).json();
}

describe('销户提取 in the console', () => {
  it('身后一件事: started at the counter, 初审 and 复核 by two reviewers, paid to the heir, the account 销户', async () => {
    const before = (await staffGet(`/v1/staff/accounts/${ZHAO}`)).balanceFen as number;
    expect(before).toBeGreaterThan(0);

    const clerk = await signedIn('account.clerk');
    await clerk.getByRole('menuitem', { name: '销户提取' }).click();
    await byTestId(clerk, 'closing-account-no').waitFor();
    await expectNoSeriousAxe(clerk, 'closing-empty');
    await byTestId(clerk, 'closing-account-no').fill(ZHAO);
    await byTestId(clerk, 'closing-find').click();
    await expect(byTestId(clerk, 'closing-account').innerText()).resolves.toContain('赵丽');
    await byTestId(clerk, 'closing-kind').getByRole('radio', { name: CLOSING_KINDS.DECEASED.label }).check();
    // the checklist is the kind's: tick all but the inheritance document
    const tick = (id: string) => byTestId(clerk, 'closing-documents').getByRole('checkbox', { name: CLOSING_KINDS.DECEASED.documents.find((doc) => doc.id === id)!.label }).check();
    await tick('DEATH_PROOF');
    await tick('HEIR_ID_CARD');
    await tick('HEIR_BANK_CARD');
    await byTestId(clerk, 'closing-payee-name').fill('赵小军');
    await byTestId(clerk, 'closing-heir-id').fill(idNumber('31011519850716001'));
    await byTestId(clerk, 'closing-heir-relation').fill('子女');
    await byTestId(clerk, 'closing-bank-card').fill(HEIR_CARD);
    await byTestId(clerk, 'closing-submit').click();
    await expect(byTestId(clerk, 'closing-documents').innerText()).resolves.toContain('还缺少：继承权公证书');
    await expectNoSeriousAxe(clerk, 'closing-form-missing');
    await clerk.screenshot({ path: path.join(SCREENSHOTS, 'console-closing-missing.png'), fullPage: true });
    await tick('INHERITANCE_PROOF');
    await byTestId(clerk, 'closing-submit').click();
    // what will happen: balance + 销户结息 = the amount, to the heir's card, and the account closed
    const confirm = byTestId(clerk, 'closing-confirm');
    await confirm.waitFor();
    const text = await confirm.innerText();
    expect(text).toMatch(/赵丽[\s\S]*账户销户[\s\S]*账户余额[\s\S]*销户结息[\s\S]*提取金额[\s\S]*赵小军（子女）[\s\S]*\*\*\*\* 2333/);
    expect(text).not.toContain(HEIR_CARD);
    await expectNoSeriousAxe(clerk, 'closing-confirm');
    await clerk.screenshot({ path: path.join(SCREENSHOTS, 'console-closing-confirm.png') });
    await clerk.getByRole('button', { name: '确认，提交审核' }).click();
    const started = byTestId(clerk, 'closing-started');
    await started.waitFor();
    const applicationId = /申请编号 (\w+)/.exec(await started.innerText())![1];
    await expectNoSeriousAxe(clerk, 'closing-started');
    await clerk.screenshot({ path: path.join(SCREENSHOTS, 'console-closing-started.png'), fullPage: true });

    // 初审 by 审核 吴静: the detail shows the kind, the heir and the documents seen
    const review = async (username: string, reason: string) => {
      const page = await signedIn(username);
      await page.getByRole('menuitem', { name: '提取审核' }).click();
      const row = page.getByRole('tabpanel').locator('tbody tr', { hasText: '赵丽' });
      await row.waitFor();
      await row.getByRole('button').first().click();
      await byTestId(page, 'withdrawal-detail').waitFor();
      await expect(byTestId(page, 'detail-closing').innerText()).resolves.toMatch(/赵小军（子女）[\s\S]*继承权公证书/);
      await byTestId(page, 'review-reason').fill(reason);
      await byTestId(page, 'review-approve').click();
      await expect(byTestId(page, 'review-confirm').innerText()).resolves.toContain('销户提取（身后一件事');
      return page;
    };
    const first = await review('reviewer.a', '死亡证明、继承权公证书原件已核');
    await expectNoSeriousAxe(first, 'closing-review-confirm');
    await first.screenshot({ path: path.join(SCREENSHOTS, 'console-closing-review.png'), fullPage: true });
    await first.getByRole('button', { name: '确认同意' }).click();
    await first.getByRole('tabpanel').locator('tbody tr', { hasText: '已初审' }).waitFor();
    const second = await review('reviewer.b', '同意初审意见');
    await second.getByRole('button', { name: '确认同意' }).click();

    // the payout worker pays the heir's card; the account is 销户
    let account: any;
    for (let tries = 0; tries < 60; tries += 1) {
      account = await staffGet(`/v1/staff/accounts/${ZHAO}`);
      if (account.status === 'CLOSED') break;
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    expect(account).toMatchObject({ status: 'CLOSED', balanceFen: 0 });
    expect(stack.current.bank.payouts.get(applicationId)).toMatchObject({ cardNo: HEIR_CARD, timesPaid: 1 });
    expect(stack.current.bank.payouts.get(applicationId)!.amountFen).toBeGreaterThanOrEqual(before);

    // the clerk looks the account up again: 已销户, and a new closing cannot be started
    await byTestId(clerk, 'closing-account-no').fill(ZHAO);
    await byTestId(clerk, 'closing-find').click();
    await expect(byTestId(clerk, 'closing-account').innerText()).resolves.toMatch(/已销户[\s\S]*¥0\.00/);
    await expect(byTestId(clerk, 'closing-account-closed').innerText()).resolves.toContain('已销户');
    await expect(byTestId(clerk, 'closing-submit').count()).resolves.toBe(0);
    await expectNoSeriousAxe(clerk, 'closing-closed');
    await clerk.screenshot({ path: path.join(SCREENSHOTS, 'console-closing-closed.png'), fullPage: true });
    for (const page of [clerk, first, second]) await page.context().close();
  });

  it('离退休提取（凭退休证明）: the retirement date asked for, and refused for 刘建国 whose 免申即享 withdrawal is prepared', async () => {
    const clerk = await signedIn('account.clerk');
    await clerk.getByRole('menuitem', { name: '销户提取' }).click();
    await byTestId(clerk, 'closing-account-no').fill(LIU);
    await byTestId(clerk, 'closing-find').click();
    await expect(byTestId(clerk, 'closing-account').innerText()).resolves.toContain('刘建国');
    const kind = CLOSING_KINDS.RETIREMENT_WITH_PROOF;
    await byTestId(clerk, 'closing-kind').getByRole('radio', { name: kind.label }).check();
    for (const doc of kind.documents) await byTestId(clerk, 'closing-documents').getByRole('checkbox', { name: doc.label }).check();
    await byTestId(clerk, 'closing-bank-card').fill('6222021001123450053');
    // the date is asked for, in words, before anything is sent
    await byTestId(clerk, 'closing-submit').click();
    await clerk.getByText('请按退休证明填写退休日期').waitFor();
    await byTestId(clerk, 'closing-retired-on').fill('2024-02-29');
    await byTestId(clerk, 'closing-submit').click();
    await expect(byTestId(clerk, 'closing-error').innerText()).resolves.toContain('免申即享');
    await expect(byTestId(clerk, 'closing-confirm').count()).resolves.toBe(0);
    await expectNoSeriousAxe(clerk, 'closing-retirement-refused');
    await clerk.screenshot({ path: path.join(SCREENSHOTS, 'console-closing-retirement-refused.png'), fullPage: true });
    await clerk.context().close();
  });
});
