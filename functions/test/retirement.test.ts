/**
 * 离退休提取「免申即享」 on DynamoDB Local with the 人社 and bank simulators: the daily job run
 * twice at once prepares one withdrawal per member and it is paid once; the account is then closed
 * (zero balance, 销户, the ledger whole) and refuses deposits; 销户结息 across 1 July matches the
 * figures worked by hand; the loan rule both ways; 免申即享 after N days with the notice the day
 * before; a declined one stays declined; the retiree's own routes (confirm with a face check).
 */
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { DEFAULT_POLICY, type Policy } from '@hpf/shared';
import { accountLedger, getAccountWithLoans } from '../src/adapters/accounts-repository';
import { getRetirement } from '../src/adapters/retirement-repository';
import { getApplication, listApplications } from '../src/adapters/withdrawals-repository';
import { idNumber } from '../src/dev/demo-members';
import { postDepositLine } from '../src/deposits/post-line';
import { checkAccountLedger } from '../src/ledger/consistency';
import { dynamo } from '../src/platform/dynamo';
import { keys } from '../src/platform/keys';
import { arrivalOf } from '../src/reminders/notifier';
import { confirmRetirement } from '../src/retirement/confirm';
import { retirementStep, runRetirementJob } from '../src/retirement/job';
import { changeCard, confirm, decline, mine } from '../src/retirement/member';
import { invoke } from '../../test-support/http';
import { passFaceCheck } from '../../test-support/face';
import { usePayouts } from '../../test-support/payouts';
import { memberSession } from '../../test-support/session';
import { useExternalSimulators } from '../../test-support/simulators';
import { streamInsert, streamModify } from '../../test-support/stream-records';
import { openedAccount } from '../../test-support/opened-account';
import { useTestTable } from '../../test-support/table';

jest.setTimeout(120_000);
const table = useTestTable({ seed: true });
const sims = useExternalSimulators();
const payouts = usePayouts(() => table.name, () => sims.bank);
const LIU = '310100200005';

const deps = (retirement: Partial<Policy['retirement']> = {}) => ({
  tableName: table.name,
  policy: { ...DEFAULT_POLICY, retirement: { ...DEFAULT_POLICY.retirement, ...retirement } },
  socialInsurance: { apiBase: sims.socialInsurance.baseUrl, timeoutMs: 1000 },
});
const at = (chinaDay: string) => new Date(`${chinaDay}T02:00:00.000Z`);
const ledgerOf = async (accountNo: string) => (await accountLedger(table.name, accountNo))!;

let serial = 10;
/** A retiree of our own: opened on `openedOn` with one OPENING entry, recorded by 人社 as retired. */
async function retiree(options: { openedOn: string; openingFen: number; retiredOn: string; loanFen?: number }): Promise<string> {
  serial += 1;
  const accountNo = `3101009000${serial}`;
  const template = table.members.find((m) => m.account.accountNo === LIU)!.account;
  const id = idNumber(`31010119600101${String(serial).padStart(3, "0")}`);
  await openedAccount(
    table.name,
    template,
    // no deposits of its own: the months and the facts they give are empty
    { accountNo, idNumber: id, name: `退休${serial}`, openedOn: options.openedOn, depositedMonths: [], continuousMonths: 0, missedMonths: 0 },
    { fen: options.openingFen, on: options.openedOn, at: at(options.openedOn), drop: ['paidUpTo'] },
  );
  if (options.loanFen) {
    await dynamo().send(
      new PutCommand({
        TableName: table.name,
        Item: { ...keys.loan(accountNo, `GJJ${accountNo}`), contractNo: `GJJ${accountNo}`, accountNo, amountFen: 50_000_000, outstandingFen: options.loanFen, startDate: '2012-05-01', status: 'OUTSTANDING', propertyAddress: '上海市静安区共和新路 100 号' },
      }),
    );
  }
  sims.socialInsurance.retired.set(id, options.retiredOn);
  return accountNo;
}

describe('离退休提取: the daily job, the payout and the closed account', () => {
  it('the job run twice at once prepares one withdrawal for 刘建国; confirmed twice at once, it is paid once and the account closed', async () => {
    const now = new Date();
    const before = (await ledgerOf(LIU)).account.balanceFen;
    const [a, b] = await Promise.all([runRetirementJob(deps(), () => now, () => Infinity), runRetirementJob(deps(), () => now, () => Infinity)]);
    // 刘建国 prepared by exactly one of the twin runs (the other found it there); the others not retired
    expect((a.outcomes.prepared ?? 0) + (b.outcomes.prepared ?? 0)).toBe(1);
    const record = (await getRetirement(table.name, LIU))!;
    expect(record).toMatchObject({ status: 'PREPARED', round: 1, retiredOn: '2024-08-12', bankCard: '6222021001123450053' });
    expect(record.figures!.balanceFen).toBe(before);
    expect(record.figures!.payoutFen).toBe(before + record.figures!.closingInterestFen);
    expect(record.figures!.closingInterestFen).toBeGreaterThan(0);
    // the member is told: the notifier makes one message of the record's insert
    expect(arrivalOf(streamInsert({ ...keys.retirement(LIU), ...record }))).toMatchObject({ kind: 'RETIREMENT', sourceId: 'RETIRE#1', amountFen: record.figures!.payoutFen });

    const results = await Promise.allSettled([confirmRetirement(deps(), LIU, 'MEMBER', now), confirmRetirement(deps(), LIU, 'MEMBER', now)]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.find((r) => r.status === 'rejected')).toMatchObject({ reason: { code: 'RETIREMENT_NOT_PREPARED' } });
    const applications = (await listApplications(table.name, LIU)).applications.filter((x) => x.kind === 'RETIREMENT');
    expect(applications).toHaveLength(1);
    const id = applications[0].applicationId;
    // the stream's turn and the sweep's at once: one debit, one payout
    await Promise.all([payouts.work(id), payouts.work(id)]);
    await payouts.sweep();
    expect((await getApplication(table.name, id, true))!.status).toBe('PAID');
    expect(sims.bank.payouts.get(id)).toMatchObject({ amountFen: record.figures!.payoutFen, timesPaid: 1 });

    const ledger = await ledgerOf(LIU);
    expect(ledger.account).toMatchObject({ status: 'CLOSED', balanceFen: 0, closedOn: expect.any(String) });
    expect(checkAccountLedger(ledger)).toEqual([]);
    const last = ledger.entries.slice(-2);
    expect(last.map((e) => [e.kind, e.amountFen])).toEqual([
      ['INTEREST', record.figures!.closingInterestFen],
      ['WITHDRAWAL', -record.figures!.payoutFen],
    ]);
    expect((await getRetirement(table.name, LIU))!.status).toBe('PAID');

    // a closed account refuses deposits, by name
    const refused = await postDepositLine(table.name, 'B-AFTER-CLOSE', { lineNo: 1, accountNo: LIU, month: '2024-08', unitFen: 63_000, personalFen: 63_000 }, DEFAULT_POLICY, new Date(), { postedBy: 'test', requestId: 'r' });
    expect(refused).toMatchObject({ outcome: 'rejected', code: 'ACCOUNT_CLOSED' });
    // the job never prepares it again
    await expect(retirementStep(deps(), LIU, new Date())).resolves.toBe('exists');
  });

  it('销户结息 across 1 July with the year not yet settled: hand-computed', async () => {
    // ¥10,000.00 from 2025-07-01; closing on 2026-07-11, the yearly run for 2026 not yet made:
    // 2026: 1,000,000 × 365 days = 365,000,000 fen·days × 1.50% ÷ 360 = 15,208.33 → 15,208 fen, credited 2026-06-30;
    // then 2026-07-01..07-10: 1,015,208 × 10 = 10,152,080 × 1.50% ÷ 360 = 422.99 → 423 fen. Total 15,631 fen.
    const accountNo = await retiree({ openedOn: '2025-07-01', openingFen: 1_000_000, retiredOn: '2026-06-30' });
    await expect(retirementStep(deps(), accountNo, at('2026-07-11'))).resolves.toBe('prepared');
    expect((await getRetirement(table.name, accountNo))!.figures).toEqual({ balanceFen: 1_000_000, closingInterestFen: 15_631, loanRepaymentFen: 0, payoutFen: 1_015_631, asOf: '2026-07-11' });
  });

  it('an outstanding HPF loan: repaid first (default) — the loan paid off, the rest to the card — or, where the centre blocks, held', async () => {
    const repay = await retiree({ openedOn: '2025-07-01', openingFen: 1_000_000, retiredOn: '2026-01-31', loanFen: 300_000 });
    await expect(retirementStep(deps(), repay, at('2026-03-01'))).resolves.toBe('prepared');
    const prepared = (await getRetirement(table.name, repay))!;
    expect(prepared.figures).toMatchObject({ loanRepaymentFen: 300_000, payoutFen: 1_000_000 + prepared.figures!.closingInterestFen - 300_000 });
    const application = await confirmRetirement(deps(), repay, 'MEMBER', new Date());
    expect(await payouts.work(application.applicationId)).toBe('PAID');
    const ledger = await ledgerOf(repay);
    expect(ledger.account).toMatchObject({ status: 'CLOSED', balanceFen: 0 });
    expect(ledger.entries.filter((e) => e.kind === 'WITHDRAWAL').map((e) => e.amountFen)).toEqual([-300_000, -application.amountFen]);
    expect(checkAccountLedger(ledger)).toEqual([]);
    expect((await getAccountWithLoans(table.name, repay)).loans[0]).toMatchObject({ status: 'PAID_OFF' });

    const blocked = await retiree({ openedOn: '2025-07-01', openingFen: 1_000_000, retiredOn: '2026-01-31', loanFen: 300_000 });
    await expect(retirementStep(deps({ outstandingLoan: 'BLOCK' }), blocked, at('2026-03-01'))).resolves.toBe('held');
    expect(await getRetirement(table.name, blocked)).toMatchObject({ status: 'HELD', hold: 'LOAN_OUTSTANDING', holdMessage: expect.stringContaining('还清后') });
    await expect(confirmRetirement(deps({ outstandingLoan: 'BLOCK' }), blocked, 'MEMBER', new Date())).rejects.toMatchObject({ code: 'RETIREMENT_NOT_PREPARED' });
    expect((await ledgerOf(blocked)).account).toMatchObject({ status: 'SEALED', balanceFen: 1_000_000 });
  });

  it('免申即享 after N days: the notice the day before, then paid to the card on file by the system', async () => {
    const accountNo = await retiree({ openedOn: '2025-07-01', openingFen: 500_000, retiredOn: '2026-08-31' });
    const policy = deps({ autoPayAfterDays: 3 });
    await expect(retirementStep(policy, accountNo, at('2026-09-01'))).resolves.toBe('prepared');
    expect(await getRetirement(table.name, accountNo)).toMatchObject({ autoPayOn: '2026-09-04' });
    await expect(retirementStep(policy, accountNo, at('2026-09-02'))).resolves.toBe('waiting');
    await expect(retirementStep(policy, accountNo, at('2026-09-03'))).resolves.toBe('notice');
    const noticed = (await getRetirement(table.name, accountNo))!;
    expect(noticed.noticeSentAt).toBeDefined();
    const before = { ...noticed, noticeSentAt: undefined };
    expect(arrivalOf(streamModify({ ...keys.retirement(accountNo), ...before }, { ...keys.retirement(accountNo), ...noticed }))).toMatchObject({
      kind: 'RETIREMENT',
      sourceId: 'RETIRE#1#AUTOPAY',
    });
    await expect(retirementStep(policy, accountNo, at('2026-09-03'))).resolves.toBe('waiting');
    await expect(retirementStep(policy, accountNo, at('2026-09-04'))).resolves.toBe('auto-paid');
    const record = (await getRetirement(table.name, accountNo))!;
    const application = (await getApplication(table.name, record.applicationId!, true))!;
    expect(application).toMatchObject({ kind: 'RETIREMENT', status: 'APPROVED', bankCard: '6222021001123450053' });
    expect(application.timeline[0].note).toContain('按规定');
    expect(await payouts.work(application.applicationId)).toBe('PAID');
    expect((await ledgerOf(accountNo)).account.status).toBe('CLOSED');
  });

  it('the retiree on the phone: sees it, changes the card and confirms, each with a face check; a declined one stays declined', async () => {
    const accountNo = await retiree({ openedOn: '2025-07-01', openingFen: 200_000, retiredOn: '2026-01-31' });
    await retirementStep(deps(), accountNo, at('2026-02-01'));
    const token = await memberSession(`retiree-${accountNo}`, accountNo);
    const seen = await invoke(mine, { token });
    expect(seen.status).toBe(200);
    expect(seen.body).toMatchObject({ status: 'PREPARED', canConfirm: true, bankCardMasked: expect.stringMatching(/^\*+ 0053$/), steps: expect.arrayContaining([expect.stringContaining('刷脸')]) });
    expect(seen.text).not.toContain('6222021001123450053');

    const noFace = await invoke(changeCard, { token, body: { bankCard: '6217001234567890123' } });
    expect(noFace).toMatchObject({ status: 403, body: { error: { code: 'FACE_CHECK_REQUIRED' } } });
    const cardFace = await passFaceCheck(token, 'CHANGE_CARD');
    const changed = await invoke(changeCard, { token, body: { bankCard: '6217001234567890123' }, headers: { 'face-check-id': cardFace } });
    expect(changed).toMatchObject({ status: 200, body: { bankCardMasked: expect.stringMatching(/0123$/) } });
    // the card check cannot confirm: another act
    const wrong = await invoke(confirm, { token, headers: { 'face-check-id': cardFace } });
    expect(wrong.status).toBeGreaterThanOrEqual(403);

    const face = await passFaceCheck(token, 'RETIREMENT');
    const confirmed = await invoke(confirm, { token, headers: { 'face-check-id': face } });
    expect(confirmed).toMatchObject({ status: 200, body: { status: 'CONFIRMED', applicationId: expect.any(String) } });
    const application = (await getApplication(table.name, confirmed.body.applicationId, true))!;
    expect(application).toMatchObject({ kind: 'RETIREMENT', bankCard: '6217001234567890123', status: 'APPROVED' });
    // a second tap: nothing more
    const again = await invoke(confirm, { token, headers: { 'face-check-id': await passFaceCheck(token, 'RETIREMENT') } });
    expect(again).toMatchObject({ status: 409, body: { error: { code: 'RETIREMENT_NOT_PREPARED' } } });

    const other = await retiree({ openedOn: '2025-07-01', openingFen: 200_000, retiredOn: '2026-01-31' });
    await retirementStep(deps(), other, at('2026-02-01'));
    const otherToken = await memberSession(`retiree-${other}`, other);
    expect((await invoke(decline, { token: otherToken })).body).toMatchObject({ status: 'DECLINED', canConfirm: false, steps: [expect.stringContaining('柜台')] });
    await expect(retirementStep(deps({ autoPayAfterDays: 1 }), other, at('2026-03-01'))).resolves.toBe('exists');
    await expect(confirmRetirement(deps(), other, 'MEMBER', new Date())).rejects.toMatchObject({ code: 'RETIREMENT_NOT_PREPARED' });
    expect((await getRetirement(table.name, other))!.status).toBe('DECLINED');
    expect((await ledgerOf(other)).account.balanceFen).toBe(200_000);
  });
});
