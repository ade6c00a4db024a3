/**
 * 公积金贷款 and 约定提取还贷 on DynamoDB Local: 王强 sees his loan as its schedule says (and only
 * his own); he signs the agreement with a face check; the job run twice at once repays this
 * month's instalment once (one ledger entry, balance = Σ ledger, the hash chain whole) and tells
 * him; a shortfall (partly and wholly) is recorded and told the same day; the rent rule; cancel
 * holds from next month.
 */
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { chinaDate, DEFAULT_POLICY, loanSchedule, principalOwedOn } from '@hpf/shared';
import { accountLedger } from '../src/adapters/accounts-repository';
import { getRepayments, readRun, signAgreement } from '../src/adapters/loans-repository';
import { idNumber } from '../src/dev/demo-members';
import { checkAccountLedger } from '../src/ledger/consistency';
import { cancel, mine, sign } from '../src/loans/member';
import { loanRepaymentStep, runLoanRepaymentJob } from '../src/loans/repayment-job';
import { httpLoanBank } from '../src/adapters/bank-client';
import { config } from '../src/platform/config';
import { dynamo } from '../src/platform/dynamo';
import { keys } from '../src/platform/keys';
import { arrivalOf } from '../src/reminders/notifier';
import { handler as rentEligibility } from '../src/withdrawals/eligibility';
import { passFaceCheck } from '../../test-support/face';
import { invoke } from '../../test-support/http';
import { memberSession } from '../../test-support/session';
import { useExternalSimulators } from '../../test-support/simulators';
import { openedAccount } from '../../test-support/opened-account';
import { useTestTable } from '../../test-support/table';

jest.setTimeout(120_000);
const table = useTestTable({ seed: true });
useExternalSimulators();
const WANG = '310100200003';
const CONTRACT = 'GJJ2020310100887';
const deps = () => ({ tableName: table.name, policy: DEFAULT_POLICY, bank: httpLoanBank(config().bank()) });
const ledgerOf = async (accountNo: string) => (await accountLedger(table.name, accountNo))!;
const wangSchedule = () => loanSchedule({ principalFen: 80_000_000, annualRateBasisPoints: 310, months: 360, method: 'EQUAL_INSTALMENT', startDate: '2020-09-18' });

function streamInsert(item: Record<string, unknown>) {
  const { marshall } = require('@aws-sdk/util-dynamodb');
  return { eventName: 'INSERT', dynamodb: { NewImage: marshall(item, { removeUndefinedValues: true }) } } as never;
}

/** The month `offset` months from `date`'s, on day `day` (YYYY-MM-DD). */
function monthDay(date: string, offset: number, day: number): string {
  const d = new Date(Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1 + offset, day));
  return d.toISOString().slice(0, 10);
}

let serial = 40;
/** A borrower of our own: one OPENING entry of `openingFen`, a ¥120,000 loan over 12 months lent 3 months ago, an agreement. */
async function borrower(openingFen: number): Promise<{ accountNo: string; contractNo: string }> {
  serial += 1;
  const accountNo = `3101009100${serial}`;
  const contractNo = `GJJTEST${serial}`;
  const template = table.members.find((m) => m.account.accountNo === WANG)!.account;
  await openedAccount(table.name, template, { accountNo, idNumber: idNumber(`31010119800101${String(serial).padStart(3, '0')}`), name: `借款${serial}` }, { fen: openingFen, dropOpenid: true });
  const today = chinaDate(new Date());
  await dynamo().send(
    new PutCommand({
      TableName: table.name,
      Item: {
        ...keys.loan(accountNo, contractNo), contractNo, accountNo, amountFen: 12_000_000, startDate: monthDay(today, -3, 10), status: 'OUTSTANDING',
        annualRateBasisPoints: 285, months: 12, method: 'EQUAL_PRINCIPAL', rounding: 'HALF_UP', propertyAddress: '上海市静安区共和新路 100 号',
      },
    }),
  );
  const month = today.slice(0, 7);
  await expect(signAgreement(table.name, { accountNo, target: 'HPF_LOAN', contractNo, status: 'ACTIVE', signedAt: new Date().toISOString(), firstMonth: month }, [])).resolves.toBe('signed');
  return { accountNo, contractNo };
}

describe('我的贷款', () => {
  it('王强 sees the ¥800,000 loan as the schedule code gives it: owed, this month, 360 instalments, his repayments, no overdue', async () => {
    const today = chinaDate(new Date());
    const schedule = wangSchedule();
    const paid = schedule.instalments.filter((i) => i.dueDate < today);
    const current = schedule.instalments.find((i) => i.dueDate.slice(0, 7) === today.slice(0, 7))!;
    const token = await memberSession('demo-loan', WANG);
    const seen = await invoke(mine, { token });
    expect(seen.status).toBe(200);
    const [loan] = seen.body.loans;
    expect(loan).toMatchObject({
      contractNo: CONTRACT, status: 'OUTSTANDING', statusLabel: '还款中', amountFen: 80_000_000, rateText: '3.10%', months: 360, methodLabel: '等额本息',
      outstandingFen: principalOwedOn(schedule, 80_000_000, paid.at(-1)!.dueDate),
      thisMonth: { period: current.period, dueDate: current.dueDate, paymentFen: current.paymentFen, paidFen: 0 },
      overdue: { periods: 0, amountFen: 0 },
      summary: '按时还款，没有逾期。',
      payoffCertificateAvailable: false,
    });
    // 月供 of ¥800,000 over 30 years at 3.10%, worked by the schedule code (the seed types no figure)
    expect(current.paymentFen).toBe(341_613);
    expect(loan.schedule).toHaveLength(360);
    expect(loan.schedule[paid.length - 1]).toMatchObject({ state: 'PAID', stateLabel: '已还' });
    expect(loan.schedule[current.period - 1]).toMatchObject({ state: 'DUE', stateLabel: '本月应还' });
    expect(loan.repayments).toHaveLength(paid.length);
    expect(loan.repayments[0]).toMatchObject({ period: paid.length, howPaid: '本人还款' });
    expect(seen.body).toMatchObject({ canSign: true, canCancel: false, retainedMinimumFen: DEFAULT_POLICY.loan.retainedMinimumFen });

    // 赵丽's is paid off: the 结清证明 is offered; 张明 has none — each sees only their own
    const zhao = await invoke(mine, { token: await memberSession('demo-paidoff', '310100200004') });
    expect(zhao.body.loans).toEqual([expect.objectContaining({ status: 'PAID_OFF', statusLabel: '已结清', outstandingFen: 0, payoffCertificateAvailable: true })]);
    expect(zhao.body.canSign).toBe(false);
    const zhang = await invoke(mine, { token: await memberSession('demo-renter', '310100200001') });
    expect(zhang.body).toMatchObject({ loans: [], canSign: false });
    expect(zhang.text).not.toContain(CONTRACT);
  });
});

describe('约定提取还贷: sign, the monthly job, shortfalls, the rent rule, cancel', () => {
  it('王强 signs with a face check; the job run twice at once repays this month once, the ledger whole, and he is told', async () => {
    const token = await memberSession('demo-loan', WANG);
    const body = { target: 'HPF_LOAN', contractNo: CONTRACT };
    const noFace = await invoke(sign, { token, body });
    expect(noFace).toMatchObject({ status: 403, body: { error: { code: 'FACE_CHECK_REQUIRED' } } });
    const signed = await invoke(sign, { token, body, headers: { 'face-check-id': await passFaceCheck(token, 'LOAN_AGREEMENT') } });
    expect(signed).toMatchObject({ status: 200, body: { agreement: { status: 'ACTIVE', statusLabel: '已签约', contractNo: CONTRACT }, canSign: false, canCancel: true } });
    const twice = await invoke(sign, { token, body, headers: { 'face-check-id': await passFaceCheck(token, 'LOAN_AGREEMENT') } });
    expect(twice).toMatchObject({ status: 409, body: { error: { code: 'AGREEMENT_EXISTS', message: expect.stringContaining('一个账户只能签一份') } } });

    // while it pays, no rent withdrawal: the rule named in words
    const rent = await invoke(rentEligibility, { token });
    expect(rent.body.checks).toContainEqual({ code: 'REPAYMENT_AGREEMENT_ACTIVE', ok: false, message: expect.stringContaining('签约期间不能办理租房提取') });

    const before = await ledgerOf(WANG);
    const today = chinaDate(new Date());
    const current = wangSchedule().instalments.find((i) => i.dueDate.slice(0, 7) === today.slice(0, 7))!;
    const now = new Date();
    const [a, b] = await Promise.all([runLoanRepaymentJob(deps(), () => now, () => Infinity), runLoanRepaymentJob(deps(), () => now, () => Infinity)]);
    expect((a.outcomes.repaid ?? 0) + (b.outcomes.repaid ?? 0)).toBe(1);
    const after = await ledgerOf(WANG);
    expect(after.account.balanceFen).toBe(before.account.balanceFen - current.paymentFen);
    const added = after.entries.filter((e) => !before.entries.some((x) => x.entryId === e.entryId));
    expect(added).toEqual([expect.objectContaining({ kind: 'LOAN_REPAYMENT', amountFen: -current.paymentFen, description: `约定提取 偿还公积金贷款 第${current.period}期（合同 ${CONTRACT}）` })]);
    expect(checkAccountLedger(after)).toEqual([]);
    // the repayment record and the loan's figures moved in the same transaction
    const record = (await getRepayments(table.name, WANG, true)).find((r) => r.period === current.period);
    expect(record).toMatchObject({ fromAccountFen: current.paymentFen, shortfallFen: 0, entryId: added[0].entryId });
    expect(await readRun(table.name, WANG, CONTRACT, today.slice(0, 7))).toMatchObject({ fromAccountFen: current.paymentFen, shortfallFen: 0, entryId: added[0].entryId });
    // the arrival-style message, from the entry's insert
    const arrival = arrivalOf(streamInsert({ ...keys.ledgerEntry(WANG, added[0].entryId), ...added[0] }));
    expect(arrival).toMatchObject({ kind: 'LOAN_REPAYMENT', amountFen: -current.paymentFen });
    // a third run in the month: nothing
    await expect(loanRepaymentStep(deps(), WANG, new Date())).resolves.toBe('already');
    const page = await invoke(mine, { token });
    expect(page.body.loans[0]).toMatchObject({ thisMonth: { paidFen: current.paymentFen, stateLabel: '已还' }, outstandingFen: current.balanceAfterFen });
    expect(page.body.loans[0].repayments[0]).toMatchObject({ period: current.period, howPaid: '公积金账户代还' });
  });

  it('a shortfall: the account pays down to its retained minimum and the member is told the rest; an empty account pays nothing and is told', async () => {
    const minimum = DEFAULT_POLICY.loan.retainedMinimumFen;
    // ¥120,000 over 12 months, 等额本金: 10,000.00 principal + this month's interest
    const part = await borrower(minimum + 300_000);
    await expect(loanRepaymentStep(deps(), part.accountNo, new Date())).resolves.toBe('shortfall');
    const ledger = await ledgerOf(part.accountNo);
    expect(ledger.account.balanceFen).toBe(minimum);
    expect(checkAccountLedger(ledger)).toEqual([]);
    const run = (await readRun(table.name, part.accountNo, part.contractNo, chinaDate(new Date()).slice(0, 7)))!;
    expect(run).toMatchObject({ fromAccountFen: 300_000, balanceAfterFen: minimum });
    expect(run.fromAccountFen + run.shortfallFen).toBe(run.dueFen);
    expect(run.shortfallFen).toBeGreaterThan(700_000);
    const told = arrivalOf(streamInsert({ ...keys.loanRepaymentRun(part.accountNo, part.contractNo, String(run.month)), ...run, createdAt: new Date().toISOString() }));
    expect(told).toMatchObject({ kind: 'LOAN_SHORTFALL', amountFen: run.shortfallFen, balanceFen: minimum, page: 'pages/loans/index' });
    await expect(loanRepaymentStep(deps(), part.accountNo, new Date())).resolves.toBe('already');
    const partPage = await invoke(mine, { token: await memberSession(`borrower-${part.accountNo}`, part.accountNo) });
    expect(partPage.body.loans[0].thisMonth).toMatchObject({ paidFen: 300_000, shortfallText: expect.stringContaining(`公积金账户已代还 ¥3,000.00，还差`) });

    const empty = await borrower(minimum - 1);
    await expect(loanRepaymentStep(deps(), empty.accountNo, new Date())).resolves.toBe('shortfall');
    expect((await ledgerOf(empty.accountNo)).entries).toHaveLength(1);
    const emptyRun = (await readRun(table.name, empty.accountNo, empty.contractNo, chinaDate(new Date()).slice(0, 7)))!;
    expect(emptyRun).toMatchObject({ fromAccountFen: 0, shortfallFen: emptyRun.dueFen });
    const page = await invoke(mine, { token: await memberSession(`borrower-${empty.accountNo}`, empty.accountNo) });
    expect(page.body.loans[0].repayments[0].howPaid).toContain('公积金账户余额不足');
  });

  it('cancel: this month still pays, from next month the job does not', async () => {
    const { accountNo } = await borrower(10_000_000);
    const token = await memberSession(`borrower-${accountNo}`, accountNo);
    const cancelled = await invoke(cancel, { token });
    expect(cancelled).toMatchObject({ status: 200, body: { agreement: { status: 'CANCELLED', text: expect.stringContaining('下月起不再从公积金账户还贷') }, canCancel: false, canSign: false } });
    expect((await invoke(cancel, { token })).body.error.code).toBe('NO_ACTIVE_AGREEMENT');
    await expect(loanRepaymentStep(deps(), accountNo, new Date())).resolves.toBe('repaid');
    const nextMonth = new Date(`${monthDay(chinaDate(new Date()), 1, 15)}T02:00:00.000Z`);
    const balance = (await ledgerOf(accountNo)).account.balanceFen;
    await expect(loanRepaymentStep(deps(), accountNo, nextMonth)).resolves.toBe('skipped');
    expect((await ledgerOf(accountNo)).account.balanceFen).toBe(balance);
  });
});
