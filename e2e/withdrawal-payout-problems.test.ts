/**
 * When the bank does not pay, the member is told in plain words, in a real browser at 375×812, in
 * both modes: a refused payout says why and that the money is back (付款失败, the account balance
 * restored); a payout the bank does not answer within the payout policy shows 付款核查中 — listed
 * for staff as 人工核查 — until staff record what the bank confirmed. The payout worker and its
 * sweep run on the local stack as in AWS, with the policy in test time (POLICY_JSON).
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { chinaDate } from '@hpf/shared';
import { DEMO_STAFF_PASSWORD } from '../functions/src/dev/demo-staff';
import { SCREENSHOTS, signedInDemo, textOf, usePhoneBrowser, waitForText } from './browser';
import { postJson, useStack } from './stack';

// the payout policy in test time: two attempts, two seconds apart, then 人工核查
Object.assign(process.env, {
  POLICY_JSON: JSON.stringify({ payout: { maxAttempts: 2, maxUnknownMinutes: 1, baseBackoffSeconds: 0.1, maxBackoffSeconds: 0.2 } }),
  PAYOUT_SWEEP_MS: '500',
  EXTERNAL_TIMEOUT_MS: '1000',
});

jest.setTimeout(240_000);
const stack = useStack();
const phone = usePhoneBrowser();
const signedIn = (options: { elder?: boolean } = {}) => signedInDemo(phone, stack.current.webUrl, 'demo-renter', options);
const CARD = '6222021001123450012';

/** Submits this month's application as the signed-in member's phone would, and returns its id. */
async function submit(page: Page, amountFen: number): Promise<string> {
  const body = {
    month: chinaDate(new Date()).slice(0, 7),
    amountFen,
    lease: { address: '上海市浦东新区张江路100弄5号302室', landlordName: '王建国', landlordAccount: '6217000010001234567', monthlyRentFen: 300_000 },
    bankCard: CARD,
  };
  const reply = await page.evaluate(
    async ([api, request]) => {
      const session = JSON.parse(localStorage.getItem('hpf.session') ?? '{}').data;
      const response = await fetch(`${api}/v1/me/withdrawals/rent`, {
        method: 'POST',
        headers: { authorization: `Bearer ${session.token}`, 'content-type': 'application/json', 'idempotency-key': `e2e-${Date.now()}` },
        body: JSON.stringify(request),
      });
      return { status: response.status, body: (await response.json()) as { applicationId: string; status: string } };
    },
    [stack.current.apiUrl, body] as const,
  );
  expect(reply.status).toBe(200);
  // answered at once: the bank is the worker's business
  expect(reply.body.status).toBe('APPROVED');
  return reply.body.applicationId;
}

async function staffToken(): Promise<string> {
  return (await postJson(stack, '/v1/staff/auth/login', { username: 'reviewer.a', password: DEMO_STAFF_PASSWORD })).body.token;
}

describe('提取付款遇到问题', () => {
  it('says why a refused payout failed and that the money is back, and shows 付款核查中 until staff settle what the bank never answered', async () => {
    const page = await signedIn();
    const balanceBefore = await textOf(page, 'balance');

    // the bank refuses the payout as malformed: the money comes back, the reason in words
    stack.current.bank.setMode('refuse-malformed');
    const refused = await submit(page, 50_000);
    await page.goto(`${stack.current.webUrl}/#/pages/withdrawal/index?id=${refused}`);
    await waitForText(page, 'withdrawal-status', '付款失败');
    const next = await textOf(page, 'withdrawal-next');
    expect(next).toContain('付款信息不完整，银行退回');
    expect(next).toContain('钱已退回您的公积金账户');
    await expect(textOf(page, 'rent-timeline')).resolves.toContain('付款中');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'withdrawal-payout-failed.png'), fullPage: true });
    const elder = await signedIn({ elder: true });
    await expect(textOf(elder, 'balance')).resolves.toBe(balanceBefore);
    await elder.goto(`${stack.current.webUrl}/#/pages/withdrawal/index?id=${refused}`);
    await waitForText(elder, 'withdrawal-next', '钱已退回您的公积金账户');
    await elder.screenshot({ path: path.join(SCREENSHOTS, 'withdrawal-payout-failed-elder.png'), fullPage: true });

    // the bank stops answering: after the policy's attempts the payout is 人工核查, and the page says so
    stack.current.bank.setMode('down');
    const unanswered = await submit(page, 40_000);
    await page.goto(`${stack.current.webUrl}/#/pages/withdrawal/index?id=${unanswered}`);
    await waitForText(page, 'withdrawal-status', '付款核查中');
    await expect(textOf(page, 'withdrawal-next')).resolves.toContain('工作人员正在向银行核实');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'withdrawal-manual-check.png'), fullPage: true });
    await elder.goto(`${stack.current.webUrl}/#/pages/withdrawal/index?id=${unanswered}`);
    await waitForText(elder, 'withdrawal-status', '付款核查中');
    await elder.screenshot({ path: path.join(SCREENSHOTS, 'withdrawal-manual-check-elder.png'), fullPage: true });
    expect(stack.current.bank.payouts.has(unanswered)).toBe(false);

    // staff find it in the 人工核查 list and record that the bank confirms it never left
    const token = await staffToken();
    const listed = await fetch(`${stack.current.apiUrl}/v1/staff/withdrawals/manual-checks`, { headers: { authorization: `Bearer ${token}` } });
    expect(((await listed.json()) as { items: { applicationId: string }[] }).items.map((i) => i.applicationId)).toContain(unanswered);
    stack.current.bank.setMode('succeed');
    const resolved = await postJson(stack, `/v1/staff/withdrawals/${unanswered}/resolve`, { outcome: 'NOT_PAID', reason: '已电话向银行核实，没有转出' }, token);
    expect(resolved.status).toBe(200);
    // the page that stayed open follows it to the end
    await waitForText(page, 'withdrawal-status', '付款失败');
    await expect(textOf(page, 'withdrawal-next')).resolves.toContain('银行确认没有转出');
    await page.goto(`${stack.current.webUrl}/#/pages/home/index`);
    await page.reload();
    await expect(textOf(page, 'balance')).resolves.toBe(balanceBefore);

    await page.context().close();
    await elder.context().close();
  });
});
