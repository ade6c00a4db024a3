/**
 * The counter's account-closing withdrawals (issue 16) on DynamoDB Local with the bank simulator:
 * 出境定居, 完全丧失劳动能力 and 身后一件事 each from the clerk's start through 初审 and 复核 to the
 * payout and the closed account (zero balance, 销户, the ledger whole, deposits refused); a
 * missing document refused by name; the same reviewer twice refused; paid once when the stream
 * and the sweep work it at once; a court freeze refused; an outstanding loan repaid first.
 * 离退休提取 凭退休证明 (人社 has no record): refused once the 免申即享 job prepared the account's
 * withdrawal, and the job leaves alone one the counter started — raced, each account paid once.
 * The 销户凭证 goes to the member's WeChat, never when an heir is paid (printed at the counter).
 */
import { PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { DEFAULT_POLICY, type AccountRecord, type ClosingKind } from '@hpf/shared';
import { accountLedger, getAccountWithLoans } from '../src/adapters/accounts-repository';
import { post } from '../src/adapters/ledger-repository';
import { listAccountAudit, staffUserItem } from '../src/adapters/staff-repository';
import { DEMO_STAFF_PASSWORD } from '../src/dev/demo-staff';
import { hashPassword } from '../src/platform/passwords';
import { getApplication } from '../src/adapters/withdrawals-repository';
import { preview, start } from '../src/closing/start';
import { idNumber } from '../src/dev/demo-members';
import { postDepositLine } from '../src/deposits/post-line';
import { checkAccountLedger } from '../src/ledger/consistency';
import { dynamo } from '../src/platform/dynamo';
import { keys } from '../src/platform/keys';
import { decide, queue } from '../src/withdrawals/review';
import { getRetirement } from '../src/adapters/retirement-repository';
import { confirmRetirement } from '../src/retirement/confirm';
import { mine } from '../src/retirement/member';
import { arrivalOf, remind } from '../src/reminders/notifier';
import { reminderStatus } from '../src/adapters/reminders-repository';
import { memberSession } from '../../test-support/session';
import { streamInsert, streamModify } from '../../test-support/stream-records';
import { retirementStep } from '../src/retirement/job';
import { detail } from '../src/withdrawals/staff';
import { invoke } from '../../test-support/http';
import { usePayouts } from '../../test-support/payouts';
import { useExternalSimulators } from '../../test-support/simulators';
import { staffToken } from '../../test-support/staff';
import { useTestTable } from '../../test-support/table';

jest.setTimeout(120_000);
const table = useTestTable({ seed: true });
const sims = useExternalSimulators();
const payouts = usePayouts(() => table.name, () => sims.bank);

const HEIR = { name: '王小明', idNumber: idNumber('31010119900315001'), relation: '子女', bankCard: '6217000011112222333' };
const ALL_DOCUMENTS: Record<ClosingKind, string[]> = {
  EMIGRATION: ['ID_CARD', 'EMIGRATION_PROOF', 'BANK_CARD'],
  DISABILITY: ['ID_CARD', 'DISABILITY_APPRAISAL', 'EMPLOYMENT_ENDED', 'BANK_CARD'],
  DECEASED: ['DEATH_PROOF', 'INHERITANCE_PROOF', 'HEIR_ID_CARD', 'HEIR_BANK_CARD'],
  RETIREMENT_WITH_PROOF: ['ID_CARD', 'RETIREMENT_PROOF', 'BANK_CARD'],
};

const RETIRED_ON = '2025-06-01';
let serial = 40;
/** An account of our own, opened on 2025-03-01 with one OPENING entry (and an HPF loan when asked). */
async function member(options: { openingFen: number; loanFen?: number; frozen?: boolean }): Promise<AccountRecord> {
  serial += 1;
  const accountNo = `3101009100${serial}`;
  const template = table.members[0].account;
  const account = {
    ...template,
    accountNo,
    idNumber: idNumber(`31010119700101${String(serial).padStart(3, '0')}`),
    name: `职工${serial}`,
    status: 'NORMAL',
    openedOn: '2025-03-01',
    balanceFen: 0,
    version: 0,
    bankCard: `62220210011234${String(serial).padStart(5, '0')}`,
    frozen: Boolean(options.frozen),
    depositedMonths: [],
    continuousMonths: 0,
    missedMonths: 0,
  } as unknown as AccountRecord;
  for (const field of ['paidUpTo', 'ledgerHead', 'liveCertificates', 'sealReason', 'sealedOn']) delete (account as unknown as Record<string, unknown>)[field];
  await dynamo().send(new PutCommand({ TableName: table.name, Item: { ...keys.account(accountNo), ...keys.accountListing(accountNo), ...account } }));
  const opened = await post({
    tableName: table.name,
    accountNo,
    postedAt: new Date('2025-03-01T02:00:00Z'),
    guards: [],
    plan: (a) => ({ ok: true, plan: { entry: { kind: 'OPENING', amountFen: options.openingFen, valueDate: '2025-03-01', description: '期初余额' }, account: { balanceFen: a.balanceFen + options.openingFen, version: a.version + 1 } } }),
  });
  expect(opened.outcome).toBe('posted');
  if (options.loanFen) {
    await dynamo().send(
      new PutCommand({
        TableName: table.name,
        Item: { ...keys.loan(accountNo, `GJJ${accountNo}`), contractNo: `GJJ${accountNo}`, accountNo, amountFen: 40_000_000, outstandingFen: options.loanFen, startDate: '2015-05-01', status: 'OUTSTANDING', propertyAddress: '上海市静安区共和新路 100 号' },
      }),
    );
  }
  return { ...account, balanceFen: options.openingFen };
}

function requestFor(account: AccountRecord, kind: ClosingKind, documentsSeen = ALL_DOCUMENTS[kind]) {
  const payee = kind === 'DECEASED' ? HEIR : { name: account.name, bankCard: account.bankCard! };
  return { kind, documentsSeen, payee, ...(kind === 'RETIREMENT_WITH_PROOF' ? { retiredOn: RETIRED_ON } : {}) };
}

let clerk: string;
let reviewerA: string;
let reviewerB: string;
beforeAll(async () => {
  [clerk, reviewerA, reviewerB] = await Promise.all([staffToken('account.clerk'), staffToken('reviewer.a'), staffToken('reviewer.b')]);
});

describe('销户提取 at the counter: 出境定居, 完全丧失劳动能力, 身后一件事', () => {
  it.each<ClosingKind>(['EMIGRATION', 'DISABILITY', 'DECEASED', 'RETIREMENT_WITH_PROOF'])('%s: started by the clerk, 初审 and 复核 by two others, paid once to the entitled card, the account closed', async (kind) => {
    const account = await member({ openingFen: 8_654_321 });
    const body = requestFor(account, kind);
    const seen = await invoke(preview, { token: clerk, params: { accountNo: account.accountNo }, body });
    expect(seen.status).toBe(200);
    // balance + 销户结息 = the amount, to whom, the account closed
    expect(seen.body.balanceFen).toBe(8_654_321);
    expect(seen.body.closingInterestFen).toBeGreaterThan(0);
    expect(seen.body.payoutFen).toBe(seen.body.balanceFen + seen.body.closingInterestFen);
    expect(seen.body.payeeName).toBe(body.payee.name);
    expect(seen.body.bankCardMasked).not.toContain(body.payee.bankCard);
    // preview writes nothing
    expect((await getAccountWithLoans(table.name, account.accountNo, { consistent: true })).account).toMatchObject({ status: 'NORMAL', version: 1 });

    const started = await invoke(start, { token: clerk, params: { accountNo: account.accountNo }, body });
    expect(started.status).toBe(200);
    expect(started.body).toMatchObject({ status: 'PENDING_REVIEW', payoutFen: seen.body.payoutFen });
    const id = started.body.applicationId as string;
    // the start is audited in its own transaction, the card masked
    const audit = await listAccountAudit(table.name, account.accountNo, { limit: 10 });
    expect(audit.records.find((r) => r.action === 'withdrawal.closing.start')).toMatchObject({ actor: 'account.clerk', target: id, details: { kind, bankCardMasked: seen.body.bankCardMasked } });
    // a second start while this one is open is refused
    // (凭退休证明: the account's retirement record, held by this one, refuses it first)
    expect((await invoke(start, { token: clerk, params: { accountNo: account.accountNo }, body })).body.error.code).toBe(kind === 'RETIREMENT_WITH_PROOF' ? 'RETIREMENT_ALREADY_PREPARED' : 'APPLICATION_IN_FLIGHT');

    // the reviewer reads the kind, the payee and the documents seen, in the queue and in the detail
    let listed: any;
    for (let cursor: string | undefined, pages = 0; !listed && pages < 20; pages += 1) {
      const page = await invoke(queue, { token: reviewerA, query: cursor ? { cursor } : {} });
      expect(page.status).toBe(200);
      listed = page.body.items.find((item: { applicationId: string }) => item.applicationId === id);
      cursor = page.body.nextCursor;
      if (!cursor) break;
    }
    expect(listed.closing).toMatchObject({ payeeName: body.payee.name, startedBy: 'account.clerk', balanceFen: 8_654_321 });
    expect(listed.closing.documentsSeen).toHaveLength(ALL_DOCUMENTS[kind].length);
    expect((await invoke(detail, { token: reviewerA, params: { applicationId: id } })).body.closing.kindLabel).toMatch(/出境定居|完全丧失劳动能力|身后一件事|离退休提取/);

    expect((await invoke(decide, { token: reviewerA, params: { applicationId: id }, body: { decision: 'APPROVE', reason: '初审：材料原件已核对' } })).status).toBe(200);
    const second = await invoke(decide, { token: reviewerB, params: { applicationId: id }, body: { decision: 'APPROVE', reason: '复核：同意' } });
    expect(second.body.status).toBe('APPROVED');
    expect(second.body.kind).toBe('CLOSING');

    // the stream's turn and the sweep's at once, then another sweep: one debit, one payout
    await Promise.all([payouts.work(id), payouts.work(id)]);
    await payouts.sweep();
    await payouts.sweep();
    expect((await getApplication(table.name, id, true))!.status).toBe('PAID');
    expect(sims.bank.payouts.get(id)).toMatchObject({ cardNo: body.payee.bankCard, amountFen: seen.body.payoutFen, timesPaid: 1 });

    const ledger = (await accountLedger(table.name, account.accountNo))!;
    expect(ledger.account).toMatchObject({ status: 'CLOSED', balanceFen: 0, closedReason: kind, closingPayoutFen: seen.body.payoutFen });
    expect(checkAccountLedger(ledger)).toEqual([]);
    expect(ledger.entries.slice(-2).map((e) => [e.kind, e.amountFen])).toEqual([
      ['INTEREST', seen.body.closingInterestFen],
      ['WITHDRAWAL', -seen.body.payoutFen],
    ]);
    // the 销户凭证: to the member's WeChat through the notifier when the member is paid; when an heir
    // is paid, nothing goes there (the member died) and the counter prints it from the application
    const paidApplication = (await getApplication(table.name, id, true))!;
    const closedProfile = { ...keys.account(account.accountNo), ...ledger.account };
    const closedNotice = arrivalOf(streamModify({ ...closedProfile, status: 'SEALED' }, closedProfile));
    const paidNotice = arrivalOf(streamModify({ ...keys.withdrawal(account.accountNo, id), ...paidApplication, status: 'PAYING' }, { ...keys.withdrawal(account.accountNo, id), ...paidApplication }));
    const certificate = (await invoke(detail, { token: reviewerA, params: { applicationId: id } })).body.closing.heirCertificate;
    const interestEntry = ledger.entries.find((e) => e.kind === 'INTEREST' && (e as { applicationId?: string }).applicationId === id)!;
    const interestNotice = arrivalOf(streamInsert({ ...keys.ledgerEntry(account.accountNo, interestEntry.entryId), ...interestEntry }));
    expect(interestNotice).toMatchObject({ kind: 'INTEREST', applicationId: id });
    if (kind === 'DECEASED') {
      expect(closedNotice).toBeUndefined();
      expect(paidNotice).toBeUndefined();
      // nor the 销户结息 the closing debit posted: nothing is sent or recorded for it
      await expect(remind(interestNotice!, new Date())).resolves.toBe(true);
      await expect(reminderStatus(table.name, account.accountNo, interestNotice!.sourceId)).resolves.toBeUndefined();
      expect(certificate).toMatchObject({ payoutFen: seen.body.payoutFen, words: expect.stringContaining(`继承人${HEIR.name}`) });
      expect(certificate.words).toContain('已于');
      expect(certificate.words).not.toContain(HEIR.bankCard);
    } else {
      expect(closedNotice).toMatchObject({ kind: 'CLOSING', accountNo: account.accountNo, amountFen: seen.body.payoutFen, page: expect.stringContaining('closed=1') });
      expect(paidNotice).toMatchObject({ kind: 'WITHDRAWAL', amountFen: seen.body.payoutFen });
      expect(certificate).toBeUndefined();
      // the message opens the 销户凭证 page: the closing is shown from the account (no 免申即享 record for 出境定居, 完全丧失劳动能力)
      const token = await memberSession(`closing-${account.accountNo}`, account.accountNo);
      const mineSeen = await invoke(mine, { token });
      expect(mineSeen.body).toMatchObject({ status: 'PAID', closedOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), payoutFen: seen.body.payoutFen, canConfirm: false, canDecline: false });
    }
    // a closed account refuses deposits, by name
    const refused = await postDepositLine(table.name, `B-CLOSED-${serial}`, { lineNo: 1, accountNo: account.accountNo, month: '2025-04', unitFen: 50_000, personalFen: 50_000 }, DEFAULT_POLICY, new Date(), { postedBy: 'test', requestId: 'r' });
    expect(refused).toMatchObject({ outcome: 'rejected', code: 'ACCOUNT_CLOSED' });
    // and a new closing withdrawal
    expect((await invoke(preview, { token: clerk, params: { accountNo: account.accountNo }, body })).body.error.code).toBe('ACCOUNT_CLOSED');
  });

  it('a required document not ticked is refused, naming it in Chinese; the heir’s ID number is required; the payee of 出境定居 is the member', async () => {
    const account = await member({ openingFen: 1_000_000 });
    const missing = await invoke(start, { token: clerk, params: { accountNo: account.accountNo }, body: requestFor(account, 'DECEASED', ['DEATH_PROOF', 'HEIR_ID_CARD', 'HEIR_BANK_CARD']) });
    expect(missing.status).toBe(422);
    expect(missing.body.error.code).toBe('CLOSING_DOCUMENTS_MISSING');
    expect(missing.body.error.message).toContain('继承权公证书');
    const noHeirId = await invoke(start, { token: clerk, params: { accountNo: account.accountNo }, body: { ...requestFor(account, 'DECEASED'), payee: { name: HEIR.name, bankCard: HEIR.bankCard } } });
    expect(noHeirId.status).toBe(400);
    expect(noHeirId.body.error.message).toContain('继承人的身份证号');
    const someoneElse = await invoke(start, { token: clerk, params: { accountNo: account.accountNo }, body: { ...requestFor(account, 'EMIGRATION'), payee: { name: '张三', bankCard: '6217000099998888777' } } });
    expect(someoneElse.status).toBe(400);
    expect(someoneElse.body.error.message).toContain('职工本人');
    // only the account clerk starts one
    expect((await invoke(start, { token: reviewerA, params: { accountNo: account.accountNo }, body: requestFor(account, 'EMIGRATION') })).status).toBe(403);
    // nothing was written
    expect((await getAccountWithLoans(table.name, account.accountNo, { consistent: true })).account!.version).toBe(1);
  });

  it('the same reviewer cannot make both decisions; a court-frozen account is refused; an outstanding loan is repaid first', async () => {
    const account = await member({ openingFen: 2_000_000 });
    const started = await invoke(start, { token: clerk, params: { accountNo: account.accountNo }, body: requestFor(account, 'DISABILITY') });
    const id = started.body.applicationId as string;
    expect((await invoke(decide, { token: reviewerA, params: { applicationId: id }, body: { decision: 'APPROVE', reason: '初审：材料齐全' } })).status).toBe(200);
    const twice = await invoke(decide, { token: reviewerA, params: { applicationId: id }, body: { decision: 'APPROVE', reason: '复核：同意' } });
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe('SAME_REVIEWER');
    expect((await getApplication(table.name, id, true))!.status).toBe('PENDING_REVIEW');

    // whoever started it decides neither step, even holding both roles (maker-checker)
    await dynamo().send(
      new PutCommand({
        TableName: table.name,
        Item: staffUserItem({ username: 'counter.both', displayName: '柜台兼审核', roles: ['ACCOUNT_CLERK', 'REVIEWER'], office: '营业部柜台', passwordHash: await hashPassword(DEMO_STAFF_PASSWORD), disabled: false }),
      }),
    );
    const both = await staffToken('counter.both');
    const own = await member({ openingFen: 700_000 });
    const ownId = (await invoke(start, { token: both, params: { accountNo: own.accountNo }, body: requestFor(own, 'EMIGRATION') })).body.applicationId as string;
    const selfReview = await invoke(decide, { token: both, params: { applicationId: ownId }, body: { decision: 'APPROVE', reason: '初审：同意' } });
    expect(selfReview.status).toBe(409);
    expect(selfReview.body.error).toMatchObject({ code: 'SAME_REVIEWER', message: expect.stringContaining('发起这笔销户提取的工作人员不能审核') });
    expect((await getApplication(table.name, ownId, true))!.firstDecision).toBeUndefined();

    const frozen = await member({ openingFen: 3_000_000, frozen: true });
    const refused = await invoke(start, { token: clerk, params: { accountNo: frozen.accountNo }, body: requestFor(frozen, 'EMIGRATION') });
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: 'ACCOUNT_FROZEN', message: expect.stringContaining('冻结') });

    // the retirement rule (default REPAY_FIRST): the loan repaid from the account, the rest paid out
    const borrower = await member({ openingFen: 5_000_000, loanFen: 1_200_000 });
    const seen = await invoke(preview, { token: clerk, params: { accountNo: borrower.accountNo }, body: requestFor(borrower, 'DECEASED') });
    expect(seen.body.loanRepaymentFen).toBe(1_200_000);
    expect(seen.body.payoutFen).toBe(5_000_000 + seen.body.closingInterestFen - 1_200_000);

    // a freeze after the start: the debit refuses it and no money moves
    const late = await member({ openingFen: 900_000 });
    const lateId = (await invoke(start, { token: clerk, params: { accountNo: late.accountNo }, body: requestFor(late, 'EMIGRATION') })).body.applicationId as string;
    await invoke(decide, { token: reviewerA, params: { applicationId: lateId }, body: { decision: 'APPROVE', reason: '初审：同意' } });
    await invoke(decide, { token: reviewerB, params: { applicationId: lateId }, body: { decision: 'APPROVE', reason: '复核：同意' } });
    await dynamo().send(new UpdateCommand({ TableName: table.name, Key: keys.account(late.accountNo), UpdateExpression: 'SET frozen = :t', ExpressionAttributeValues: { ':t': true } }));
    await payouts.work(lateId);
    expect((await getApplication(table.name, lateId, true))!.status).toBe('REJECTED');
    expect(sims.bank.payouts.get(lateId)).toBeUndefined();
    expect((await accountLedger(table.name, late.accountNo))!.account).toMatchObject({ balanceFen: 900_000, status: 'NORMAL' });
  });

  it('a payout the bank refuses gives the money back; started again, the 销户结息 already credited is not owed twice', async () => {
    const account = await member({ openingFen: 3_600_000 });
    const body = requestFor(account, 'EMIGRATION');
    const id = (await invoke(start, { token: clerk, params: { accountNo: account.accountNo }, body })).body.applicationId as string;
    await invoke(decide, { token: reviewerA, params: { applicationId: id }, body: { decision: 'APPROVE', reason: '初审：同意' } });
    await invoke(decide, { token: reviewerB, params: { applicationId: id }, body: { decision: 'APPROVE', reason: '复核：同意' } });
    sims.bank.setMode('fail');
    try {
      await payouts.work(id);
    } finally {
      sims.bank.setMode('succeed');
    }
    const failed = (await getApplication(table.name, id, true))!;
    expect(failed.status).toBe('PAYOUT_FAILED');
    const interest = failed.closing!.closingInterestFen;
    expect(interest).toBeGreaterThan(0);
    // the interest was credited by the debit and stays; the payout came back
    const after = (await accountLedger(table.name, account.accountNo))!;
    expect(after.account).toMatchObject({ balanceFen: 3_600_000 + interest });
    expect(checkAccountLedger(after)).toEqual([]);
    const again = await invoke(preview, { token: clerk, params: { accountNo: account.accountNo }, body });
    expect(again.body).toMatchObject({ balanceFen: 3_600_000 + interest, closingInterestFen: 0, payoutFen: 3_600_000 + interest });
  });
});

describe('离退休提取 凭退休证明 at the counter and the 免申即享 job: one withdrawal per account', () => {
  const jobDeps = () => ({ tableName: table.name, policy: DEFAULT_POLICY, socialInsurance: { apiBase: sims.socialInsurance.baseUrl, timeoutMs: 1000 } });
  const approve = async (id: string) => {
    expect((await invoke(decide, { token: reviewerA, params: { applicationId: id }, body: { decision: 'APPROVE', reason: '初审：退休证原件已核对' } })).status).toBe(200);
    expect((await invoke(decide, { token: reviewerB, params: { applicationId: id }, body: { decision: 'APPROVE', reason: '复核：同意' } })).body.status).toBe('APPROVED');
  };
  /** Every payout the bank made to this card, and the account's withdrawal entries. */
  const paidTo = async (account: AccountRecord) => {
    const times = [...sims.bank.payouts.values()].filter((p) => p.cardNo === account.bankCard).reduce((sum, p) => sum + p.timesPaid, 0);
    const ledger = (await accountLedger(table.name, account.accountNo))!;
    return { times, withdrawals: ledger.entries.filter((e) => e.kind === 'WITHDRAWAL').length, account: ledger.account, consistent: checkAccountLedger(ledger) };
  };

  it('refused in Chinese once the job prepared the account’s 免申即享 withdrawal; the retirement date is asked for', async () => {
    const account = await member({ openingFen: 4_000_000 });
    const noDate = await invoke(preview, { token: clerk, params: { accountNo: account.accountNo }, body: { ...requestFor(account, 'RETIREMENT_WITH_PROOF'), retiredOn: undefined } });
    expect(noDate.status).toBe(400);
    expect(noDate.body.error.message).toContain('退休日期');
    sims.socialInsurance.retired.set(account.idNumber, RETIRED_ON);
    await expect(retirementStep(jobDeps(), account.accountNo, new Date())).resolves.toBe('prepared');
    for (const route of [preview, start]) {
      const refused = await invoke(route, { token: clerk, params: { accountNo: account.accountNo }, body: requestFor(account, 'RETIREMENT_WITH_PROOF') });
      expect(refused.status).toBe(409);
      expect(refused.body.error).toMatchObject({ code: 'RETIREMENT_ALREADY_PREPARED', message: expect.stringContaining('免申即享') });
    }
    // the other closings are not this rule's business
    expect((await invoke(preview, { token: clerk, params: { accountNo: account.accountNo }, body: requestFor(account, 'EMIGRATION') })).status).toBe(200);
    expect((await getRetirement(table.name, account.accountNo))!.status).toBe('PREPARED');
  });

  it('started at the counter first: the job finds it taken, the claim paid with it, the job never pays again; rejected in review, the claim is let go', async () => {
    const account = await member({ openingFen: 6_100_000 });
    const started = await invoke(start, { token: clerk, params: { accountNo: account.accountNo }, body: requestFor(account, 'RETIREMENT_WITH_PROOF') });
    expect(started.status).toBe(200);
    const id = started.body.applicationId as string;
    expect(await getRetirement(table.name, account.accountNo)).toMatchObject({ status: 'CONFIRMED', confirmedBy: 'COUNTER', applicationId: id, retiredOn: RETIRED_ON });
    // 人社's record arrives later: the job leaves the account alone, and a second counter start is refused
    sims.socialInsurance.retired.set(account.idNumber, RETIRED_ON);
    await expect(retirementStep(jobDeps(), account.accountNo, new Date())).resolves.toBe('exists');
    expect((await invoke(start, { token: clerk, params: { accountNo: account.accountNo }, body: requestFor(account, 'RETIREMENT_WITH_PROOF') })).body.error.code).toMatch(/RETIREMENT_ALREADY_PREPARED|APPLICATION_IN_FLIGHT/);
    await approve(id);
    await payouts.work(id);
    expect((await getApplication(table.name, id, true))!.status).toBe('PAID');
    expect((await getRetirement(table.name, account.accountNo))!).toMatchObject({ status: 'PAID', applicationId: id });
    await expect(retirementStep(jobDeps(), account.accountNo, new Date(Date.now() + 86_400_000))).resolves.toBe('exists');
    const paid = await paidTo(account);
    expect(paid).toMatchObject({ times: 1, withdrawals: 1, consistent: [], account: { status: 'CLOSED', balanceFen: 0, closedReason: 'RETIREMENT_WITH_PROOF' } });

    // a 凭退休证明 the reviewers reject lets the record go: the job prepares it once 人社 has it
    const other = await member({ openingFen: 2_500_000 });
    const otherId = (await invoke(start, { token: clerk, params: { accountNo: other.accountNo }, body: requestFor(other, 'RETIREMENT_WITH_PROOF') })).body.applicationId as string;
    await invoke(decide, { token: reviewerA, params: { applicationId: otherId }, body: { decision: 'REJECT', reason: '初审：退休证明与档案不符' } });
    expect((await invoke(decide, { token: reviewerB, params: { applicationId: otherId }, body: { decision: 'REJECT', reason: '复核：同意退回' } })).body.status).toBe('REJECTED');
    expect(await getRetirement(table.name, other.accountNo)).toBeUndefined();
    sims.socialInsurance.retired.set(other.idNumber, RETIRED_ON);
    await expect(retirementStep(jobDeps(), other.accountNo, new Date())).resolves.toBe('prepared');
  });

  it('the counter’s start and the job at the same moment, on six accounts: each account has one withdrawal and is paid once', async () => {
    const accounts = await Promise.all(Array.from({ length: 6 }, (_, i) => member({ openingFen: 1_000_000 + i * 10_000 })));
    for (const account of accounts) sims.socialInsurance.retired.set(account.idNumber, RETIRED_ON);
    const raced = await Promise.all(
      accounts.map((account) =>
        Promise.all([invoke(start, { token: clerk, params: { accountNo: account.accountNo }, body: requestFor(account, 'RETIREMENT_WITH_PROOF') }), retirementStep(jobDeps(), account.accountNo, new Date())]),
      ),
    );
    for (const [i, [counter, job]] of raced.entries()) {
      const account = accounts[i];
      const record = (await getRetirement(table.name, account.accountNo))!;
      if (counter.status === 200) {
        // the counter won: the job wrote nothing and the record is the counter's
        expect(job).toBe('exists');
        expect(record).toMatchObject({ status: 'CONFIRMED', confirmedBy: 'COUNTER', applicationId: counter.body.applicationId });
        await approve(counter.body.applicationId);
        await payouts.work(counter.body.applicationId);
      } else {
        expect(counter.body.error.code).toBe('RETIREMENT_ALREADY_PREPARED');
        expect(job).toBe('prepared');
        expect(record.status).toBe('PREPARED');
        const application = await confirmRetirement({ tableName: table.name, policy: DEFAULT_POLICY }, account.accountNo, 'SYSTEM', new Date());
        await payouts.work(application.applicationId);
      }
    }
    // later runs of the job and sweeps of the worker pay nothing more
    for (const account of accounts) await retirementStep(jobDeps(), account.accountNo, new Date(Date.now() + 86_400_000));
    await payouts.sweep();
    for (const account of accounts) {
      expect(await paidTo(account)).toMatchObject({ times: 1, withdrawals: 1, consistent: [], account: { status: 'CLOSED', balanceFen: 0 } });
      expect((await getRetirement(table.name, account.accountNo))!.status).toBe('PAID');
    }
  });
});
