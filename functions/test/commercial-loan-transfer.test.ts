/**
 * 商贷自动划转 on DynamoDB Local and the bank simulator: a member signs (face check) for a mortgage
 * at a cooperating bank; the monthly job asks the bank the instalment due and, run twice at once,
 * makes one transfer through the payout pipeline (one debit, one payment at the bank, the ledger
 * whole); a shortfall; a bank refusal (money back, the member told what to pay, tried again on a
 * later day, within the month's tries); a loan that is not the member's, and one the bank does
 * not know, pay nothing; the bank not answering decides nothing; the rent rule holds.
 */
import { chinaDate, DEFAULT_POLICY, type Policy } from '@hpf/shared';
import { accountLedger } from '../src/adapters/accounts-repository';
import { httpLoanBank } from '../src/adapters/bank-client';
import { readCommercialRun, signAgreement } from '../src/adapters/loans-repository';
import { getApplication, listApplications, type Application } from '../src/adapters/withdrawals-repository';
import { idNumber } from '../src/dev/demo-members';
import { checkAccountLedger } from '../src/ledger/consistency';
import { mine, sign } from '../src/loans/member';
import { loanRepaymentStep, runLoanRepaymentJob } from '../src/loans/repayment-job';
import { config } from '../src/platform/config';
import { keys } from '../src/platform/keys';
import { arrivalOf } from '../src/reminders/notifier';
import { handler as rentEligibility } from '../src/withdrawals/eligibility';
import { passFaceCheck } from '../../test-support/face';
import { invoke } from '../../test-support/http';
import { approvedApplication, usePayouts } from '../../test-support/payouts';
import { memberSession } from '../../test-support/session';
import { useExternalSimulators } from '../../test-support/simulators';
import { streamInsert, streamModify } from '../../test-support/stream-records';
import { openedAccount } from '../../test-support/opened-account';
import { useTestTable } from '../../test-support/table';

jest.setTimeout(120_000);
const table = useTestTable({ seed: true });
const simulators = useExternalSimulators();
const payouts = usePayouts(() => table.name, () => simulators.bank);
const ZHANG = '310100200001';
const MONTHLY = 523_456;
const MINIMUM = DEFAULT_POLICY.loan.retainedMinimumFen;
const month = chinaDate(new Date()).slice(0, 7);
/** A day of this month (China), 10:00 — the job's clock; the bank dates what it pays by the real one. */
const day = (n: number) => new Date(`${month}-${String(n).padStart(2, '0')}T02:00:00.000Z`);
const deps = (loan: Partial<Policy['loan']> = {}) => ({ tableName: table.name, policy: { ...DEFAULT_POLICY, loan: { ...DEFAULT_POLICY.loan, ...loan } }, bank: httpLoanBank(config().bank()) });
const ledgerOf = async (accountNo: string) => (await accountLedger(table.name, accountNo))!;
const transfers = async (accountNo: string) => (await listApplications(table.name, accountNo, { limit: 50 })).applications.filter((a) => a.kind === 'LOAN_TRANSFER');
const repaymentAccount = (accountNo: string) => `9558${accountNo}`;
const paidAtBank = (accountNo: string) => [...simulators.bank.payouts.values()].filter((p) => p.cardNo === repaymentAccount(accountNo) && p.status === 'PAID');

let serial = 60;
/** A member of our own with `openingFen`, a mortgage at 工商银行 (the bank's borrower is `borrowerIdNumber`, theirs by default) and the agreement for it. */
async function borrower(openingFen: number, options: { borrowerIdNumber?: string; atBank?: boolean; sign?: boolean } = {}) {
  serial += 1;
  const accountNo = `3101009200${serial}`;
  const contractNo = `SDTEST${serial}`;
  const template = table.members.find((m) => m.account.accountNo === ZHANG)!.account;
  const account = await openedAccount(table.name, template, { accountNo, idNumber: idNumber(`31010119850101${String(serial).padStart(3, '0')}`), name: `商贷${serial}` }, { fen: openingFen, dropOpenid: true });
  if (options.atBank !== false) {
    simulators.bank.addLoan({ bankCode: 'ICBC', contractNo, borrowerName: account.name, borrowerIdNumber: options.borrowerIdNumber ?? account.idNumber, repaymentAccount: repaymentAccount(accountNo), monthlyFen: MONTHLY, dueDay: 20 });
  }
  const signNow = () => signAgreement(table.name, { accountNo, target: 'COMMERCIAL', bankCode: 'ICBC', contractNo, status: 'ACTIVE', signedAt: new Date().toISOString(), firstMonth: month }, []);
  if (options.sign !== false) await expect(signNow()).resolves.toBe('signed');
  return { accountNo, contractNo, account, signNow };
}

/** The payout worker on the month's open transfer at `at` (the job's day), as the stream would start it; returns the application as it was left. */
async function pay(accountNo: string, at = day(10)): Promise<Application> {
  const [open] = (await transfers(accountNo)).filter((a) => a.status === 'APPROVED');
  expect(open).toBeDefined();
  await payouts.work(open.applicationId, at);
  return (await getApplication(table.name, open.applicationId, true))!;
}

describe('商贷自动划转', () => {
  it('张明 signs for his 工商银行 mortgage with the face step; the job run twice at once transfers once, and he is told', async () => {
    const token = await memberSession('demo-renter', ZHANG);
    const zhang = table.members.find((m) => m.account.accountNo === ZHANG)!.account;
    simulators.bank.addLoan({ bankCode: 'ICBC', contractNo: 'ICBC2024SH0001', borrowerName: zhang.name, borrowerIdNumber: zhang.idNumber, repaymentAccount: repaymentAccount(ZHANG), monthlyFen: MONTHLY, dueDay: 20 });
    const offered = await invoke(mine, { token });
    expect(offered.body).toMatchObject({ canSign: false, canSignCommercial: true, cooperatingBanks: expect.arrayContaining([{ code: 'ICBC', name: '中国工商银行' }]) });

    // a bank that is not a cooperating one is refused in words, and nothing is signed
    const stranger = await invoke(sign, { token, body: { target: 'COMMERCIAL', bankCode: 'HSBC', contractNo: 'ICBC2024SH0001' }, headers: { 'face-check-id': await passFaceCheck(token, 'LOAN_AGREEMENT') } });
    expect(stranger).toMatchObject({ status: 422, body: { error: { code: 'BANK_NOT_COOPERATING', message: expect.stringContaining('还没有和公积金中心合作') } } });
    expect((await invoke(mine, { token })).body.agreement).toBeUndefined();
    const noFace = await invoke(sign, { token, body: { target: 'COMMERCIAL', bankCode: 'ICBC', contractNo: 'ICBC2024SH0001' } });
    expect(noFace).toMatchObject({ status: 403, body: { error: { code: 'FACE_CHECK_REQUIRED' } } });
    const signed = await invoke(sign, { token, body: { target: 'COMMERCIAL', bankCode: 'ICBC', contractNo: 'ICBC2024SH0001' }, headers: { 'face-check-id': await passFaceCheck(token, 'LOAN_AGREEMENT') } });
    expect(signed).toMatchObject({
      status: 200,
      body: { agreement: { target: 'COMMERCIAL', bankName: '中国工商银行', contractNo: 'ICBC2024SH0001', status: 'ACTIVE', text: expect.stringContaining('中国工商银行') }, canSignCommercial: false, canCancel: true },
    });
    // while it pays, no rent withdrawal
    const rent = await invoke(rentEligibility, { token });
    expect(rent.body.checks).toContainEqual(expect.objectContaining({ code: 'REPAYMENT_AGREEMENT_ACTIVE', ok: false }));

    const before = await ledgerOf(ZHANG);
    const [a, b] = await Promise.all([runLoanRepaymentJob(deps(), () => day(10), () => Infinity), runLoanRepaymentJob(deps(), () => day(10), () => Infinity)]);
    expect((a.outcomes.repaid ?? 0) + (b.outcomes.repaid ?? 0)).toBe(1);
    expect(await transfers(ZHANG)).toEqual([expect.objectContaining({ status: 'APPROVED', amountFen: MONTHLY, bankCard: repaymentAccount(ZHANG), loanTransfer: expect.objectContaining({ tries: 1 }) })]);
    // the member's request never waited on the bank: the job asked it; the worker pays
    const paid = await pay(ZHANG);
    expect(paid.status).toBe('PAID');
    expect(paidAtBank(ZHANG)).toEqual([expect.objectContaining({ payoutId: paid.applicationId, amountFen: MONTHLY, timesPaid: 1 })]);
    const after = await ledgerOf(ZHANG);
    expect(after.account.balanceFen).toBe(before.account.balanceFen - MONTHLY);
    const added = after.entries.filter((e) => !before.entries.some((x) => x.entryId === e.entryId));
    expect(added).toEqual([expect.objectContaining({ kind: 'WITHDRAWAL', amountFen: -MONTHLY, description: `商贷自动划转 偿还中国工商银行商业贷款 ${month}（合同 ICBC2024SH0001）` })]);
    expect(checkAccountLedger(after)).toEqual([]);
    expect(await readCommercialRun(table.name, ZHANG, 'ICBC2024SH0001', month)).toMatchObject({ status: 'PAID', tries: 1, fromAccountFen: MONTHLY, shortfallFen: 0, applicationId: paid.applicationId });
    // 已为您偿还商业贷款 ¥5,234.56, from the move to PAID
    const told = arrivalOf(streamModify({ ...paid, sk: `WD#${paid.applicationId}`, status: 'PAYING' }, { ...paid, sk: `WD#${paid.applicationId}` }));
    expect(told).toMatchObject({ kind: 'LOAN_TRANSFER', amountFen: MONTHLY, page: `pages/loans/index?transfer=${paid.applicationId}`, detail: '中国工商银行' });
    // the rest of the month: nothing more, and the bank says the instalment is paid
    await expect(loanRepaymentStep(deps(), ZHANG, day(11))).resolves.toBe('already');
    expect(await transfers(ZHANG)).toHaveLength(1);
    const page = await invoke(mine, { token });
    expect(page.body.agreement.thisMonthText).toBe('本月已从公积金账户划转 ¥5,234.56，还清了本月应还。');
  });

  it('a shortfall: the account pays down to its retained minimum and the member is told the rest the same day', async () => {
    const part = await borrower(MINIMUM + 200_000);
    await expect(loanRepaymentStep(deps(), part.accountNo, day(10))).resolves.toBe('shortfall');
    const run = (await readCommercialRun(table.name, part.accountNo, part.contractNo, month))!;
    expect(run).toMatchObject({ status: 'SENT', fromAccountFen: 200_000, shortfallFen: MONTHLY - 200_000, balanceAfterFen: MINIMUM });
    const told = arrivalOf(streamInsert({ ...keys.loanRepaymentRun(part.accountNo, part.contractNo, month), ...run }));
    expect(told).toMatchObject({ kind: 'LOAN_SHORTFALL', amountFen: MONTHLY - 200_000, page: 'pages/loans/index' });
    expect((await pay(part.accountNo)).status).toBe('PAID');
    expect((await ledgerOf(part.accountNo)).account.balanceFen).toBe(MINIMUM);
    const page = await invoke(mine, { token: await memberSession(`sd-${part.accountNo}`, part.accountNo) });
    expect(page.body.agreement.thisMonthText).toBe(`本月已划转 ¥2,000.00，还差 ¥3,234.56，请在${Number(month.slice(5))}月20日前自己存入还款账户。`);

    // an account with nothing above its minimum: no transfer, only the notice
    const empty = await borrower(MINIMUM);
    await expect(loanRepaymentStep(deps(), empty.accountNo, day(10))).resolves.toBe('shortfall');
    expect(await transfers(empty.accountNo)).toEqual([]);
    expect(await readCommercialRun(table.name, empty.accountNo, empty.contractNo, month)).toMatchObject({ status: 'SHORT', fromAccountFen: 0, shortfallFen: MONTHLY });
  });

  it('a bank refusal: the money comes back, the member is told what to pay, and a later day tries again', async () => {
    const { accountNo, contractNo, account } = await borrower(2_000_000);
    simulators.bank.addLoan({ bankCode: 'ICBC', contractNo, borrowerName: account.name, borrowerIdNumber: account.idNumber, repaymentAccount: repaymentAccount(accountNo), monthlyFen: MONTHLY, dueDay: 20, closed: true });
    await expect(loanRepaymentStep(deps(), accountNo, day(10))).resolves.toBe('repaid');
    const refused = await pay(accountNo);
    expect(refused.status).toBe('PAYOUT_FAILED');
    expect(refused.payoutFailure).toBe(`这次没能把钱转到您的商贷还款账户（商业贷款的还款账户已关闭），钱已退回公积金账户。明天会再划转一次；为免逾期，请在${Number(month.slice(5))}月20日前自己存入 ¥5,234.56。`);
    const ledger = await ledgerOf(accountNo);
    expect(ledger.account.balanceFen).toBe(2_000_000);
    expect(ledger.entries.map((e) => [e.kind, e.amountFen])).toEqual([['OPENING', 2_000_000], ['WITHDRAWAL', -MONTHLY], ['REVERSAL', MONTHLY]]);
    expect(checkAccountLedger(ledger)).toEqual([]);
    expect(await readCommercialRun(table.name, accountNo, contractNo, month)).toMatchObject({ status: 'REFUSED', tries: 1, reason: '商业贷款的还款账户已关闭' });
    const told = arrivalOf(streamModify({ ...refused, sk: `WD#${refused.applicationId}`, status: 'PAYING' }, { ...refused, sk: `WD#${refused.applicationId}` }));
    expect(told).toMatchObject({ kind: 'LOAN_SHORTFALL', amountFen: MONTHLY, page: `pages/loans/index?refused=${refused.applicationId}` });
    const page = await invoke(mine, { token: await memberSession(`sd-${accountNo}`, accountNo) });
    expect(page.body.agreement.thisMonthText).toContain('本月划转没有成功（商业贷款的还款账户已关闭）');

    // the same day: not again; the next day, with the bank's account open again: paid, once
    await expect(loanRepaymentStep(deps(), accountNo, day(10))).resolves.toBe('already');
    simulators.bank.addLoan({ bankCode: 'ICBC', contractNo, borrowerName: account.name, borrowerIdNumber: account.idNumber, repaymentAccount: repaymentAccount(accountNo), monthlyFen: MONTHLY, dueDay: 20 });
    const [first, second] = await Promise.all([loanRepaymentStep(deps(), accountNo, day(11)), loanRepaymentStep(deps(), accountNo, day(11))]);
    expect([first, second].sort()).toEqual(['already', 'repaid']);
    expect((await pay(accountNo, day(11))).status).toBe('PAID');
    expect(paidAtBank(accountNo)).toHaveLength(1);
    expect(await readCommercialRun(table.name, accountNo, contractNo, month)).toMatchObject({ status: 'PAID', tries: 2 });
    expect((await ledgerOf(accountNo)).account.balanceFen).toBe(2_000_000 - MONTHLY);
    expect(checkAccountLedger(await ledgerOf(accountNo))).toEqual([]);
  });

  it('the month’s tries are the policy’s: after the last refusal nothing more is sent that month', async () => {
    const { accountNo, contractNo, account } = await borrower(2_000_000);
    simulators.bank.addLoan({ bankCode: 'ICBC', contractNo, borrowerName: account.name, borrowerIdNumber: account.idNumber, repaymentAccount: repaymentAccount(accountNo), monthlyFen: MONTHLY, dueDay: 20, closed: true });
    const twice = deps({ commercialTriesPerMonth: 2 });
    await expect(loanRepaymentStep(twice, accountNo, day(10))).resolves.toBe('repaid');
    expect((await pay(accountNo)).status).toBe('PAYOUT_FAILED');
    await expect(loanRepaymentStep(twice, accountNo, day(11))).resolves.toBe('repaid');
    const last = await pay(accountNo, day(11));
    expect(last.status).toBe('PAYOUT_FAILED');
    expect(last.payoutFailure).toContain('本月不再划转');
    await expect(loanRepaymentStep(twice, accountNo, day(12))).resolves.toBe('already');
    expect(await transfers(accountNo)).toHaveLength(2);
    expect((await ledgerOf(accountNo)).account.balanceFen).toBe(2_000_000);
  });

  it('a loan whose borrower is someone else, or that the bank does not know, is never paid; a bank that does not answer decides nothing', async () => {
    const other = await borrower(2_000_000, { borrowerIdNumber: idNumber('31010119700101123') });
    await expect(loanRepaymentStep(deps(), other.accountNo, day(10))).resolves.toBe('shortfall');
    expect(await transfers(other.accountNo)).toEqual([]);
    expect((await ledgerOf(other.accountNo)).account.balanceFen).toBe(2_000_000);
    const run = (await readCommercialRun(table.name, other.accountNo, other.contractNo, month))!;
    expect(run).toMatchObject({ status: 'NOT_THEIRS', fromAccountFen: 0, shortfallFen: MONTHLY });
    expect(arrivalOf(streamInsert({ ...keys.loanRepaymentRun(other.accountNo, other.contractNo, month), ...run }))).toMatchObject({ kind: 'LOAN_SHORTFALL', amountFen: MONTHLY });
    const page = await invoke(mine, { token: await memberSession(`sd-${other.accountNo}`, other.accountNo) });
    expect(page.body.agreement.thisMonthText).toContain('借款人不是您本人');
    await expect(loanRepaymentStep(deps(), other.accountNo, day(11))).resolves.toBe('already');

    const unknown = await borrower(2_000_000, { atBank: false });
    await expect(loanRepaymentStep(deps(), unknown.accountNo, day(10))).resolves.toBe('shortfall');
    expect(await readCommercialRun(table.name, unknown.accountNo, unknown.contractNo, month)).toMatchObject({ status: 'NOT_FOUND' });
    expect((await invoke(mine, { token: await memberSession(`sd-${unknown.accountNo}`, unknown.accountNo) })).body.agreement.thisMonthText).toContain('银行没有查到这笔商业贷款');
    expect(await transfers(unknown.accountNo)).toEqual([]);

    const waiting = await borrower(2_000_000);
    simulators.bank.setMode('error-500');
    try {
      await expect(loanRepaymentStep(deps(), waiting.accountNo, day(10))).resolves.toBe('failed');
    } finally {
      simulators.bank.setMode('succeed');
    }
    expect(await readCommercialRun(table.name, waiting.accountNo, waiting.contractNo, month)).toBeUndefined();
    await expect(loanRepaymentStep(deps(), waiting.accountNo, day(10))).resolves.toBe('repaid');
  });

  it('the rent rule holds at the debit too: a rent withdrawal accepted before the agreement was signed is refused, and no money moves', async () => {
    const { accountNo, account, signNow } = await borrower(2_000_000, { sign: false });
    const rent = await approvedApplication(table.name, { accountNo, name: account.name }, { amountFen: 100_000, month, bankCard: account.bankCard });
    await expect(signNow()).resolves.toBe('signed');
    await payouts.work(rent.applicationId);
    const after = (await getApplication(table.name, rent.applicationId, true))!;
    expect(after).toMatchObject({ status: 'REJECTED', rejectionReason: expect.stringContaining('签约期间不能办理租房提取') });
    expect((await ledgerOf(accountNo)).entries.map((e) => e.kind)).toEqual(['OPENING']);
  });
});
