/**
 * 到账提醒 from the table's stream: a deposit or interest entry inserted, a withdrawal marked paid.
 * Each becomes one reminder, claimed before it is sent, so redelivered or concurrent batches never
 * send twice. Failures are reported per record (ReportBatchItemFailures) and retried by the stream.
 *
 * The one window left: a sender that dies after WeChat accepted the message and before it records
 * SENT leaves a claim whose lease (60 s) runs out; the retry then sends again. That window is the
 * few milliseconds between WeChat's answer and one UpdateItem.
 */
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import {
  arrivalMessageData,
  arrivalTitle,
  CLOSING_KINDS,
  formatCurrency,
  reminderKindOfEntry,
  wantsReminder,
  wechatTime,
  type ArrivalFacts,
  type ClosingKind,
} from '@hpf/shared';
import { getAccount } from '../adapters/accounts-repository';
import { getApplication } from '../adapters/withdrawals-repository';
import { claimReminder, clearConsents, finishReminder, releaseReminder, reminderStatus, returnConsent, useConsent } from '../adapters/reminders-repository';
import { sendSubscribeMessage } from '../adapters/wechat-client';
import { config } from '../platform/config';
import { invocationHandler, log } from '../platform/log';
import { metric } from '../platform/metrics';
import { streamImage } from '../platform/stream';

const LEASE_MS = 60_000;

interface Arrival extends Omit<ArrivalFacts, 'balanceFen'> {
  accountNo: string;
  sourceId: string;
  entryId?: string;
  /** The balance right after the entry, when the record carries it; otherwise read when sending. */
  balanceFen?: number;
  /** The mini program page the message opens (the ledger when not said). */
  page?: string;
  /** The withdrawal that posted the entry (a closing's 销户结息). */
  applicationId?: string;
}

/**
 * 离退休提取's notices: a withdrawal prepared (or prepared again: a new round), the notice the day
 * before it pays itself, and the 销户凭证 once the account closed. Each has its own source id, so
 * each is sent once however often the stream delivers it.
 */
function retirementNoticeOf(record: DynamoDBRecord, item: Record<string, any>): Arrival | undefined {
  const before = image(record, 'OldImage');
  if (item.sk === 'RETIREMENT' && item.status === 'PREPARED' && item.figures) {
    const at = String(item.updatedAt);
    const base = { kind: 'RETIREMENT' as const, accountNo: item.accountNo, amountFen: item.figures.payoutFen, balanceFen: item.figures.balanceFen, at };
    // the 离退休提取 page (a subpackage), one address per notice
    const page = `pages/retirement/index?round=${item.round}`;
    if (!before || before.status !== 'PREPARED' || before.round !== item.round) return { ...base, page, sourceId: `RETIRE#${item.round}`, detail: '可以全部提取了' };
    if (item.noticeSentAt && !before.noticeSentAt) return { ...base, page: `${page}&notice=autopay`, sourceId: `RETIRE#${item.round}#AUTOPAY`, detail: `${item.autoPayOn}到账` };
    return undefined;
  }
  if (item.sk === 'PROFILE' && item.status === 'CLOSED' && before && before.status !== 'CLOSED') {
    if (paidToHeir(item.closedReason)) return undefined;
    return { kind: 'CLOSING', accountNo: item.accountNo, sourceId: 'CLOSED', amountFen: Number(item.closingPayoutFen ?? 0), balanceFen: 0, at: String(item.updatedAt), page: 'pages/retirement/index?closed=1', detail: '账户已销户' };
  }
  return undefined;
}

const image = streamImage;

/**
 * 身后一件事: the member has died and the heir is paid — nothing goes to the member's WeChat (whoever
 * holds that phone now is not the one paid); the heir's 销户凭证 is printed at the counter from the
 * application (closing/view.ts).
 */
function paidToHeir(closingKind: unknown): boolean {
  return typeof closingKind === 'string' && closingKind in CLOSING_KINDS && CLOSING_KINDS[closingKind as ClosingKind].payee === 'HEIR';
}

/**
 * 商贷自动划转: the bank took the month's transfer (已为您偿还商业贷款), or it was refused — the
 * money is back, and the member is told the same day what to pay themselves, and by when.
 */
function loanTransferNoticeOf(record: DynamoDBRecord, item: Record<string, any>): Arrival | undefined {
  const before = image(record, 'OldImage')?.status;
  const at = (status: string) => (item.timeline as { status: string; at: string }[]).find((step) => step.status === status)?.at ?? new Date().toISOString();
  // one address per notice (the 贷款 page ignores the query): a month may bring a shortfall notice, a refusal and a transfer
  const base = { accountNo: item.accountNo, ...(item.entryId ? { entryId: item.entryId } : {}) };
  if (item.status === 'PAID' && before !== 'PAID') {
    return { ...base, page: `pages/loans/index?transfer=${item.applicationId}`, kind: 'LOAN_TRANSFER', sourceId: `WD#${item.applicationId}`, amountFen: item.amountFen, at: at('PAID'), detail: item.loanTransfer?.bankName };
  }
  if ((item.status === 'PAYOUT_FAILED' || item.status === 'REJECTED') && before !== item.status) {
    const dueDate = String(item.loanTransfer?.dueDate ?? '');
    return {
      ...base,
      page: `pages/loans/index?refused=${item.applicationId}`,
      kind: 'LOAN_SHORTFALL',
      sourceId: `WD#${item.applicationId}#SHORTFALL`,
      amountFen: Number(item.amountFen) + Number(item.loanTransfer?.shortfallFen ?? 0),
      at: at(item.status),
      detail: `${Number(dueDate.slice(5, 7))}月${Number(dueDate.slice(8, 10))}日前`,
    };
  }
  return undefined;
}

/** The money arrival a stream record stands for, if any. */
export function arrivalOf(record: DynamoDBRecord): Arrival | undefined {
  const item = image(record, 'NewImage');
  if (!item || typeof item.sk !== 'string') return undefined;
  if (record.eventName === 'INSERT' && item.sk.startsWith('LEDGER#')) {
    const kind = reminderKindOfEntry(item.kind);
    if (!kind) return undefined;
    return {
      kind,
      accountNo: item.accountNo,
      sourceId: `LEDGER#${item.entryId}`,
      entryId: item.entryId,
      ...(typeof item.applicationId === 'string' ? { applicationId: item.applicationId } : {}),
      amountFen: item.amountFen,
      balanceFen: item.balanceAfterFen,
      at: item.postedAt,
      ...(item.depositMonth ? { detail: item.depositMonth } : {}),
    };
  }
  if (item.sk === 'RETIREMENT' || item.sk === 'PROFILE') return retirementNoticeOf(record, item);
  // 约定提取还贷: the month's run marker with a shortfall — what the member must still pay, the same day
  if (record.eventName === 'INSERT' && item.sk.startsWith('REPAYRUN#') && Number(item.shortfallFen) > 0) {
    return {
      kind: 'LOAN_SHORTFALL',
      accountNo: item.accountNo,
      sourceId: `${item.sk}#SHORTFALL`,
      amountFen: Number(item.shortfallFen),
      balanceFen: Number(item.balanceAfterFen),
      at: String(item.createdAt),
      page: 'pages/loans/index',
      detail: `${Number(String(item.dueDate).slice(5, 7))}月${Number(String(item.dueDate).slice(8, 10))}日前`,
    };
  }
  if (record.eventName === 'MODIFY' && item.sk.startsWith('WD#') && item.kind === 'LOAN_TRANSFER') return loanTransferNoticeOf(record, item);
  if (record.eventName === 'MODIFY' && item.sk.startsWith('WD#') && item.status === 'PAID' && image(record, 'OldImage')?.status !== 'PAID') {
    if (paidToHeir(item.counterClosing?.kind)) return undefined;
    const paidStep = (item.timeline as { status: string; at: string }[]).find((step) => step.status === 'PAID');
    return {
      kind: 'WITHDRAWAL',
      accountNo: item.accountNo,
      sourceId: `WD#${item.applicationId}`,
      ...(item.entryId ? { entryId: item.entryId } : {}),
      amountFen: item.amountFen,
      at: paidStep?.at ?? new Date().toISOString(),
    };
  }
  return undefined;
}

/** true when the record is done with (sent, skipped, or handled elsewhere); false to retry. */
export async function remind(arrival: Arrival, now: Date): Promise<boolean> {
  const { tableName, wechat, reminders, policy } = config();
  const account = await getAccount(tableName, arrival.accountNo);
  if (!account) return true;
  // the 销户结息 an heir's closing debit posted is not news for the member's WeChat either (one read, closings only)
  if (arrival.kind === 'INTEREST' && arrival.applicationId && paidToHeir((await getApplication(tableName, arrival.applicationId))?.counterClosing?.kind)) return true;
  const facts: ArrivalFacts = { ...arrival, balanceFen: arrival.balanceFen ?? account.balanceFen };
  const content = {
    accountNo: arrival.accountNo,
    sourceId: arrival.sourceId,
    kind: arrival.kind,
    title: arrivalTitle(facts),
    amountText: formatCurrency(Math.abs(facts.amountFen)),
    balanceText: formatCurrency(facts.balanceFen),
    timeText: wechatTime(facts.at),
    ...(arrival.entryId ? { entryId: arrival.entryId } : {}),
    createdAt: facts.at,
  };
  const claim = await claimReminder(tableName, content, LEASE_MS, now);
  if (!claim) {
    // done already, or another sender holds it: retry later unless it is finished
    return (await reminderStatus(tableName, arrival.accountNo, arrival.sourceId)) !== 'PENDING';
  }
  const finish = (outcome: 'SENT' | 'SKIPPED_NO_CONSENT' | 'SKIPPED_SWITCHED_OFF' | 'SKIPPED_REFUSED') =>
    finishReminder(tableName, content, claim, outcome, new Date()).then(() => true);

  if (!wantsReminder(account.reminderSettings, arrival.kind)) return finish('SKIPPED_SWITCHED_OFF');
  if (!account.wechatOpenid) return finish('SKIPPED_NO_CONSENT');
  const templateId = reminders.arrivalTemplateId;
  const longTerm = policy.reminders.longTermSubscription;
  // none left: WeChat would answer 43101, so the send is not attempted (long-term still needs one consent)
  if (!(await useConsent(tableName, account.accountNo, templateId, now, { longTerm }))) return finish('SKIPPED_NO_CONSENT');

  const outcome = await sendSubscribeMessage(wechat, {
    touser: account.wechatOpenid,
    templateId,
    page: arrival.page ?? `pages/ledger/index${arrival.entryId ? `?entry=${arrival.entryId}` : ''}`,
    data: arrivalMessageData(facts),
    state: reminders.miniprogramState,
  });
  if (outcome === 'sent') {
    metric('RemindersSent', 1, { kind: arrival.kind });
    return finish('SENT');
  }
  if (outcome === 'refused') {
    // WeChat holds no consent for this member (used up elsewhere, or switched off): say so in the count
    await clearConsents(tableName, account.accountNo, templateId);
    return finish('SKIPPED_REFUSED');
  }
  if (outcome === 'invalid') {
    log('error', 'subscribe message refused as invalid', { sourceId: arrival.sourceId });
    return finish('SKIPPED_REFUSED');
  }
  // transient: give the consent and the claim back, and let the stream retry the record
  if (!longTerm) await returnConsent(tableName, account.accountNo, templateId);
  await releaseReminder(tableName, content, claim);
  return false;
}

export const handler = invocationHandler(async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => {
  const failures: { itemIdentifier: string }[] = [];
  for (const record of event.Records) {
    const arrival = arrivalOf(record);
    if (!arrival) continue;
    let done = false;
    try {
      done = await remind(arrival, new Date());
    } catch (error) {
      log('error', 'reminder failed', { sourceId: arrival.sourceId, errorMessage: (error as Error).message });
    }
    if (!done) failures.push({ itemIdentifier: record.dynamodb?.SequenceNumber ?? '' });
  }
  return { batchItemFailures: failures };
});
