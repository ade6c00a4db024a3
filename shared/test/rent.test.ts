import { assessRentApplication, bankCardLabel, DEFAULT_POLICY, DomainError, LeaseFacts, rentEligibility, rentLimitFen, rentRefusal, RentWithdrawalRequest, type AccountRecord, type RentSituation } from '../src';

const now = new Date('2026-11-24T08:00:00Z');
const account: AccountRecord = {
  accountNo: '310100200001',
  name: '张明',
  idNumber: '310104199605120035',
  phone: '13800138001',
  bankCard: '6222021001123450012',
  bankCardBoundAt: '2022-07-01T02:00:00.000Z',
  employer: '星河软件科技有限公司',
  openedOn: '2022-07-01',
  status: 'NORMAL',
  frozen: false,
  balanceFen: 8_736_000,
  depositBaseFen: 1_200_000,
  unitRateBasisPoints: 700,
  personalRateBasisPoints: 700,
  paidUpTo: '2026-10',
  continuousMonths: 52,
  version: 52,
};
const situation: RentSituation = { account, loans: [], ownsHome: false, withdrawnThisMonth: false, inFlight: false, month: '2026-11', now };
const lease = { address: '上海市徐汇区漕溪北路 88 弄 3 号', landlordName: '房东甲', landlordAccount: '6222000011112222', monthlyRentFen: 300_000 };
const request = { month: '2026-11', amountFen: 150_000, lease, bankCard: account.bankCard! };
const quiet = { otherMembersOnLease: 0, otherMembersOnLandlordAccount: 0, monthsAtCapInARow: 0 };

describe('how much a member may withdraw for rent this month', () => {
  it('is the city cap by default', () => {
    expect(rentLimitFen(account, DEFAULT_POLICY, lease)).toBe(150_000);
  });
  it('is at most the rent of a registered lease', () => {
    expect(rentLimitFen(account, DEFAULT_POLICY, { monthlyRentFen: 120_000, registeredContractNo: 'BA-2026-001' })).toBe(120_000);
  });
  it('is the actual rent, above the cap, for a family with two or more minor children (据实提取)', () => {
    expect(rentLimitFen({ ...account, minorChildren: 2 }, DEFAULT_POLICY, lease)).toBe(300_000);
    expect(rentLimitFen({ ...account, minorChildren: 1 }, DEFAULT_POLICY, lease)).toBe(150_000);
  });
  it("is at most the member's own lower limit, and leaves the retained minimum in the account", () => {
    expect(rentLimitFen({ ...account, personalMonthlyLimitFen: 50_000 }, DEFAULT_POLICY, lease)).toBe(50_000);
    expect(rentLimitFen({ ...account, balanceFen: 41_000 }, DEFAULT_POLICY, lease)).toBe(40_000);
    expect(rentLimitFen({ ...account, balanceFen: 500 }, DEFAULT_POLICY, lease)).toBe(0);
  });
});

describe('eligibility shown before the form', () => {
  it('lists every rule as met for the renter and offers the cap', () => {
    const result = rentEligibility(situation, DEFAULT_POLICY);
    expect(result).toMatchObject({ eligible: true, maxAmountFen: 150_000, month: '2026-11' });
    expect(result.checks.every((check) => check.ok)).toBe(true);
  });
  it('says a paid withdrawal this month as what happened, with its amount and when to come back', () => {
    const result = rentEligibility({ ...situation, withdrawnThisMonth: true, withdrawnThisMonthFen: 150_000 }, DEFAULT_POLICY);
    expect(result.eligible).toBe(false);
    expect(result.checks.filter((check) => !check.ok)).toEqual([
      { code: 'ALREADY_WITHDRAWN_THIS_MONTH', ok: false, message: '本月已提取 ¥1,500.00，下月 1 日起可再申请' },
    ]);
    // when the amount cannot be read, the rule is still said in words
    const unknown = rentEligibility({ ...situation, withdrawnThisMonth: true }, DEFAULT_POLICY);
    expect(unknown.checks.find((check) => !check.ok)?.message).toContain('下个月 1 日起可以再申请');
  });
  it('says which rule fails, in words', () => {
    const result = rentEligibility({ ...situation, account: { ...account, continuousMonths: 2 } }, DEFAULT_POLICY);
    expect(result.eligible).toBe(false);
    expect(result.checks.find((check) => !check.ok)).toMatchObject({ code: 'DEPOSIT_MONTHS_SHORT', message: expect.stringContaining('连续') });
  });
});

describe('assessing an application', () => {
  it('accepts a clean application with no flags (秒办)', () => {
    expect(assessRentApplication(situation, request, quiet, DEFAULT_POLICY)).toEqual({ ok: true, flags: [], bankCard: account.bankCard });
  });

  it('pays the card on file when the member chooses it instead of typing it', () => {
    const { bankCard: _typed, ...rest } = request;
    expect(assessRentApplication(situation, { ...rest, useCardOnFile: true }, quiet, DEFAULT_POLICY)).toEqual({ ok: true, flags: [], bankCard: account.bankCard });
    // a member with no card on file has nothing to choose
    expect(assessRentApplication({ ...situation, account: { ...account, bankCard: undefined } }, { ...rest, useCardOnFile: true }, quiet, DEFAULT_POLICY)).toEqual({
      ok: false,
      code: 'BANK_CARD_NOT_ON_FILE',
      field: 'bankCard',
    });
  });

  it('names the field a refusal is about, so the form marks it', () => {
    const refusal = rentRefusal({ code: 'BANK_CARD_NOT_ON_FILE', field: 'bankCard' });
    expect(refusal).toBeInstanceOf(DomainError);
    expect(refusal.details).toEqual([{ path: 'bankCard', message: refusal.message }]);
    expect(rentRefusal({ code: 'OWNS_HOME' }).details).toBeUndefined();
  });

  it.each([
    ['a frozen account', { ...situation, account: { ...account, frozen: true } }, request, 'ACCOUNT_NOT_ACTIVE'],
    ['a home owner', { ...situation, ownsHome: true }, request, 'OWNS_HOME'],
    ['an outstanding loan', { ...situation, loans: [{ contractNo: 'X', accountNo: account.accountNo, amountFen: 1, startDate: '2020-01-01', status: 'OUTSTANDING' as const, propertyAddress: 'x' }] }, request, 'HAS_ACTIVE_LOAN'],
    ['a second withdrawal this month', { ...situation, withdrawnThisMonth: true }, request, 'ALREADY_WITHDRAWN_THIS_MONTH'],
    ['an application still open', { ...situation, inFlight: true }, request, 'APPLICATION_IN_FLIGHT'],
    ['another month', situation, { ...request, month: '2026-10' }, 'WRONG_MONTH'],
    ['a card not on file', situation, { ...request, bankCard: '6222000000000000' }, 'BANK_CARD_NOT_ON_FILE'],
    ['a card bound an hour ago', { ...situation, account: { ...account, bankCardBoundAt: '2026-11-24T07:00:00Z' } }, request, 'BANK_CARD_COOLING_OFF'],
    ['more than the cap', situation, { ...request, amountFen: 150_001 }, 'OVER_MONTHLY_LIMIT'],
    ['more than the balance allows', { ...situation, account: { ...account, balanceFen: 150_000 } }, request, 'INSUFFICIENT_BALANCE'],
    ['a locked account', { ...situation, account: { ...account, withdrawalLocked: true } }, request, 'WITHDRAWAL_LOCKED'],
  ])('refuses %s', (_what, s, r, code) => {
    expect(assessRentApplication(s, r, quiet, DEFAULT_POLICY)).toMatchObject({ ok: false, code });
  });

  it('flags a fake-lease ring, a shared landlord account, a new card, an unanswered registry and a cap streak', () => {
    const result = assessRentApplication(
      { ...situation, ownsHome: 'unknown', account: { ...account, bankCardBoundAt: '2026-11-22T08:00:00Z' } },
      request,
      { otherMembersOnLease: 2, otherMembersOnLandlordAccount: 3, monthsAtCapInARow: 3 },
      DEFAULT_POLICY,
    );
    expect(result.ok && result.flags.map((flag) => flag.code)).toEqual([
      'REGISTRY_UNAVAILABLE',
      'SHARED_LEASE',
      'SHARED_LANDLORD_ACCOUNT',
      'NEW_BANK_CARD',
      'CAP_STREAK',
    ]);
  });

  it('does not flag one other member on the same lease (two flatmates)', () => {
    expect(assessRentApplication(situation, request, { ...quiet, otherMembersOnLease: 1 }, DEFAULT_POLICY)).toMatchObject({ ok: true, flags: [] });
  });
});

describe('the rent form as the server reads it', () => {
  it('takes a registered contract number with Chinese characters (沪租2026-001)', () => {
    expect(LeaseFacts.safeParse({ ...lease, registeredContractNo: '沪租2026-001' }).success).toBe(true);
    expect(LeaseFacts.safeParse({ ...lease, registeredContractNo: '沪租 2026/001' }).success).toBe(false);
  });

  it('wants the card on file chosen or one card typed, not both or neither', () => {
    const { bankCard: _typed, ...rest } = request;
    expect(RentWithdrawalRequest.safeParse({ ...rest, useCardOnFile: true }).success).toBe(true);
    expect(RentWithdrawalRequest.safeParse(request).success).toBe(true);
    const neither = RentWithdrawalRequest.safeParse(rest);
    expect(neither.success).toBe(false);
    expect(neither.error?.issues[0]).toMatchObject({ path: ['bankCard'], message: expect.stringContaining('银行卡') });
    expect(RentWithdrawalRequest.safeParse({ ...request, useCardOnFile: true }).success).toBe(false);
  });

  it('names the card on file by bank and tail, never more digits', () => {
    expect(bankCardLabel('6222021001123450012')).toBe('工商银行 尾号 0012');
    expect(bankCardLabel('9999991001123450012')).toBe('尾号 0012');
  });
});
