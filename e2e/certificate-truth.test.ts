/**
 * Certificates that tell the truth, in a real browser on the local stack (375×812): a registered
 * agency office signs in and sees the whole facts of the types it is registered for (and why the
 * others are masked), and a certificate whose account changed after issue shows 内容已变化 to the
 * counter and to the public, and offers the member 重新开具. Certificates are issued through the
 * API in the set-up (with an Idempotency-Key), as the accessibility scenes do.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { chinaDate, DEFAULT_POLICY } from '@hpf/shared';
import { demoMembers } from '../functions/src/dev/demo-members';
import { dueLine } from '../functions/src/dev/synthetic-accounts';
import { DEMO_AGENCY_PASSWORD, DEMO_STAFF_PASSWORD } from '../functions/src/dev/demo-staff';
import { byTestId, fill, SCREENSHOTS, usePhoneBrowser, waitForQrImage, expectQrInView } from './browser';
import { postJson, useStack } from './stack';

jest.setTimeout(180_000);

const stack = useStack();
const phone = usePhoneBrowser();
const AGENCY = { username: 'hz.gjj.xihu', password: DEMO_AGENCY_PASSWORD, name: '杭州住房公积金管理中心 西湖分中心' };
const RENTER = demoMembers(new Date()).find((m) => m.openid === 'demo-renter')!.account;

/** A POST the set-up cannot do without: a refusal fails the test with the API's answer. */
async function call(route: string, body: unknown, token?: string, headers: Record<string, string> = {}) {
  const reply = await postJson(stack, route, body, token, headers);
  if (reply.status >= 400) throw new Error(`${route}: ${reply.status} ${JSON.stringify(reply.body)}`);
  return reply.body;
}

async function getJson(route: string, token: string) {
  const response = await fetch(`${stack.current.apiUrl}${route}`, { headers: { authorization: `Bearer ${token}` } });
  return (await response.json()) as any;
}

async function signInMember(openid: string) {
  return call('/v1/auth/wechat', { code: `sim:${openid}` });
}

async function issue(token: string, body: Record<string, string>, key: string) {
  return call('/v1/me/certificates', body, token, { 'idempotency-key': key });
}

async function freshCode(token: string, certificateId: string): Promise<string> {
  return (await call(`/v1/me/certificates/${certificateId}/code`, {}, token)).payload as string;
}

/** A browser already signed in, as the app keeps its sessions (Taro h5: `{ data }` JSON in localStorage). */
async function pageWithStorage(items: Record<string, unknown>, { elder = false } = {}): Promise<Page> {
  const page = await phone.page();
  const stored = Object.fromEntries(Object.entries(items).map(([key, value]) => [key, JSON.stringify({ data: value })]));
  if (elder) stored['hpf.elderMode'] = JSON.stringify({ data: '1' });
  await page.context().addInitScript((entries: Record<string, string>) => {
    for (const [key, value] of Object.entries(entries)) localStorage.setItem(key, value);
  }, stored);
  return page;
}


async function verifyOnCounter(page: Page, code: string): Promise<string> {
  await fill(page, 'verify-input', code);
  await byTestId(page, 'verify-submit').click();
  const verdict = byTestId(page, 'verify-verdict');
  await verdict.waitFor({ timeout: 30_000 });
  return (await verdict.getAttribute('data-result')) ?? '';
}

async function expectThreeTimes(page: Page, testId: string): Promise<void> {
  const times = (await byTestId(page, testId).textContent()) ?? '';
  for (const label of ['开具时间', '数据截至', '有效期至']) expect(times).toContain(label);
  expect(times).toMatch(/\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}/);
}

describe('查验机构: a registered agency office checks certificates', () => {
  it('signs in as 杭州 西湖分中心, sees the whole facts of a 异地贷款缴存使用证明 and its own name, a masked 贷款结清证明 with the reason, and signs out', async () => {
    const renter = await signInMember('demo-renter');
    const loanUse = await issue(renter.token, { type: 'LOAN_USE', purpose: 'LOAN_ELSEWHERE', targetCityCode: '330100' }, 'e2e-agency-loan-use-1');
    const paidOff = await signInMember('demo-paidoff');
    const payoff = await issue(paidOff.token, { type: 'PAYOFF', purpose: 'OTHER' }, 'e2e-agency-payoff-1');

    const counter = await phone.page();
    await counter.goto(`${stack.current.webUrl}/`);
    await byTestId(counter, 'staff-entry').click();
    await byTestId(counter, 'sign-in-as-agency').click();
    await expect(byTestId(counter, 'sign-in-as-agency').getAttribute('aria-checked')).resolves.toBe('true');
    await counter.screenshot({ path: path.join(SCREENSHOTS, 'agency-login.png'), fullPage: true });
    await fill(counter, 'staff-username', AGENCY.username);
    await fill(counter, 'staff-password', AGENCY.password);
    await byTestId(counter, 'staff-submit').click();
    await byTestId(counter, 'verify-input').waitFor({ timeout: 30_000 });
    await expect(byTestId(counter, 'verifier-name').textContent()).resolves.toContain(AGENCY.name);

    // registered for 异地贷款缴存使用证明: the whole facts, and the check names the office
    await expect(verifyOnCounter(counter, await freshCode(renter.token, loanUse.certificateId))).resolves.toBe('valid');
    await expect(byTestId(counter, 'verify-checked-by').textContent()).resolves.toContain(AGENCY.name);
    const facts = (await byTestId(counter, 'verify-facts').textContent()) ?? '';
    expect(facts).toContain(RENTER.name);
    expect(facts).toContain('缴存基数');
    expect(facts).toContain('账户余额');
    expect(facts).toMatch(/¥[\d,]+\.\d{2}/);
    expect(facts).toContain('浙江省杭州市');
    await expectThreeTimes(counter, 'verify-times');
    expect(await byTestId(counter, 'verify-masked-note').count()).toBe(0);
    await counter.screenshot({ path: path.join(SCREENSHOTS, 'verify-agency.png'), fullPage: true });

    // not registered for 贷款结清证明: the public view, and the page says why
    await expect(verifyOnCounter(counter, await freshCode(paidOff.token, payoff.certificateId))).resolves.toBe('valid');
    await expect(byTestId(counter, 'verify-masked-note').textContent()).resolves.toContain('没有登记查验“贷款结清证明”');
    const masked = (await byTestId(counter, 'verify-facts').textContent()) ?? '';
    expect(masked).not.toContain('赵丽');
    expect(masked).not.toContain('¥');
    await counter.screenshot({ path: path.join(SCREENSHOTS, 'verify-agency-masked.png'), fullPage: true });

    // the member's 查验记录 names the office
    const member = await pageWithStorage({ 'hpf.session': renter });
    await member.goto(`${stack.current.webUrl}/#/pages/certificates/index`);
    const row = byTestId(member, 'cert-history-row').filter({ hasText: '异地贷款缴存使用证明' });
    await row.waitFor({ timeout: 30_000 });
    await row.locator('[data-testid="cert-checks"]').click();
    await byTestId(member, 'cert-verification-row').first().waitFor({ timeout: 30_000 });
    await expect(byTestId(member, 'cert-verification-row').first().textContent()).resolves.toContain(AGENCY.name);
    await member.screenshot({ path: path.join(SCREENSHOTS, 'certificate-checks-agency.png'), fullPage: true });

    // signing out clears the agency's session from the counter device
    await byTestId(counter, 'staff-sign-out').click();
    await byTestId(counter, 'staff-submit').waitFor({ timeout: 30_000 });
    const left = await counter.evaluate(() => localStorage.getItem('hpf.agencySession'));
    expect(left).toBeNull();

    for (const page of [counter, member]) await page.context().close();
  });
});

/** Polls the member's list until the freshness worker (on the table's stream) has marked the certificate. */
async function changesOf(token: string, certificateId: string): Promise<{ code: string; label: string }[]> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const listed = (await getJson('/v1/me/certificates', token)).certificates.find((c: any) => c.certificateId === certificateId);
    if (listed?.changes?.length) return listed.changes;
    if (Date.now() > deadline) throw new Error(`no changes on ${certificateId} within 30 s: ${JSON.stringify(listed)}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

describe('内容已变化: the account changes after issue', () => {
  it('tells the member what changed beside the code (in view in both modes) and 重新开具 gives a fresh one', async () => {
    const renter = await signInMember('demo-renter');
    const first = await issue(renter.token, { type: 'DEPOSIT', purpose: 'SCHOOL' }, 'e2e-changed-deposit-1');
    expect(first.changes).toEqual([]);
    const clerk = await call('/v1/staff/auth/login', { username: 'deposit.clerk', password: DEMO_STAFF_PASSWORD });
    const month = chinaDate(new Date()).slice(0, 7);
    await call('/v1/staff/deposit-batches', { batchId: `E2E-TRUTH-${month}`, lines: [dueLine(RENTER, 1, month, DEFAULT_POLICY)] }, clerk.token);
    const changes = await changesOf(renter.token, first.certificateId);
    expect(changes.map((change) => change.code)).toContain('BALANCE');

    for (const elder of [false, true]) {
      const member = await pageWithStorage({ 'hpf.session': renter }, { elder });
      await member.goto(`${stack.current.webUrl}/#/pages/certificates/index`);
      const row = byTestId(member, 'cert-history-row').filter({ has: member.locator('[data-testid="cert-row-changes"]') });
      await row.first().waitFor({ timeout: 30_000 });
      await expect(row.first().textContent()).resolves.toContain('开具后账户余额已变化');
      await expect(row.first().textContent()).resolves.toContain('数据截至');
      await member.screenshot({ path: path.join(SCREENSHOTS, `certificate-list-changed${elder ? '-elder' : ''}.png`), fullPage: true });
      await row.first().locator('[data-testid="cert-show-code"]').click();
      await expect(byTestId(member, 'cert-changes').textContent()).resolves.toContain('开具后账户余额已变化');
      await expectQrInView(member);
      await expectThreeTimes(member, 'cert-times');
      await member.screenshot({ path: path.join(SCREENSHOTS, `certificate-qr-changed${elder ? '-elder' : ''}.png`) });
      if (!elder) {
        // a fresh certificate of the same type and purpose, from the records as they are now
        await byTestId(member, 'cert-reissue').click();
        await member.waitForFunction(() => !document.querySelector('[data-testid="cert-changes"]'), undefined, { timeout: 30_000 });
        await expectQrInView(member);
        const listed = (await getJson('/v1/me/certificates', renter.token)).certificates;
        const fresh = listed.find((c: any) => c.certificateId !== first.certificateId && c.type === 'DEPOSIT' && c.purpose === 'SCHOOL');
        expect(fresh).toBeDefined();
        expect(fresh.changes).toEqual([]);
        await member.screenshot({ path: path.join(SCREENSHOTS, 'certificate-qr-reissued.png') });
      }
      await member.context().close();
    }
  });

  it('shows 内容已变化 with 开具后账户已封存 to counter staff and to the public, with the three times; 重新开具 from the list', async () => {
    const renter = await signInMember('demo-renter');
    const certificate = await issue(renter.token, { type: 'DEPOSIT', purpose: 'HOME_PURCHASE' }, 'e2e-changed-deposit-2');
    const clerk = await call('/v1/staff/auth/login', { username: 'account.clerk', password: DEMO_STAFF_PASSWORD });
    await call(`/v1/staff/accounts/${RENTER.accountNo}/seal`, { reason: '职工离职，单位申请封存' }, clerk.token);
    const changes = await changesOf(renter.token, certificate.certificateId);
    expect(changes.map((change) => change.code)).toContain('ACCOUNT_STATE');

    const counter = await pageWithStorage({ 'hpf.staffSession': clerk });
    await counter.goto(`${stack.current.webUrl}/#/pages/verify-scan/index`);
    await expect(verifyOnCounter(counter, await freshCode(renter.token, certificate.certificateId))).resolves.toBe('changed');
    await expect(byTestId(counter, 'verify-verdict').textContent()).resolves.toContain('内容已变化');
    const counterChanges = (await byTestId(counter, 'verify-changes').textContent()) ?? '';
    expect(counterChanges).toContain('开具后账户已封存');
    expect(counterChanges).toContain('请职工重新开具');
    await expectThreeTimes(counter, 'verify-times');
    await expect(byTestId(counter, 'verify-checked-by').textContent()).resolves.toContain('本中心');
    await counter.screenshot({ path: path.join(SCREENSHOTS, 'verify-counter-changed.png'), fullPage: true });

    const code = await freshCode(renter.token, certificate.certificateId);
    const token = /\/V\/([A-Z2-7]+)$/.exec(code)![1];
    const visitor = await phone.page();
    await visitor.goto(`${stack.current.webUrl}/V/${token}`);
    await byTestId(visitor, 'verify-verdict').waitFor({ timeout: 30_000 });
    await expect(byTestId(visitor, 'verify-verdict').getAttribute('data-result')).resolves.toBe('changed');
    await expect(byTestId(visitor, 'verify-changes').textContent()).resolves.toContain('开具后账户已封存');
    await expect(byTestId(visitor, 'verify-meaning').textContent()).resolves.toContain('内容已变化');
    expect(await byTestId(visitor, 'verify-checked-by').count()).toBe(0);
    await expectThreeTimes(visitor, 'verify-times');
    await visitor.screenshot({ path: path.join(SCREENSHOTS, 'verify-public-changed.png'), fullPage: true });

    // 重新开具 from the list: a fresh 缴存证明 that says 封存, and nothing changed since
    const member = await pageWithStorage({ 'hpf.session': renter });
    await member.goto(`${stack.current.webUrl}/#/pages/certificates/index`);
    const row = byTestId(member, 'cert-history-row').filter({ hasText: '开具后账户已封存' });
    await row.first().waitFor({ timeout: 30_000 });
    await row.first().locator('[data-testid="cert-reissue"]').click();
    await waitForQrImage(member);
    expect(await byTestId(member, 'cert-changes').count()).toBe(0);
    await expect(byTestId(member, 'cert-facts').textContent()).resolves.toContain('封存');
    await expectQrInView(member);
    await member.screenshot({ path: path.join(SCREENSHOTS, 'certificate-qr-reissued-sealed.png') });

    for (const page of [counter, visitor, member]) await page.context().close();
  });
});
