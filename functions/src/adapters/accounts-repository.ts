/** Reads of the member's account profile and ledger. The only code that knows their item shapes. */
import { BatchGetCommand, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { AccountRecord, LedgerEntry, LoanRecord } from '@hpf/shared';
import { DomainError } from '@hpf/shared';
import { dynamo } from '../platform/dynamo';
import { ACCOUNT_LIST_SHARDS, entryIdFromLedgerSortKey, keys } from '../platform/keys';
import { ENTRY_ID_PATTERN } from '../platform/ids';

export interface AccountItem extends AccountRecord {
  pk: string;
  sk: string;
}

export interface LedgerItem extends LedgerEntry {
  pk: string;
  sk: string;
}

const STORAGE_ATTRIBUTES = new Set(['pk', 'sk', 'gsi1pk', 'gsi1sk', 'updatedAt']);

/** The domain record stored in an item, without the attributes only storage needs. */
function withoutKeys(item: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(item).filter(([name]) => !STORAGE_ATTRIBUTES.has(name)));
}

export async function getAccount(
  tableName: string,
  accountNo: string,
  options: { consistent?: boolean } = {},
): Promise<AccountRecord | undefined> {
  const { Item } = await dynamo().send(
    new GetCommand({ TableName: tableName, Key: keys.account(accountNo), ConsistentRead: options.consistent === true }),
  );
  return Item ? (withoutKeys(Item) as unknown as AccountRecord) : undefined;
}

/**
 * The profile and the account's loans in one Query: `LOAN#…` sorts just before `PROFILE` in the
 * account's partition, so one key range holds both (the member's home screen needs the loans for
 * its advice, and two calls cost about twice one).
 */
export async function getAccountWithLoans(
  tableName: string,
  accountNo: string,
  options: { consistent?: boolean } = {},
): Promise<{ account?: AccountRecord; loans: LoanRecord[] }> {
  const profile = keys.account(accountNo);
  const { Items = [] } = await dynamo().send(
    new QueryCommand({
      TableName: tableName,
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :loans AND :profile',
      ExpressionAttributeValues: { ':pk': profile.pk, ':loans': keys.loanPrefix, ':profile': profile.sk },
      ...(options.consistent ? { ConsistentRead: true } : {}),
    }),
  );
  const loans: LoanRecord[] = [];
  let account: AccountRecord | undefined;
  for (const item of Items) {
    if (item.sk === profile.sk) account = withoutKeys(item) as unknown as AccountRecord;
    else if (String(item.sk).startsWith(keys.loanPrefix)) loans.push(withoutKeys(item) as unknown as LoanRecord);
  }
  return { ...(account ? { account } : {}), loans };
}

/** Only the holder's name (to greet a member who signs in again), nothing else of the profile. */
export async function getAccountName(tableName: string, accountNo: string): Promise<string | undefined> {
  const { Item } = await dynamo().send(
    new GetCommand({ TableName: tableName, Key: keys.account(accountNo), ProjectionExpression: '#name', ExpressionAttributeNames: { '#name': 'name' } }),
  );
  return typeof Item?.name === 'string' ? Item.name : undefined;
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
  const entries = Items.map((item) => withoutKeys(item) as unknown as LedgerEntry);
  const lastId = LastEvaluatedKey ? entryIdFromLedgerSortKey(String(LastEvaluatedKey.sk)) : undefined;
  return { entries, ...(lastId ? { nextCursor: encodeLedgerCursor(lastId) } : {}) };
}

/** Every ledger entry of one account, oldest first (settlement and consistency checks). */
export async function allLedgerEntries(tableName: string, accountNo: string): Promise<LedgerEntry[]> {
  const entries: LedgerEntry[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await dynamo().send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :ledger)',
        ExpressionAttributeValues: { ':pk': keys.accountPartition(accountNo), ':ledger': keys.ledgerPrefix },
        ConsistentRead: true,
        ...(startKey ? { ExclusiveStartKey: startKey } : {}),
      }),
    );
    for (const item of page.Items ?? []) entries.push(withoutKeys(item) as unknown as LedgerEntry);
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return entries;
}

/**
 * Account numbers, one listing shard at a time (GSI1), so nothing scans the whole table; `shards`
 * reads only those (a settlement run one part at a time).
 */
export async function* listAccountNumbers(tableName: string, shards?: readonly number[]): AsyncGenerator<string> {
  const all = Array.from({ length: ACCOUNT_LIST_SHARDS }, (_, index) => index);
  yield* accountNumbersListedUnder(tableName, (shards ?? all).map(keys.accountListShard));
}

/** The account numbers listed under GSI1 partitions (a sharded listing), a page at a time (no Scan). */
export async function* accountNumbersListedUnder(tableName: string, partitions: readonly string[]): AsyncGenerator<string> {
  for (const partition of partitions) {
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await dynamo().send(
        new QueryCommand({
          TableName: tableName,
          IndexName: 'gsi1',
          KeyConditionExpression: 'gsi1pk = :shard',
          ExpressionAttributeValues: { ':shard': partition },
          ProjectionExpression: 'accountNo',
          ...(startKey ? { ExclusiveStartKey: startKey } : {}),
        }),
      );
      for (const item of page.Items ?? []) yield String(item.accountNo);
      startKey = page.LastEvaluatedKey;
    } while (startKey);
  }
}

/**
 * Every account with its ledger, one account at a time, for the consistency check. The profile is
 * read first: a posting writes entry v and version v atomically, so entries up to the version read
 * must all be there, and any later entry belongs to a posting that landed after the read.
 */
export async function* allAccountLedgers(tableName: string): AsyncGenerator<{ account: AccountRecord; entries: LedgerEntry[] }> {
  for await (const accountNo of listAccountNumbers(tableName)) {
    const ledger = await accountLedger(tableName, accountNo);
    if (ledger) yield ledger;
  }
}

export async function accountLedger(tableName: string, accountNo: string): Promise<{ account: AccountRecord; entries: LedgerEntry[] } | undefined> {
  const account = await getAccount(tableName, accountNo, { consistent: true });
  if (!account) return undefined;
  const entries = await allLedgerEntries(tableName, accountNo);
  return { account, entries: entries.filter((entry) => Number(entry.entryId) <= account.version) };
}

/** Consistent reads of many profiles, 100 keys a call (BatchGetItem's limit), unprocessed keys retried. */
export async function getAccounts(tableName: string, accountNos: string[]): Promise<Map<string, AccountRecord>> {
  const found = new Map<string, AccountRecord>();
  const unique = [...new Set(accountNos)];
  for (let i = 0; i < unique.length; i += 100) {
    let pending: Record<string, unknown>[] = unique.slice(i, i + 100).map((accountNo) => ({ ...keys.account(accountNo) }));
    for (let attempt = 0; pending.length > 0; attempt += 1) {
      if (attempt > 8) throw new Error('BatchGetItem kept keys unprocessed');
      const reply = await dynamo().send(
        new BatchGetCommand({ RequestItems: { [tableName]: { Keys: pending, ConsistentRead: true } } }),
      );
      for (const item of reply.Responses?.[tableName] ?? []) {
        const account = withoutKeys(item) as unknown as AccountRecord;
        found.set(account.accountNo, account);
      }
      pending = (reply.UnprocessedKeys?.[tableName]?.Keys ?? []) as Record<string, unknown>[];
      if (pending.length) await new Promise((resolve) => setTimeout(resolve, 20 * 2 ** attempt));
    }
  }
  return found;
}

/**
 * Account numbers whose holder's name is `prefix` or starts with it, by name then account number;
 * `more` when there are others past `limit`.
 */
export async function findAccountNosByName(tableName: string, prefix: string, limit: number): Promise<{ accountNos: string[]; more: boolean }> {
  const { pk, skPrefix } = keys.accountNamePrefix(prefix);
  const { Items = [] } = await dynamo().send(
    new QueryCommand({
      TableName: tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': pk, ':prefix': skPrefix },
      ProjectionExpression: 'accountNo',
      Limit: limit + 1,
    }),
  );
  return { accountNos: Items.slice(0, limit).map((item) => String(item.accountNo)), more: Items.length > limit };
}
