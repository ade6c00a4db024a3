/** The weapp main package: every file of miniapp/dist/weapp outside subpackage roots, source maps excluded. */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Section } from './harness';

interface AppJson {
  subPackages?: { root?: string }[];
  subpackages?: { root?: string }[];
}

function subpackageRoots(distDir: string): string[] {
  const app = JSON.parse(readFileSync(path.join(distDir, 'app.json'), 'utf8')) as AppJson;
  return [...(app.subPackages ?? []), ...(app.subpackages ?? [])]
    .map((pkg) => pkg.root?.replace(/^\.?\/+/, '').replace(/\/+$/, ''))
    .filter((root): root is string => Boolean(root));
}

function walk(dir: string, relative: string, skip: Set<string>, files: { path: string; bytes: number }[]): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const rel = relative ? `${relative}/${entry.name}` : entry.name;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!skip.has(rel)) walk(full, rel, skip, files);
    } else if (entry.isFile() && !entry.name.endsWith('.map')) {
      files.push({ path: rel, bytes: statSync(full).size });
    }
  }
}

export const weappMainPackage: Section = {
  id: 'weapp-size',
  title: 'weapp main package',
  async run(ctx) {
    const distDir = path.join(ctx.repoRoot, 'miniapp/dist/weapp');
    if (!existsSync(path.join(distDir, 'app.json'))) {
      console.log('weapp: not built (run npm run build:weapp)');
      return [{ figure: 'weapp main package', value: null, unit: 'KB', target: { max: 400 }, note: 'not built (run npm run build:weapp)' }];
    }
    const roots = subpackageRoots(distDir);
    const files: { path: string; bytes: number }[] = [];
    walk(distDir, '', new Set(roots), files);
    const bytes = files.reduce((sum, file) => sum + file.bytes, 0);
    const largest = [...files].sort((a, b) => b.bytes - a.bytes).slice(0, 5);
    ctx.details[this.id] = { distDir, subpackageRoots: roots, files: files.length, bytes, largest };
    return [{ figure: 'weapp main package', value: Math.round((bytes / 1024) * 10) / 10, unit: 'KB', target: { max: 400 } }];
  },
};
