/**
 * npm start: DynamoDB Local (data kept under .data/), the simulators, the API, the H5 mini
 * program and the staff console with demo data, then the URLs. Ctrl-C stops everything.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { assertJava } from '../functions/src/dev/dynamodb-local';
import { REPO_ROOT } from '../functions/src/dev/table-definition';
import { demoMembers } from '../functions/src/dev/demo-members';
import { DEMO_STAFF, DEMO_STAFF_PASSWORD } from '../functions/src/dev/demo-staff';
import { devCertificateKeys, devSessionKeys, type DevSessionKeys } from '../functions/src/dev/dev-keys';
import { startStack } from './dev-stack';
import { BUILD_SCRIPTS, buildIsStale } from './build-state';

const DATA = path.join(REPO_ROOT, '.data');

/** Development secrets are generated once per clone and kept out of git under .data/. */
function devSecrets(): { sessionKeys: DevSessionKeys; idHashKey: string; certSigningKeys: string } {
  const file = path.join(DATA, 'dev-secrets.json');
  if (existsSync(file)) {
    const kept = JSON.parse(readFileSync(file, 'utf8'));
    // a clone from before the session key pair (HS256 then) gets fresh secrets
    if (kept.certSigningKeys && kept.sessionKeys) return kept;
  }
  const secrets = {
    sessionKeys: devSessionKeys(),
    idHashKey: randomBytes(32).toString('base64url'),
    certSigningKeys: devCertificateKeys(),
  };
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}

async function main(): Promise<void> {
  try {
    assertJava();
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
  mkdirSync(path.join(DATA, 'dynamodb'), { recursive: true });
  for (const [target, what] of [['h5', 'the H5 mini program (miniapp/dist/h5)'], ['console', 'the staff console (console/dist)']] as const) {
    if (!buildIsStale(target)) continue;
    console.log(`Building ${what}…`);
    const build = spawnSync('npm', ['run', BUILD_SCRIPTS[target], '--silent'], { cwd: REPO_ROOT, stdio: 'inherit' });
    if (build.status !== 0) process.exit(build.status ?? 1);
  }
  const port = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
  const stack = await startStack({
    dbPath: path.join(DATA, 'dynamodb'),
    dynamodbPort: port('DYNAMODB_PORT', 8000),
    tableName: 'hpf-local',
    ...devSecrets(),
    apiPort: port('API_PORT', 3000),
    webPort: port('WEB_PORT', 10086),
    wechatPort: port('WECHAT_PORT', 4100),
    bankPort: port('BANK_PORT', 4200),
    registryPort: port('REGISTRY_PORT', 4300),
    socialInsurancePort: port('SOCIAL_INSURANCE_PORT', 4400),
    logFile: path.join(DATA, 'api.log'),
  });
  const members = demoMembers(new Date());
  console.log(`
公积金服务 is running${stack.seeded ? ' (demo data seeded)' : ''}:
  H5 mini program   ${stack.webUrl}/
  Staff console     ${stack.webUrl}/console/   (staff sign-in: see below)
  API               ${stack.apiUrl}/v1/health   (OpenAPI: ${stack.apiUrl}/v1/openapi.json)
  DynamoDB Local    ${stack.dynamodbEndpoint}   table ${stack.tableName}, data in .data/dynamodb
  WeChat simulator  ${stack.wechat.baseUrl}   (code "sim:<openid>" signs in as that openid)
  Bank simulator    ${stack.bank.baseUrl}   (payouts; POST /_control/mode {"mode":"fail"} to try a refusal)
  Property registry ${stack.registry.baseUrl}   (demo-loan and demo-paidoff own homes)
  人社 simulator     ${stack.socialInsurance.baseUrl}   (retirement records: demo-retiree 刘建国 retired; the daily 离退休提取 job ran at start)
  API log           .data/api.log
Demo members (pick one on the sign-in page):
${members.map((m) => `  ${m.openid.padEnd(14)} ${m.account.name}  ${m.bound ? '' : '(not bound: try 实名绑定 with ' + m.account.name + ' / ' + m.account.idNumber + ' / ' + m.account.phone + ')'}`).join('\n')}
Demo staff for the console (password ${DEMO_STAFF_PASSWORD}):
${DEMO_STAFF.map((staff) => `  ${staff.username.padEnd(14)} ${staff.displayName}`).join('\n')}
Press Ctrl-C to stop.`);
  const shutdown = async () => {
    await stack.stop();
    process.exit(0);
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((error) => {
  console.error(`npm start failed: ${(error as Error).message}`);
  process.exit(1);
});
