/**
 * 日清月结's items: the ledger entries of an accounting window (stage 1 reads them from the
 * entries themselves, see docs/data-model.md), each bank account's reconciled day, and the
 * centre's close of a day. Every write that concerns a day is conditioned on the day not being
 * proposed for close or closed; every staff step writes its audit record in the same transaction.
 */
import { BatchGetCommand, GetCommand, ScanCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { DomainError, type BookedEntry, type DayResult } from '@hpf/shared';
import { dynamo } from '../platform/dynamo';
import { keys } from '../platform/keys';
import { auditItem, type AuditEvent } from './staff-repository';

/** Segments of the day's Scan read in parallel (stage 2 replaces the Scan by a Query of the day's counterpart items). */
const SCAN_SEGMENTS = 4;

/** The start of a China date as an ISO instant, so `postedAt` (UTC ISO) compares as text. */
export function chinaDayStart(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00+08:00`)).toISOString();
}

/** Every ledger entry posted in [fromIso, toIso), with what the derivation of book movements reads. */
export async function ledgerEntriesPostedBetween(tableName: string, fromIso: string, toIso: string): Promise<BookedEntry[]> {
  const segment = async (index: number): Promise<BookedEntry[]> => {
    const found: BookedEntry[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await dynamo().send(
        new ScanCommand({
          TableName: tableName,
          Segment: index,
          TotalSegments: SCAN_SEGMENTS,
          ConsistentRead: true,
          FilterExpression: 'begins_with(sk, :ledger) AND postedAt >= :from AND postedAt < :to',
          ProjectionExpression: 'accountNo, entryId, kind, amountFen, postedAt, batchId, applicationId, interestYear',
          ExpressionAttributeValues: { ':ledger': keys.ledgerPrefix, ':from': fromIso, ':to': toIso },
          ...(startKey ? { ExclusiveStartKey: startKey } : {}),
        }),
      );
      found.push(...((page.Items ?? []) as BookedEntry[]));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return found;
  };
  return (await Promise.all(Array.from({ length: SCAN_SEGMENTS }, (_, index) => segment(index)))).flat();
}

function withoutKeys<T>(item: Record<string, unknown>): T {
  const { pk: _pk, sk: _sk, ...rest } = item;
  return rest as T;
}

/** The stored results of these (bank account, date) pairs, in the order asked; undefined where none. */
export async function getDayResults(tableName: string, wanted: readonly { bankAccountNo: string; date: string }[]): Promise<(DayResult | undefined)[]> {
  if (wanted.length === 0) return [];
  const found = new Map<string, DayResult>();
  for (let i = 0; i < wanted.length; i += 100) {
    let pending: Record<string, unknown>[] = wanted.slice(i, i + 100).map((w) => ({ ...keys.reconDay(w.bankAccountNo, w.date) }));
    for (let attempt = 0; pending.length > 0; attempt += 1) {
      if (attempt > 8) throw new Error('BatchGetItem kept keys unprocessed');
      const reply = await dynamo().send(new BatchGetCommand({ RequestItems: { [tableName]: { Keys: pending, ConsistentRead: true } } }));
      for (const item of reply.Responses?.[tableName] ?? []) {
        const result = withoutKeys<DayResult>(item);
        found.set(`${result.bankAccountNo}#${result.date}`, result);
      }
      pending = (reply.UnprocessedKeys?.[tableName]?.Keys as Record<string, unknown>[] | undefined) ?? [];
    }
  }
  return wanted.map((w) => found.get(`${w.bankAccountNo}#${w.date}`));
}

export interface DayClose {
  date: string;
  status: 'PROPOSED' | 'CLOSED';
  proposedBy: string;
  proposedByLabel?: string;
  proposedAt: string;
  closedBy?: string;
  closedByLabel?: string;
  closedAt?: string;
  /** Each bank's result as the proposal saw it (its importedAt): a re-import since voids the proposal. */
  seen: Record<string, string>;
}

export async function getDayClose(tableName: string, date: string): Promise<DayClose | undefined> {
  const { Item } = await dynamo().send(new GetCommand({ TableName: tableName, Key: keys.dayClose(date), ConsistentRead: true }));
  return Item ? withoutKeys<DayClose>(Item) : undefined;
}

/** A write that must not happen once the day is proposed for close or closed. */
function dayOpenCheck(tableName: string, date: string) {
  return { ConditionCheck: { TableName: tableName, Key: keys.dayClose(date), ConditionExpression: 'attribute_not_exists(pk)' } };
}

async function transact(items: NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']>, refusals: (string | undefined)[]): Promise<void> {
  try {
    await dynamo().send(new TransactWriteCommand({ TransactItems: items }));
  } catch (error) {
    if (!(error instanceof TransactionCanceledException)) throw error;
    const reasons = error.CancellationReasons ?? [];
    const index = reasons.findIndex((reason) => reason.Code === 'ConditionalCheckFailed');
    const code = index >= 0 ? refusals[index] : undefined;
    if (code) throw new DomainError(code as never);
    throw error;
  }
}

/** Stores the day's result (a re-import replaces it), refused once the day is proposed for close or closed. */
export async function saveDayResult(tableName: string, result: DayResult): Promise<void> {
  await transact(
    [dayOpenCheck(tableName, result.date), { Put: { TableName: tableName, Item: { ...keys.reconDay(result.bankAccountNo, result.date), ...result } } }],
    ['DAY_CLOSED'],
  );
}

/** A staff note on one unmatched item, conditioned on the result being the one the staff member saw. */
export async function noteUnmatchedItem(
  tableName: string,
  result: Pick<DayResult, 'bankAccountNo' | 'date' | 'importedAt'>,
  index: number,
  note: { text: string; by: string; at: string },
  audit: AuditEvent,
  now: Date,
): Promise<void> {
  await transact(
    [
      dayOpenCheck(tableName, result.date),
      {
        Update: {
          TableName: tableName,
          Key: keys.reconDay(result.bankAccountNo, result.date),
          UpdateExpression: `SET unmatched[${index}].note = :note`,
          ConditionExpression: 'importedAt = :seen AND size(unmatched) > :index',
          ExpressionAttributeValues: { ':note': note, ':seen': result.importedAt, ':index': index },
        },
      },
      { Put: { TableName: tableName, Item: auditItem(audit, now), ConditionExpression: 'attribute_not_exists(pk)' } },
    ],
    ['DAY_CLOSED', 'UNMATCHED_ITEM_NOT_FOUND'],
  );
}

/** 日结, the maker's step: the close item, each bank's result as seen, and the audit record, in one transaction. */
export async function proposeDayClose(tableName: string, close: DayClose, audit: AuditEvent, now: Date): Promise<void> {
  const banks = Object.entries(close.seen);
  await transact(
    [
      { Put: { TableName: tableName, Item: { ...keys.dayClose(close.date), ...close }, ConditionExpression: 'attribute_not_exists(pk)' } },
      ...banks.map(([bankAccountNo, importedAt]) => ({
        ConditionCheck: { TableName: tableName, Key: keys.reconDay(bankAccountNo, close.date), ConditionExpression: 'importedAt = :seen', ExpressionAttributeValues: { ':seen': importedAt } },
      })),
      { Put: { TableName: tableName, Item: auditItem(audit, now), ConditionExpression: 'attribute_not_exists(pk)' } },
    ],
    ['DAY_CLOSED', ...banks.map(() => 'UNMATCHED_ITEM_NOT_FOUND')],
  );
}

/** 日结, the checker's step: PROPOSED → CLOSED by someone other than the maker, with the audit record. */
export async function approveDayClose(tableName: string, date: string, checker: string, checkerLabel: string, audit: AuditEvent, now: Date): Promise<void> {
  await transact(
    [
      {
        Update: {
          TableName: tableName,
          Key: keys.dayClose(date),
          UpdateExpression: 'SET #status = :closed, closedBy = :checker, closedByLabel = :label, closedAt = :now',
          ConditionExpression: '#status = :proposed AND proposedBy <> :checker',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':closed': 'CLOSED', ':proposed': 'PROPOSED', ':checker': checker, ':label': checkerLabel, ':now': now.toISOString() },
        },
      },
      { Put: { TableName: tableName, Item: auditItem(audit, now), ConditionExpression: 'attribute_not_exists(pk)' } },
    ],
    ['DAY_CLOSE_NOT_PROPOSED'],
  );
}
