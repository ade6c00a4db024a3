/**
 * 付款 in the console at 1366×768 on the local stack, the payout worker and its sweep running with
 * the payout policy in test time: a payout the bank does not answer becomes 人工核查; a reviewer
 * asks for 对账 (a lookup, never a blind resend), then records what the bank confirmed — not paid —
 * after a confirmation that says the money goes back; the payout shows under 付款失败 and the
 * member's balance is whole again. axe on every view.
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { chinaDate, DEFAULT_POLICY } from '@hpf/shared';
import { httpStatements } from '../functions/src/adapters/bank-statements';
import { importDay } from '../functions/src/reconciliation/import';
import { DEMO_STAFF_PASSWORD } from '../functions/src/dev/demo-staff';
import { createApplication, type Application } from '../functions/src/adapters/withdrawals-repository';
import { newApplicationId } from '../functions/src/platform/ids';
import { byTestId, SCREENSHOTS } from './browser';
import { expectNoSeriousAxe, useConsoleBrowser } from './console-browser';
import { postJson, useStack } from './stack';

// the payout policy in test time: two attempts, a fraction of a second apart, then 人工核查
Object.assign(process.env, {
  POLICY_JSON: JSON.stringify({ payout: { maxAttempts: 2, maxUnknownMinutes: 1, baseBackoffSeconds: 0.1, maxBackoffSeconds: 0.2 } }),
  PAYOUT_SWEEP_MS: '500',
  EXTERNAL_TIMEOUT_MS: '1000',
});

jest.setTimeout(240_000);

const stack = useStack();
const { signedIn } = useConsoleBrowser(stack);
const RENTER = '310100200001';

/**
 * An application approved as it was submitted (秒办), due for the payout worker now — written as the
 * submission writes it; this file tests what staff do with the payout, not the submission.
 */
async function approvedApplication(amountFen: number): Promise<string> {
  const now = new Date();
  const application: Application = {
    applicationId: newApplicationId(RENTER, now, randomBytes(4)),
    accountNo: RENTER,
    memberName: '张明',
    kind: 'RENT',
    month: chinaDate(now).slice(0, 7),
    amountFen,
    lease: { address: '上海市浦东新区张江路100弄5号302室', landlordName: '王建国', landlordAccount: '6217000010001234567', monthlyRentFen: 300_000 },
    bankCard: '6222021001123450012',
    status: 'APPROVED',
    flags: [],
    timeline: [{ status: 'APPROVED', at: now.toISOString(), note: '符合条件，自动审核通过' }],
    createdAt: now.toISOString(),
    idempotencyKey: `console-payouts-${now.getTime()}`,
    nextAttemptAt: now.toISOString(),
  };
  expect(await createApplication(stack.current.tableName, application, { scope: 'RENT', key: `${RENTER}#${application.idempotencyKey}`, requestHash: 'console-payouts' })).toBe('created');
  return application.applicationId;
}

async function staffGet(route: string): Promise<any> {
  const login = await postJson(stack, '/v1/staff/auth/login', { username: 'account.clerk', password: DEMO_STAFF_PASSWORD });
  return (await fetch(`${stack.current.apiUrl}${route}`, { headers: { authorization: `Bearer ${login.body.token}` } })).json();
}

describe('付款 in the console', () => {
  it('a payout the bank never answered: 对账, then recorded as not paid, and the money is back', async () => {
    const before = (await staffGet(`/v1/staff/accounts/${RENTER}`)).balanceFen as number;
    stack.current.bank.setMode('down');
    const applicationId = await approvedApplication(40_000);
    let listed = false;
    for (let tries = 0; tries < 90 && !listed; tries += 1) {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      const reply = await staffGet('/v1/staff/withdrawals/manual-checks');
      listed = ((reply.items ?? []) as { applicationId: string }[]).some((item) => item.applicationId === applicationId);
    }
    expect(listed).toBe(true);
    expect((await staffGet(`/v1/staff/accounts/${RENTER}`)).balanceFen).toBe(before - 40_000);

    const page = await signedIn('reviewer.a');
    await page.getByRole('menuitem', { name: '付款' }).click();
    const row = page.locator('[data-testid="checks-table"] tbody tr', { hasText: '张明' });
    await row.waitFor();
    await expect(row.innerText()).resolves.toMatch(/¥400\.00[\s\S]*\*\*\*\* 0012/);
    await expectNoSeriousAxe(page, 'payouts-manual-checks');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'console-payouts-checks.png'), fullPage: true });

    // 对账 says what it does before it is asked for; the bank is still silent, so it stays listed
    await row.getByRole('button', { name: /对\s*账/ }).click();
    await expect(page.locator('.ant-popconfirm').innerText()).resolves.toContain('不会重复付款');
    await page.getByRole('button', { name: '确认对账' }).click();
    await page.getByText('已请付款程序查询').waitFor();
    expect(stack.current.bank.payouts.has(applicationId)).toBe(false);

    // the bank confirms it never left: recorded with the reason, after a confirmation of what it does
    await row.getByRole('button', { name: /登记核实结果/ }).click();
    await byTestId(page, 'resolve-form').waitFor();
    await byTestId(page, 'resolve-submit').click();
    await page.getByRole('alert').filter({ hasText: '请选择银行核实的结果' }).waitFor();
    await page.getByText('没有转出（钱退回公积金账户）').click();
    await page.locator('#resolve-reason').fill('已电话向开户行核实，这笔没有转出');
    await expectNoSeriousAxe(page, 'payouts-resolve');
    await byTestId(page, 'resolve-submit').click();
    await expect(byTestId(page, 'resolve-confirm').innerText()).resolves.toMatch(/张明 ¥400\.00[\s\S]*钱退回职工的公积金账户/);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'console-payouts-resolve.png') });
    await page.getByRole('button', { name: '确认登记' }).click();
    await byTestId(page, 'checks-empty').waitFor();
    await expectNoSeriousAxe(page, 'payouts-manual-checks-empty');

    // 付款失败 lists it with why; the balance is whole again
    await page.getByRole('tab', { name: '付款失败' }).click();
    const failed = page.locator('[data-testid="payouts-failed-table"] tbody tr', { hasText: '张明' });
    await failed.waitFor();
    await expect(failed.innerText()).resolves.toMatch(/¥400\.00[\s\S]*付款失败[\s\S]*银行确认没有转出/);
    await expectNoSeriousAxe(page, 'payouts-failed');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'console-payouts-failed.png'), fullPage: true });
    expect((await staffGet(`/v1/staff/accounts/${RENTER}`)).balanceFen).toBe(before);

    // 付款中 has nothing under way now, and says so
    await page.getByRole('tab', { name: '付款中' }).click();
    await byTestId(page, 'payouts-moving-empty').waitFor();
    await expectNoSeriousAxe(page, 'payouts-moving');
    stack.current.bank.setMode('succeed');
    await page.context().close();
  });
});

describe('日清日结 in the console (1366×768)', () => {
  it('shows yesterday per bank account with its 未达账项, takes a note, and closes the day with a second person', async () => {
    // yesterday the bank credited the collection account with money no batch of ours explains
    const yesterday = chinaDate(new Date(Date.now() - 86_400_000));
    const bank = stack.current.bank;
    bank.injectFault(bank.accounts.collection, yesterday, { kind: 'unknown-credit', reference: 'EMPLOYER-UNKNOWN-1', amountFen: 88_800 });
    const statements = httpStatements({ apiBase: bank.baseUrl, timeoutMs: 2000 });
    expect((await importDay({ tableName: stack.current.tableName, statements, policy: DEFAULT_POLICY }, yesterday, new Date())).map((o) => o.status)).toEqual(['UNMATCHED', 'BALANCED']);

    const page = await signedIn('deposit.clerk');
    await page.getByRole('menuitem', { name: '日清日结' }).click();
    const collection = byTestId(page, `bank-${bank.accounts.collection}`);
    await collection.getByText('有 1 笔未达账项').waitFor();
    await expect(collection.innerText()).resolves.toMatch(/银行有、账上没有[\s\S]*EMPLOYER-UNKNOWN-1[\s\S]*¥888\.00/);
    await expect(byTestId(page, `bank-${bank.accounts.payout}`).innerText()).resolves.toMatch(/已对平/);
    expect(await page.getByRole('button', { name: '提交日结' }).isDisabled()).toBe(true);
    await expectNoSeriousAxe(page, 'reconciliation-unmatched');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'console-reconciliation.png'), fullPage: true });

    await collection.getByRole('textbox').fill('单位多汇一笔，已联系单位办理退款');
    await collection.getByRole('button', { name: /^保存说明/ }).click();
    await page.getByText('说明已保存。').waitFor();
    await page.getByRole('button', { name: '提交日结' }).click();
    await page.getByRole('button', { name: '确认提交' }).click();
    await byTestId(page, 'day-close').getByText('已提交，待复核').waitFor();
    await page.context().close();

    const checker = await signedIn('auditor');
    await checker.getByRole('menuitem', { name: '日清日结' }).click();
    await checker.getByRole('button', { name: '复核日结' }).click();
    await checker.getByRole('button', { name: '确认日结' }).click();
    await byTestId(checker, 'day-close').getByText('已日结').waitFor();
    await expect(byTestId(checker, `bank-${bank.accounts.collection}`).innerText()).resolves.toMatch(/单位多汇一笔/);
    await expectNoSeriousAxe(checker, 'reconciliation-closed');
    await checker.screenshot({ path: path.join(SCREENSHOTS, 'console-reconciliation-closed.png'), fullPage: true });
    await checker.context().close();
  });
});
