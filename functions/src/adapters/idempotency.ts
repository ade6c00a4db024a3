/** Idempotency records: a client's retry of a write finds what its first try made. */
import { createHash } from 'node:crypto';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo } from '../platform/dynamo';
import { keys } from '../platform/keys';

export const IDEMPOTENCY_TTL_SECONDS = 7 * 24 * 3600;

export function requestHash(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('base64url');
}

export async function getIdempotencyRecord<T extends Record<string, unknown>>(
  tableName: string,
  scope: string,
  key: string,
): Promise<({ requestHash: string } & T) | undefined> {
  const { Item } = await dynamo().send(new GetCommand({ TableName: tableName, Key: keys.idempotency(scope, key), ConsistentRead: true }));
  return Item as ({ requestHash: string } & T) | undefined;
}

/** The record as a transaction item: it exists once, with what the first try made (`made`). */
export function idempotencyPut(
  tableName: string,
  record: { scope: string; key: string; requestHash: string },
  made: Record<string, unknown>,
  now: Date,
) {
  return {
    Put: {
      TableName: tableName,
      Item: {
        ...keys.idempotency(record.scope, record.key),
        requestHash: record.requestHash,
        ...made,
        ttl: Math.floor(now.getTime() / 1000) + IDEMPOTENCY_TTL_SECONDS,
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}
