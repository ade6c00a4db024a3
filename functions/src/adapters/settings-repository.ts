/**
 * The member's own switches on the account profile: 提取锁 (`withdrawalLocked`), the personal monthly
 * limit (`personalMonthlyLimitFen`) and the arrival-reminder switches (`reminderSettings`, a map
 * whose missing entries mean "on"). Every change is partial: an attribute the member did not send
 * is never written, so one setting can never clear another.
 */
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { DEFAULT_REMINDER_SETTINGS, DomainError, type ReminderSettings, type ReminderSettingsChange } from '@hpf/shared';
import { dynamo } from '../platform/dynamo';
import { keys } from '../platform/keys';
import type { FaceGuard } from '../face/guard';

export interface StoredWithdrawalSettings {
  locked: boolean;
  personalMonthlyLimitFen?: number;
}

function withdrawalSettingsOf(item: Record<string, unknown>): StoredWithdrawalSettings {
  return {
    locked: item.withdrawalLocked === true,
    ...(typeof item.personalMonthlyLimitFen === 'number' ? { personalMonthlyLimitFen: item.personalMonthlyLimitFen } : {}),
  };
}

const notFound = (error: Error): never => {
  if (error.name === 'ConditionalCheckFailedException') throw new DomainError('ACCOUNT_NOT_FOUND');
  throw error;
};

async function readProfile(tableName: string, accountNo: string, attributes: string[]): Promise<Record<string, unknown>> {
  const { Item } = await dynamo().send(
    new GetCommand({
      TableName: tableName,
      Key: keys.account(accountNo),
      ConsistentRead: true,
      // only the switches: the profile also holds the whole ID number, which this read never needs
      ProjectionExpression: ['pk', ...attributes.map((_, i) => `#a${i}`)].join(', '),
      ExpressionAttributeNames: Object.fromEntries(attributes.map((name, i) => [`#a${i}`, name])),
    }),
  );
  if (!Item) throw new DomainError('ACCOUNT_NOT_FOUND');
  return Item;
}

export async function readWithdrawalSettings(tableName: string, accountNo: string): Promise<StoredWithdrawalSettings> {
  return withdrawalSettingsOf(await readProfile(tableName, accountNo, ['withdrawalLocked', 'personalMonthlyLimitFen']));
}

/**
 * `personalMonthlyLimitFen: null` removes the limit; a field left out is left as it is. A change
 * that loosens the switches (unlock, a higher limit) uses its face check in the same transaction,
 * conditioned on the switches still being what the need for that check was decided from.
 */
export async function updateWithdrawalSettings(
  tableName: string,
  accountNo: string,
  change: { locked?: boolean; personalMonthlyLimitFen?: number | null },
  checked?: { face: FaceGuard; current: StoredWithdrawalSettings },
): Promise<StoredWithdrawalSettings> {
  const sets: string[] = [];
  const removes: string[] = [];
  const values: Record<string, unknown> = {};
  if (change.locked !== undefined) {
    sets.push('withdrawalLocked = :locked');
    values[':locked'] = change.locked;
  }
  if (change.personalMonthlyLimitFen === null) removes.push('personalMonthlyLimitFen');
  else if (change.personalMonthlyLimitFen !== undefined) {
    sets.push('personalMonthlyLimitFen = :limit');
    values[':limit'] = change.personalMonthlyLimitFen;
  }
  const expression = [sets.length ? `SET ${sets.join(', ')}` : '', removes.length ? `REMOVE ${removes.join(', ')}` : ''].filter(Boolean).join(' ');
  if (checked) {
    const { face, current } = checked;
    const conditions = ['attribute_exists(pk)', current.locked ? 'withdrawalLocked = :wasLocked' : '(attribute_not_exists(withdrawalLocked) OR withdrawalLocked = :wasLocked)'];
    values[':wasLocked'] = current.locked;
    if (current.personalMonthlyLimitFen === undefined) conditions.push('attribute_not_exists(personalMonthlyLimitFen)');
    else {
      conditions.push('personalMonthlyLimitFen = :wasLimit');
      values[':wasLimit'] = current.personalMonthlyLimitFen;
    }
    try {
      await dynamo().send(
        new TransactWriteCommand({
          TransactItems: [
            { Update: { TableName: tableName, Key: keys.account(accountNo), UpdateExpression: expression, ConditionExpression: conditions.join(' AND '), ExpressionAttributeValues: values } },
            face.item,
          ],
        }),
      );
    } catch (error) {
      const refusal = await face.refusalFor(error, 1);
      if (refusal) throw refusal;
      // the switches moved since they were read: the member sees them as they are and decides again
      if (error instanceof TransactionCanceledException) throw new DomainError('BUSY_RETRY', '设置刚刚被修改过，请刷新后再试。');
      throw error;
    }
    return readWithdrawalSettings(tableName, accountNo);
  }
  const { Attributes = {} } = await dynamo()
    .send(
      new UpdateCommand({
        TableName: tableName,
        Key: keys.account(accountNo),
        UpdateExpression: expression,
        ConditionExpression: 'attribute_exists(pk)',
        ...(Object.keys(values).length ? { ExpressionAttributeValues: values } : {}),
        ReturnValues: 'ALL_NEW',
      }),
    )
    .catch(notFound);
  return withdrawalSettingsOf(Attributes);
}

function reminderSettingsOf(item: Record<string, unknown>): ReminderSettings {
  const stored = (item.reminderSettings ?? {}) as Partial<ReminderSettings>;
  return { ...DEFAULT_REMINDER_SETTINGS, ...stored };
}

export async function readReminderSettings(tableName: string, accountNo: string): Promise<ReminderSettings> {
  return reminderSettingsOf(await readProfile(tableName, accountNo, ['reminderSettings']));
}

/**
 * Sets only the switches sent. A nested SET needs the map to exist, and the map cannot be created
 * in the same expression, so the first change creates it (conditioned on its absence) and a race
 * between two first changes ends in the nested form.
 */
export async function updateReminderSettings(tableName: string, accountNo: string, change: ReminderSettingsChange): Promise<ReminderSettings> {
  const entries = Object.entries(change).filter(([, value]) => value !== undefined) as [keyof ReminderSettings, boolean][];
  const names = Object.fromEntries(entries.map(([name], i) => [`#k${i}`, name]));
  const values = Object.fromEntries(entries.map(([, value], i) => [`:v${i}`, value]));
  for (let attempt = 0; attempt < 3; attempt += 1) {
    try {
      const { Attributes = {} } = await dynamo().send(
        new UpdateCommand({
          TableName: tableName,
          Key: keys.account(accountNo),
          UpdateExpression: `SET ${entries.map((_, i) => `reminderSettings.#k${i} = :v${i}`).join(', ')}`,
          ConditionExpression: 'attribute_exists(pk) AND attribute_exists(reminderSettings)',
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
          ReturnValues: 'ALL_NEW',
        }),
      );
      return reminderSettingsOf(Attributes);
    } catch (error) {
      if ((error as Error).name !== 'ConditionalCheckFailedException') throw error;
    }
    try {
      const { Attributes = {} } = await dynamo().send(
        new UpdateCommand({
          TableName: tableName,
          Key: keys.account(accountNo),
          UpdateExpression: 'SET reminderSettings = :settings',
          ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(reminderSettings)',
          ExpressionAttributeValues: { ':settings': Object.fromEntries(entries) },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return reminderSettingsOf(Attributes);
    } catch (error) {
      if ((error as Error).name !== 'ConditionalCheckFailedException') throw error;
    }
  }
  // both conditions failed every time: no such account (a live race would have let one through)
  throw new DomainError('ACCOUNT_NOT_FOUND');
}
