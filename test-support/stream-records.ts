/** DynamoDB stream records as the notifier receives them, made from plain items (for arrivalOf). */
import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';

const image = (item: Record<string, unknown>) => marshall(item, { removeUndefinedValues: true }) as never;

export function streamInsert(item: Record<string, unknown>): DynamoDBRecord {
  return { eventName: 'INSERT', dynamodb: { NewImage: image(item) } };
}

export function streamModify(old: Record<string, unknown>, item: Record<string, unknown>): DynamoDBRecord {
  return { eventName: 'MODIFY', dynamodb: { OldImage: image(old), NewImage: image(item) } };
}
