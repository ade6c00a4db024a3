/**
 * Deposit batch throughput: a batch of synthetic accounts' monthly deposits (10,000 lines by
 * default, BENCH_BATCH_LINES to change) posted through the real handler in-process, then the
 * same batch posted again (every line a duplicate). DynamoDB Local's transactions are far slower
 * than DynamoDB's, so read the figure as a floor and compare runs on the same machine.
 */
import type { Row, Section } from './harness';
import { round } from './harness';

export const depositBatchThroughput: Section = {
  id: 'deposit-batch',
  title: 'deposit batch throughput',
  async run(ctx) {
    const lineCount = Number(process.env.BENCH_BATCH_LINES ?? 10_000);
    const { DynamoDBClient } = await import('@aws-sdk/client-dynamodb');
    const { DEFAULT_POLICY } = await import('@hpf/shared');
    const { dueLine, syntheticAccount, writeSyntheticAccounts } = await import('../../functions/src/dev/synthetic-accounts');
    const { seedStaffOnly } = await import('../../functions/src/dev/seed');
    const { handler: staffLogin } = await import('../../functions/src/staff/login');
    const { handler: postBatch } = await import('../../functions/src/deposits/handler');
    const { DEMO_STAFF_PASSWORD } = await import('../../functions/src/dev/demo-staff');
    const { apiEvent } = await import('../../test-support/http');

    const client = new DynamoDBClient({});
    const table = ctx.handlerEnv.TABLE_NAME;
    try {
      await seedStaffOnly(client, table);
      const accounts = Array.from({ length: lineCount }, (_, i) => syntheticAccount(i, '5'));
      await writeSyntheticAccounts(client, table, accounts);
      const lines = accounts.map((account, i) => dueLine(account, i + 1, '2026-09', DEFAULT_POLICY));
      const login = (await staffLogin(apiEvent({ body: { username: 'deposit.clerk', password: DEMO_STAFF_PASSWORD } }))) as { body: string };
      const token = JSON.parse(login.body).token as string;
      const event = apiEvent({ token, body: { batchId: 'BENCH-BATCH', lines } });

      const timed = async () => {
        const started = performance.now();
        const reply = (await postBatch(event)) as { statusCode: number; body: string };
        const seconds = (performance.now() - started) / 1000;
        const counts = JSON.parse(reply.body).counts as Record<string, number>;
        return { seconds, counts };
      };
      const first = await timed();
      const again = await timed();
      if (first.counts.posted !== lineCount || again.counts.duplicate !== lineCount) {
        throw new Error(`batch did not post exactly once: ${JSON.stringify({ first: first.counts, again: again.counts })}`);
      }
      ctx.details['deposit-batch'] = { lineCount, first, again };
      const rows: Row[] = [
        { figure: `batch ${lineCount} lines: posting`, value: round(first.seconds, 1), unit: 's' },
        { figure: 'batch posting throughput', value: round(lineCount / first.seconds, 0), unit: 'per-s' },
        { figure: 'batch re-post (all duplicates)', value: round(lineCount / again.seconds, 0), unit: 'per-s' },
      ];
      return rows;
    } finally {
      client.destroy();
    }
  },
};
