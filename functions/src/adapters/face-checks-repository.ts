/**
 * 人脸核验 records: one item per check, holding its outcome only (never a face image, never the
 * ID number), expiring by TTL. A passed check is used up by the act it was run for, as one item of
 * that act's own transaction (`useFaceCheckItem`), so two requests racing with one check cannot
 * both act.
 */
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { DomainError, faceCheckProblem, type FaceCheckRecord, type FaceCheckUse } from '@hpf/shared';
import { dynamo } from '../platform/dynamo';
import { keys } from '../platform/keys';
import type { TransactItem } from './ledger-repository';

/** Kept a while after use, as evidence of who confirmed an act; nothing in it identifies a face. */
const RECORD_TTL_SECONDS = 30 * 24 * 3600;

export type StoredFaceStatus = 'PENDING' | 'PASSED' | 'CANCELLED' | 'FAILED';

export interface StoredFaceCheck extends Omit<FaceCheckRecord, 'status'> {
  status: StoredFaceStatus;
  /** WeChat's verify id, needed to query the result. */
  verifyId: string;
  createdAt: string;
  /** The verify id cannot start a check after this. */
  verifyExpiresAt: string;
  verifyRet?: number;
  decidedAt?: string;
  /** What used it (e.g. the application id). */
  usedFor?: string;
}

export async function createFaceCheck(tableName: string, check: StoredFaceCheck): Promise<void> {
  await dynamo().send(
    new PutCommand({
      TableName: tableName,
      Item: { ...keys.faceCheck(check.checkId), ...check, ttl: Math.floor(Date.parse(check.createdAt) / 1000) + RECORD_TTL_SECONDS },
      ConditionExpression: 'attribute_not_exists(pk)',
    }),
  );
}

export async function getFaceCheck(tableName: string, checkId: string): Promise<StoredFaceCheck | undefined> {
  const { Item } = await dynamo().send(new GetCommand({ TableName: tableName, Key: keys.faceCheck(checkId), ConsistentRead: true }));
  if (!Item) return undefined;
  const { pk: _pk, sk: _sk, ttl: _ttl, ...check } = Item;
  return check as StoredFaceCheck;
}

/** Records WeChat's answer once; false when another request recorded it first. */
export async function recordFaceOutcome(
  tableName: string,
  checkId: string,
  outcome: { status: Exclude<StoredFaceStatus, 'PENDING'>; verifyRet: number; validUntil?: string },
  now: Date,
): Promise<boolean> {
  try {
    await dynamo().send(
      new UpdateCommand({
        TableName: tableName,
        Key: keys.faceCheck(checkId),
        UpdateExpression: `SET #status = :status, verifyRet = :ret, decidedAt = :now${outcome.validUntil ? ', validUntil = :until' : ''}`,
        ConditionExpression: '#status = :pending',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':status': outcome.status,
          ':ret': outcome.verifyRet,
          ':now': now.toISOString(),
          ':pending': 'PENDING',
          ...(outcome.validUntil ? { ':until': outcome.validUntil } : {}),
        },
      }),
    );
    return true;
  } catch (error) {
    if ((error as Error).name === 'ConditionalCheckFailedException') return false;
    throw error;
  }
}

/**
 * The check's use as a transaction item: it holds only while the check passed, for this purpose,
 * this WeChat user (and account, or the ID number being bound), is still valid and unused — the
 * same rule as `faceCheckProblem`, as a condition.
 */
export function useFaceCheckItem(tableName: string, checkId: string, use: FaceCheckUse, now: Date, usedFor: string): TransactItem {
  const conditions = [
    'attribute_exists(pk)',
    '#status = :passed',
    'purpose = :purpose',
    'openid = :openid',
    'validUntil > :now',
    'attribute_not_exists(usedAt)',
  ];
  const values: Record<string, unknown> = {
    ':passed': 'PASSED',
    ':purpose': use.purpose,
    ':openid': use.openid,
    ':now': now.toISOString(),
    ':for': usedFor,
  };
  if (use.accountNo !== undefined) {
    conditions.push('accountNo = :acct');
    values[':acct'] = use.accountNo;
  }
  if (use.idHash !== undefined) {
    conditions.push('idHash = :idHash');
    values[':idHash'] = use.idHash;
  }
  return {
    Update: {
      TableName: tableName,
      Key: keys.faceCheck(checkId),
      UpdateExpression: 'SET usedAt = :now, usedFor = :for',
      ConditionExpression: conditions.join(' AND '),
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: values,
    },
  } as TransactItem;
}

/** Whether a cancelled transaction was refused by its item at `index` (the face check's use). */
export function refusedAt(error: unknown, index: number): boolean {
  return error instanceof TransactionCanceledException && error.CancellationReasons?.[index]?.Code === 'ConditionalCheckFailed';
}

/** The plain-words refusal for a check the act's transaction would not take (read again: it may just have been used). */
export async function faceCheckRefusal(tableName: string, checkId: string, use: FaceCheckUse, now: Date): Promise<DomainError> {
  const record = await getFaceCheck(tableName, checkId);
  return new DomainError(faceCheckProblem(record as FaceCheckRecord | undefined, use, now) ?? 'FACE_CHECK_USED');
}

