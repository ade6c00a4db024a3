/**
 * Account life cycle writes: open, and status changes. None of them moves money, so none bumps
 * the version (which counts ledger entries); each is conditioned on the state it was decided
 * from and carries its audit record in the same transaction.
 */
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { DomainError, type AccountRecord } from '@hpf/shared';
import { dynamo } from '../platform/dynamo';
import { keys } from '../platform/keys';
import { auditItem, type AuditEvent } from './staff-repository';
import { getAccounts, listAccountNumbers } from './accounts-repository';

export async function createAccount(
  tableName: string,
  account: AccountRecord,
  idHash: string,
  audit: AuditEvent,
  now: Date,
  /** Written with the account: the record of the counter service (好差评). */
  alsoPut: readonly Record<string, unknown>[] = [],
): Promise<void> {
  try {
    await dynamo().send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: tableName,
              Item: { ...keys.account(account.accountNo), ...keys.accountListing(account.accountNo), ...account, updatedAt: now.toISOString() },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          {
            // one personal account per person (一人一户)
            Put: {
              TableName: tableName,
              Item: { ...keys.memberByIdHash(idHash), accountNo: account.accountNo },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          // 账户查询 by name
          { Put: { TableName: tableName, Item: accountNameItem(account) } },
          { Put: { TableName: tableName, Item: auditItem(audit, now) } },
          ...alsoPut.map((Item) => ({ Put: { TableName: tableName, Item } })),
        ],
      }),
    );
  } catch (error) {
    if (error instanceof TransactionCanceledException) {
      if (error.CancellationReasons?.some((reason) => reason.Code === 'ConditionalCheckFailed')) throw new DomainError('ACCOUNT_EXISTS');
    }
    throw error;
  }
}

/** The name-search entry of an account (written with the account; names do not change here). */
export function accountNameItem(account: Pick<AccountRecord, 'name' | 'accountNo'>): Record<string, unknown> {
  return { ...keys.accountByName(account.name, account.accountNo), accountNo: account.accountNo };
}

/**
 * Writes the name-search entry of every account that lacks one (accounts opened before the entry
 * was kept): `npm start` runs it on the data it keeps. The entry's content is fixed by the account,
 * so writing one twice changes nothing. Returns how many accounts it looked at.
 */
export async function indexAccountNames(tableName: string): Promise<number> {
  let seen = 0;
  let batch: string[] = [];
  const flush = async () => {
    const accounts = await getAccounts(tableName, batch);
    await Promise.all([...accounts.values()].map((account) => dynamo().send(new PutCommand({ TableName: tableName, Item: accountNameItem(account) }))));
    seen += batch.length;
    batch = [];
  };
  for await (const accountNo of listAccountNumbers(tableName)) {
    batch.push(accountNo);
    if (batch.length === 100) await flush();
  }
  if (batch.length > 0) await flush();
  return seen;
}

export interface StatusChange {
  from: AccountRecord['status'];
  to: AccountRecord['status'];
  /** Closing needs the balance to still be zero when the write lands. */
  requireZeroBalance?: boolean;
  set?: Partial<Pick<AccountRecord, 'employer' | 'depositBaseFen' | 'unitRateBasisPoints' | 'personalRateBasisPoints' | 'sealReason' | 'sealedOn'>>;
  /** Fields that no longer hold after the change (启封 ends the seal's reason and date). */
  remove?: readonly ('sealReason' | 'sealedOn')[];
}

/** Returns false when the account changed underneath (the caller re-reads and decides again). */
export async function changeStatus(
  tableName: string,
  accountNo: string,
  change: StatusChange,
  audit: AuditEvent,
  now: Date,
  /** Written with the change: the record of the counter service (好差评). */
  alsoPut: readonly Record<string, unknown>[] = [],
): Promise<boolean> {
  const names: Record<string, string> = { '#status': 'status' };
  const values: Record<string, unknown> = { ':from': change.from, ':to': change.to, ':now': now.toISOString() };
  const sets = ['#status = :to', 'updatedAt = :now'];
  for (const [field, value] of Object.entries(change.set ?? {})) {
    if (value === undefined) continue;
    names[`#${field}`] = field;
    values[`:${field}`] = value;
    sets.push(`#${field} = :${field}`);
  }
  for (const field of change.remove ?? []) names[`#${field}`] = field;
  const removes = (change.remove ?? []).map((field) => `#${field}`);
  const update = `SET ${sets.join(', ')}${removes.length ? ` REMOVE ${removes.join(', ')}` : ''}`;
  let condition = 'attribute_exists(pk) AND #status = :from';
  if (change.requireZeroBalance) {
    condition += ' AND balanceFen = :zero';
    values[':zero'] = 0;
  }
  try {
    await dynamo().send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Update: {
              TableName: tableName,
              Key: keys.account(accountNo),
              UpdateExpression: update,
              ConditionExpression: condition,
              ExpressionAttributeNames: names,
              ExpressionAttributeValues: values,
            },
          },
          { Put: { TableName: tableName, Item: auditItem(audit, now) } },
          ...alsoPut.map((Item) => ({ Put: { TableName: tableName, Item } })),
        ],
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof TransactionCanceledException) return false;
    throw error;
  }
}
