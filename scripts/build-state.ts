/** Whether a mini program build is older than the sources it is made from. */
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../functions/src/dev/table-definition';

export type MiniappTarget = 'h5' | 'weapp';

const BUILD_MARKER: Record<MiniappTarget, string> = { h5: 'index.html', weapp: 'app.js' };
const SOURCES = ['miniapp/src', 'miniapp/config', 'miniapp/babel.config.js', 'miniapp/package.json', 'shared/src'];

function newestMtime(target: string): number {
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(target)) newest = Math.max(newest, newestMtime(path.join(target, entry)));
  return newest;
}

export function buildIsStale(target: MiniappTarget): boolean {
  const built = path.join(REPO_ROOT, 'miniapp/dist', target, BUILD_MARKER[target]);
  if (!existsSync(built)) return true;
  const sources = SOURCES.map((source) => path.join(REPO_ROOT, source)).filter(existsSync);
  return Math.max(...sources.map(newestMtime)) > statSync(built).mtimeMs;
}
