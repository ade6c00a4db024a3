/** A fresh table for one test file, created from serverless.yml's definition, optionally seeded. */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { dropTable, ensureTable } from '../functions/src/dev/table-definition';
import { seedDemoData } from '../functions/src/dev/seed';
import type { DemoMember } from '../functions/src/dev/demo-members';

export interface TestTable {
  name: string;
  client: DynamoDBClient;
  members: DemoMember[];
}

/** Tables get the stream only where a test reads it (`stream: true`): see ensureTable. */
export function useTestTable(options: { seed?: boolean; stream?: boolean } = {}): TestTable {
  const table: TestTable = { name: process.env.TABLE_NAME as string, client: new DynamoDBClient({}), members: [] };
  beforeAll(async () => {
    await ensureTable(table.client, table.name, { stream: options.stream === true });
    if (options.seed) table.members = await seedDemoData(table.client, table.name, process.env.ID_HASH_KEY as string);
  });
  afterAll(async () => {
    await dropTable(table.client, table.name);
    table.client.destroy();
  });
  return table;
}
