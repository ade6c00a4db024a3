/**
 * npm run soak: the long money soak against its own DynamoDB Local and simulators (HPF_SOAK_MS,
 * default 10 minutes; HPF_SOAK_MEMBERS, default 200), then the hostile-input property tests with
 * HPF_FUZZ_RUNS cases per endpoint (default 10,000). Prints the invariant table; exits non-zero on
 * any violation.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';

/** What the issue asks of one soak run (a shorter HPF_SOAK_MS may fall short; that is reported, not failed). */
const OPERATIONS_TARGET = 10_000;

async function main(): Promise<number> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  const { startDynamoDbLocal, localAwsEnvironment } = await import('../functions/src/dev/dynamodb-local');
  const { startWechatSimulator } = await import('../functions/src/dev/wechat-simulator');
  const { startBankSimulator } = await import('../functions/src/dev/bank-simulator');
  const { startRegistrySimulator } = await import('../functions/src/dev/registry-simulator');
  const { ensureTable, REPO_ROOT } = await import('../functions/src/dev/table-definition');
  const { devCertificateKeys } = await import('../functions/src/dev/dev-keys');
  const { DynamoDBClient } = await import('@aws-sdk/client-dynamodb');

  const wechatApp = { appId: 'wx-soak', secret: 'soak-secret' };
  const [dynamodb, wechat, bank, registry] = await Promise.all([
    startDynamoDbLocal(),
    startWechatSimulator(wechatApp),
    startBankSimulator({ hangMs: 3_000 }),
    startRegistrySimulator(),
  ]);
  const logDir = path.join(REPO_ROOT, '.test-output');
  Object.assign(process.env, localAwsEnvironment(dynamodb.endpoint), {
    TABLE_NAME: 'hpf-soak',
    SESSION_SECRET: randomBytes(32).toString('hex'),
    ID_HASH_KEY: randomBytes(32).toString('hex'),
    WECHAT_API_BASE: wechat.baseUrl,
    WECHAT_APPID: wechatApp.appId,
    WECHAT_SECRET: wechatApp.secret,
    CERT_SIGNING_KEYS: devCertificateKeys(),
    VERIFY_BASE_URL: 'https://gjj.example.gov.cn/V/',
    BANK_API_BASE: bank.baseUrl,
    REGISTRY_API_BASE: registry.baseUrl,
    EXTERNAL_TIMEOUT_MS: '1000',
    HPF_LOG_FILE: path.join(logDir, `soak-${Date.now()}.log`),
  });
  require('node:fs').mkdirSync(logDir, { recursive: true });
  let failed = false;
  try {
    const client = new DynamoDBClient({});
    await ensureTable(client, 'hpf-soak');
    client.destroy();
    const { runSoak, formatSoakReport } = await import('../test-support/soak');
    const started = Date.now();
    const report = await runSoak({
      tableName: 'hpf-soak',
      bank,
      wechatBase: wechat.baseUrl,
      durationMs: Number(process.env.HPF_SOAK_MS ?? 600_000),
      members: Number(process.env.HPF_SOAK_MEMBERS ?? 200),
      concurrency: 16,
      faultRate: 0.05,
    });
    console.log(formatSoakReport(report));
    const operations = Object.values(report.operations).reduce((a, b) => a + b, 0);
    const faults = Object.values(report.faults).reduce((a, b) => a + b, 0);
    const violations = report.checks.reduce((sum, c) => sum + c.violations, 0);
    console.log(`money soak: ${operations} operations, ${faults} faults injected, ${violations} violations in ${Math.round((Date.now() - started) / 1000)} s`);
    console.log(`target: at least ${OPERATIONS_TARGET.toLocaleString('en')} operations with 0 violations — ${operations >= OPERATIONS_TARGET && violations === 0 ? 'met' : 'NOT met'}`);
    failed = violations > 0;
  } finally {
    await Promise.all([dynamodb.stop(), wechat.stop(), bank.stop(), registry.stop()]);
  }
  const runs = process.env.HPF_FUZZ_RUNS ?? '10000';
  console.log(`hostile input: ${runs} cases per endpoint…`);
  const fuzz = spawnSync(process.execPath, [require.resolve('jest/bin/jest'), 'functions/test/security/hostile-input.test.ts'], {
    stdio: 'inherit',
    env: { ...process.env, HPF_FUZZ_RUNS: runs },
  });
  return failed || fuzz.status !== 0 ? 1 : 0;
}

main().then((code) => process.exit(code));
