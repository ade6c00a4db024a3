/**
 * npm test: every test in one jest run (one DynamoDB Local for the run). The weapp smoke test
 * and the browser tests exercise the real builds (weapp, H5, console), so a build whose sources
 * changed is redone first.
 */
import { spawnSync } from 'node:child_process';
import { assertJava } from '../functions/src/dev/dynamodb-local';
import { REPO_ROOT } from '../functions/src/dev/table-definition';
import { BUILD_SCRIPTS, buildIsStale, type BuildTarget } from './build-state';

function run(command: string, args: string[]): number {
  const result = spawnSync(command, args, { cwd: REPO_ROOT, stdio: 'inherit', env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' } });
  return result.status ?? 1;
}

try {
  assertJava();
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}

for (const target of ['weapp', 'h5', 'console'] as BuildTarget[]) {
  if (!buildIsStale(target)) continue;
  console.log(`Building ${target === 'console' ? 'the staff console' : `the ${target} mini program`} for the tests…`);
  const status = run('npm', ['run', BUILD_SCRIPTS[target], '--silent']);
  if (status !== 0) process.exit(status);
}

process.exit(run(process.execPath, [require.resolve('jest/bin/jest'), ...process.argv.slice(2)]));
