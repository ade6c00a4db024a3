/**
 * The table definition is written once, in serverless.yml's resources; local set-up reads it
 * from there so DynamoDB Local and the cloud cannot disagree about keys and indexes.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  CreateTableCommand,
  DeleteTableCommand,
  DynamoDBClient,
  UpdateTimeToLiveCommand,
  waitUntilTableExists,
  type CreateTableCommandInput,
} from '@aws-sdk/client-dynamodb';
import { parse } from 'yaml';

export const REPO_ROOT = path.resolve(__dirname, '../../..');
const TABLE_LOGICAL_ID = 'HpfTable';

interface CloudFormationTable {
  AttributeDefinitions: CreateTableCommandInput['AttributeDefinitions'];
  KeySchema: CreateTableCommandInput['KeySchema'];
  GlobalSecondaryIndexes?: CreateTableCommandInput['GlobalSecondaryIndexes'];
  BillingMode?: string;
  StreamSpecification?: { StreamViewType: 'NEW_AND_OLD_IMAGES' | 'NEW_IMAGE' | 'OLD_IMAGE' | 'KEYS_ONLY' };
  TimeToLiveSpecification?: { AttributeName: string; Enabled: boolean };
}

export function readTableProperties(serverlessYml = path.join(REPO_ROOT, 'serverless.yml')): CloudFormationTable {
  const document = parse(readFileSync(serverlessYml, 'utf8')) as {
    resources?: { Resources?: Record<string, { Type: string; Properties: CloudFormationTable }> };
  };
  const table = document.resources?.Resources?.[TABLE_LOGICAL_ID];
  if (!table || table.Type !== 'AWS::DynamoDB::Table') throw new Error(`serverless.yml has no ${TABLE_LOGICAL_ID} table`);
  return table.Properties;
}

export function createTableInput(
  tableName: string,
  table = readTableProperties(),
  options: { stream?: boolean } = {},
): CreateTableCommandInput {
  return {
    TableName: tableName,
    AttributeDefinitions: table.AttributeDefinitions,
    KeySchema: table.KeySchema,
    ...(table.GlobalSecondaryIndexes ? { GlobalSecondaryIndexes: table.GlobalSecondaryIndexes } : {}),
    BillingMode: 'PAY_PER_REQUEST',
    ...(table.StreamSpecification && options.stream !== false
      ? { StreamSpecification: { StreamEnabled: true, StreamViewType: table.StreamSpecification.StreamViewType } }
      : {}),
  };
}

/**
 * Creates the table (and its TTL) as serverless.yml declares it; an existing table is left as it is.
 * `stream: false` leaves the stream off, for test tables nothing reads a stream from: DynamoDB Local
 * slows down for everything as stream records pile up in its process, and one instance serves a
 * whole test run.
 */
export async function ensureTable(client: DynamoDBClient, tableName: string, options: { stream?: boolean } = {}): Promise<void> {
  const table = readTableProperties();
  try {
    await client.send(new CreateTableCommand(createTableInput(tableName, table, options)));
  } catch (error) {
    if ((error as Error).name !== 'ResourceInUseException') throw error;
    return;
  }
  await waitUntilTableExists({ client, maxWaitTime: 30 }, { TableName: tableName });
  if (table.TimeToLiveSpecification?.Enabled) {
    await client.send(
      new UpdateTimeToLiveCommand({
        TableName: tableName,
        TimeToLiveSpecification: { AttributeName: table.TimeToLiveSpecification.AttributeName, Enabled: true },
      }),
    );
  }
}

export async function dropTable(client: DynamoDBClient, tableName: string): Promise<void> {
  await client.send(new DeleteTableCommand({ TableName: tableName })).catch(() => undefined);
}
