/** Reads of the member's account profile and ledger. The only code that knows their item shapes. */
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { AccountRecord, LedgerEntry } from '@hpf/shared';
import { DomainError } from '@hpf/shared';
import { dynamo } from '../platform/dynamo';
import { entryIdFromLedgerSortKey, keys } from '../platform/keys';
import { ENTRY_ID_PATTERN } from '../platform/ids';

export interface AccountItem extends AccountRecord {
  pk: string;
  sk: string;
}

export interface LedgerItem extends LedgerEntry {
  pk: string;
  sk: string;
}

function withoutKeys<T extends { pk: string; sk: string }>(item: T): Omit<T, 'pk' | 'sk' | 'gsi1pk' | 'gsi1sk'> {
  const { pk: _pk, sk: _sk, gsi1pk: _g1, gsi1sk: _g2, ...rest } = item as T & { gsi1pk?: string; gsi1sk?: string };
  return rest;
}

export async function getAccount(tableName: string, accountNo: string): Promise<AccountRecord | undefined> {
  const { Item } = await dynamo().send(new GetCommand({ TableName: tableName, Key: keys.account(accountNo) }));
  return Item ? (withoutKeys(Item as AccountItem) as AccountRecord) : undefined;
}

/** The cursor is the entry id the previous page ended on, nothing that could name another account. */
export function encodeLedgerCursor(entryId: string): string {
  return Buffer.from(entryId, 'utf8').toString('base64url');
}

export function decodeLedgerCursor(cursor: string): string {
  const entryId = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!ENTRY_ID_PATTERN.test(entryId)) {
    throw new DomainError('INVALID_REQUEST', '翻页标记无效，请从第一页重新加载。', [{ path: 'cursor', message: '翻页标记无效' }]);
  }
  return entryId;
}

export async function listLedger(
  tableName: string,
  accountNo: string,
  page: { limit: number; cursor?: string },
): Promise<{ entries: LedgerEntry[]; nextCursor?: string }> {
  const startKey = page.cursor ? keys.ledgerEntry(accountNo, decodeLedgerCursor(page.cursor)) : undefined;
  const { Items = [], LastEvaluatedKey } = await dynamo().send(
    new QueryCommand({
      TableName: tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :ledger)',
      ExpressionAttributeValues: { ':pk': keys.accountPartition(accountNo), ':ledger': keys.ledgerPrefix },
      ScanIndexForward: false,
      Limit: page.limit,
      ...(startKey ? { ExclusiveStartKey: startKey } : {}),
    }),
  );
  const entries = Items.map((item) => withoutKeys(item as LedgerItem) as LedgerEntry);
  const lastId = LastEvaluatedKey ? entryIdFromLedgerSortKey(String(LastEvaluatedKey.sk)) : undefined;
  return { entries, ...(lastId ? { nextCursor: encodeLedgerCursor(lastId) } : {}) };
}
