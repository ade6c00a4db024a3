/** Reading DynamoDB stream records, for the stream workers. */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';

export function streamImage(record: DynamoDBRecord, which: 'NewImage' | 'OldImage'): Record<string, any> | undefined {
  const raw = record.dynamodb?.[which];
  return raw ? unmarshall(raw as Record<string, AttributeValue>) : undefined;
}
