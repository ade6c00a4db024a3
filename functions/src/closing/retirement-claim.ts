/**
 * 离退休提取 凭退休证明 at the counter and the daily 免申即享 job are two ways to the one
 * retirement withdrawal of an account, and only one may pay it. Both hold the same item — the
 * account's retirement record (`ACCT#<no>`/`RETIREMENT`), which the job creates with
 * attribute_not_exists: the counter's start creates it too, in the start's own transaction, as
 * CONFIRMED and naming its application. Whichever writes first wins; the other is refused (the
 * counter in words, the job by finding the record and leaving it). A record the member DECLINED
 * (they chose the counter) is left as it is and only checked, so it stays declined.
 *
 * The claim ends with the counter's application: PAID with it, and removed when the review or the
 * payout ends it otherwise (the counter, or the job once 人社 has the record, may start again).
 */
import { DomainError, RETIREMENT_STATUS_LABELS } from '@hpf/shared';
import type { TransactItem } from '../adapters/ledger-repository';
import { getRetirement, retirementUpdateItem, type RetirementRecord } from '../adapters/retirement-repository';
import type { Application } from '../adapters/withdrawals-repository';
import { keys } from '../platform/keys';

/** Words for the clerk when the account's retirement withdrawal is already under way elsewhere. */
function alreadyMessage(record: RetirementRecord): string {
  if (record.status === 'PAID') return '这位职工的离退休提取已经到账，账户已销户。';
  if (record.status === 'CONFIRMED' && record.confirmedBy === 'COUNTER') return '这位职工已有一笔柜台受理的离退休提取在审核或付款中，不能再办一次。';
  return `系统已按人社数据为这位职工办理离退休提取（免申即享，${RETIREMENT_STATUS_LABELS[record.status]}），不能在柜台再办一次。请职工在小程序里确认；要改到柜台办理，请职工先在小程序里选择“到柜台办理”。`;
}

/** The account's retirement record when a counter start may go ahead (none, or DECLINED), else the refusal in words. */
export async function retirementClaimable(tableName: string, accountNo: string): Promise<RetirementRecord | undefined> {
  const existing = await getRetirement(tableName, accountNo);
  if (existing && existing.status !== 'DECLINED') throw new DomainError('RETIREMENT_ALREADY_PREPARED', alreadyMessage(existing));
  return existing;
}

/** The refusal when the claim lost a race in the start's transaction (the job prepared it in between). */
export async function retirementClaimLost(tableName: string, accountNo: string): Promise<DomainError> {
  const now = await getRetirement(tableName, accountNo);
  return new DomainError('RETIREMENT_ALREADY_PREPARED', now ? alreadyMessage(now) : undefined);
}

/** The transaction item that claims the account's retirement withdrawal for this counter application (the record read by retirementClaimable). */
export function claimRetirementItem(tableName: string, application: Application, retiredOn: string, existing: RetirementRecord | undefined): { item: TransactItem; claimed: boolean } {
  if (existing) {
    // declined in the mini program: the member came to the counter as told; the record stays declined
    return {
      claimed: false,
      item: { ConditionCheck: { TableName: tableName, Key: keys.retirement(application.accountNo), ConditionExpression: '#status = :declined', ExpressionAttributeNames: { '#status': 'status' }, ExpressionAttributeValues: { ':declined': 'DECLINED' } } },
    };
  }
  const closing = application.closing!;
  const record: RetirementRecord & { confirmedBy: 'COUNTER' } = {
    accountNo: application.accountNo,
    status: 'CONFIRMED',
    retiredOn,
    preparedAt: application.createdAt,
    round: 1,
    bankCard: application.bankCard,
    figures: { balanceFen: closing.balanceFen, closingInterestFen: closing.closingInterestFen, loanRepaymentFen: closing.loanRepaymentFen, payoutFen: application.amountFen, asOf: closing.closingDate },
    applicationId: application.applicationId,
    confirmedBy: 'COUNTER',
    updatedAt: application.createdAt,
  };
  return { claimed: true, item: { Put: { TableName: tableName, Item: { ...keys.retirement(application.accountNo), ...record }, ConditionExpression: 'attribute_not_exists(pk)' } } };
}

const claims = (application: Application) => application.kind === 'CLOSING' && application.counterClosing?.claimedRetirement === true;

/** Joins the move to PAID: the claim becomes the account's paid retirement withdrawal. */
export function retirementClaimPaidItems(tableName: string, application: Application, now: Date, closedOn: string): TransactItem[] {
  if (!claims(application)) return [];
  return [retirementUpdateItem(tableName, application.accountNo, ['CONFIRMED'], { status: 'PAID', paidAt: now.toISOString(), closedOn, updatedAt: now.toISOString() }, { applicationId: application.applicationId })];
}

/** Joins the end of the application without payment (rejected in review or at the debit, the payout reversed): the claim is let go. */
export function retirementClaimReleaseItems(tableName: string, application: Application): TransactItem[] {
  if (!claims(application)) return [];
  return [
    {
      Delete: {
        TableName: tableName,
        Key: keys.retirement(application.accountNo),
        ConditionExpression: 'applicationId = :id AND #status = :confirmed',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':id': application.applicationId, ':confirmed': 'CONFIRMED' },
      },
    },
  ];
}
