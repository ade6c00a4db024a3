/**
 * Every function in serverless.yml bundled as serverless-esbuild deploys it (minified, node22,
 * cjs, @aws-sdk/* external, no source map): its size, and how long a fresh node process takes to
 * require it (the module-init part of a cold start), beside a bare function that only creates the
 * same DynamoDB client.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { functionEntries } from '../function-bundles';
import { median, round, type BenchContext, type Row, type Section } from './harness';

export interface FunctionBundle {
  name: string;
  entry: string;
  file: string;
  bytes: number;
  /** The inputs that take the most room in the output, for when a size target is missed. */
  largestInputs: { path: string; bytes: number }[];
}

/**
 * The baseline for init: a function that does nothing but create the DynamoDB client every
 * function uses (platform/dynamo.ts), bundled the same way. What a function's init costs beyond
 * it is what our own code costs.
 */
export const BARE_FUNCTION = { name: 'bare-dynamodb-function', entry: 'scripts/bench/bare-function.ts' };

async function buildAll(ctx: BenchContext): Promise<FunctionBundle[]> {
  const esbuild = await import('esbuild');
  const outDir = path.join(ctx.benchDir, 'bundles');
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const bundles: FunctionBundle[] = [];
  for (const { name, entry } of [...functionEntries(ctx.repoRoot), BARE_FUNCTION]) {
    // .cjs so the output is CommonJS whatever the repo's package.json "type" says.
    const file = path.join(outDir, `${name}.cjs`);
    const result = await esbuild.build({
      absWorkingDir: ctx.repoRoot,
      entryPoints: [entry],
      outfile: file,
      bundle: true,
      minify: true,
      platform: 'node',
      target: 'node22',
      format: 'cjs',
      external: ['@aws-sdk/*'],
      sourcemap: false,
      metafile: true,
      logLevel: 'silent',
    });
    const output = result.metafile.outputs[path.relative(ctx.repoRoot, file)];
    if (!output) throw new Error(`esbuild wrote no ${file}`);
    const largestInputs = Object.entries(output.inputs)
      .map(([input, { bytesInOutput }]) => ({ path: input, bytes: bytesInOutput }))
      .sort((a, b) => b.bytes - a.bytes)
      .slice(0, 5);
    bundles.push({ name, entry, file, bytes: output.bytes, largestInputs });
  }
  return bundles;
}

function allBundles(ctx: BenchContext): Promise<FunctionBundle[]> {
  return ctx.memo('bundles', () => buildAll(ctx));
}

/** The functions serverless.yml deploys, bundled. */
export async function bundles(ctx: BenchContext): Promise<FunctionBundle[]> {
  return (await allBundles(ctx)).filter((bundle) => bundle.name !== BARE_FUNCTION.name);
}

async function bareBundle(ctx: BenchContext): Promise<FunctionBundle> {
  const bare = (await allBundles(ctx)).find((bundle) => bundle.name === BARE_FUNCTION.name);
  if (!bare) throw new Error('the bare function was not built');
  return bare;
}

export const bundleSizes: Section = {
  id: 'bundle-size',
  title: 'function bundle sizes',
  async run(ctx) {
    const built = await bundles(ctx);
    ctx.details[this.id] = built.map(({ name, entry, bytes, largestInputs }) => ({ name, entry, bytes, largestInputs }));
    return built.map((bundle) => ({
      figure: `bundle ${bundle.name}`,
      value: round(bundle.bytes / 1024, 1),
      unit: 'KB' as const,
      target: { max: 150 },
    }));
  },
};

const INIT_PROBE = [
  "const { performance } = require('node:perf_hooks');",
  'const started = performance.now();',
  'require(process.argv[1]);',
  'const elapsed = performance.now() - started;',
  'process.stdout.write(JSON.stringify({ ms: elapsed }));',
].join('\n');

function measureInit(file: string, env: NodeJS.ProcessEnv): number {
  const probe = spawnSync(process.execPath, ['-e', INIT_PROBE, file], {
    cwd: path.dirname(file),
    env,
    encoding: 'utf8',
    timeout: 30_000,
  });
  if (probe.error) throw probe.error;
  if (probe.status !== 0) throw new Error(`requiring ${path.basename(file)} failed (exit ${probe.status}): ${probe.stderr.trim()}`);
  const { ms } = JSON.parse(probe.stdout) as { ms: number };
  return ms;
}

export const moduleInit: Section = {
  id: 'module-init',
  title: 'bundle module init',
  async run(ctx) {
    const spawns = Number(process.env.BENCH_INIT_SPAWNS) > 0 ? Number(process.env.BENCH_INIT_SPAWNS) : 5;
    const built = await bundles(ctx);
    // The child gets the handler configuration (in case config is ever parsed at import) and the
    // AWS settings, but none of NODE_OPTIONS' loaders that tsx puts on this process.
    const env: NodeJS.ProcessEnv = { ...process.env, ...ctx.handlerEnv, NODE_OPTIONS: '' };
    const bare = await bareBundle(ctx);
    const details: Record<string, { ms: number[]; bareMs: number[] }> = {};
    const rows: Row[] = [];
    const bareTimes: number[] = [];
    for (const bundle of built) {
      // each function's spawns alternate with the bare function's, so both meet the same machine
      const times: number[] = [];
      const baseline: number[] = [];
      for (let i = 0; i < spawns; i += 1) {
        baseline.push(measureInit(bare.file, env));
        times.push(measureInit(bundle.file, env));
      }
      bareTimes.push(...baseline);
      details[bundle.name] = { ms: times.map((t) => round(t)), bareMs: baseline.map((t) => round(t)) };
      // the target is the ratio (issue 13): absolute times move with the machine
      rows.push({ figure: `init ${bundle.name}`, value: round(median(times)), unit: 'ms' });
      rows.push({ figure: `init ${bundle.name} / bare`, value: median(times) / median(baseline), unit: 'x', target: { max: 1.15 } });
    }
    rows.unshift({ figure: 'init bare function (DynamoDB client only)', value: round(median(bareTimes)), unit: 'ms' });
    ctx.details[this.id] = { spawns, timesMs: details };
    return rows;
  },
};
