/**
 * Counters in fixed time windows: failed attempts for brute-force throttling (real-name binding,
 * staff sign-in) and request allowances for rate limits (certificate verification). Counters
 * expire by TTL a window after they close.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo } from '../platform/dynamo';
import { keys } from '../platform/keys';

export interface Window {
  seconds: number;
}

function windowStart(now: Date, window: Window): number {
  const seconds = Math.floor(now.getTime() / 1000);
  return seconds - (seconds % window.seconds);
}

export async function failureCount(tableName: string, scope: string, subject: string, window: Window, now: Date): Promise<number> {
  const { Item } = await dynamo().send(
    new GetCommand({ TableName: tableName, Key: keys.throttle(scope, subject, windowStart(now, window)) }),
  );
  return typeof Item?.failures === 'number' ? Item.failures : 0;
}

export async function recordFailure(tableName: string, scope: string, subject: string, window: Window, now: Date): Promise<number> {
  const start = windowStart(now, window);
  const { Attributes } = await dynamo().send(
    new UpdateCommand({
      TableName: tableName,
      Key: keys.throttle(scope, subject, start),
      UpdateExpression: 'ADD failures :one SET #ttl = if_not_exists(#ttl, :expires)',
      ExpressionAttributeNames: { '#ttl': 'ttl' },
      ExpressionAttributeValues: { ':one': 1, ':expires': start + 2 * window.seconds },
      ReturnValues: 'UPDATED_NEW',
    }),
  );
  return Number(Attributes?.failures ?? 1);
}

/**
 * Counts one request against the subject's allowance in the current window; false (and nothing
 * counted) once `max` requests were counted. One conditional write, so concurrent requests cannot
 * all slip under the limit.
 */
export async function takeAllowance(tableName: string, scope: string, subject: string, window: Window & { max: number }, now: Date): Promise<boolean> {
  const start = windowStart(now, window);
  try {
    await dynamo().send(
      new UpdateCommand({
        TableName: tableName,
        Key: keys.throttle(scope, subject, start),
        UpdateExpression: 'ADD hits :one SET #ttl = if_not_exists(#ttl, :expires)',
        ConditionExpression: 'attribute_not_exists(hits) OR hits < :max',
        ExpressionAttributeNames: { '#ttl': 'ttl' },
        ExpressionAttributeValues: { ':one': 1, ':max': window.max, ':expires': start + 2 * window.seconds },
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}
