/**
 * npm run ledger:check — checks every account of a table: balance = Σ ledger, gapless entry
 * sequence, running balances, whole fen, the append-only hash chain, and 缴至年月 / 连续缴存月数
 * against the months deposited. Defaults to the
 * `npm start` stack (DynamoDB Local on port 8000, table hpf-local).
 */
import { parseArgs } from 'node:util';
import { localAwsEnvironment } from '../functions/src/dev/dynamodb-local';

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { endpoint: { type: 'string' }, table: { type: 'string' } },
  });
  const endpoint = values.endpoint ?? process.env.AWS_ENDPOINT_URL_DYNAMODB ?? `http://127.0.0.1:${process.env.DYNAMODB_PORT ?? 8000}`;
  const table = values.table ?? process.env.TABLE_NAME ?? 'hpf-local';
  Object.assign(process.env, localAwsEnvironment(endpoint));
  const { allAccountLedgers } = await import('../functions/src/adapters/accounts-repository');
  const { checkAccountLedger } = await import('../functions/src/ledger/consistency');
  let accounts = 0;
  let entries = 0;
  let violations = 0;
  try {
    for await (const ledger of allAccountLedgers(table)) {
      accounts += 1;
      entries += ledger.entries.length;
      for (const violation of checkAccountLedger(ledger)) {
        violations += 1;
        console.log(`VIOLATION ${violation.accountNo} ${violation.rule}: ${violation.detail}`);
      }
    }
  } catch (error) {
    console.error(`ledger:check could not read table ${table} at ${endpoint}: ${(error as Error).message}`);
    console.error('Is the local stack running (npm start)? Or pass --endpoint and --table.');
    return 2;
  }
  console.log(`ledger:check ${table}: ${accounts} accounts, ${entries} entries, ${violations} violations`);
  return violations === 0 ? 0 : 1;
}

main().then((code) => process.exit(code));
