/**
 * GET /v1/me/account through its Lambda handler (in-process, API Gateway v2 event, real session
 * token) against a bare GetItem of the same item, measured side by side in alternating blocks so
 * that machine noise falls on both alike.
 */
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { performance } from 'node:perf_hooks';
import { intFromEnv, sideBySide, summarise, type Section } from './harness';

const MEMBER_OPENID = 'demo-renter';
const MEMBER_ACCOUNT = '310100200001';


export const accountLatency: Section = {
  id: 'account-latency',
  title: 'GET /v1/me/account latency',
  async run(ctx) {
    const warmup = intFromEnv('BENCH_WARMUP', 200);
    const samples = intFromEnv('BENCH_SAMPLES', 2000);

    const { handler } = await import('../../functions/src/account/get-account');
    const { keys } = await import('../../functions/src/platform/keys');
    const { apiEvent } = await import('../../test-support/http');
    const { signIn } = await import('../../test-support/session');
    const { DynamoDBClient } = await import('@aws-sdk/client-dynamodb');
    const { DynamoDBDocumentClient, GetCommand } = await import('@aws-sdk/lib-dynamodb');

    const session = await signIn(MEMBER_OPENID);
    if (!session.bound) throw new Error(`${MEMBER_OPENID} signed in but is not bound; was the demo data seeded?`);
    const token = session.token;

    // Configured the way the handlers' own client is (platform/dynamo.ts), endpoint from the environment.
    const raw = DynamoDBDocumentClient.from(new DynamoDBClient({ maxAttempts: 4 }), {
      marshallOptions: { removeUndefinedValues: true },
    });
    const tableName = ctx.handlerEnv.TABLE_NAME;
    const key = keys.account(MEMBER_ACCOUNT);

    const viaHandler = async (): Promise<number> => {
      const event = apiEvent({ method: 'GET', path: '/v1/me/account', token });
      const started = performance.now();
      const result = (await handler(event)) as APIGatewayProxyStructuredResultV2;
      const elapsed = performance.now() - started;
      if (result.statusCode !== 200) throw new Error(`handler answered ${result.statusCode}: ${String(result.body)}`);
      return elapsed;
    };
    const viaGetItem = async (): Promise<number> => {
      const command = new GetCommand({ TableName: tableName, Key: key });
      const started = performance.now();
      const { Item } = await raw.send(command);
      const elapsed = performance.now() - started;
      if (!Item) throw new Error(`GetItem found no item for ${key.pk}/${key.sk}`);
      return elapsed;
    };

    try {
      // The handler must be answering for the right member before any of this means anything.
      const first = (await handler(apiEvent({ method: 'GET', path: '/v1/me/account', token }))) as APIGatewayProxyStructuredResultV2;
      if (first.statusCode !== 200) throw new Error(`handler answered ${first.statusCode}: ${String(first.body)}`);

      const { a: handlerMs, b: rawMs } = await sideBySide(viaHandler, viaGetItem, { warmup, samples });

      const handlerStats = summarise(handlerMs);
      const rawStats = summarise(rawMs);
      const ratio = handlerStats.p50 / rawStats.p50;
      ctx.details[this.id] = { warmup, samples, handler: handlerStats, getItem: rawStats, ratioP50: ratio };
      return [
        { figure: 'account handler p50', value: handlerStats.p50, unit: 'ms' },
        { figure: 'account handler p99', value: handlerStats.p99, unit: 'ms' },
        { figure: 'raw GetItem p50', value: rawStats.p50, unit: 'ms' },
        { figure: 'raw GetItem p99', value: rawStats.p99, unit: 'ms' },
        { figure: 'handler / GetItem (p50)', value: ratio, unit: 'x', target: { max: 1.5 } },
      ];
    } finally {
      raw.destroy();
    }
  },
};
