/**
 * npm run audit:a11y: the full 适老化 / accessibility audit (e2e/accessibility/audit.ts) on a stack
 * of its own (DynamoDB Local in memory, demo data, API, the H5 build). Prints every page × mode with
 * a count per rule, then what each violation is; exits 1 on any violation. Screenshots of the home,
 * ledger, certificate and rent pages go to .test-output/screenshots/.
 *
 * `--page home,rent` audits only those pages; `--mode elder` one mode.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { assertJava } from '../functions/src/dev/dynamodb-local';
import { REPO_ROOT } from '../functions/src/dev/table-definition';
import { devCertificateKeys, devSessionKeys } from '../functions/src/dev/dev-keys';
import { formatFindings, formatTable, MODES, runAudit, violationsOf, type Mode } from '../e2e/accessibility/audit';
import { launchBrowser, SCREENSHOTS } from '../e2e/browser';
import { buildIsStale } from './build-state';
import { startStack } from './dev-stack';

function argument(name: string): string[] | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index === -1 ? undefined : (process.argv[index + 1] ?? '').split(',').filter(Boolean);
}

async function main(): Promise<number> {
  assertJava();
  if (buildIsStale('h5')) {
    console.log('audit: building the H5 mini program (miniapp/dist/h5)…');
    const build = spawnSync('npm', ['run', 'build:h5', '--silent'], { cwd: REPO_ROOT, stdio: 'inherit' });
    if (build.status !== 0) return build.status ?? 1;
  }
  console.log('audit: starting DynamoDB Local, the simulators, the API and the H5 server…');
  const stack = await startStack({
    tableName: 'hpf-a11y',
    sessionKeys: devSessionKeys(),
    idHashKey: randomBytes(32).toString('base64url'),
    certSigningKeys: devCertificateKeys(),
  });
  const browser = await launchBrowser().catch(async (error) => {
    await stack.stop();
    throw error;
  });
  try {
    const started = performance.now();
    const results = await runAudit(browser, stack, {
      pages: argument('page'),
      modes: (argument('mode') as Mode[] | undefined) ?? MODES,
      log: (line) => console.log(line),
    });
    const failed = results.filter((r) => violationsOf(r) > 0);
    console.log('');
    console.log(formatTable(results));
    console.log('');
    if (failed.length) console.log(formatFindings(failed), '\n');
    console.log(
      `${results.length - failed.length}/${results.length} page states pass (${Math.round((performance.now() - started) / 1000)} s); screenshots in ${SCREENSHOTS}`,
    );
    return failed.length ? 1 : 0;
  } finally {
    await browser.close();
    await stack.stop();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error('audit failed:', error instanceof Error ? error.message : error);
    process.exitCode = 1;
  },
);
