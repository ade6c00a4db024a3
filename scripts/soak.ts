/**
 * npm run soak: the long money soak (HPF_SOAK_MS, default 15 minutes; HPF_SOAK_MEMBERS, default
 * 200), then the hostile-input property tests with HPF_FUZZ_RUNS cases per endpoint (default
 * 10,000). Prints the invariant table; exits non-zero on any violation.
 *
 * The soak runs in rounds (HPF_SOAK_ROUND_MS, default 3 minutes), each in its own process on a
 * fresh DynamoDB Local and fresh simulators, with every invariant checked at the end of each round:
 * DynamoDB Local slows down as stream records pile up in its process (see the team's toolchain
 * notes), so one long round measures the emulator more than our code.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { SoakReport } from '../test-support/soak';

/** What the issue asks of one soak run (a shorter HPF_SOAK_MS may fall short; that is reported, not failed). */
const OPERATIONS_TARGET = 10_000;

const sum = (bag: Record<string, number>) => Object.values(bag).reduce((a, b) => a + b, 0);
const violationsIn = (report: SoakReport) => report.checks.reduce((n, c) => n + c.violations, 0);

function merge(total: SoakReport, round: SoakReport): SoakReport {
  const add = (into: Record<string, number>, from: Record<string, number>) => {
    for (const [key, n] of Object.entries(from)) into[key] = (into[key] ?? 0) + n;
  };
  add(total.operations, round.operations);
  add(total.faults, round.faults);
  for (const check of round.checks) {
    const existing = total.checks.find((c) => c.invariant === check.invariant);
    if (!existing) total.checks.push({ ...check, examples: [...check.examples] });
    else {
      existing.checked += check.checked;
      existing.violations += check.violations;
      existing.examples.push(...check.examples.slice(0, Math.max(0, 5 - existing.examples.length)));
    }
  }
  return total;
}

/** One round, in this (child) process: its report goes to the file named by the parent. */
async function soakRound(round: number, durationMs: number, members: number, logDir: string): Promise<SoakReport> {
  const { startDynamoDbLocal, localAwsEnvironment } = await import('../functions/src/dev/dynamodb-local');
  const { startWechatSimulator } = await import('../functions/src/dev/wechat-simulator');
  const { startBankSimulator } = await import('../functions/src/dev/bank-simulator');
  const { startRegistrySimulator } = await import('../functions/src/dev/registry-simulator');
  const { ensureTable } = await import('../functions/src/dev/table-definition');
  const { devCertificateKeyEnv, devSessionKeys } = await import('../functions/src/dev/dev-keys');
  const sessionKeys = devSessionKeys();
  const { DynamoDBClient } = await import('@aws-sdk/client-dynamodb');

  const wechatApp = { appId: 'wx-soak', secret: 'soak-secret' };
  const [dynamodb, wechat, bank, registry] = await Promise.all([
    startDynamoDbLocal(),
    startWechatSimulator({ ...wechatApp, quota: 'unchecked' }),
    startBankSimulator({ hangMs: 3_000 }),
    startRegistrySimulator(),
  ]);
  Object.assign(process.env, localAwsEnvironment(dynamodb.endpoint), {
    TABLE_NAME: 'hpf-soak',
    SESSION_SIGNING_KEY: sessionKeys.signingKey,
    SESSION_PUBLIC_KEYS: sessionKeys.publicKeys,
    ID_HASH_KEY: randomBytes(32).toString('hex'),
    WECHAT_API_BASE: wechat.baseUrl,
    WECHAT_APPID: wechatApp.appId,
    WECHAT_SECRET: wechatApp.secret,
    ...devCertificateKeyEnv(),
    VERIFY_BASE_URL: 'https://gjj.example.gov.cn/V/',
    BANK_API_BASE: bank.baseUrl,
    REGISTRY_API_BASE: registry.baseUrl,
    EXTERNAL_TIMEOUT_MS: '1000',
    HPF_LOG_FILE: path.join(logDir, `soak-${Date.now()}-round-${round}.log`),
  });
  try {
    const client = new DynamoDBClient({});
    await ensureTable(client, 'hpf-soak', { stream: true });
    client.destroy();
    const { runSoak } = await import('../test-support/soak');
    return await runSoak({ tableName: 'hpf-soak', bank, wechatBase: wechat.baseUrl, durationMs, members, concurrency: 16, faultRate: 0.05 });
  } finally {
    await Promise.all([dynamodb.stop(), wechat.stop(), bank.stop(), registry.stop()]);
  }
}

async function main(): Promise<number> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  const { REPO_ROOT } = await import('../functions/src/dev/table-definition');
  const { formatSoakReport } = await import('../test-support/soak');
  const logDir = path.join(REPO_ROOT, '.test-output');
  mkdirSync(logDir, { recursive: true });

  const totalMs = Number(process.env.HPF_SOAK_MS ?? 900_000);
  const roundMs = Math.min(totalMs, Number(process.env.HPF_SOAK_ROUND_MS ?? 180_000));
  const members = Number(process.env.HPF_SOAK_MEMBERS ?? 200);
  const started = Date.now();
  let total: SoakReport = { operations: {}, faults: {}, checks: [] };
  for (let round = 1, spent = 0; spent < totalMs; round += 1, spent += roundMs) {
    const reportFile = path.join(logDir, `soak-round-${round}.json`);
    const child = spawnSync(process.execPath, [...process.execArgv, __filename, '--round', String(round), String(Math.min(roundMs, totalMs - spent)), String(members), reportFile], {
      stdio: ['ignore', 'inherit', 'inherit'],
      env: process.env,
    });
    if (child.status !== 0) {
      console.log(`round ${round}: the round itself failed (exit ${child.status})`);
      return 1;
    }
    const report = JSON.parse(readFileSync(reportFile, 'utf8')) as SoakReport;
    console.log(`round ${round}: ${sum(report.operations)} operations, ${sum(report.faults)} faults injected, ${violationsIn(report)} violations`);
    total = merge(total, report);
  }
  console.log(formatSoakReport(total));
  const operations = sum(total.operations);
  const violations = violationsIn(total);
  console.log(`money soak: ${operations} operations, ${sum(total.faults)} faults injected, ${violations} violations in ${Math.round((Date.now() - started) / 1000)} s`);
  console.log(`target: at least ${OPERATIONS_TARGET.toLocaleString('en')} operations with 0 violations — ${operations >= OPERATIONS_TARGET && violations === 0 ? 'met' : 'NOT met'}`);

  const runs = process.env.HPF_FUZZ_RUNS ?? '10000';
  console.log(`hostile input: ${runs} cases per endpoint…`);
  const fuzz = spawnSync(process.execPath, [require.resolve('jest/bin/jest'), '--selectProjects', 'functions', '--testPathPatterns', 'hostile-input'], {
    stdio: 'inherit',
    env: { ...process.env, HPF_FUZZ_RUNS: runs, HPF_LOG_FILE: path.join(logDir, `fuzz-${Date.now()}.log`) },
  });
  return violations > 0 || fuzz.status !== 0 ? 1 : 0;
}

async function roundMain(args: string[]): Promise<number> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  const [round, durationMs, members, reportFile] = args;
  const report = await soakRound(Number(round), Number(durationMs), Number(members), path.dirname(reportFile));
  writeFileSync(reportFile, JSON.stringify(report));
  return 0;
}

const roundAt = process.argv.indexOf('--round');
(roundAt === -1 ? main() : roundMain(process.argv.slice(roundAt + 1))).then((code) => process.exit(code));
