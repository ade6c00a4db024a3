/**
 * npm run bench: performance figures measured side by side in one run, against a DynamoDB Local
 * and a WeChat simulator of its own. Prints figure | value | target | met? and writes
 * .bench/results.json. A missed target is reported, not failed; only a real error exits non-zero.
 *
 * To add a figure, write a Section (scripts/bench/harness.ts) and append it to SECTIONS.
 * BENCH_SECTIONS=account-latency,certificate-verify runs only those (ids as in the sections).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { formatTable, met, type BenchContext, type Section, type SectionResult } from './bench/harness';
import { accountLatency } from './bench/latency';
import { bundleSizes, moduleInit } from './bench/bundles';
import { weappMainPackage } from './bench/weapp';
import { depositBatchThroughput } from './bench/deposits';
import { certificateVerify } from './bench/certificates';
import { reminderLatency } from './bench/reminders';
import { withdrawalSubmit } from './bench/withdrawals';
import { h5FirstScreen } from './bench/h5';

const SECTIONS: Section[] = [
  accountLatency,
  certificateVerify,
  bundleSizes,
  moduleInit,
  weappMainPackage,
  h5FirstScreen,
  reminderLatency,
  withdrawalSubmit,
  depositBatchThroughput,
];

const repoRoot = path.resolve(__dirname, '..');
const benchDir = path.join(repoRoot, '.bench');

async function main(): Promise<number> {
  mkdirSync(benchDir, { recursive: true });
  // Before anything loads the AWS SDK or a handler: handlers read their config on first call.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  const logFile = path.join(benchDir, 'handlers.log');
  writeFileSync(logFile, '');
  process.env.HPF_LOG_FILE = logFile;

  const { startBenchStack } = await import('./bench/stack');
  const startedAt = new Date();
  console.log('bench: starting DynamoDB Local and the WeChat simulator…');
  const stack = await startBenchStack();
  const stopStack = once(() => stack.stop());
  const onSignal = (signal: NodeJS.Signals) => {
    console.error(`bench: ${signal}, stopping`);
    void stopStack().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  const results: SectionResult[] = [];
  const details: Record<string, unknown> = {};
  try {
    Object.assign(process.env, stack.env);
    const memos = new Map<string, Promise<unknown>>();
    const ctx: BenchContext = {
      repoRoot,
      benchDir,
      handlerEnv: stack.env,
      details,
      memo<T>(key: string, make: () => Promise<T>): Promise<T> {
        if (!memos.has(key)) memos.set(key, make());
        return memos.get(key) as Promise<T>;
      },
    };
    const only = process.env.BENCH_SECTIONS?.split(',').map((id) => id.trim());
    for (const section of SECTIONS.filter((candidate) => !only || only.includes(candidate.id))) {
      console.log(`bench: ${section.title}…`);
      const started = performance.now();
      try {
        const rows = await section.run(ctx);
        results.push({ id: section.id, title: section.title, rows, durationMs: Math.round(performance.now() - started) });
      } catch (error) {
        console.error(`bench: ${section.title} failed:`, error);
        results.push({
          id: section.id,
          title: section.title,
          rows: [],
          error: error instanceof Error ? error.message : String(error),
          durationMs: Math.round(performance.now() - started),
        });
      }
    }
  } finally {
    await stopStack();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }

  const report = {
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    machine: { node: process.version, platform: `${os.platform()} ${os.arch()}`, cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model },
    sections: results.map((section) => ({
      ...section,
      rows: section.rows.map((row) => ({ ...row, met: met(row) })),
      details: details[section.id],
    })),
  };
  const resultsFile = path.join(benchDir, 'results.json');
  writeFileSync(resultsFile, `${JSON.stringify(report, null, 2)}\n`);

  console.log('');
  console.log(formatTable(results));
  const rows = results.flatMap((section) => section.rows);
  const missed = rows.filter((row) => met(row) === false).length;
  const judged = rows.filter((row) => met(row) !== null).length;
  console.log('');
  console.log(`${judged - missed}/${judged} targets met; results in ${path.relative(process.cwd(), resultsFile) || resultsFile}`);
  const failed = results.filter((section) => section.error);
  if (failed.length) console.error(`bench: ${failed.length} section(s) failed: ${failed.map((s) => s.id).join(', ')}`);
  return failed.length ? 1 : 0;
}

function once(fn: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | undefined;
  return () => (running ??= fn());
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error('bench failed:', error);
    process.exitCode = 1;
  },
);
