/**
 * What is stuck in the payout pipeline, and the redrive: `npm run payouts -- stuck` lists the
 * payouts waiting for the worker (APPROVED, PAYING: attempts, since when, next attempt) and every
 * 人工核查 item; `… sweep` runs one sweep of the payout worker now — the redrive after a failed
 * batch, since every application says where it is; `… rekey` moves queue entries written before
 * the queues were sharded into their shards (`npm start` does it on the data it keeps). Defaults to the `npm start` stack
 * (DynamoDB Local on port 8000, table hpf-local, the bank simulator on port 4200); `--endpoint`,
 * `--table`, `--bank` for another. Exit 1 from `stuck` when a payout is unknown past the policy's
 * age without being in 人工核查 (that must never happen).
 */
import { parseArgs } from 'node:util';
import { localAwsEnvironment } from '../functions/src/dev/dynamodb-local';

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { endpoint: { type: 'string' }, table: { type: 'string' }, bank: { type: 'string' } },
  });
  const command = positionals[0] ?? 'stuck';
  const endpoint = values.endpoint ?? process.env.AWS_ENDPOINT_URL_DYNAMODB ?? `http://127.0.0.1:${process.env.DYNAMODB_PORT ?? 8000}`;
  const table = values.table ?? process.env.TABLE_NAME ?? 'hpf-local';
  Object.assign(process.env, localAwsEnvironment(endpoint));
  const { DEFAULT_POLICY, payoutNeedsManualCheck } = await import('@hpf/shared');
  const { applicationsInState, moveUnshardedQueueEntries } = await import('../functions/src/adapters/withdrawals-repository');
  try {
    if (command === 'rekey') {
      console.log(`withdrawal queues of ${table}: ${await moveUnshardedQueueEntries(table)} entries moved into their shards`);
      return 0;
    }
    if (command === 'sweep') {
      const { httpBank } = await import('../functions/src/adapters/bank-client');
      const { sweepPayouts } = await import('../functions/src/withdrawals/reconcile-job');
      const bank = values.bank ?? process.env.BANK_API_BASE ?? `http://127.0.0.1:${process.env.BANK_PORT ?? 4200}`;
      const report = await sweepPayouts(
        { tableName: table, bank: httpBank({ apiBase: bank, timeoutMs: 5000 }), policy: DEFAULT_POLICY, bankTimeoutMs: 5000 },
        () => new Date(),
        () => Number.POSITIVE_INFINITY,
      );
      console.log(`payout sweep ${table}: ${JSON.stringify(report.outcomes)}`);
      return 0;
    }
    if (command !== 'stuck') {
      console.error('usage: npm run payouts -- stuck|sweep|rekey [--endpoint URL] [--table NAME] [--bank URL]');
      return 2;
    }
    const now = new Date();
    let overdue = 0;
    for (const status of ['APPROVED', 'PAYING', 'MANUAL_CHECK'] as const) {
      const items = await applicationsInState(table, status, 10_000);
      console.log(`${status}: ${items.length}`);
      for (const a of items) {
        const since = a.payingSince ?? a.createdAt;
        const late = status === 'PAYING' && payoutNeedsManualCheck({ attempts: 0, payingSince: since }, now, DEFAULT_POLICY.payout);
        if (late) overdue += 1;
        console.log(`  ${a.applicationId}  ${a.amountFen} fen  attempts ${a.attempts ?? 0}  since ${since}  next ${a.nextAttemptAt ?? '-'}${late ? '  UNKNOWN PAST THE POLICY AGE' : ''}`);
      }
    }
    return overdue === 0 ? 0 : 1;
  } catch (error) {
    console.error(`payouts: could not read table ${table} at ${endpoint}: ${(error as Error).message}`);
    console.error('Is the local stack running (npm start)? Or pass --endpoint and --table.');
    return 2;
  }
}

main().then((code) => process.exit(code));
