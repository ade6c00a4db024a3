/**
 * WeChat openid ↔ account bindings, the real-name lookup by keyed ID-number hash, and the consent
 * to the privacy notice that a binding rests on (kept, with its version, after it is withdrawn).
 */
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { DomainError } from '@hpf/shared';
import { dynamo } from '../platform/dynamo';
import { keys } from '../platform/keys';
import type { FaceGuard } from '../face/guard';

export interface Binding {
  openid: string;
  accountNo: string;
  /** Also in every session signed for this binding: a session of an earlier binding is refused. */
  boundAt: string;
  /** The privacy-notice version the binding's consent covers, and the consent record's time. */
  consentVersion?: string;
  consentAt?: string;
  /** The real-name lookup the binding holds (the keyed hash of the ID number), freed on unbinding. */
  idHash?: string;
}

/** What the member agreed to, as kept: the version, when, and which sensitive items. */
export interface ConsentRecord {
  noticeVersion: string;
  agreedAt: string;
  sensitiveItems: string[];
  withdrawnAt?: string;
}

export async function getBinding(tableName: string, openid: string): Promise<Binding | undefined> {
  const { Item } = await dynamo().send(new GetCommand({ TableName: tableName, Key: keys.binding(openid) }));
  if (!Item) return undefined;
  return {
    openid: Item.openid,
    accountNo: Item.accountNo,
    boundAt: Item.boundAt,
    ...(Item.consentVersion ? { consentVersion: Item.consentVersion, consentAt: Item.consentAt } : {}),
    ...(Item.idHash ? { idHash: Item.idHash } : {}),
  };
}

/** The binding as stored (also how the demo seed writes its bound members). */
export function bindingItem(binding: Binding): Record<string, unknown> {
  return { ...keys.binding(binding.openid), ...binding };
}

export function consentItem(openid: string, accountNo: string, consent: ConsentRecord) {
  return {
    ...keys.consent(openid, consent.agreedAt, consent.noticeVersion),
    openid,
    accountNo,
    noticeVersion: consent.noticeVersion,
    agreedAt: consent.agreedAt,
    sensitiveItems: consent.sensitiveItems,
  };
}

/** Every consent this WeChat user gave, newest first (a handful in a lifetime). */
export async function listConsents(tableName: string, openid: string): Promise<ConsentRecord[]> {
  const { Items = [] } = await dynamo().send(
    new QueryCommand({
      TableName: tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :consent)',
      ExpressionAttributeValues: { ':pk': keys.binding(openid).pk, ':consent': keys.consentPrefix },
      ScanIndexForward: false,
    }),
  );
  return Items.map((item) => ({
    noticeVersion: item.noticeVersion,
    agreedAt: item.agreedAt,
    sensitiveItems: item.sensitiveItems ?? [],
    ...(item.withdrawnAt ? { withdrawnAt: item.withdrawnAt } : {}),
  }));
}

/**
 * A new notice version agreed to: its record, and the binding now resting on it, in one
 * transaction conditioned on the binding being the one the session was signed for.
 */
export async function recordConsent(tableName: string, binding: Binding, consent: ConsentRecord): Promise<void> {
  try {
    await dynamo().send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: tableName,
              Item: consentItem(binding.openid, binding.accountNo, consent),
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          {
            Update: {
              TableName: tableName,
              Key: keys.binding(binding.openid),
              UpdateExpression: 'SET consentVersion = :version, consentAt = :at',
              ConditionExpression: 'boundAt = :boundAt',
              ExpressionAttributeValues: { ':version': consent.noticeVersion, ':at': consent.agreedAt, ':boundAt': binding.boundAt },
            },
          },
        ],
      }),
    );
  } catch (error) {
    if (error instanceof TransactionCanceledException && error.CancellationReasons?.[1]?.Code === 'ConditionalCheckFailed') {
      throw new DomainError('SESSION_ENDED');
    }
    throw error;
  }
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
export async function bindOpenid(
  tableName: string,
  openid: string,
  accountNo: string,
  idHash: string,
  now: Date,
  consent: ConsentRecord,
  face?: FaceGuard,
): Promise<Binding> {
  const binding: Binding = { openid, accountNo, boundAt: now.toISOString(), consentVersion: consent.noticeVersion, consentAt: consent.agreedAt, idHash };
  try {
    await dynamo().send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: tableName,
              Item: bindingItem(binding),
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
          // the consent the binding rests on, kept with its version and time (个人信息保护法 §29)
          { Put: { TableName: tableName, Item: consentItem(openid, accountNo, consent) } },
        ],
      }),
    );
    return binding;
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

/**
 * 解除绑定: the binding goes, the account forgets this WeChat (no more arrival reminders to it)
 * and the real-name lookup is free for a new binding — one transaction, conditioned on the binding
 * being the session's, so a replay after a new binding cannot undo that one. The account, its
 * balance and ledger are not touched. Withdrawing consent marks the consent record as well.
 * Every session of this WeChat user ends with the binding: member sessions carry `boundAt`, and
 * the HTTP edge refuses one whose binding is gone or newer.
 */
export async function unbindOpenid(tableName: string, binding: Binding, now: Date, withdrawConsent: boolean): Promise<void> {
  const at = now.toISOString();
  const { idHash } = binding;
  try {
    await dynamo().send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Delete: {
              TableName: tableName,
              Key: keys.binding(binding.openid),
              ConditionExpression: 'boundAt = :boundAt AND accountNo = :acct',
              ExpressionAttributeValues: { ':boundAt': binding.boundAt, ':acct': binding.accountNo },
            },
          },
          {
            Update: {
              TableName: tableName,
              Key: keys.account(binding.accountNo),
              UpdateExpression: 'REMOVE wechatOpenid',
              // another WeChat may have been bound since (at the counter); leave that one alone
              ConditionExpression: 'attribute_exists(pk) AND (attribute_not_exists(wechatOpenid) OR wechatOpenid = :openid)',
              ExpressionAttributeValues: { ':openid': binding.openid },
            },
          },
          ...(idHash
            ? [
                {
                  Update: {
                    TableName: tableName,
                    Key: keys.memberByIdHash(idHash),
                    UpdateExpression: 'REMOVE boundOpenid, boundAt',
                    ConditionExpression: 'boundOpenid = :openid',
                    ExpressionAttributeValues: { ':openid': binding.openid },
                  },
                },
              ]
            : []),
          ...(withdrawConsent && binding.consentVersion && binding.consentAt
            ? [
                {
                  Update: {
                    TableName: tableName,
                    Key: keys.consent(binding.openid, binding.consentAt, binding.consentVersion),
                    UpdateExpression: 'SET withdrawnAt = :at',
                    ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(withdrawnAt)',
                    ExpressionAttributeValues: { ':at': at },
                  },
                },
              ]
            : []),
        ],
      }),
    );
  } catch (error) {
    if (error instanceof TransactionCanceledException && error.CancellationReasons?.[0]?.Code === 'ConditionalCheckFailed') {
      throw new DomainError('SESSION_ENDED');
    }
    throw error;
  }
}
