/**
 * Advice by the member's real situation, on DynamoDB Local with the demo data: 刘建国 (retired) is
 * pointed to 离退休提取 and never told to wait for a new employer, 李芳 (left her job) learns what
 * sealing means, 启封 and 离职提取; neither is offered the rent form. The reason is recorded when a
 * clerk seals an account and removed when it is unsealed. 服务指南 is served to anyone.
 */
import { AccountView, ServiceGuide } from '@hpf/shared';
import { handler as myAccount } from '../src/account/get-account';
import { handler as staffAccount } from '../src/accounts/get';
import { seal, unseal } from '../src/accounts/life-cycle';
import { handler as serviceGuide } from '../src/guide/service-guide';
import { invoke } from '../../test-support/http';
import { signIn } from '../../test-support/session';
import { staffToken } from '../../test-support/staff';
import { useTestTable } from '../../test-support/table';

useTestTable({ seed: true });

async function accountOf(openid: string): Promise<AccountView> {
  const { token } = await signIn(openid);
  const reply = await invoke(myAccount, { token });
  expect(reply.status).toBe(200);
  return AccountView.parse(reply.body);
}

const said = (view: AccountView) => [view.stateHint, view.advice.title, ...view.advice.steps].join('\n');

describe('GET /v1/me/account advice', () => {
  it('points 刘建国 (retired) to 离退休提取 with what to bring, and not to a new employer', async () => {
    const view = await accountOf('demo-retiree');
    expect(view.state).toBe('SEALED');
    expect(view.advice).toMatchObject({ situation: 'RETIRED', rentApplies: false, guideKinds: ['RETIREMENT'] });
    expect(said(view)).toContain('离退休提取');
    expect(said(view)).toContain('退休证明');
    expect(said(view)).not.toMatch(/新单位|启封|过几个月/);
  });

  it('tells 李芳 (left her job) what sealing means, how it is unsealed and when 离职提取 applies; no rent form', async () => {
    const view = await accountOf('demo-sealed');
    expect(view.advice).toMatchObject({ situation: 'LEFT_JOB', rentApplies: false });
    expect(view.advice.guideKinds[0]).toBe('LEAVE_JOB');
    expect(said(view)).toContain('照常计息');
    expect(said(view)).toContain('启封');
    expect(said(view)).toContain('离职提取');
    expect(said(view)).not.toContain('离退休');
  });

  it('offers the rent form to 张明 (renter) and not to 王强 (borrower), who is pointed to 偿还贷款提取', async () => {
    expect((await accountOf('demo-renter')).advice).toMatchObject({ situation: 'WORKING', rentApplies: true });
    expect((await accountOf('demo-loan')).advice).toMatchObject({ situation: 'BORROWER', rentApplies: false, guideKinds: ['LOAN_REPAYMENT'] });
    // a loan paid off leaves rent withdrawal open
    expect((await accountOf('demo-paidoff')).advice.situation).toBe('WORKING');
  });
});

describe('sealing records why', () => {
  it('keeps the reason and date a clerk gives, advises by it, and drops both on 启封', async () => {
    const clerk = await staffToken('account.clerk');
    const accountNo = '310100200001';
    const sealed = await invoke(seal, { token: clerk, params: { accountNo }, body: { reason: '职工办理退休', sealReason: 'RETIRED' } });
    expect(sealed.status).toBe(200);
    expect(sealed.body).toMatchObject({ status: 'SEALED', sealReason: 'RETIRED' });
    expect(sealed.body.sealedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect((await accountOf('demo-renter')).advice).toMatchObject({ situation: 'RETIRED', rentApplies: false });

    const reopened = await invoke(unseal, { token: clerk, params: { accountNo }, body: { reason: '到新单位' } });
    expect(reopened.status).toBe(200);
    const stored = await invoke(staffAccount, { token: clerk, params: { accountNo } });
    expect(stored.body.status).toBe('NORMAL');
    expect(stored.body).not.toHaveProperty('sealReason');
    expect(stored.body).not.toHaveProperty('sealedOn');
    expect((await accountOf('demo-renter')).advice.situation).toBe('WORKING');
  });

  it('refuses a reason that is not one of 退休 / 离职 / 单位停缴, in words, and seals nothing', async () => {
    const clerk = await staffToken('account.clerk');
    const reply = await invoke(seal, { token: clerk, params: { accountNo: '310100200006' }, body: { reason: '职工离职', sealReason: 'HOLIDAY' } });
    expect(reply.status).toBe(400);
    expect(reply.body.error.code).toBe('INVALID_REQUEST');
    expect(reply.body.error.message).toMatch(/[\u4e00-\u9fff]/);
    expect((await invoke(staffAccount, { token: clerk, params: { accountNo: '310100200006' } })).body.status).toBe('NORMAL');
  });
});

describe('GET /v1/service-guide', () => {
  it('gives anyone the hotline, the offices with their hours and every withdrawal type, cacheable for an hour', async () => {
    const reply = await invoke(serviceGuide, { method: 'GET', path: '/v1/service-guide' });
    expect(reply.status).toBe(200);
    expect(reply.headers['cache-control']).toBe('public, max-age=3600');
    const guide = ServiceGuide.parse(reply.body);
    expect(guide.hotline).toBe('12329');
    expect(guide.offices.length).toBeGreaterThanOrEqual(1);
    for (const office of guide.offices) expect(office.hours).toMatch(/\d{1,2}:\d{2}/);
    const offline = guide.withdrawals.filter((w) => !w.online).map((w) => w.kind);
    expect(offline).toEqual(expect.arrayContaining(['HOME_PURCHASE', 'LEAVE_JOB', 'SERIOUS_ILLNESS', 'LOAN_REPAYMENT', 'EMIGRATION', 'DISABILITY', 'DECEASED']));
    expect(guide.withdrawals.find((w) => w.kind === 'RENT')).toMatchObject({ online: true });
    // 离退休提取 免申即享 (issue 16): online, no application; every account-closing one says how long it takes
    expect(guide.withdrawals.find((w) => w.kind === 'RETIREMENT')).toMatchObject({ online: true });
    for (const kind of ['RETIREMENT', 'EMIGRATION', 'DISABILITY', 'DECEASED']) expect(guide.withdrawals.find((w) => w.kind === kind)?.howLong).toMatch(/工作日/);
  });
});
