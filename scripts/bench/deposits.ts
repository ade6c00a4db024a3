/**
 * Deposit batch throughput: a batch of synthetic accounts' monthly deposits (10,000 lines by
 * default, BENCH_BATCH_LINES to change) posted through the real handler in-process, then the
 * same batch posted again (every line a duplicate). The baseline, just before, is the posting's
 * bare transaction — the line's idempotency record, the month marker, the ledger entry and the
 * account update conditioned on its version, as TransactWriteItems — for as many other fresh
 * accounts at the handler's concurrency: the ratio is what the handler's reads, rules and
 * bookkeeping cost. DynamoDB Local's transactions are far slower than DynamoDB's, so read the
 * absolute figures as a floor and the ratio as the measure.
 */
import type { Row, Section } from './harness';
import { round } from './harness';

export const depositBatchThroughput: Section = {
  id: 'deposit-batch',
  title: 'deposit batch throughput',
  async run(ctx) {
    const lineCount = Number(process.env.BENCH_BATCH_LINES ?? 10_000);
    const { DynamoDBClient } = await import('@aws-sdk/client-dynamodb');
    const { DynamoDBDocumentClient, TransactWriteCommand } = await import('@aws-sdk/lib-dynamodb');
    const { keys } = await import('../../functions/src/platform/keys');
    const { config } = await import('../../functions/src/platform/config');
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

      // the baseline: the same transaction for other fresh accounts, at the handler's concurrency
      const bareAccounts = Array.from({ length: lineCount }, (_, i) => syntheticAccount(i, '6'));
      await writeSyntheticAccounts(client, table, bareAccounts);
      const doc = DynamoDBDocumentClient.from(client);
      const concurrency = config().postingConcurrency;
      let nextBare = 0;
      const bareStarted = performance.now();
      await Promise.all(
        Array.from({ length: concurrency }, async () => {
          while (nextBare < bareAccounts.length) {
            const account = bareAccounts[nextBare];
            const line = dueLine(account, nextBare + 1, '2026-09', DEFAULT_POLICY);
            nextBare += 1;
            const now = new Date().toISOString();
            const amountFen = line.unitFen + line.personalFen;
            await doc.send(
              new TransactWriteCommand({
                TransactItems: [
                  { Put: { TableName: table, Item: { ...keys.idempotency('DEPOSIT_LINE', `BARE#${line.lineNo}`), lineNo: line.lineNo }, ConditionExpression: 'attribute_not_exists(pk)' } },
                  { Put: { TableName: table, Item: { ...keys.depositMonth(account.accountNo, line.month), lineNo: line.lineNo }, ConditionExpression: 'attribute_not_exists(pk)' } },
                  { Put: { TableName: table, Item: { ...keys.ledgerEntry(account.accountNo, '0000000001'), amountFen, postedAt: now }, ConditionExpression: 'attribute_not_exists(pk)' } },
                  {
                    Update: {
                      TableName: table,
                      Key: keys.account(account.accountNo),
                      UpdateExpression: 'SET balanceFen = :balance, version = :next, updatedAt = :now',
                      ConditionExpression: 'version = :expected',
                      ExpressionAttributeValues: { ':balance': amountFen, ':next': 1, ':expected': 0, ':now': now },
                    },
                  },
                ],
              }),
            );
          }
        }),
      );
      const bareSeconds = (performance.now() - bareStarted) / 1000;
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
      ctx.details['deposit-batch'] = { lineCount, concurrency, first, again, bareSeconds };
      const rows: Row[] = [
        { figure: `batch ${lineCount} lines: posting`, value: round(first.seconds, 1), unit: 's' },
        { figure: 'batch posting throughput', value: round(lineCount / first.seconds, 0), unit: 'per-s' },
        { figure: 'batch re-post (all duplicates)', value: round(lineCount / again.seconds, 0), unit: 'per-s' },
        { figure: `bare posting transactions (concurrency ${concurrency})`, value: round(lineCount / bareSeconds, 0), unit: 'per-s' },
        { figure: 'batch posting / bare transactions', value: bareSeconds / first.seconds, unit: 'x', target: { min: 0.7 } },
      ];
      return rows;
    } finally {
      client.destroy();
    }
  },
};
