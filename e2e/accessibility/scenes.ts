/**
 * Every page of the mini program in a state worth auditing: signed in where the page needs it, with
 * real data behind it (an issued certificate and its live code, a rent application waiting for
 * review, a deposit reminder in 消息). The fixtures are made through the stack's own API.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { chinaDate, DEFAULT_POLICY } from '@hpf/shared';
import { demoMembers } from '../../functions/src/dev/demo-members';
import { DEMO_AGENCY_PASSWORD, DEMO_STAFF_PASSWORD } from '../../functions/src/dev/demo-staff';
import { dueLine } from '../../functions/src/dev/synthetic-accounts';
import { REPO_ROOT } from '../../functions/src/dev/table-definition';
import type { Stack } from '../../scripts/dev-stack';
import { tokenFromVerifyUrl } from '../../functions/src/certificates/token';
import { CONSENT } from '../../test-support/consent';
import { byTestId, fill, waitForQrImage } from '../browser';
import { postJson } from '../stack';

export interface Fixtures {
  /** Storage the app reads its sessions from (Taro h5 keeps `{ data }` JSON in localStorage). */
  memberStorage: Record<string, string>;
  staffStorage: Record<string, string>;
  /** A registered agency office (杭州 西湖分中心) signed in on a counter device. */
  agencyStorage: Record<string, string>;
  /** A code fetched just now (codes live 2 minutes): the verify pages check a valid one. */
  freshCode(): Promise<string>;
  /** The same for the renter's 异地贷款缴存使用证明 (a type the agency is registered for). */
  freshLoanUseCode(): Promise<string>;
  /** The renter's application that went to review and was withdrawn (提取办理进度). */
  renterApplicationId: string;
}

export interface Scene {
  /** The page's folder under miniapp/src/pages, as in app.config.ts. */
  page: string;
  /** What is on screen when it is measured. */
  state: string;
  session: 'none' | 'member' | 'staff' | 'agency';
  route(fixtures: Fixtures): Promise<string> | string;
  /** The page is in its state once this test id is on screen. */
  ready: string;
  act?(page: Page, fixtures: Fixtures): Promise<void>;
  /** Test ids that must be visible without scrolling (the elder-mode entry). */
  firstScreen?: string[];
  screenshot?: boolean;
}

const RENTER = demoMembers(new Date()).find((m) => m.openid === 'demo-renter')!.account;
const NEWCOMER = demoMembers(new Date()).find((m) => m.openid === 'demo-new')!.account;

const pageRoute = (name: string, query = '') => `/#/pages/${name}/index${query}`;

async function waitFor(page: Page, testId: string, timeout = 30_000): Promise<void> {
  await byTestId(page, testId).first().waitFor({ timeout });
}

export const SCENES: readonly Scene[] = [
  { page: 'login', state: '首次打开', session: 'none', route: () => pageRoute('login'), ready: 'demo-member-demo-renter', firstScreen: ['elder-mode-login'] },
  {
    page: 'bind',
    state: '空表提交后的提示',
    session: 'none',
    route: () => pageRoute('bind'),
    // the privacy notice loaded: the consent ticks and a submit that can be pressed
    ready: 'consent-sensitive',
    async act(page) {
      await byTestId(page, 'bind-submit').click();
      await waitFor(page, 'bind-name-error');
      await waitFor(page, 'consent-error');
    },
  },
  // 张明 has not retired: the empty state and its guide (刘建国's prepared withdrawal is audited in e2e/retirement.test.ts)
  { page: 'retirement', state: '还没有离退休提取', session: 'member', route: () => pageRoute('retirement'), ready: 'retirement-guide' },
  // 张明 has no loan: the empty state (王强's loan, 按月还贷 and its face step are audited in e2e/loan-repayment.test.ts)
  { page: 'loans', state: '没有公积金贷款', session: 'member', route: () => pageRoute('loans'), ready: 'empty-state' },
  { page: 'privacy', state: '隐私政策全文', session: 'none', route: () => pageRoute('privacy'), ready: 'privacy-version' },
  { page: 'privacy', state: '隐私政策更新后再次征求同意', session: 'member', route: () => pageRoute('privacy', '?agree=1'), ready: 'privacy-agree' },
  { page: 'home', state: '张明 已登录', session: 'member', route: () => pageRoute('home'), ready: 'balance', firstScreen: ['elder-mode-entry'], screenshot: true },
  { page: 'ledger', state: '缴存明细', session: 'member', route: () => pageRoute('ledger'), ready: 'ledger-row', screenshot: true },
  { page: 'settings', state: '设置', session: 'member', route: () => pageRoute('settings'), ready: 'reminder-deposit', firstScreen: ['elder-mode-switch'] },
  {
    page: 'certificates',
    state: '开证明·核对 + 开过的证明',
    session: 'member',
    route: () => pageRoute('certificates'),
    ready: 'cert-history-row',
    async act(page) {
      await byTestId(page, 'cert-type-DEPOSIT').click();
      await byTestId(page, 'cert-purpose-HOME_PURCHASE').click();
      await byTestId(page, 'cert-next').click();
      await waitFor(page, 'cert-confirm');
    },
  },
  {
    page: 'certificates',
    state: '出示二维码',
    session: 'member',
    route: () => pageRoute('certificates'),
    ready: 'cert-show-code',
    async act(page) {
      await byTestId(page, 'cert-show-code').first().click();
      await waitForQrImage(page);
    },
    screenshot: true,
  },
  {
    page: 'rent',
    state: '填好租房信息·核对',
    session: 'member',
    route: () => pageRoute('rent'),
    ready: 'rent-max-amount',
    async act(page) {
      await fill(page, 'rent-address', '上海市浦东新区张江路100弄5号302室');
      await fill(page, 'rent-landlord', '王建国');
      await fill(page, 'rent-landlord-account', '6217000010001234567');
      await fill(page, 'rent-monthly-rent', '3000');
      // the card on file, chosen by its name (no card number typed)
      await byTestId(page, 'rent-card-on-file').click();
      await byTestId(page, 'rent-confirm').click();
      await waitFor(page, 'rent-confirm-box');
    },
    screenshot: true,
  },
  {
    page: 'messages',
    state: '一条缴存到账消息',
    session: 'member',
    route: () => pageRoute('messages'),
    ready: 'messages-subscribe',
    async act(page) {
      // the reminder comes through the table's stream: look again, as a member pulling to refresh would
      const deadline = Date.now() + 30_000;
      for (;;) {
        if ((await byTestId(page, 'message-row').count()) > 0) return;
        if (Date.now() > deadline) throw new Error('消息: no message-row within 30 s');
        await page.waitForTimeout(1_000);
        await page.reload();
        await waitFor(page, 'messages-subscribe');
        await page.waitForFunction(() => !document.querySelector('[data-testid="loading-state"]'), undefined, { timeout: 30_000 });
      }
    },
  },
  { page: 'staff-login', state: '工作人员登录', session: 'none', route: () => pageRoute('staff-login'), ready: 'staff-submit' },
  {
    page: 'staff-login',
    state: '查验机构登录',
    session: 'none',
    route: () => pageRoute('staff-login'),
    ready: 'sign-in-as-agency',
    async act(page) {
      await byTestId(page, 'sign-in-as-agency').click();
      await page.waitForFunction(() => document.querySelector('[data-testid="sign-in-as-agency"]')?.getAttribute('aria-checked') === 'true');
    },
  },
  {
    page: 'verify-scan',
    state: '核验结果（完整内容）',
    session: 'staff',
    route: () => pageRoute('verify-scan'),
    ready: 'verify-input',
    async act(page, fixtures) {
      await fill(page, 'verify-input', await fixtures.freshCode());
      await byTestId(page, 'verify-submit').click();
      await waitFor(page, 'verify-facts');
    },
  },
  {
    page: 'verify-scan',
    state: '查验机构·完整内容',
    session: 'agency',
    route: () => pageRoute('verify-scan'),
    ready: 'verify-input',
    async act(page, fixtures) {
      await fill(page, 'verify-input', await fixtures.freshLoanUseCode());
      await byTestId(page, 'verify-submit').click();
      await waitFor(page, 'verify-facts');
    },
    screenshot: true,
  },
  {
    page: 'verify',
    state: '公众扫码·真实有效',
    session: 'none',
    route: async (fixtures) => {
      const code = await fixtures.freshCode();
      const token = tokenFromVerifyUrl(code);
      if (!token) throw new Error(`not a verify URL: ${code}`);
      return pageRoute('verify', `?t=${token}`);
    },
    ready: 'verify-meaning',
  },
  { page: 'review', state: '一笔待审（带风险提示）', session: 'staff', route: () => pageRoute('review'), ready: 'review-flag' },
  {
    page: 'withdrawal',
    state: '提取办理进度（审核中撤回）',
    session: 'member',
    route: (fixtures) => pageRoute('withdrawal', `?id=${fixtures.renterApplicationId}`),
    ready: 'rent-timeline',
    screenshot: true,
  },
  // the member's certificate was checked at a counter by the staff scenes above: a service to rate
  // (the rating form itself, and the case's outcome, are audited with axe by e2e/service-rating.test.ts;
  // the empty state's component by the loans scene)
  { page: 'rating', state: '服务评价（柜台查验过电子证明，可以评价）', session: 'member', route: () => pageRoute('rating'), ready: 'rating-row' },
  { page: 'guide', state: '服务指南（从离退休建议打开）', session: 'none', route: () => pageRoute('guide', '?kind=RETIREMENT'), ready: 'guide-call', screenshot: true },
  // an address no page answers: the app sends it to 页面不存在
  { page: 'not-found', state: '打开了不存在的地址', session: 'none', route: () => pageRoute('no-such-page'), ready: 'not-found-home' },
];


/** The pages app.config.ts declares (main package and subpackages), by folder name. */
export function configuredPages(): string[] {
  const config = readFileSync(path.join(REPO_ROOT, 'miniapp/src/app.config.ts'), 'utf8');
  const names = [...config.matchAll(/['"]pages\/([\w-]+)(?:\/index)?['"]/g)].map((match) => match[1]);
  return [...new Set(names)];
}

/** A page's navigationBarTitleText, from its index.config.ts (what WeChat's bar and the H5 bar show). */
export function configuredTitle(page: string): string {
  const config = readFileSync(path.join(REPO_ROOT, `miniapp/src/pages/${page}/index.config.ts`), 'utf8');
  const title = /navigationBarTitleText:\s*'([^']+)'/.exec(config)?.[1];
  if (!title) throw new Error(`pages/${page}/index.config.ts sets no navigationBarTitleText`);
  return title;
}

/** A POST the fixture cannot do without: a refusal stops the audit with the API's answer. */
async function call(stack: Stack, route: string, options: { body: unknown; token?: string; headers?: Record<string, string> }) {
  const reply = await postJson({ current: stack }, route, options.body, options.token, options.headers);
  if (reply.status >= 400) throw new Error(`${route}: ${reply.status} ${JSON.stringify(reply.body)}`);
  return reply.body;
}

const stored = (value: unknown) => JSON.stringify({ data: value });

/**
 * Through the API: the renter's certificate, a deposit reminder for 消息, and 陈新 (bound here)
 * applying while the property registry is down, which puts his application in the review queue
 * with a risk flag.
 */
export async function prepareFixtures(stack: Stack): Promise<Fixtures> {
  const month = chinaDate(new Date()).slice(0, 7);
  const member = await call(stack, '/v1/auth/wechat', { body: { code: 'sim:demo-renter' } });
  const staff = await call(stack, '/v1/staff/auth/login', { body: { username: 'reviewer.a', password: DEMO_STAFF_PASSWORD } });
  const clerk = await call(stack, '/v1/staff/auth/login', { body: { username: 'deposit.clerk', password: DEMO_STAFF_PASSWORD } });

  const certificate = await call(stack, '/v1/me/certificates', {
    body: { type: 'DEPOSIT', purpose: 'HOME_PURCHASE' },
    token: member.token,
    headers: { 'idempotency-key': 'a11y-certificate-1' },
  });
  const loanUse = await call(stack, '/v1/me/certificates', {
    body: { type: 'LOAN_USE', purpose: 'LOAN_ELSEWHERE', targetCityCode: '330100' },
    token: member.token,
    headers: { 'idempotency-key': 'a11y-certificate-2' },
  });
  const agency = await call(stack, '/v1/agency/auth/login', { body: { username: 'hz.gjj.xihu', password: DEMO_AGENCY_PASSWORD } });
  await call(stack, '/v1/staff/deposit-batches', {
    body: { batchId: `A11Y-${month}`, lines: [dueLine(RENTER, 1, month, DEFAULT_POLICY)] },
    token: clerk.token,
  });

  const newcomer = await call(stack, '/v1/auth/wechat', { body: { code: 'sim:demo-new' } });
  const bound = await call(stack, '/v1/auth/bind', {
    body: { name: NEWCOMER.name, idNumber: NEWCOMER.idNumber, phone: NEWCOMER.phone, consent: CONSENT },
    token: newcomer.token,
  });
  stack.registry.setDown(true);
  try {
    const application = await call(stack, '/v1/me/withdrawals/rent', {
      body: {
        month,
        amountFen: 30_000,
        lease: { address: '上海市徐汇区漕溪北路 88 弄 3 号 601 室', landlordName: '房东甲', landlordAccount: '6222000011112222', monthlyRentFen: 300_000 },
        bankCard: NEWCOMER.bankCard,
      },
      token: bound.token,
      headers: { 'idempotency-key': `a11y-${Date.now()}` },
    });
    if (application.status !== 'PENDING_REVIEW') throw new Error(`expected an application waiting for review, got ${application.status}`);
  } finally {
    stack.registry.setDown(false);
  }
  // the renter's own application for 提取办理进度: sent to review, then withdrawn, so the rent form stays open
  stack.registry.setDown(true);
  let renterApplicationId: string;
  try {
    const application = await call(stack, '/v1/me/withdrawals/rent', {
      body: {
        month,
        amountFen: 20_000,
        lease: { address: '上海市浦东新区张江路 100 弄 5 号 302 室', landlordName: '王建国', landlordAccount: '6217000010001234567', monthlyRentFen: 300_000 },
        bankCard: RENTER.bankCard,
      },
      token: member.token,
      headers: { 'idempotency-key': `a11y-renter-${Date.now()}` },
    });
    renterApplicationId = application.applicationId as string;
  } finally {
    stack.registry.setDown(false);
  }
  await call(stack, `/v1/me/withdrawals/${renterApplicationId}/cancel`, { body: {}, token: member.token });

  return {
    renterApplicationId,
    memberStorage: { 'hpf.session': stored(member) },
    staffStorage: { 'hpf.staffSession': stored(staff) },
    agencyStorage: { 'hpf.agencySession': stored(agency) },
    async freshCode() {
      const code = await call(stack, `/v1/me/certificates/${certificate.certificateId}/code`, { body: {}, token: member.token });
      return code.payload as string;
    },
    async freshLoanUseCode() {
      const code = await call(stack, `/v1/me/certificates/${loanUse.certificateId}/code`, { body: {}, token: member.token });
      return code.payload as string;
    },
  };
}
