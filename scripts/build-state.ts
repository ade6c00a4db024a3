/** Whether a front-end build (the mini program's weapp or H5, the staff console) is older than its sources. */
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../functions/src/dev/table-definition';

export type MiniappTarget = 'h5' | 'weapp';
export type BuildTarget = MiniappTarget | 'console';

const MINIAPP_SOURCES = ['miniapp/src', 'miniapp/config', 'miniapp/babel.config.js', 'miniapp/package.json', 'shared/src'];

const BUILDS: Record<BuildTarget, { marker: string; sources: string[] }> = {
  h5: { marker: 'miniapp/dist/h5/index.html', sources: MINIAPP_SOURCES },
  weapp: { marker: 'miniapp/dist/weapp/app.js', sources: MINIAPP_SOURCES },
  console: { marker: 'console/dist/index.html', sources: ['console/src', 'console/index.html', 'console/vite.config.ts', 'console/package.json', 'shared/src'] },
};

/** The npm script that makes each build. */
export const BUILD_SCRIPTS: Record<BuildTarget, string> = { h5: 'build:h5', weapp: 'build:weapp', console: 'build:console' };

function newestMtime(target: string): number {
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(target)) newest = Math.max(newest, newestMtime(path.join(target, entry)));
  return newest;
}

export function buildIsStale(target: BuildTarget): boolean {
  const { marker, sources } = BUILDS[target];
  const built = path.join(REPO_ROOT, marker);
  if (!existsSync(built)) return true;
  const present = sources.map((source) => path.join(REPO_ROOT, source)).filter(existsSync);
  return Math.max(...present.map(newestMtime)) > statSync(built).mtimeMs;
}
