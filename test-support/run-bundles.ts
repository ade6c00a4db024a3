/**
 * The function bundles every browser test file's stack serves, built once per jest run: the
 * global setup names the folder (HPF_RUN_BUNDLES), the first file to need it builds it, files in
 * other workers wait for that build, and the global teardown removes it.
 */
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../functions/src/dev/table-definition';
import { bundleFunctions } from '../scripts/function-bundles';

const BUILD_WAIT_MS = 180_000;

const OUTPUT = path.join(REPO_ROOT, '.test-output');
/** A run stopped before its teardown leaves its bundles; a day later they are nobody's. */
const LEFT_OVER_MS = 24 * 3600_000;

/** A folder for this run's bundles, inside the repository (their AWS SDK is its node_modules). */
export function runBundlesFolder(): string {
  for (const name of existsSync(OUTPUT) ? readdirSync(OUTPUT) : []) {
    const leftover = path.join(OUTPUT, name);
    if (name.startsWith('bundles-') && Date.now() - statSync(leftover).mtimeMs > LEFT_OVER_MS) rmSync(leftover, { recursive: true, force: true });
  }
  return path.join(OUTPUT, `bundles-${process.pid}-${Date.now()}`);
}

export async function bundlesOfThisRun(): Promise<string> {
  const folder = process.env.HPF_RUN_BUNDLES;
  if (!folder) throw new Error('HPF_RUN_BUNDLES is not set: the jest global setup names the run bundles folder');
  const done = `${folder}.done`;
  if (existsSync(done)) return folder;
  try {
    // mkdir is atomic: the one worker that makes the lock builds, the others wait for `done`
    mkdirSync(`${folder}.lock`);
  } catch {
    const deadline = Date.now() + BUILD_WAIT_MS;
    while (!existsSync(done)) {
      if (Date.now() > deadline) throw new Error(`the run's function bundles were not built within ${BUILD_WAIT_MS} ms (${folder})`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    return folder;
  }
  await bundleFunctions(REPO_ROOT, folder);
  writeFileSync(done, new Date().toISOString());
  return folder;
}

export function removeRunBundles(): void {
  const folder = process.env.HPF_RUN_BUNDLES;
  if (!folder) return;
  for (const leftover of [folder, `${folder}.lock`, `${folder}.done`]) rmSync(leftover, { recursive: true, force: true });
}
