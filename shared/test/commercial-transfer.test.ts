/** 商贷自动划转's rules: what a month transfers, whose loan it may repay, and the month run's moves. */
import { commercialRefusedText, commercialRunMayMove, commercialTransfer, DEFAULT_LOAN_POLICY, type CommercialInstalment, type RepaymentAgreement } from '../src';

const ID = '310101198501010017';
const agreement: RepaymentAgreement = { accountNo: '310100920001', target: 'COMMERCIAL', bankCode: 'ICBC', contractNo: 'SD0001', status: 'ACTIVE', signedAt: '2026-11-03T02:00:00.000Z', firstMonth: '2026-11' };
const instalment: CommercialInstalment = { contractNo: 'SD0001', month: '2026-12', dueFen: 523_456, paidFen: 0, dueDate: '2026-12-20', borrowerName: '商贷', borrowerIdNumber: ID, repaymentAccount: '9558310100920001' };
const plan = (over: Partial<Parameters<typeof commercialTransfer>[0]> = {}) =>
  commercialTransfer({ agreement, instalment, member: { idNumber: ID }, balanceFen: 10_000_000, policy: DEFAULT_LOAN_POLICY, today: '2026-12-10', run: undefined, ...over });

describe('commercialTransfer', () => {
  it('sends what is still due, down to the retained minimum, and says the rest', () => {
    expect(plan()).toEqual({ kind: 'SEND', from: null, tries: 1, dueFen: 523_456, fromAccountFen: 523_456, shortfallFen: 0, dueDate: '2026-12-20' });
    // the member paid ¥2,000 at the bank already: only the rest
    expect(plan({ instalment: { ...instalment, paidFen: 200_000 } })).toMatchObject({ kind: 'SEND', dueFen: 323_456, fromAccountFen: 323_456 });
    // ¥2,010.00 in the account, ¥10.00 kept: ¥2,000.00 sent, ¥3,234.56 the member's
    expect(plan({ balanceFen: 201_000 })).toMatchObject({ kind: 'SEND', fromAccountFen: 200_000, shortfallFen: 323_456 });
    expect(plan({ balanceFen: 1_000 })).toEqual({ kind: 'SHORT', dueFen: 523_456, shortfallFen: 523_456, dueDate: '2026-12-20' });
    expect(plan({ instalment: { ...instalment, paidFen: 523_456 } })).toEqual({ kind: 'SKIP', reason: 'NOTHING_DUE' });
  });

  it('never repays someone else’s loan (the ID number, letter case aside), nor without a commercial agreement covering the month', () => {
    expect(plan({ instalment: { ...instalment, borrowerIdNumber: '310101197001011234' } })).toEqual({ kind: 'NOT_THEIRS', dueFen: 523_456, dueDate: '2026-12-20' });
    expect(plan({ member: { idNumber: '11010119900101001x' }, instalment: { ...instalment, borrowerIdNumber: '11010119900101001X' } })).toMatchObject({ kind: 'SEND' });
    expect(plan({ agreement: { ...agreement, target: 'HPF_LOAN' } })).toEqual({ kind: 'SKIP', reason: 'NO_AGREEMENT' });
    expect(plan({ agreement: { ...agreement, contractNo: 'SD0002' } })).toEqual({ kind: 'SKIP', reason: 'NO_AGREEMENT' });
    expect(plan({ agreement: { ...agreement, status: 'CANCELLED', lastMonth: '2026-11' } })).toEqual({ kind: 'SKIP', reason: 'NO_AGREEMENT' });
    expect(plan({ agreement: undefined })).toEqual({ kind: 'SKIP', reason: 'NO_AGREEMENT' });
  });

  it('runs a month once; a refused one again on a later day, while the tries last', () => {
    expect(plan({ run: { status: 'SENT', tries: 1, updatedOn: '2026-12-09' } })).toEqual({ kind: 'SKIP', reason: 'ALREADY_RUN' });
    expect(plan({ run: { status: 'PAID', tries: 1, updatedOn: '2026-12-09' } })).toEqual({ kind: 'SKIP', reason: 'ALREADY_RUN' });
    expect(plan({ run: { status: 'REFUSED', tries: 1, updatedOn: '2026-12-10' } })).toEqual({ kind: 'SKIP', reason: 'REFUSED_TODAY' });
    expect(plan({ run: { status: 'REFUSED', tries: 1, updatedOn: '2026-12-09' } })).toMatchObject({ kind: 'SEND', from: 'REFUSED', tries: 2 });
    expect(plan({ run: { status: 'REFUSED', tries: DEFAULT_LOAN_POLICY.commercialTriesPerMonth, updatedOn: '2026-12-09' } })).toEqual({ kind: 'SKIP', reason: 'TRIES_USED' });
    // a retry that finds nothing to send leaves the refusal (already told) as it is
    expect(plan({ balanceFen: 0, run: { status: 'REFUSED', tries: 1, updatedOn: '2026-12-09' } })).toEqual({ kind: 'SKIP', reason: 'ALREADY_RUN' });
  });

  it('declares the month run’s moves, and no others', () => {
    expect(commercialRunMayMove(null, 'SENT')).toBe(true);
    expect(commercialRunMayMove('SENT', 'PAID')).toBe(true);
    expect(commercialRunMayMove('SENT', 'REFUSED')).toBe(true);
    expect(commercialRunMayMove('REFUSED', 'SENT')).toBe(true);
    expect(commercialRunMayMove('PAID', 'SENT')).toBe(false);
    expect(commercialRunMayMove('PAID', 'REFUSED')).toBe(false);
    expect(commercialRunMayMove('SHORT', 'SENT')).toBe(false);
    expect(commercialRunMayMove('NOT_THEIRS', 'SENT')).toBe(false);
  });

  it('tells a refusal in words: where the money is, what to pay by when, whether it is tried again', () => {
    expect(commercialRefusedText({ reason: '商业贷款的还款账户已关闭', amountFen: 200_000, shortfallFen: 323_456, dueDate: '2026-12-20', triesLeft: 1 })).toBe(
      '这次没能把钱转到您的商贷还款账户（商业贷款的还款账户已关闭），钱已退回公积金账户。明天会再划转一次；为免逾期，请在12月20日前自己存入 ¥5,234.56。',
    );
    expect(commercialRefusedText({ reason: '银行退回', amountFen: 100, shortfallFen: 0, dueDate: '2026-12-20', triesLeft: 0 })).toContain('本月不再划转');
  });
});
