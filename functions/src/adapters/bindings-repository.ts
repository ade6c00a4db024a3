/** WeChat openid ↔ account bindings and the real-name lookup by keyed ID-number hash. */
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { DomainError } from '@hpf/shared';
import { dynamo } from '../platform/dynamo';
import { keys } from '../platform/keys';
import type { FaceGuard } from '../face/guard';

export interface Binding {
  openid: string;
  accountNo: string;
  boundAt: string;
}

export async function getBinding(tableName: string, openid: string): Promise<Binding | undefined> {
  const { Item } = await dynamo().send(new GetCommand({ TableName: tableName, Key: keys.binding(openid) }));
  return Item ? { openid: Item.openid, accountNo: Item.accountNo, boundAt: Item.boundAt } : undefined;
}

export async function findAccountNoByIdHash(tableName: string, idHash: string): Promise<string | undefined> {
  const { Item } = await dynamo().send(new GetCommand({ TableName: tableName, Key: keys.memberByIdHash(idHash) }));
  return Item?.accountNo;
}

/**
 * Binds in one transaction: the openid gets its binding only if it has none, and the member
 * record takes the openid only if no other WeChat holds it. Two phones racing for one account
 * cannot both win. The face check it needs (policy) is used up in the same transaction.
 */
export async function bindOpenid(tableName: string, openid: string, accountNo: string, idHash: string, now: Date, face?: FaceGuard): Promise<void> {
  try {
    await dynamo().send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: tableName,
              Item: { ...keys.binding(openid), openid, accountNo, boundAt: now.toISOString() },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          {
            // the profile learns its WeChat user, for arrival reminders
            Update: {
              TableName: tableName,
              Key: keys.account(accountNo),
              UpdateExpression: 'SET wechatOpenid = :openid',
              ConditionExpression: 'attribute_exists(pk)',
              ExpressionAttributeValues: { ':openid': openid },
            },
          },
          {
            Update: {
              TableName: tableName,
              Key: keys.memberByIdHash(idHash),
              UpdateExpression: 'SET boundOpenid = :openid, boundAt = :now',
              ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(boundOpenid) AND accountNo = :acct',
              ExpressionAttributeValues: { ':openid': openid, ':now': now.toISOString(), ':acct': accountNo },
            },
          },
          ...(face ? [face.item] : []),
        ],
      }),
    );
  } catch (error) {
    if (error instanceof TransactionCanceledException) {
      const [bindingReason, , memberReason] = error.CancellationReasons ?? [];
      if (bindingReason?.Code === 'ConditionalCheckFailed') throw new DomainError('ALREADY_BOUND');
      if (memberReason?.Code === 'ConditionalCheckFailed') throw new DomainError('ACCOUNT_BOUND_ELSEWHERE');
      const faceRefusal = await face?.refusalFor(error, 3);
      if (faceRefusal) throw faceRefusal;
    }
    throw error;
  }
}
