/**
 * The single-table key design, declared once. Nothing else in the code base concatenates key
 * strings. See docs/data-model.md.
 */
import { ACCOUNT_LIST_PARTS } from '@hpf/shared';

export interface ItemKey {
  pk: string;
  sk: string;
}

const LEDGER_PREFIX = 'LEDGER#';

export const keys = {
  account: (accountNo: string): ItemKey => ({ pk: `ACCT#${accountNo}`, sk: 'PROFILE' }),
  accountPartition: (accountNo: string): string => `ACCT#${accountNo}`,
  ledgerEntry: (accountNo: string, entryId: string): ItemKey => ({
    pk: `ACCT#${accountNo}`,
    sk: `${LEDGER_PREFIX}${entryId}`,
  }),
  ledgerPrefix: LEDGER_PREFIX,
  binding: (openid: string): ItemKey => ({ pk: `OPENID#${openid}`, sk: 'BINDING' }),
  /** One consent to one privacy-notice version, kept after it is withdrawn; newest last in the partition. */
  consent: (openid: string, agreedAt: string, noticeVersion: string): ItemKey => ({ pk: `OPENID#${openid}`, sk: `CONSENT#${agreedAt}#${noticeVersion}` }),
  consentPrefix: 'CONSENT#',
  /** One 人脸核验: its outcome only (never a face image), used up by the act it was run for. */
  faceCheck: (checkId: string): ItemKey => ({ pk: `FACE#${checkId}`, sk: 'FACE' }),
  /** The ID number only ever appears in a key as a keyed hash. */
  memberByIdHash: (idHash: string): ItemKey => ({ pk: `IDNO#${idHash}`, sk: 'MEMBER' }),
  /**
   * 账户查询 by name: one entry per account, under the name's first character, sorted by the whole
   * name, so the whole name or its first characters is a begins_with Query. (A common surname makes
   * a big partition; it is read only by staff searches and written once, at opening.)
   */
  accountByName: (name: string, accountNo: string): ItemKey => ({ pk: `NAME#${Array.from(name)[0] ?? ''}`, sk: `${name}#${accountNo}` }),
  accountNamePrefix: (prefix: string): { pk: string; skPrefix: string } => ({ pk: `NAME#${Array.from(prefix)[0] ?? ''}`, skPrefix: prefix }),
  throttle: (scope: string, subject: string, windowStart: number): ItemKey => ({
    pk: `THROTTLE#${scope}#${subject}`,
    sk: `W#${windowStart}`,
  }),
  /** Makes a month's deposit post once per account, whichever batch brings it. */
  depositMonth: (accountNo: string, month: string): ItemKey => ({ pk: `ACCT#${accountNo}`, sk: `DEPOSIT#${month}` }),
  /** Makes a year's interest post once per account. */
  interestYear: (accountNo: string, year: number): ItemKey => ({ pk: `ACCT#${accountNo}`, sk: `INTEREST#${year}` }),
  idempotency: (scope: string, key: string): ItemKey => ({ pk: `IDEM#${scope}#${key}`, sk: 'IDEM' }),
  staff: (username: string): ItemKey => ({ pk: `STAFF#${username}`, sk: 'PROFILE' }),
  /** One sign-in of a registered verifying agency's office (another HPF centre, a lending bank). */
  agencyUser: (username: string): ItemKey => ({ pk: `AGENCY#${username}`, sk: 'PROFILE' }),
  audit: (day: string, sortable: string): ItemKey => ({ pk: `AUDIT#${day}`, sk: sortable }),
  /** An account's audit trail on GSI1, newest first: each record of an act on that account is listed. */
  accountAuditListing: (accountNo: string, sortable: string): { gsi1pk: string; gsi1sk: string } => ({ gsi1pk: `ACCT#${accountNo}#AUDIT`, gsi1sk: sortable }),
  accountAuditPartition: (accountNo: string): string => `ACCT#${accountNo}#AUDIT`,
  depositBatch: (batchId: string): ItemKey => ({ pk: `BATCH#${batchId}`, sk: 'BATCH' }),
  loan: (accountNo: string, contractNo: string): ItemKey => ({ pk: `ACCT#${accountNo}`, sk: `LOAN#${contractNo}` }),
  loanPrefix: 'LOAN#',
  /**
   * One instalment of a loan repaid (by the member at the bank, or from the account by 约定提取).
   * `REPAY#` sorts after `PROFILE`, outside the `LOAN#`…`PROFILE` range the home screen reads.
   */
  loanRepayment: (accountNo: string, contractNo: string, period: number): ItemKey => ({
    pk: `ACCT#${accountNo}`,
    sk: `REPAY#${contractNo}#${String(period).padStart(3, '0')}`,
  }),
  loanRepaymentPrefix: 'REPAY#',
  /** 约定提取's run marker: written in the repayment's own transaction, so a loan is paid once a month. */
  loanRepaymentRun: (accountNo: string, contractNo: string, month: string): ItemKey => ({ pk: `ACCT#${accountNo}`, sk: `REPAYRUN#${contractNo}#${month}` }),
  /** The member's one repayment agreement (约定提取还贷). */
  repaymentAgreement: (accountNo: string): ItemKey => ({ pk: `ACCT#${accountNo}`, sk: 'REPAYAGREEMENT' }),
  /** Agreements listed on GSI1 under a few shards, for the monthly job to walk without a Scan. */
  repaymentAgreementListing: (accountNo: string): { gsi1pk: string; gsi1sk: string } => ({
    gsi1pk: `REPAYAGREEMENTS#${shardOf(accountNo, AGREEMENT_LIST_SHARDS)}`,
    gsi1sk: accountNo,
  }),
  repaymentAgreementShard: (shard: number): string => `REPAYAGREEMENTS#${shard}`,
  certificate: (certificateId: string): ItemKey => ({ pk: `CERT#${certificateId}`, sk: 'CERT' }),
  /** A member's certificates, newest first, on GSI1. */
  certificateListing: (accountNo: string, issuedAt: string): { gsi1pk: string; gsi1sk: string } => ({
    gsi1pk: `ACCT#${accountNo}#CERTS`,
    gsi1sk: issuedAt,
  }),
  certificateListPartition: (accountNo: string): string => `ACCT#${accountNo}#CERTS`,
  /**
   * One archived check (查验记录) of a certificate. The latest checks live on the certificate item
   * itself (`recentChecks`, written by the verify's one conditional write); once there are enough
   * of them they move here, one item each, keyed by time so the history reads newest first.
   */
  certificateCheck: (certificateId: string, checkedAt: string, checkId: string): ItemKey => ({
    pk: `CERT#${certificateId}`,
    sk: `CHECK#${checkedAt}#${checkId}`,
  }),
  certificateCheckPrefix: 'CHECK#',
  /**
   * A rent application. Its id is time-ordered (newApplicationId, platform/ids.ts), so within the
   * member's partition `WD#` sort keys are in creation order: the member's history, newest first,
   * is a reverse Query on `begins_with(sk, withdrawalPrefix)`, paged by ExclusiveStartKey.
   */
  withdrawal: (accountNo: string, applicationId: string): ItemKey => ({ pk: `ACCT#${accountNo}`, sk: `WD#${applicationId}` }),
  withdrawalPrefix: 'WD#',
  /** One reminder per money arrival (a ledger entry, a paid withdrawal): the claim that sends it once. */
  reminder: (accountNo: string, sourceId: string): ItemKey => ({ pk: `REMIND#${accountNo}#${sourceId}`, sk: 'REMIND' }),
  messageListing: (accountNo: string, createdAt: string) => ({ gsi1pk: `ACCT#${accountNo}#MSGS`, gsi1sk: createdAt }),
  messageListPartition: (accountNo: string): string => `ACCT#${accountNo}#MSGS`,
  subscription: (accountNo: string, templateId: string): ItemKey => ({ pk: `ACCT#${accountNo}`, sk: `SUB#${templateId}` }),
  subscriptionPrefix: 'SUB#',
  /** At most one open application per member: this item exists while one is open. */
  openWithdrawal: (accountNo: string): ItemKey => ({ pk: `ACCT#${accountNo}`, sk: 'WDOPEN' }),
  /** At most one rent withdrawal per calendar month: written in the debit transaction. */
  rentMonth: (accountNo: string, month: string): ItemKey => ({ pk: `ACCT#${accountNo}`, sk: `RENT#${month}` }),
  /**
   * 离退休提取: the one retirement withdrawal of an account, prepared by the daily job with
   * `attribute_not_exists` (two runs at once prepare one), kept once declined or paid.
   */
  retirement: (accountNo: string): ItemKey => ({ pk: `ACCT#${accountNo}`, sk: 'RETIREMENT' }),
  /** An account's closing debit: written by the debit of a closing withdrawal, so it happens once. */
  closing: (accountNo: string): ItemKey => ({ pk: `ACCT#${accountNo}`, sk: 'CLOSING' }),
  /** Makes a failed payout's reversal post once. */
  reversal: (accountNo: string, applicationId: string): ItemKey => ({ pk: `ACCT#${accountNo}`, sk: `REVERSAL#${applicationId}` }),
  /**
   * An application's entry in its state's queue on GSI1, ordered by time (creation, or the payout
   * worker's next attempt). Each state's queue is split over a few shards by the application id
   * (the id never changes, so an application stays in its shard from state to state): submissions
   * on the 1st of the month do not all land on one index partition, nor does the ever-growing
   * `PAID`. Readers merge the shards by sort key (withdrawals-repository.ts, queueEntries).
   */
  withdrawalQueue: (status: string, time: string, applicationId: string) => ({
    gsi1pk: `WDQ#${status}#${shardOf(applicationId, WITHDRAWAL_QUEUE_SHARDS)}`,
    gsi1sk: `${time}#${applicationId}`,
  }),
  withdrawalQueueShard: (status: string, shard: number): string => `WDQ#${status}#${shard}`,
  /** The one partition per state that queue entries were written to before the shards; read only to move them. */
  unshardedWithdrawalQueue: (status: string): string => `WDQ#${status}`,
  /** Who used a lease (by its hash) or a landlord account recently: the fake-lease ring check. */
  leaseUse: (leaseHash: string, accountNo: string): ItemKey => ({ pk: `LEASE#${leaseHash}`, sk: `ACCT#${accountNo}` }),
  landlordUse: (accountHash: string, accountNo: string): ItemKey => ({ pk: `LANDLORD#${accountHash}`, sk: `ACCT#${accountNo}` }),
  /**
   * Every account profile is listed on GSI1 under one of a few shards, so a settlement run can
   * walk all accounts without a Scan and without one hot index partition.
   */
  accountListing: (accountNo: string): { gsi1pk: string; gsi1sk: string } => ({
    gsi1pk: `ACCOUNTS#${shardOf(accountNo, ACCOUNT_LIST_SHARDS)}`,
    gsi1sk: accountNo,
  }),
  accountListShard: (shard: number): string => `ACCOUNTS#${shard}`,
  /**
   * 好差评: one rating per service, in the member's partition (the key is the service, so a second
   * rating of it fails its condition). Listed for the month's figures under a few shards, like the
   * queues: ratings come in all day long.
   */
  rating: (accountNo: string, serviceId: string): ItemKey => ({ pk: `ACCT#${accountNo}`, sk: `RATING#${serviceId}` }),
  ratingPrefix: 'RATING#',
  /** 不用了: the member declined to rate the service (not asked again on any device; rating it stays possible). */
  ratingDeclined: (accountNo: string, serviceId: string): ItemKey => ({ pk: `ACCT#${accountNo}`, sk: `RATINGNO#${serviceId}` }),
  ratingDeclinedPrefix: 'RATINGNO#',
  ratingListing: (month: string, ratedAt: string, serviceId: string) => ({
    gsi1pk: `RATINGS#${month}#${shardOf(serviceId, RATING_LIST_SHARDS)}`,
    gsi1sk: `${ratedAt}#${serviceId}`,
  }),
  ratingListShard: (month: string, shard: number): string => `RATINGS#${month}#${shard}`,
  /**
   * A service delivered at a counter (a certificate checked, an account action), kept in the
   * member's partition so 好差评 can offer it, and listed by month for the figures' 办件数.
   */
  counterService: (accountNo: string, serviceId: string): ItemKey => ({ pk: `ACCT#${accountNo}`, sk: `SERVICE#${serviceId}` }),
  counterServicePrefix: 'SERVICE#',
  counterServiceListing: (month: string, deliveredAt: string, serviceId: string) => ({
    gsi1pk: `SERVICES#${month}#${shardOf(serviceId, RATING_LIST_SHARDS)}`,
    gsi1sk: `${deliveredAt}#${serviceId}`,
  }),
  counterServiceListShard: (month: string, shard: number): string => `SERVICES#${month}#${shard}`,
  /**
   * A 差评 case, in its state's queue by the date it is due (or, once followed up, the day the
   * member's time to answer ends): a bad rating is about one in a hundred, so one partition per
   * state holds them, read oldest first — what is late comes first.
   */
  /** 日清: one bank account's reconciled day (the statement against the books, its unmatched items and notes). */
  reconDay: (bankAccountNo: string, date: string): ItemKey => ({ pk: `RECON#${bankAccountNo}`, sk: `DAY#${date}` }),
  /**
   * 日结: the centre's close of one accounting day, proposed by one person and closed by another.
   * Only back-dated postings check it (today's are never in a closed day), so it is never hot.
   */
  dayClose: (date: string): ItemKey => ({ pk: `RECONDAY#${date}`, sk: 'CLOSE' }),
  ratingCase: (caseId: string): ItemKey => ({ pk: `RCASE#${caseId}`, sk: 'CASE' }),
  ratingCaseQueue: (status: string, due: string, caseId: string) => ({ gsi1pk: `RCASEQ#${status}`, gsi1sk: `${due}#${caseId}` }),
  ratingCaseQueuePartition: (status: string): string => `RCASEQ#${status}`,
  /**
   * The same case in its office's list (a copy, so a page is one Query), by the day it is due —
   * the console's 网点 filter pages through it.
   */
  ratingCaseByOffice: (office: string, dueOn: string, caseId: string): ItemKey => ({ pk: `RCASEO#${office}`, sk: `${dueOn}#${caseId}` }),
  ratingCaseOfficePartition: (office: string): string => `RCASEO#${office}`,
  /** One entry per office that has had a case: the filter's choices. */
  ratingCaseOffice: (office: string): ItemKey => ({ pk: 'RCASEOFFICES', sk: office }),
  ratingCaseOfficesPartition: 'RCASEOFFICES',
};

/** The settlement's parts are these shards (the API names their count, shared ACCOUNT_LIST_PARTS). */
export const ACCOUNT_LIST_SHARDS = ACCOUNT_LIST_PARTS;
export const WITHDRAWAL_QUEUE_SHARDS = 8;
export const RATING_LIST_SHARDS = 8;
export const AGREEMENT_LIST_SHARDS = 4;

/** A stable shard for a listing entry: the same text always lands in the same one of `shards`. */
export function shardOf(text: string, shards: number): number {
  let sum = 0;
  for (const char of text) sum = (sum * 31 + char.charCodeAt(0)) % 1_000_003;
  return sum % shards;
}

export function entryIdFromLedgerSortKey(sk: string): string | undefined {
  return sk.startsWith(LEDGER_PREFIX) ? sk.slice(LEDGER_PREFIX.length) : undefined;
}
