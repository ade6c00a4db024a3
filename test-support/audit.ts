/** The audit trail as tests read it: records are partitioned by UTC day, so read every day since `since`. */
import crypto from 'node:crypto';
import { DynamoDBDocumentClient, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { TestTable } from './table';

const DAY_MS = 86_400_000;

export async function auditRecords(table: TestTable, since: Date): Promise<Record<string, any>[]> {
  const doc = DynamoDBDocumentClient.from(table.client);
  const days = new Set<string>();
  for (let t = since.getTime() - DAY_MS; t <= Date.now() + DAY_MS; t += DAY_MS) days.add(new Date(t).toISOString().slice(0, 10));
  const items: Record<string, any>[] = [];
  for (const day of days) {
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await doc.send(
        new QueryCommand({
          TableName: table.name,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': `AUDIT#${day}` },
          ConsistentRead: true,
          ...(startKey ? { ExclusiveStartKey: startKey } : {}),
        }),
      );
      items.push(...(page.Items ?? []));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
  }
  return items.sort((a, b) => String(a.sk).localeCompare(String(b.sk)));
}

/**
 * Runs `act` with the clock and the audit record's random suffix fixed, after putting another
 * item at the very key its (first, step 0) audit record will take: the record's write fails, so an action audited
 * in the same transaction (or before it takes effect) must fail as a whole.
 */
export async function withAuditWriteFailing<T>(table: TestTable, act: () => Promise<T>): Promise<T> {
  const moment = new Date(Date.now() + 1000);
  const key = { pk: `AUDIT#${moment.toISOString().slice(0, 10)}`, sk: `${moment.toISOString()}#000000000` };
  await DynamoDBDocumentClient.from(table.client).send(new PutCommand({ TableName: table.name, Item: { ...key, action: 'placeholder' } }));
  const realRandomBytes = crypto.randomBytes;
  const fixedSuffix = jest
    .spyOn(crypto, 'randomBytes')
    .mockImplementation(((size: number) => (size === 4 ? Buffer.alloc(4) : realRandomBytes(size))) as typeof crypto.randomBytes);
  jest.useFakeTimers({ now: moment, doNotFake: ['nextTick', 'setImmediate', 'setTimeout', 'setInterval', 'queueMicrotask', 'performance', 'hrtime'] });
  try {
    return await act();
  } finally {
    jest.useRealTimers();
    fixedSuffix.mockRestore();
  }
}
