/**
 * The functions serverless.yml declares, bundled with its own `custom.esbuild` settings in ONE
 * esbuild call for all of them. serverless-esbuild does the same work one function at a time on
 * every `serverless offline start` (9–15 s on CI's two cores); a jest run starts the stack once
 * per browser test file, so it bundles once and every stack after that serves these files
 * (scripts/prebuilt-bundles.cjs swaps the plugin for the run). Deploys still go through
 * serverless-esbuild itself.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

interface ServerlessDocument {
  functions?: Record<string, { handler?: string }>;
  custom?: { esbuild?: EsbuildSettings };
}

interface EsbuildSettings {
  bundle?: boolean;
  minify?: boolean;
  sourcemap?: boolean | 'linked' | 'inline' | 'external' | 'both';
  target?: string;
  platform?: 'node';
  format?: 'cjs' | 'esm';
  exclude?: string[];
}

function serverlessDocument(repoRoot: string): ServerlessDocument {
  return parse(readFileSync(path.join(repoRoot, 'serverless.yml'), 'utf8')) as ServerlessDocument;
}

export function functionEntries(repoRoot: string): { name: string; entry: string }[] {
  const functions = Object.entries(serverlessDocument(repoRoot).functions ?? {});
  if (functions.length === 0) throw new Error('serverless.yml declares no functions');
  return functions.map(([name, fn]) => {
    const handler = fn.handler;
    if (!handler) throw new Error(`serverless.yml: function ${name} has no handler`);
    // functions/src/x/y.handler → functions/src/x/y.ts
    const modulePath = handler.slice(0, handler.lastIndexOf('.'));
    const entry = ['.ts', '.js'].map((ext) => `${modulePath}${ext}`).find((candidate) => existsSync(path.join(repoRoot, candidate)));
    if (!entry) throw new Error(`serverless.yml: no source for ${name} (${handler})`);
    return { name, entry };
  });
}

/**
 * serverless.yml's custom.esbuild as esbuild options: the esbuild settings themselves (the
 * plugin's own, such as `packager`, are not esbuild's), and its `exclude` is what stays external.
 */
export function serverlessEsbuildOptions(repoRoot: string) {
  const { bundle, minify, sourcemap, target, platform, format, exclude = [] } = serverlessDocument(repoRoot).custom?.esbuild ?? {};
  return { bundle, minify, sourcemap, target, platform, format, external: exclude };
}

/**
 * Every function's bundle under `outDir`, at its handler's path (functions/src/x/y.js), as
 * serverless-offline's `location` expects. `outDir` must sit inside the repository: the bundles
 * leave the AWS SDK external and find it in the repository's node_modules. Written to a sibling
 * folder first and renamed, so a half-written build is never served.
 */
export async function bundleFunctions(repoRoot: string, outDir: string): Promise<void> {
  const esbuild = await import('esbuild');
  const building = `${outDir}.building-${process.pid}`;
  rmSync(building, { recursive: true, force: true });
  mkdirSync(building, { recursive: true });
  await esbuild.build({
    ...serverlessEsbuildOptions(repoRoot),
    absWorkingDir: repoRoot,
    entryPoints: [...new Set(functionEntries(repoRoot).map(({ entry }) => entry))],
    outbase: repoRoot,
    outdir: building,
    logLevel: 'warning',
  });
  rmSync(outDir, { recursive: true, force: true });
  renameSync(building, outDir);
}
