/** Rent-withdrawal applications, their one-open-application marker, and the lease-use index. */
import { createHash } from 'node:crypto';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, QueryCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  assertWithdrawalTransition,
  type ClosingKind,
  DomainError,
  type LeaseFacts,
  type RiskFlag,
  type WithdrawalActor,
  type WithdrawalStatus,
  WITHDRAWAL_STATES,
} from '@hpf/shared';
import { dynamo } from '../platform/dynamo';
import { APPLICATION_ID_PATTERN } from '../platform/ids';
import { keys, WITHDRAWAL_QUEUE_SHARDS } from '../platform/keys';
import { getIdempotencyRecord as getIdempotencyOf, idempotencyPut } from './idempotency';
import type { TransactItem } from './ledger-repository';

export interface TimelineEntry {
  status: WithdrawalStatus;
  at: string;
  note?: string;
}

export interface ReviewDecision {
  by: string;
  decision: 'APPROVE' | 'REJECT';
  reason: string;
  at: string;
}

export interface Application {
  applicationId: string;
  accountNo: string;
  memberName: string;
  /**
   * RENT: 租房提取; RETIREMENT: 离退休提取, the whole account paid out and the account closed;
   * CLOSING: the counter's account-closing withdrawals (closingKind), closed the same way;
   * LOAN_TRANSFER: 商贷自动划转, one month's repayment paid to a cooperating bank's loan account.
   */
  kind: 'RENT' | 'RETIREMENT' | 'CLOSING' | 'LOAN_TRANSFER';
  /** LOAN_TRANSFER only: the bank's contract and the month's figures (bankCard is the loan's repayment account). */
  loanTransfer?: { bankCode: string; bankName: string; contractNo: string; dueFen: number; shortfallFen: number; dueDate: string; tries: number; triesAllowed: number };
  /** CLOSING only: 出境定居, 完全丧失劳动能力 or 身后一件事, what the clerk saw, who is paid, who started it. */
  counterClosing?: {
    kind: ClosingKind;
    documentsSeen: string[];
    payeeName: string;
    payeeIdNumber?: string;
    payeeRelation?: string;
    startedBy: string;
    /** 离退休提取 凭退休证明: the day the proof says, and whether this application holds the account's retirement record (closing/retirement-claim.ts). */
    retiredOn?: string;
    claimedRetirement?: boolean;
  };
  month: string;
  amountFen: number;
  /** Rent only. */
  lease?: LeaseFacts;
  /** Retirement and CLOSING: the figures the closing debit posts (the payout is amountFen). */
  closing?: { balanceFen: number; closingInterestFen: number; loanRepaymentFen: number; closingDate: string; loanContracts: string[] };
  /** The payout destination, whole: the bank needs it. Never returned or logged whole. */
  bankCard: string;
  status: WithdrawalStatus;
  flags: RiskFlag[];
  timeline: TimelineEntry[];
  createdAt: string;
  idempotencyKey: string;
  firstDecision?: ReviewDecision;
  /** The confirming reviewer's decision (set with the state change it confirms). */
  secondDecision?: Omit<ReviewDecision, 'decision'>;
  rejectionReason?: string;
  /** Why the bank could not pay, in the member's words (PAYOUT_FAILED). */
  payoutFailure?: string;
  entryId?: string;
  /** Payout attempts so far (the debit is attempt 1); each is claimed before the bank is called. */
  attempts?: number;
  /** When the payout worker next looks at it (APPROVED, PAYING, MANUAL_CHECK); its queue is ordered by it. */
  nextAttemptAt?: string;
  /** When the debit went through: the payout policy's age counts from here. */
  payingSince?: string;
}

/** States the payout worker works on: their queue is ordered by the next attempt's time, not creation. */
const WORKER_STATES: ReadonlySet<WithdrawalStatus> = new Set(['APPROVED', 'PAYING', 'MANUAL_CHECK']);

/** The queue index entry of an application in `status`. */
export function queueKey(status: WithdrawalStatus, application: Pick<Application, 'applicationId' | 'createdAt'>, nextAttemptAt?: string) {
  return keys.withdrawalQueue(status, WORKER_STATES.has(status) && nextAttemptAt ? nextAttemptAt : application.createdAt, application.applicationId);
}

const STORAGE = new Set(['pk', 'sk', 'gsi1pk', 'gsi1sk']);
function toApplication(item: Record<string, unknown>): Application {
  return Object.fromEntries(Object.entries(item).filter(([name]) => !STORAGE.has(name))) as unknown as Application;
}

/** Application ids carry the account number, so staff routes find the item in one read. */
export function accountNoOf(applicationId: string): string {
  const match = APPLICATION_ID_PATTERN.exec(applicationId);
  if (!match) throw new DomainError('APPLICATION_NOT_FOUND');
  return match[1];
}


export async function getApplication(tableName: string, applicationId: string, consistent = false): Promise<Application | undefined> {
  const { Item } = await dynamo().send(
    new GetCommand({ TableName: tableName, Key: keys.withdrawal(accountNoOf(applicationId), applicationId), ConsistentRead: consistent }),
  );
  return Item ? toApplication(Item) : undefined;
}

export { requestHash } from './idempotency';

export function getIdempotencyRecord(tableName: string, scope: string, key: string) {
  return getIdempotencyOf<{ applicationId: string }>(tableName, scope, key);
}

export async function itemExists(tableName: string, key: { pk: string; sk: string }): Promise<boolean> {
  const { Item } = await dynamo().send(new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true, ProjectionExpression: 'pk' }));
  return Boolean(Item);
}

/** The month's rent-withdrawal marker, with the application that paid it when the marker names one. */
export async function rentMonthWithdrawal(tableName: string, accountNo: string, month: string): Promise<{ applicationId?: string } | undefined> {
  const { Item } = await dynamo().send(
    new GetCommand({ TableName: tableName, Key: keys.rentMonth(accountNo, month), ConsistentRead: true, ProjectionExpression: 'applicationId' }),
  );
  if (!Item) return undefined;
  return typeof Item.applicationId === 'string' ? { applicationId: Item.applicationId } : {};
}


/**
 * Creates the application with its idempotency record and the one-open-application marker in
 * one transaction. The fourth item is the kind's guard: for rent, this month's marker must not
 * exist; for a retirement withdrawal, the prepared record's move to CONFIRMED (`guard`). A concurrent double tap loses on the idempotency record; a second application
 * while one is open loses on the marker; one that was checked before a twin was paid (and so
 * created after the twin freed the open marker) loses on the month marker the twin's debit wrote.
 */
export async function createApplication(
  tableName: string,
  application: Application,
  idempotency: { scope: string; key: string; requestHash: string },
  /** Unconditional writes that belong to the application (the lease-use index), after the guarded ones. */
  alongside: TransactItem[] = [],
  options: { by?: WithdrawalActor; guard?: TransactItem } = {},
): Promise<'created' | 'idempotent-replay' | 'in-flight' | 'month-taken'> {
  assertWithdrawalTransition(null, application.status, options.by ?? 'MEMBER');
  try {
    await dynamo().send(
      new TransactWriteCommand({
        TransactItems: [
          idempotencyPut(tableName, idempotency, { applicationId: application.applicationId }, new Date(application.createdAt)),
          {
            Put: {
              TableName: tableName,
              Item: { ...keys.openWithdrawal(application.accountNo), applicationId: application.applicationId },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          {
            Put: {
              TableName: tableName,
              Item: {
                ...keys.withdrawal(application.accountNo, application.applicationId),
                ...queueKey(application.status, application, application.nextAttemptAt),
                ...application,
              },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          options.guard ?? {
            ConditionCheck: {
              TableName: tableName,
              Key: keys.rentMonth(application.accountNo, application.month),
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          ...alongside,
        ],
      }),
    );
    return 'created';
  } catch (error) {
    if (error instanceof TransactionCanceledException) {
      const [idem, open, , month] = error.CancellationReasons ?? [];
      if (idem?.Code === 'ConditionalCheckFailed') return 'idempotent-replay';
      if (open?.Code === 'ConditionalCheckFailed') return 'in-flight';
      if (month?.Code === 'ConditionalCheckFailed') return 'month-taken';
    }
    throw error;
  }
}

export interface TransitionExtra {
  note?: string;
  set?: Record<string, unknown>;
  /** The confirming reviewer: the write is conditioned on the first decision being someone else's. */
  secondReviewer?: string;
  /** The payout worker's claim: the write is conditioned on the attempt count it holds. */
  attempts?: number;
  /** When the worker next looks at it, for the worker's states (orders their queue). */
  nextAttemptAt?: string;
}

/**
 * The state change as a transaction item: allowed by the life cycle for `by` (or it throws before
 * any write), and conditioned on the state it leaves.
 */
export function transitionItem(
  tableName: string,
  application: Pick<Application, 'accountNo' | 'applicationId' | 'createdAt'>,
  from: WithdrawalStatus,
  to: WithdrawalStatus,
  by: WithdrawalActor,
  at: Date,
  extra: TransitionExtra = {},
) {
  assertWithdrawalTransition(from, to, by);
  const queue = queueKey(to, application, extra.nextAttemptAt);
  const names: Record<string, string> = { '#status': 'status' };
  const values: Record<string, unknown> = {
    ':from': from,
    ':to': to,
    ':step': [{ status: to, at: at.toISOString(), ...(extra.note ? { note: extra.note } : {}) }],
    ':queue': queue.gsi1pk,
    ':queueSort': queue.gsi1sk,
  };
  const sets = ['#status = :to', 'timeline = list_append(timeline, :step)', 'gsi1pk = :queue', 'gsi1sk = :queueSort'];
  const fields = { ...extra.set, ...(extra.nextAttemptAt ? { nextAttemptAt: extra.nextAttemptAt } : {}) };
  for (const [field, value] of Object.entries(fields)) {
    names[`#${field}`] = field;
    values[`:${field}`] = value;
    sets.push(`#${field} = :${field}`);
  }
  let condition = '#status = :from';
  if (extra.secondReviewer) {
    // maker-checker in the write itself: the confirming reviewer is not the first one
    condition += ' AND attribute_exists(firstDecision) AND firstDecision.#by <> :second';
    names['#by'] = 'by';
    values[':second'] = extra.secondReviewer;
  }
  if (extra.attempts !== undefined) {
    condition += ' AND attempts = :held';
    values[':held'] = extra.attempts;
  }
  return {
    Update: {
      TableName: tableName,
      Key: keys.withdrawal(application.accountNo, application.applicationId),
      UpdateExpression: `SET ${sets.join(', ')}`,
      ConditionExpression: condition,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    },
  };
}

export function releaseOpenItem(tableName: string, accountNo: string, applicationId: string) {
  return {
    Delete: {
      TableName: tableName,
      Key: keys.openWithdrawal(accountNo),
      ConditionExpression: 'applicationId = :id',
      ExpressionAttributeValues: { ':id': applicationId },
    },
  };
}

/**
 * A state change on its own (no money moves), with any other items that must commit with it (an
 * audit record); false when the application was not in `from` (or the claim was lost).
 */
export async function transition(
  tableName: string,
  application: Application,
  from: WithdrawalStatus,
  to: WithdrawalStatus,
  by: WithdrawalActor,
  at: Date,
  extra: TransitionExtra & { release?: boolean; with?: TransactItem[] } = {},
): Promise<boolean> {
  try {
    await dynamo().send(
      new TransactWriteCommand({
        TransactItems: [
          transitionItem(tableName, application, from, to, by, at, extra),
          ...(extra.release ? [releaseOpenItem(tableName, application.accountNo, application.applicationId)] : []),
          ...(extra.with ?? []),
        ],
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof TransactionCanceledException && error.CancellationReasons?.[0]?.Code === 'ConditionalCheckFailed') return false;
    throw error;
  }
}

/**
 * Moves the payout worker's next look to `nextAttemptAt` (its queue is ordered by it), only while
 * the application is still in the state read; with `claim`, also takes the next attempt — the
 * count goes from what was read to one more, so of two workers only one holds an attempt.
 */
async function reschedule(tableName: string, application: Application, nextAttemptAt: string, claim: boolean): Promise<boolean> {
  const held = application.attempts ?? 0;
  const queue = queueKey(application.status, application, nextAttemptAt);
  const heldCondition = held === 0 ? ' AND (attribute_not_exists(attempts) OR attempts = :held)' : ' AND attempts = :held';
  try {
    await dynamo().send(
      new UpdateCommand({
        TableName: tableName,
        Key: keys.withdrawal(application.accountNo, application.applicationId),
        // the queue key is written whole (not only its time): an entry from before the shards moves to its shard
        UpdateExpression: `SET nextAttemptAt = :at, gsi1pk = :queue, gsi1sk = :queueSort${claim ? ', attempts = :next' : ''}`,
        ConditionExpression: `#status = :status${claim ? heldCondition : ''}`,
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':at': nextAttemptAt,
          ':queue': queue.gsi1pk,
          ':queueSort': queue.gsi1sk,
          ':status': application.status,
          ...(claim ? { ':next': held + 1, ':held': held } : {}),
        },
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

/** The payout worker's claim on its next attempt; only the holder calls the bank for that attempt. */
export async function claimAttempt(tableName: string, application: Application, nextAttemptAt: string): Promise<Application | undefined> {
  const claimed = await reschedule(tableName, application, nextAttemptAt, true);
  return claimed ? { ...application, attempts: (application.attempts ?? 0) + 1, nextAttemptAt } : undefined;
}

/** Brings the payout worker's next look forward to `now` (staff asking for a check); false once it has ended. */
export async function requestAttemptNow(tableName: string, application: Application, now: Date): Promise<boolean> {
  return WORKER_STATES.has(application.status) && reschedule(tableName, application, now.toISOString(), false);
}

/** Records the first of the two review decisions; false if one is already there or it is not in review. */
export async function recordFirstDecision(tableName: string, application: Application, decision: ReviewDecision): Promise<boolean> {
  try {
    await dynamo().send(
      new UpdateCommand({
        TableName: tableName,
        Key: keys.withdrawal(application.accountNo, application.applicationId),
        UpdateExpression: 'SET firstDecision = :decision',
        ConditionExpression: '#status = :review AND attribute_not_exists(firstDecision)',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':decision': decision, ':review': 'PENDING_REVIEW' },
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

/** A second reviewer who disagrees sends it back to review with both opinions on the timeline. */
export async function clearFirstDecision(tableName: string, application: Application, firstBy: string, note: string, at: Date): Promise<boolean> {
  try {
    await dynamo().send(
      new UpdateCommand({
        TableName: tableName,
        Key: keys.withdrawal(application.accountNo, application.applicationId),
        UpdateExpression: 'REMOVE firstDecision SET timeline = list_append(timeline, :step)',
        ConditionExpression: '#status = :review AND firstDecision.#by = :first',
        ExpressionAttributeNames: { '#status': 'status', '#by': 'by' },
        ExpressionAttributeValues: { ':review': 'PENDING_REVIEW', ':first': firstBy, ':step': [{ status: 'PENDING_REVIEW', at: at.toISOString(), note }] },
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

/** The cursor is the id the previous page ended on; the partition always comes from the session. */
function encodeApplicationCursor(applicationId: string): string {
  return Buffer.from(applicationId, 'utf8').toString('base64url');
}

function decodeApplicationCursor(cursor: string, accountNo: string): string {
  const applicationId = Buffer.from(cursor, 'base64url').toString('utf8');
  const match = APPLICATION_ID_PATTERN.exec(applicationId);
  if (!match || match[1] !== accountNo) {
    throw new DomainError('INVALID_REQUEST', '翻页标记无效，请从第一页重新加载。', [{ path: 'cursor', message: '翻页标记无效' }]);
  }
  return applicationId;
}

/**
 * One page of a member's applications, newest first: the sort key carries the creation time (see
 * newApplicationId), so the Query itself is in time order and a page is never a random subset.
 */
export async function listApplications(
  tableName: string,
  accountNo: string,
  page: { limit?: number; cursor?: string } = {},
): Promise<{ applications: Application[]; nextCursor?: string }> {
  const limit = page.limit ?? 20;
  const { Items = [], LastEvaluatedKey } = await dynamo().send(
    new QueryCommand({
      TableName: tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :wd)',
      ExpressionAttributeValues: { ':pk': keys.accountPartition(accountNo), ':wd': keys.withdrawalPrefix },
      ScanIndexForward: false,
      Limit: limit,
      ...(page.cursor ? { ExclusiveStartKey: keys.withdrawal(accountNo, decodeApplicationCursor(page.cursor, accountNo)) } : {}),
    }),
  );
  const applications = Items.map(toApplication);
  const last = applications.at(-1);
  return { applications, ...(LastEvaluatedKey && last ? { nextCursor: encodeApplicationCursor(last.applicationId) } : {}) };
}

/** Every application of a member, newest first, a page at a time, for as long as the caller reads. */
export async function* applicationsNewestFirst(tableName: string, accountNo: string, pageSize = 20): AsyncGenerator<Application> {
  let cursor: string | undefined;
  do {
    const page = await listApplications(tableName, accountNo, { limit: pageSize, ...(cursor ? { cursor } : {}) });
    yield* page.applications;
    cursor = page.nextCursor;
  } while (cursor);
}

/** What a reviewer narrows the queue to; applied by DynamoDB on each shard's read, before paging. */
export interface QueueFilter {
  /** 'first': no decision yet (待初审); 'second': one reviewer has decided (待复核). */
  stage?: 'first' | 'second';
  /** Only applications with at least one risk flag. */
  flagged?: boolean;
  /** Only this applicant's applications. */
  accountNo?: string;
}

interface QueueReadOptions {
  /** Start past this sort key (a page cursor, oldest first). */
  after?: string;
  /** Start before this sort key (a page cursor, newest first). */
  before?: string;
  /** Only entries whose time is at or before this (the payout worker's sweep). */
  dueBy?: string;
  /** Only entries whose time is at or after this (ISO instant). */
  from?: string;
  /** Only entries whose time is before this (ISO instant). */
  until?: string;
  /** Newest first: each shard read backwards and the merge takes the latest. */
  newestFirst?: boolean;
  filter?: QueueFilter;
  /** Entries read per shard per Query. */
  chunk?: number;
}

interface ShardReader {
  partition: string;
  buffer: Record<string, unknown>[];
  startKey?: Record<string, unknown>;
  exhausted: boolean;
}

/** The filter as a FilterExpression (undefined when there is none). */
function filterExpression(filter: QueueFilter = {}): { expression?: string; names: Record<string, string>; values: Record<string, unknown> } {
  const parts: string[] = [];
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  if (filter.stage === 'first') parts.push('attribute_not_exists(firstDecision)');
  if (filter.stage === 'second') parts.push('attribute_exists(firstDecision)');
  if (filter.flagged) {
    parts.push('size(flags) > :noFlags');
    values[':noFlags'] = 0;
  }
  if (filter.accountNo) {
    parts.push('#accountNo = :accountNo');
    names['#accountNo'] = 'accountNo';
    values[':accountNo'] = filter.accountNo;
  }
  return { ...(parts.length ? { expression: parts.join(' AND ') } : {}), names, values };
}

/**
 * The key range of a read: the sort key is `time#applicationId`, so a bare time sorts before every
 * entry of that moment and `time$` ('$' after '#') after every one. The page cursor's own entry is
 * inside the range (BETWEEN includes its ends) and is dropped by the reader.
 */
function keyRange(options: QueueReadOptions): { condition: string; values: Record<string, string> } | undefined {
  const lows = [options.after, options.from].filter((key): key is string => key !== undefined);
  const highs = [options.before, options.dueBy && `${options.dueBy}$`, options.until].filter((key): key is string => Boolean(key));
  const low = lows.length ? lows.reduce((a, b) => (a > b ? a : b)) : undefined;
  const high = highs.length ? highs.reduce((a, b) => (a < b ? a : b)) : undefined;
  if (low !== undefined && high !== undefined) {
    if (low >= high) return undefined;
    return { condition: 'gsi1pk = :queue AND gsi1sk BETWEEN :low AND :high', values: { ':low': low, ':high': high } };
  }
  if (low !== undefined) return { condition: 'gsi1pk = :queue AND gsi1sk >= :low', values: { ':low': low } };
  if (high !== undefined) return { condition: 'gsi1pk = :queue AND gsi1sk <= :high', values: { ':high': high } };
  return { condition: 'gsi1pk = :queue', values: {} };
}

/**
 * A state's queue in sort-key order across its shards (oldest first, or newest first with
 * `newestFirst`): a merge of one Query per shard, each read a chunk at a time and only when its next
 * entry could be the next one out. So every entry comes once and in order, no shard waits behind
 * another, and a page of n reads about n entries plus a chunk per shard — not n per shard. `after`
 * / `before` start past a sort key (a page cursor); `dueBy` keeps only entries whose time is at or
 * before it (the payout worker's sweep); `from` / `until` a time range; `filter` is applied by
 * DynamoDB to each shard's read, so what is left out never counts toward a page.
 */
async function* queueItems(tableName: string, status: WithdrawalStatus, options: QueueReadOptions): AsyncGenerator<Record<string, unknown>> {
  const chunk = options.chunk ?? 25;
  const range = keyRange(options);
  if (!range) return;
  const filter = filterExpression(options.filter);
  const forward = !options.newestFirst;
  const shards: ShardReader[] = Array.from({ length: WITHDRAWAL_QUEUE_SHARDS }, (_, shard) => ({
    partition: keys.withdrawalQueueShard(status, shard),
    buffer: [],
    exhausted: false,
  }));
  const fill = async (reader: ShardReader) => {
    const { Items = [], LastEvaluatedKey } = await dynamo().send(
      new QueryCommand({
        TableName: tableName,
        IndexName: 'gsi1',
        KeyConditionExpression: range.condition,
        ExpressionAttributeValues: { ':queue': reader.partition, ...range.values, ...filter.values },
        ...(filter.expression ? { FilterExpression: filter.expression } : {}),
        ...(Object.keys(filter.names).length ? { ExpressionAttributeNames: filter.names } : {}),
        ScanIndexForward: forward,
        Limit: chunk,
        ...(reader.startKey ? { ExclusiveStartKey: reader.startKey } : {}),
      }),
    );
    // the cursor's own entry was on the page before
    reader.buffer.push(...Items.filter((item) => item.gsi1sk !== options.after && item.gsi1sk !== options.before));
    reader.startKey = LastEvaluatedKey;
    reader.exhausted = !LastEvaluatedKey;
  };
  const comesFirst = (a: Record<string, unknown>, b: Record<string, unknown>) => (forward ? String(a.gsi1sk) < String(b.gsi1sk) : String(a.gsi1sk) > String(b.gsi1sk));
  for (;;) {
    // a shard with nothing buffered may hold the next entry: read the next chunk of every such
    // shard at once (with a filter, a chunk may come back empty but not be the shard's end)
    while (shards.some((reader) => reader.buffer.length === 0 && !reader.exhausted)) {
      await Promise.all(shards.filter((reader) => reader.buffer.length === 0 && !reader.exhausted).map(fill));
    }
    let next: ShardReader | undefined;
    for (const reader of shards) {
      if (reader.buffer.length > 0 && (!next || comesFirst(reader.buffer[0], next.buffer[0]))) next = reader;
    }
    if (!next) return;
    yield next.buffer.shift()!;
  }
}

/** A state's queue, oldest first, across its shards (see queueItems). */
export async function* queueEntries(tableName: string, status: WithdrawalStatus, options: Pick<QueueReadOptions, 'after' | 'dueBy' | 'chunk'> = {}): AsyncGenerator<Application> {
  for await (const item of queueItems(tableName, status, options)) yield toApplication(item);
}

export interface QueuePageRequest {
  limit?: number;
  /** The previous page's cursor (a sort key): the page starts past it, in the page's order. */
  cursor?: string;
  newestFirst?: boolean;
  filter?: QueueFilter;
  /** A time range of the queue's time (creation for the review queue and processed states). */
  from?: string;
  until?: string;
}

/**
 * One page of a queue, oldest first (the review queue by creation time) or newest first, narrowed
 * by the filter and time range, with the cursor of the page after it when there is one: the sort
 * key of the page's last entry, read from there in the same order.
 */
export async function queuePage(tableName: string, status: WithdrawalStatus, page: QueuePageRequest = {}): Promise<{ applications: Application[]; nextAfter?: string }> {
  const limit = page.limit ?? 100;
  const items = queueItems(tableName, status, {
    // a chunk per shard of about its share of the page, so a page is mostly one round of Queries
    chunk: Math.ceil(limit / WITHDRAWAL_QUEUE_SHARDS) + 2,
    ...(page.cursor ? (page.newestFirst ? { before: page.cursor } : { after: page.cursor }) : {}),
    ...(page.newestFirst ? { newestFirst: true } : {}),
    ...(page.filter ? { filter: page.filter } : {}),
    ...(page.from ? { from: page.from } : {}),
    ...(page.until ? { until: page.until } : {}),
  });
  const onPage: Record<string, unknown>[] = [];
  let more = false;
  for await (const item of items) {
    // one entry past the page says whether there is another page
    if (onPage.length === limit) {
      more = true;
      break;
    }
    onPage.push(item);
  }
  const last = onPage.at(-1);
  return { applications: onPage.map(toApplication), ...(more && last ? { nextAfter: String(last.gsi1sk) } : {}) };
}

/**
 * A queue page's cursor for clients: the last entry's queue sort key (time#applicationId). It is
 * a position in time, not a DynamoDB key: the server reads every shard of the queue asked for
 * from there, so a cursor cannot reach anything else.
 */
export function encodeQueueCursor(sortKey: string): string {
  return Buffer.from(sortKey).toString('base64url');
}

const QUEUE_SORT_KEY = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{3})?Z#(R\d{12}[0-9A-Z]{8,15})$/;

export function decodeQueueCursor(text: string): string {
  const sortKey = Buffer.from(text, 'base64url').toString();
  const match = QUEUE_SORT_KEY.exec(sortKey);
  if (!match || !APPLICATION_ID_PATTERN.test(match[1])) throw new DomainError('INVALID_REQUEST', '翻页标记无效，请从第一页重新加载');
  return sortKey;
}

/** Every application in a state (up to `limit`), oldest first. */
export async function applicationsInState(tableName: string, status: WithdrawalStatus, limit = 100): Promise<Application[]> {
  const found: Application[] = [];
  if (limit <= 0) return found;
  for await (const application of queueEntries(tableName, status, { chunk: Math.min(100, Math.ceil(limit / WITHDRAWAL_QUEUE_SHARDS) + 2) })) {
    found.push(application);
    if (found.length >= limit) break;
  }
  return found;
}

/**
 * Moves queue entries written before the queues were sharded (one `WDQ#<status>` partition per
 * state) to their shard, each conditioned on still being where it was read. `npm start` runs it on
 * data it keeps; `npm run payouts -- rekey` runs it on a table. Returns how many moved.
 */
export async function moveUnshardedQueueEntries(tableName: string): Promise<number> {
  let moved = 0;
  for (const status of WITHDRAWAL_STATES) {
    const legacy = keys.unshardedWithdrawalQueue(status);
    let startKey: Record<string, unknown> | undefined;
    do {
      const { Items = [], LastEvaluatedKey } = await dynamo().send(
        new QueryCommand({
          TableName: tableName,
          IndexName: 'gsi1',
          KeyConditionExpression: 'gsi1pk = :legacy',
          ExpressionAttributeValues: { ':legacy': legacy },
          ProjectionExpression: 'pk, sk, gsi1pk, gsi1sk, applicationId',
          ...(startKey ? { ExclusiveStartKey: startKey } : {}),
        }),
      );
      for (const item of Items) {
        const shard = keys.withdrawalQueue(status, '', String(item.applicationId)).gsi1pk;
        try {
          await dynamo().send(
            new UpdateCommand({
              TableName: tableName,
              Key: { pk: item.pk, sk: item.sk },
              UpdateExpression: 'SET gsi1pk = :shard',
              ConditionExpression: 'gsi1pk = :legacy',
              ExpressionAttributeValues: { ':shard': shard, ':legacy': legacy },
            }),
          );
          moved += 1;
        } catch (error) {
          // a writer moved it meanwhile (every write now puts the sharded key)
          if (!(error instanceof ConditionalCheckFailedException)) throw error;
        }
      }
      startKey = LastEvaluatedKey;
    } while (startKey);
  }
  return moved;
}

const LEASE_MEMORY_SECONDS = 180 * 24 * 3600;

export function leaseHash(lease: LeaseFacts): string {
  const identity = lease.registeredContractNo ? `contract:${lease.registeredContractNo.toUpperCase()}` : `address:${lease.address.replace(/\s+/g, '')}`;
  return createHash('sha256').update(identity).digest('base64url').slice(0, 22);
}

export function landlordHash(lease: LeaseFacts): string {
  return createHash('sha256').update(`landlord:${lease.landlordAccount}`).digest('base64url').slice(0, 22);
}

/** How many OTHER members used this lease and this landlord account in the last months. */
export async function leaseSignals(tableName: string, lease: LeaseFacts, accountNo: string) {
  const count = async (pk: string) => {
    const { Items = [] } = await dynamo().send(
      new QueryCommand({ TableName: tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': pk }, ProjectionExpression: 'sk' }),
    );
    return Items.filter((item) => item.sk !== `ACCT#${accountNo}`).length;
  };
  const [onLease, onLandlord] = await Promise.all([
    count(keys.leaseUse(leaseHash(lease), accountNo).pk),
    count(keys.landlordUse(landlordHash(lease), accountNo).pk),
  ]);
  return { otherMembersOnLease: onLease, otherMembersOnLandlordAccount: onLandlord };
}

/** This member's use of a lease and of a landlord account, remembered for the ring check (as Put items). */
export function leaseUseItems(tableName: string, lease: LeaseFacts, accountNo: string, now: Date): TransactItem[] {
  const ttl = Math.floor(now.getTime() / 1000) + LEASE_MEMORY_SECONDS;
  return [keys.leaseUse(leaseHash(lease), accountNo), keys.landlordUse(landlordHash(lease), accountNo)].map((key) => ({
    Put: { TableName: tableName, Item: { ...key, at: now.toISOString(), ttl } },
  }));
}

export async function rememberLeaseUse(tableName: string, lease: LeaseFacts, accountNo: string, now: Date): Promise<void> {
  await Promise.all(leaseUseItems(tableName, lease, accountNo, now).map((item) => dynamo().send(new PutCommand(item.Put!))));
}
