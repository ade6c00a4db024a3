/**
 * Volume and failure: a 10,000-line batch posts exactly once when posted twice, and a batch
 * whose process is killed midway completes on re-posting without a single duplicate.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEFAULT_POLICY, type AccountRecord, type DepositLine } from '@hpf/shared';
import { handler as postBatch } from '../src/deposits/handler';
import { accountLedger, getAccount } from '../src/adapters/accounts-repository';
import { checkAccountLedger, type Violation } from '../src/ledger/consistency';
import { dueLine, syntheticAccount, writeSyntheticAccounts } from '../src/dev/synthetic-accounts';
import { invoke } from '../../test-support/http';
import { staffToken } from '../../test-support/staff';
import { useTestTable } from '../../test-support/table';

// generous: DynamoDB Local's transactions are slow, and CI shares two cores with everything else
jest.setTimeout(1_500_000);
const table = useTestTable();
let clerk: string;

beforeAll(async () => {
  const { seedStaffOnly } = await import('../src/dev/seed');
  await seedStaffOnly(table.client, table.name);
  clerk = await staffToken('deposit.clerk');
});

/** Checks the given accounts' ledgers, a few at a time. */
async function ledgerSummary(accounts: AccountRecord[]) {
  const violations: Violation[] = [];
  const entriesPerAccount = new Map<string, number>();
  let balanceTotal = 0;
  let next = 0;
  const worker = async () => {
    while (next < accounts.length) {
      const ledger = await accountLedger(table.name, accounts[next++].accountNo);
      if (!ledger) continue;
      violations.push(...checkAccountLedger(ledger));
      entriesPerAccount.set(ledger.account.accountNo, ledger.entries.length);
      balanceTotal += ledger.account.balanceFen;
    }
  };
  await Promise.all(Array.from({ length: 16 }, worker));
  return { violations, entriesPerAccount, balanceTotal };
}

function batchFor(accounts: AccountRecord[], month: string): DepositLine[] {
  return accounts.map((account, i) => dueLine(account, i + 1, month, DEFAULT_POLICY));
}

it('posts a 10,000-line batch exactly once, even when it is posted twice', async () => {
  const accounts = Array.from({ length: 10_000 }, (_, i) => syntheticAccount(i, '7'));
  await writeSyntheticAccounts(table.client, table.name, accounts);
  const lines = batchFor(accounts, '2026-09');
  const expectedTotal = lines.reduce((sum, line) => sum + line.unitFen + line.personalFen, 0);

  const first = await invoke(postBatch, { token: clerk, body: { batchId: 'VOLUME-10K', lines } });
  expect(first.status).toBe(200);
  expect(first.body.counts).toEqual({ posted: 10_000, duplicate: 0, rejected: 0, pending: 0 });

  const second = await invoke(postBatch, { token: clerk, body: { batchId: 'VOLUME-10K', lines } });
  expect(second.body.counts).toEqual({ posted: 0, duplicate: 10_000, rejected: 0, pending: 0 });

  const { violations, entriesPerAccount, balanceTotal } = await ledgerSummary(accounts);
  expect(violations).toEqual([]);
  expect(entriesPerAccount.size).toBe(10_000);
  expect([...entriesPerAccount.values()].every((count) => count === 1)).toBe(true);
  expect(balanceTotal).toBe(expectedTotal);
});

it('completes a batch whose process was killed midway, without posting any line twice', async () => {
  const accounts = Array.from({ length: 3_000 }, (_, i) => syntheticAccount(i, '6'));
  await writeSyntheticAccounts(table.client, table.name, accounts);
  const lines = batchFor(accounts, '2026-08');
  const batchFile = path.join(mkdtempSync(path.join(tmpdir(), 'hpf-batch-')), 'batch.json');
  writeFileSync(batchFile, JSON.stringify({ batchId: 'INTERRUPTED', lines }));

  // node itself runs the TypeScript (tsx as a loader, no wrapper process), so SIGKILL kills the poster
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'fixtures/post-batch-child.ts'), batchFile, clerk], {
    env: process.env,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
  // let it post a hundred-odd lines (lines go in order), then kill it without warning
  const watched = accounts[100].accountNo;
  for (const deadline = Date.now() + 120_000; ; ) {
    const account = await getAccount(table.name, watched, { consistent: true });
    if ((account?.version ?? 0) >= 1) break;
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`the poster stopped or stalled: ${output}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  child.kill('SIGKILL');
  expect(await exited).toBe('SIGKILL');
  expect(output).not.toContain('finished');

  const before = await ledgerSummary(accounts);
  const postedBeforeKill = [...before.entriesPerAccount.values()].filter((count) => count === 1).length;
  expect(postedBeforeKill).toBeGreaterThan(0);
  expect(postedBeforeKill).toBeLessThan(3_000);
  expect(before.violations).toEqual([]);

  const resumed = await invoke(postBatch, { token: clerk, body: { batchId: 'INTERRUPTED', lines } });
  expect(resumed.body.counts.duplicate).toBe(postedBeforeKill);
  expect(resumed.body.counts.posted).toBe(3_000 - postedBeforeKill);
  expect(resumed.body.complete).toBe(true);

  const after = await ledgerSummary(accounts);
  expect(after.violations).toEqual([]);
  expect([...after.entriesPerAccount.values()].every((count) => count === 1)).toBe(true);
  expect(after.balanceTotal).toBe(lines.reduce((sum, line) => sum + line.unitFen + line.personalFen, 0));
});
