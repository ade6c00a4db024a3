/**
 * 好差评 in the table: a rating per service in the member's partition, a case per bad rating in its
 * state's queue. Every change of a case is one transaction: the case (conditioned on the state it
 * leaves), the copy of its state on the rating (what the member reads), and the staff action's
 * audit record.
 */
import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, QueryCommand, TransactWriteCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import {
  RATEABLE_WITHDRAWAL_STATES,
  type CounterServiceRecord,
  type RatedService,
  type RatingCaseStatus,
  type RatingChannel,
  type RatingLevel,
} from '@hpf/shared';
import { dynamo } from '../platform/dynamo';
import { keys, RATING_LIST_SHARDS, WITHDRAWAL_QUEUE_SHARDS, type ItemKey } from '../platform/keys';
import { auditItem, type AuditEvent } from './staff-repository';

export interface CaseHistoryEntry {
  step: string;
  stepLabel: string;
  by: string;
  at: string;
  note?: string;
  followUp?: { at: string; how: 'PHONE' | 'SMS' | 'VISIT' | 'MESSAGE'; outcome: string };
}

export interface RatingRecord {
  accountNo: string;
  serviceId: string;
  service: RatedService;
  office: string;
  channel: RatingChannel;
  /** The service's month in the figures. */
  month: string;
  deliveredAt: string;
  level: RatingLevel;
  reasons: string[];
  comment?: string;
  ratedAt: string;
  caseId?: string;
  caseStatus?: RatingCaseStatus;
  caseDueOn?: string;
  /** What the office found, changed and said at the 回访: shown to the member. */
  caseOutcome?: string;
  replyUntil?: string;
  resolved?: boolean;
  /** An upheld appeal takes the rating out of the figures. */
  appealUpheld?: boolean;
}

export interface RatingCase {
  caseId: string;
  status: RatingCaseStatus;
  accountNo: string;
  serviceId: string;
  service: RatedService;
  office: string;
  level: RatingLevel;
  reasons: string[];
  comment?: string;
  memberName: string;
  phoneMasked: string;
  openedAt: string;
  dueOn: string;
  replyUntil?: string;
  appealedBy?: string;
  resolved?: boolean;
  history: CaseHistoryEntry[];
}

const FIELDS_OF_KEYS = ['pk', 'sk', 'gsi1pk', 'gsi1sk'] as const;

function strip<T>(item: Record<string, unknown>): T {
  const rest = { ...item };
  for (const field of FIELDS_OF_KEYS) delete rest[field];
  return rest as T;
}

function caseItem(record: RatingCase): Record<string, unknown> {
  return { ...keys.ratingCase(record.caseId), ...keys.ratingCaseQueue(record.status, queueTime(record), record.caseId), ...record };
}

/** A case's copy in its office's list, by the day it is due: that never changes, so each step overwrites the copy in place (the functions delete nothing). */
function officeItem(record: RatingCase): Record<string, unknown> {
  return { ...keys.ratingCaseByOffice(record.office, record.dueOn, record.caseId), ...record };
}

/** A case is queued by when something is next owed: the office's deadline, or the member's time to answer. */
function queueTime(record: Pick<RatingCase, 'status' | 'dueOn' | 'replyUntil' | 'openedAt'>): string {
  if (record.status === 'FOLLOWED_UP' && record.replyUntil) return record.replyUntil;
  if (record.status === 'CLOSED' || record.status === 'APPEAL_UPHELD') return record.openedAt;
  return record.dueOn;
}

export type RateOutcome = { kind: 'rated' } | { kind: 'exists'; existing: RatingRecord } | { kind: 'service-moved' };

/** What must still stand when the rating lands: a withdrawal in the ended state it was rated in, or a counter service's record. */
export type ServiceGuard = { withdrawal: { applicationId: string; status: string } } | { counterService: true };

function guardCheck(tableName: string, accountNo: string, serviceId: string, guard: ServiceGuard) {
  if ('counterService' in guard) {
    return { TableName: tableName, Key: keys.counterService(accountNo, serviceId) as ItemKey, ConditionExpression: 'attribute_exists(pk)' };
  }
  return {
    TableName: tableName,
    Key: keys.withdrawal(accountNo, guard.withdrawal.applicationId),
    ConditionExpression: '#status = :status',
    ExpressionAttributeNames: { '#status': 'status' },
    ExpressionAttributeValues: { ':status': guard.withdrawal.status },
  };
}

/**
 * Records the rating (and the case a bad one opens) if the service has none yet, while the
 * service still stands as it was rated.
 */
export async function recordRating(tableName: string, rating: RatingRecord, guard: ServiceGuard, opened?: RatingCase): Promise<RateOutcome> {
  try {
    await dynamo().send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: tableName,
              Item: { ...keys.rating(rating.accountNo, rating.serviceId), ...keys.ratingListing(rating.month, rating.ratedAt, rating.serviceId), ...rating },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          { ConditionCheck: guardCheck(tableName, rating.accountNo, rating.serviceId, guard) },
          ...(opened
            ? [
                { Put: { TableName: tableName, Item: caseItem(opened), ConditionExpression: 'attribute_not_exists(pk)' } },
                { Put: { TableName: tableName, Item: officeItem(opened) } },
                { Put: { TableName: tableName, Item: { ...keys.ratingCaseOffice(opened.office), office: opened.office } } },
              ]
            : []),
        ],
      }),
    );
    return { kind: 'rated' };
  } catch (error) {
    if (!(error instanceof TransactionCanceledException)) throw error;
    const [ratingReason, serviceReason] = error.CancellationReasons ?? [];
    if (ratingReason?.Code === 'ConditionalCheckFailed') {
      const existing = await getRating(tableName, rating.accountNo, rating.serviceId);
      if (existing) return { kind: 'exists', existing };
    }
    if (serviceReason?.Code === 'ConditionalCheckFailed') return { kind: 'service-moved' };
    throw error;
  }
}

/** 不用了, kept once (the first time it was said); false when it had been said before. */
export async function recordDecline(tableName: string, accountNo: string, serviceId: string, at: string): Promise<boolean> {
  try {
    await dynamo().send(
      new PutCommand({ TableName: tableName, Item: { ...keys.ratingDeclined(accountNo, serviceId), serviceId, declinedAt: at }, ConditionExpression: 'attribute_not_exists(pk)' }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

/** The services the member said 不用了 to, newest first. */
export async function memberDeclines(tableName: string, accountNo: string, limit = 100): Promise<Set<string>> {
  const { Items = [] } = await dynamo().send(
    new QueryCommand({
      TableName: tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': keys.accountPartition(accountNo), ':prefix': keys.ratingDeclinedPrefix },
      ScanIndexForward: false,
      Limit: limit,
    }),
  );
  return new Set(Items.map((item) => String(item.serviceId)));
}

/** The item of a counter service, to be written in the same transaction as the action it records. */
export function counterServiceItem(record: CounterServiceRecord): Record<string, unknown> {
  return { ...keys.counterService(record.accountNo, record.serviceId), ...keys.counterServiceListing(record.month, record.deliveredAt, record.serviceId), ...record };
}

/** Records a counter service once: false when it was already recorded (a certificate checked again the same day). */
export async function recordCounterService(tableName: string, record: CounterServiceRecord): Promise<boolean> {
  try {
    await dynamo().send(new PutCommand({ TableName: tableName, Item: counterServiceItem(record), ConditionExpression: 'attribute_not_exists(pk)' }));
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

export async function getCounterService(tableName: string, accountNo: string, serviceId: string): Promise<CounterServiceRecord | undefined> {
  const { Item } = await dynamo().send(new GetCommand({ TableName: tableName, Key: keys.counterService(accountNo, serviceId), ConsistentRead: true }));
  return Item ? strip<CounterServiceRecord>(Item) : undefined;
}

/** The member's latest counter services, newest day first. */
export async function memberCounterServices(tableName: string, accountNo: string, limit = 50): Promise<CounterServiceRecord[]> {
  const { Items = [] } = await dynamo().send(
    new QueryCommand({
      TableName: tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': keys.accountPartition(accountNo), ':prefix': keys.counterServicePrefix },
      ScanIndexForward: false,
      Limit: limit,
    }),
  );
  return Items.map((item) => strip<CounterServiceRecord>(item));
}

/** The counter services delivered in a month (China time), from every shard of its listing. */
export async function counterServicesOfMonth(tableName: string, month: string): Promise<CounterServiceRecord[]> {
  const shards = await Promise.all(
    Array.from({ length: RATING_LIST_SHARDS }, (_, shard) =>
      queryAll({ TableName: tableName, IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :pk', ExpressionAttributeValues: { ':pk': keys.counterServiceListShard(month, shard) } }),
    ),
  );
  return shards.flat().map((item) => strip<CounterServiceRecord>(item));
}

export async function getRating(tableName: string, accountNo: string, serviceId: string): Promise<RatingRecord | undefined> {
  const { Item } = await dynamo().send(new GetCommand({ TableName: tableName, Key: keys.rating(accountNo, serviceId), ConsistentRead: true }));
  return Item ? strip<RatingRecord>(Item) : undefined;
}

/** The member's ratings, newest services first (a service id is time-ordered like its application). */
export async function memberRatings(tableName: string, accountNo: string, limit = 100): Promise<RatingRecord[]> {
  const { Items = [] } = await dynamo().send(
    new QueryCommand({
      TableName: tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': keys.accountPartition(accountNo), ':prefix': keys.ratingPrefix },
      ScanIndexForward: false,
      Limit: limit,
    }),
  );
  return Items.map((item) => strip<RatingRecord>(item));
}

export async function getRatingCase(tableName: string, caseId: string): Promise<RatingCase | undefined> {
  const { Item } = await dynamo().send(new GetCommand({ TableName: tableName, Key: keys.ratingCase(caseId), ConsistentRead: true }));
  return Item ? strip<RatingCase>(Item) : undefined;
}

async function queryAll(input: QueryCommandInput): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await dynamo().send(new QueryCommand({ ...input, ...(start ? { ExclusiveStartKey: start } : {}) }));
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}

/** The cases in these states, each state's queue oldest due first; `dueBefore` keeps only what is due before it. */
export async function casesIn(tableName: string, states: readonly RatingCaseStatus[], dueBefore?: string): Promise<RatingCase[]> {
  const queues = await Promise.all(
    states.map((status) =>
      queryAll({
        TableName: tableName,
        IndexName: 'gsi1',
        KeyConditionExpression: dueBefore ? 'gsi1pk = :pk AND gsi1sk < :before' : 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': keys.ratingCaseQueuePartition(status), ...(dueBefore ? { ':before': dueBefore } : {}) },
      }),
    ),
  );
  return queues.flat().map((item) => strip<RatingCase>(item));
}

/**
 * One page of an office's cases, the earliest due first; a state filter is applied before paging
 * (the page is full and its cursor goes on within the filter).
 */
export async function officeCases(
  tableName: string,
  office: string,
  page: { limit: number; cursor?: string; status?: RatingCaseStatus },
): Promise<{ cases: RatingCase[]; nextCursor?: string }> {
  const partition = keys.ratingCaseOfficePartition(office);
  let start: Record<string, unknown> | undefined = page.cursor ? { pk: partition, sk: Buffer.from(page.cursor, 'base64url').toString('utf8') } : undefined;
  const cases: RatingCase[] = [];
  do {
    const result = await dynamo().send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': partition, ...(page.status ? { ':status': page.status } : {}) },
        ...(page.status ? { FilterExpression: '#status = :status', ExpressionAttributeNames: { '#status': 'status' } } : {}),
        Limit: page.limit - cases.length,
        ...(start ? { ExclusiveStartKey: start } : {}),
      }),
    );
    cases.push(...(result.Items ?? []).map((item) => strip<RatingCase>(item)));
    start = result.LastEvaluatedKey;
  } while (start && cases.length < page.limit);
  const last = start?.sk;
  return { cases, ...(typeof last === 'string' ? { nextCursor: Buffer.from(last, 'utf8').toString('base64url') } : {}) };
}

/** The offices that have had a case, for the list's filter. */
export async function caseOffices(tableName: string): Promise<string[]> {
  const items = await queryAll({ TableName: tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': keys.ratingCaseOfficesPartition } });
  return items.map((item) => String(item.office));
}

export interface CaseChange {
  from: RatingCaseStatus;
  next: RatingCase;
  /** What the member reads on their rating. */
  mirror: Pick<RatingRecord, 'caseStatus' | 'caseOutcome' | 'replyUntil' | 'resolved' | 'appealUpheld'>;
  /** Staff actions are audited in the same transaction; the member's answer and the clock's are not staff actions. */
  audit?: AuditEvent;
}

/** Moves a case one step, if it is still where the caller read it. False when someone moved it first. */
export async function changeCase(tableName: string, change: CaseChange, now: Date): Promise<boolean> {
  const { next, mirror } = change;
  const mirrorFields = Object.entries(mirror).filter(([, value]) => value !== undefined);
  try {
    await dynamo().send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: tableName,
              Item: caseItem(next),
              ConditionExpression: '#status = :from',
              ExpressionAttributeNames: { '#status': 'status' },
              ExpressionAttributeValues: { ':from': change.from },
            },
          },
          {
            Update: {
              TableName: tableName,
              Key: keys.rating(next.accountNo, next.serviceId),
              UpdateExpression: `SET ${mirrorFields.map((_, index) => `#m${index} = :m${index}`).join(', ')}`,
              ConditionExpression: 'caseId = :caseId',
              ExpressionAttributeNames: Object.fromEntries(mirrorFields.map(([name], index) => [`#m${index}`, name])),
              ExpressionAttributeValues: { ':caseId': next.caseId, ...Object.fromEntries(mirrorFields.map(([, value], index) => [`:m${index}`, value])) },
            },
          },
          { Put: { TableName: tableName, Item: officeItem(next) } },
          ...(change.audit ? [{ Put: { TableName: tableName, Item: auditItem(change.audit, now), ConditionExpression: 'attribute_not_exists(pk)' } }] : []),
        ],
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof TransactionCanceledException && error.CancellationReasons?.[0]?.Code === 'ConditionalCheckFailed') return false;
    throw error;
  }
}

/** The month's ratings, from every shard of its listing. */
export async function ratingsOfMonth(tableName: string, month: string): Promise<RatingRecord[]> {
  const shards = await Promise.all(
    Array.from({ length: RATING_LIST_SHARDS }, (_, shard) =>
      queryAll({
        TableName: tableName,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': keys.ratingListShard(month, shard) },
      }),
    ),
  );
  return shards.flat().map((item) => strip<RatingRecord>(item));
}

/**
 * How many rent withdrawals of the month ended in a way a member can rate (paid, refused, payout
 * failed): read from those states' queues, whose sort key starts with the creation time. The
 * month is the application's own (China time), so the queues are read a day either side of it
 * and filtered on it.
 */
export async function withdrawalsDeliveredIn(tableName: string, month: string): Promise<number> {
  const [year, m] = month.split('-').map(Number);
  const from = new Date(Date.UTC(year, m - 1, 1) - 86_400_000).toISOString();
  const to = new Date(Date.UTC(year, m, 2)).toISOString();
  const counts = await Promise.all(
    RATEABLE_WITHDRAWAL_STATES.flatMap((status) =>
      Array.from({ length: WITHDRAWAL_QUEUE_SHARDS }, async (_, shard) => {
        let count = 0;
        let start: Record<string, unknown> | undefined;
        do {
          const page = await dynamo().send(
            new QueryCommand({
              TableName: tableName,
              IndexName: 'gsi1',
              KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk BETWEEN :from AND :to',
              FilterExpression: '#month = :month AND (attribute_not_exists(kind) OR kind = :rent)',
              ExpressionAttributeNames: { '#month': 'month' },
              ExpressionAttributeValues: { ':pk': keys.withdrawalQueueShard(status, shard), ':from': from, ':to': to, ':month': month, ':rent': 'RENT' },
              Select: 'COUNT',
              ...(start ? { ExclusiveStartKey: start } : {}),
            }),
          );
          count += page.Count ?? 0;
          start = page.LastEvaluatedKey;
        } while (start);
        return count;
      }),
    ),
  );
  return counts.reduce((sum, count) => sum + count, 0);
}
