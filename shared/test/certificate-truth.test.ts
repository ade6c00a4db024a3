import { checkResultAt, factChanges, offerableCertificates, readerFacts, wholeValuesFor, type CertificateRecord } from '../src';

const facts = {
  holderName: '张明',
  idNumberMasked: '3101**********003X',
  accountState: 'NORMAL' as const,
  paidUpTo: '2026-10',
  balanceFen: 500_000,
  hasOutstandingLoan: false,
};
const account = { status: 'NORMAL' as const, frozen: false, paidUpTo: '2026-10', balanceFen: 500_000 };

describe('factChanges: what a reader relies on that no longer holds', () => {
  it('is empty while the records still say what the certificate says', () => {
    expect(factChanges({ type: 'DEPOSIT', facts }, account, [])).toEqual([]);
  });

  it('names each changed fact in plain words', () => {
    const moved = { status: 'SEALED' as const, frozen: false, paidUpTo: '2026-11', balanceFen: 668_000 };
    expect(factChanges({ type: 'DEPOSIT', facts }, moved, [{ contractNo: 'L1', status: 'OUTSTANDING' }])).toEqual([
      { code: 'ACCOUNT_STATE', label: '开具后账户已封存' },
      { code: 'PAID_UP_TO', label: '开具后缴至年月已变为2026年11月' },
      { code: 'BALANCE', label: '开具后账户余额已变化' },
      { code: 'LOAN', label: '开具后已有未还清的公积金贷款' },
    ]);
  });

  it('does not hold a 异地贷款 certificate to its balance (only a 缴存证明 certifies it as the point)', () => {
    expect(factChanges({ type: 'LOAN_USE', facts }, { ...account, balanceFen: 1 }, [])).toEqual([]);
  });

  it('holds a 结清证明 to its loan staying paid off, nothing else', () => {
    const payoff = { holderName: '赵丽', idNumberMasked: 'x', loanContractNo: 'L1' };
    expect(factChanges({ type: 'PAYOFF', facts: payoff }, { ...account, status: 'SEALED' }, [{ contractNo: 'L1', status: 'PAID_OFF' }])).toEqual([]);
    expect(factChanges({ type: 'PAYOFF', facts: payoff }, account, [{ contractNo: 'L1', status: 'OUTSTANDING' }])).toHaveLength(1);
  });
});

describe('checkResultAt: a recorded check judged from the certificate as it is now', () => {
  const record: Pick<CertificateRecord, 'type' | 'revokedAt' | 'expiresAt' | 'changedAt'> = {
    type: 'DEPOSIT',
    expiresAt: '2026-12-30T00:00:00.000Z',
    changedAt: '2026-12-05T00:00:00.000Z',
    revokedAt: '2026-12-10T00:00:00.000Z',
  };
  const at = (checkedAt: string, extra = {}) => checkResultAt({ checkedAt, claimedType: 'DEPOSIT', codeExpired: false, ...extra }, record);
  it('tells the checks before a change, after it, after revocation, and of an old code apart', () => {
    expect(at('2026-12-01T00:00:00.000Z')).toBe('valid');
    expect(at('2026-12-06T00:00:00.000Z')).toBe('changed');
    expect(at('2026-12-11T00:00:00.000Z')).toBe('revoked');
    expect(at('2026-12-01T00:00:00.000Z', { codeExpired: true })).toBe('expired');
    expect(at('2026-12-01T00:00:00.000Z', { claimedType: 'PAYOFF' })).toBe('invalid');
    expect(checkResultAt({ checkedAt: '2026-12-01T00:00:00.000Z', claimedType: 'DEPOSIT', codeExpired: false }, undefined)).toBe('invalid');
  });
});

describe('readerFacts: each reader sees what their work needs', () => {
  const payoff = {
    type: 'PAYOFF' as const,
    facts: { holderName: '赵丽', idNumberMasked: '3101**********0062', loanContractNo: 'GJJ2016310100452', loanAmountFen: 1, propertyAddressMasked: '上海市浦东新区******' },
    holderIdNumber: '310115198007160062',
    propertyAddress: '上海市浦东新区锦绣路100弄5号1201室',
  };
  it('the counter clerk: whole ID and address; the auditor: neither', () => {
    expect(readerFacts({ kind: 'staff', roles: ['ACCOUNT_CLERK'] }, payoff)).toMatchObject({
      view: 'staff',
      disclosed: ['idNumber', 'propertyAddress'],
      facts: { idNumber: payoff.holderIdNumber, propertyAddress: payoff.propertyAddress },
    });
    const auditor = readerFacts({ kind: 'staff', roles: ['AUDITOR'] }, payoff);
    expect(auditor.disclosed).toEqual([]);
    expect(auditor.facts.idNumber).toBeUndefined();
  });

  it('an agency: the whole facts of its types (a bank the address, never the ID); the public view of others', () => {
    const bank = readerFacts({ kind: 'agency', certificateTypes: ['PAYOFF'] }, payoff);
    expect(bank).toMatchObject({ view: 'agency', disclosed: ['propertyAddress'], facts: { loanAmountFen: 1 } });
    expect(bank.facts.idNumber).toBeUndefined();
    const centre = readerFacts({ kind: 'agency', certificateTypes: ['LOAN_USE'] }, payoff);
    expect(centre.view).toBe('public');
    expect(centre.facts.loanAmountFen).toBeUndefined();
    expect(wholeValuesFor({ kind: 'public' }, 'PAYOFF')).toEqual([]);
  });
});

describe('offerableCertificates', () => {
  it('offers a 结清证明 only to someone who had a loan, and says why it waits while one is outstanding', () => {
    expect(offerableCertificates(account, []).map((o) => o.type)).toEqual(['DEPOSIT', 'LOAN_USE']);
    expect(offerableCertificates(account, [{ status: 'OUTSTANDING' }])).toContainEqual({
      type: 'PAYOFF',
      typeLabel: '贷款结清证明',
      available: false,
      reason: '贷款还清后才能开具',
    });
  });
});
