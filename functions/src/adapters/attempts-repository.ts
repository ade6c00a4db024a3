/**
 * Failed-attempt counters in fixed time windows, for brute-force throttling (real-name binding,
 * later staff sign-in). Counters expire by TTL a window after they close.
 */
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
