import { DEFAULT_POLICY, memberAdvice, Policy, serviceGuideFor, ServiceGuide, WithdrawalKind, type MemberAdvice } from '../src';

const TODAY = '2026-12-01';
const OWES = [{ status: 'OUTSTANDING' as const }];
const PAID = [{ status: 'PAID_OFF' as const }];
const normal = { status: 'NORMAL' as const, frozen: false };
const sealed = (sealReason?: 'RETIRED' | 'LEFT_JOB' | 'EMPLOYER', sealedOn?: string) => ({
  status: 'SEALED' as const,
  frozen: false,
  ...(sealReason ? { sealReason } : {}),
  ...(sealedOn ? { sealedOn } : {}),
});
const advise = (account: Parameters<typeof memberAdvice>[0], loans: Parameters<typeof memberAdvice>[1] = [], policy = DEFAULT_POLICY, today = TODAY) =>
  memberAdvice(account, loans, policy, today);
const said = (advice: MemberAdvice) => [advice.title, advice.summary, ...advice.steps].join('\n');

describe('memberAdvice', () => {
  it('offers the rent form only to a member whose employer deposits and who owes no HPF loan', () => {
    expect(advise(normal)).toMatchObject({ situation: 'WORKING', rentApplies: true, guideKinds: ['RENT'] });
    expect(advise(normal, PAID)).toMatchObject({ situation: 'WORKING', rentApplies: true });
    expect(advise(normal, OWES)).toMatchObject({ situation: 'BORROWER', rentApplies: false, guideKinds: ['LOAN_REPAYMENT'] });
    for (const account of [sealed('RETIRED'), sealed('LEFT_JOB'), sealed('EMPLOYER'), sealed(), { ...normal, frozen: true }, { status: 'CLOSED' as const, frozen: false }]) {
      expect(advise(account).rentApplies).toBe(false);
    }
  });

  it('tells a retiree about 离退休提取 — where, what to bring — and never to wait for a new employer', () => {
    const advice = advise(sealed('RETIRED', '2024-08-12'));
    expect(advice).toMatchObject({ situation: 'RETIRED', guideKinds: ['RETIREMENT'] });
    const text = said(advice);
    expect(text).toContain('离退休提取');
    expect(text).toContain('退休证明');
    expect(text).toContain('身份证');
    expect(text).toContain('服务网点柜台');
    expect(text).toContain('12329');
    expect(text).not.toMatch(/新单位|启封|过几个月/);
    // an outstanding loan comes first: it has to be repaid before
    expect(advise(sealed('RETIRED'), OWES).steps[0]).toContain('先还清贷款');
    expect(said(advice)).not.toContain('先还清贷款');
    // 免申即享: no application; the loan is repaid from it or holds it, as the policy says
    expect(text).toContain('不用申请');
    expect(advise(sealed('RETIRED'), OWES).steps[0]).toContain('剩下的钱转给您');
    const blocking = Policy.parse({ ...DEFAULT_POLICY, retirement: { outstandingLoan: 'BLOCK', autoPayAfterDays: null } });
    expect(advise(sealed('RETIRED'), OWES, blocking).steps[0]).toContain('还清贷款，才能办理离退休提取');
  });

  it('tells a member who left a job what sealing means, when it is unsealed and when 离职提取 opens', () => {
    const recent = advise(sealed('LEFT_JOB', '2026-09-15'));
    expect(recent).toMatchObject({ situation: 'LEFT_JOB', guideKinds: ['LEAVE_JOB', 'HOME_PURCHASE', 'LOAN_REPAYMENT', 'SERIOUS_ILLNESS'] });
    const text = said(recent);
    expect(text).toContain('照常计息');
    expect(text).toContain('新单位为您办理缴存后账户就启封');
    expect(text).toContain('封存满 6 个月（2027年3月15日起）');
    expect(text).toContain('不能租房提取');
    expect(text).not.toContain('离退休');
    // six whole months sealed: it is open now
    expect(said(advise(sealed('LEFT_JOB', '2026-06-01')))).toContain('已封存满 6 个月');
    expect(said(advise(sealed('LEFT_JOB', '2026-06-02')))).toContain('2026年12月2日起');
    // month ends clamp (31 August + 6 months is the end of February)
    expect(said(advise(sealed('LEFT_JOB', '2026-08-31')))).toContain('2027年2月28日起');
  });

  it('takes the months for 离职提取 from the policy', () => {
    const policy = Policy.parse({ ...DEFAULT_POLICY, service: { ...DEFAULT_POLICY.service, leaveJobSealedMonths: 3 } });
    expect(said(advise(sealed('LEFT_JOB', '2026-08-20'), [], policy))).toContain('已封存满 3 个月');
  });

  it('sends a member whose employer stopped paying to the employer', () => {
    const advice = advise(sealed('EMPLOYER', '2026-10-01'));
    expect(advice.situation).toBe('EMPLOYER_STOPPED');
    expect(said(advice)).toContain('问单位人事或财务');
    expect(said(advice)).not.toMatch(/离退休|离职提取/);
  });

  it('covers both the new employer and retirement when the reason was not recorded', () => {
    const advice = advise(sealed());
    expect(advice.situation).toBe('SEALED');
    expect(said(advice)).toContain('新单位');
    expect(said(advice)).toContain('离退休提取');
    expect(said(advice)).toContain('封存满 6 个月、还没有重新就业的');
  });

  it('says a frozen account cannot withdraw and where to ask, whatever its status', () => {
    expect(advise({ ...normal, frozen: true })).toMatchObject({ situation: 'FROZEN', guideKinds: [] });
    expect(advise({ ...sealed('RETIRED'), frozen: true }).situation).toBe('FROZEN');
    expect(advise({ status: 'CLOSED', frozen: true }).situation).toBe('CLOSED');
  });
});

describe('serviceGuideFor', () => {
  it('is a valid guide with the policy numbers written into the words', () => {
    const guide = ServiceGuide.parse(serviceGuideFor(DEFAULT_POLICY));
    expect(guide.hotline).toBe('12329');
    expect(guide.withdrawals.find((w) => w.kind === 'RENT')!.who).toContain('连续缴存满 3 个月');
    expect(guide.withdrawals.find((w) => w.kind === 'LEAVE_JOB')!.who).toContain('封存满 6 个月');
    expect(JSON.stringify(guide)).not.toMatch(/\{\w+\}/);
    // every type the guide knows is in it, the counter's account-closing ones too (issue 16)
    expect(guide.withdrawals.map((w) => w.kind).sort()).toEqual([...WithdrawalKind.options].sort());
    const policy = Policy.parse({ ...DEFAULT_POLICY, rent: { ...DEFAULT_POLICY.rent, minDepositMonths: 6 } });
    expect(serviceGuideFor(policy).withdrawals.find((w) => w.kind === 'RENT')!.who).toContain('连续缴存满 6 个月');
  });
});
