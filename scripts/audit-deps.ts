/**
 * npm run audit:deps — what ships, and whether npm's advisory database knows anything high or
 * critical about it. See docs/supply-chain.md.
 *
 * 1. From package-lock.json (v3 `packages`), the production dependency closure of each target:
 *    - lambda:  the `functions` and `shared` workspaces, minus what serverless.yml
 *               custom.esbuild.exclude leaves to the Lambda runtime (@aws-sdk/*), and whatever is
 *               reachable only through it. An upper bound: esbuild bundles only what is imported.
 *    - miniapp: the `miniapp` workspace (includes Taro's build-time plugins, which Taro wants
 *               under `dependencies`).
 *    - console: the `console` workspace (the staff web console: React, antd and their closure).
 * 2. `npm audit --omit=dev --json`; high/critical advisories on a shipped package fail (exit 1)
 *    unless the exceptions table in docs/supply-chain.md names the advisory with a reason.
 *    If the audit service cannot be reached, exit 2: an unchecked audit is not a pass.
 *
 * --list prints every shipped package@version.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

interface LockEntry {
  name?: string;
  version?: string;
  dev?: boolean;
  link?: boolean;
  resolved?: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
}

interface Advisory {
  name: string;
  severity: string;
  title: string;
  url: string;
  range: string;
}

interface Vulnerability {
  name: string;
  nodes: string[];
  via: Array<string | Advisory>;
}

const repoRoot = path.resolve(__dirname, '..');
const docFile = path.join(repoRoot, 'docs/supply-chain.md');
const lock = JSON.parse(readFileSync(path.join(repoRoot, 'package-lock.json'), 'utf8')) as {
  packages: Record<string, LockEntry>;
};
const packages = lock.packages;

const nameOf = (key: string): string => packages[key].name ?? key.slice(key.lastIndexOf('node_modules/') + 13);
const label = (key: string): string => `${nameOf(key)}@${packages[key].version}`;

/** Node's lookup: <from>/node_modules/<name>, then each enclosing node_modules up to the root. */
function resolveDependency(from: string, name: string): string | undefined {
  let dir = from;
  for (;;) {
    const key = `${dir ? `${dir}/` : ''}node_modules/${name}`;
    if (packages[key]) return packages[key].link ? packages[key].resolved : key;
    if (!dir) return undefined;
    const up = dir.lastIndexOf('/node_modules/');
    dir = up >= 0 ? dir.slice(0, up) : '';
  }
}

/** Lockfile keys reachable from the workspaces through non-dev dependencies (workspaces excluded). */
function productionClosure(workspaces: string[], leftOut: (name: string) => boolean): Set<string> {
  const seen = new Set<string>(workspaces);
  const queue = [...workspaces];
  for (let key = queue.shift(); key !== undefined; key = queue.shift()) {
    const entry = packages[key];
    const meta = entry.peerDependenciesMeta ?? {};
    const optionalPeers = Object.keys(meta).filter((n) => meta[n].optional);
    const names = [
      ...Object.keys(entry.dependencies ?? {}),
      ...Object.keys(entry.optionalDependencies ?? {}),
      ...Object.keys(entry.peerDependencies ?? {}).filter((n) => !optionalPeers.includes(n)),
    ];
    for (const name of names) {
      const target = resolveDependency(key, name);
      if (target === undefined || seen.has(target) || leftOut(name)) continue; // absent: optional for another platform
      seen.add(target);
      queue.push(target);
    }
  }
  return new Set([...seen].filter((key) => key.includes('node_modules/')));
}

/** serverless.yml custom.esbuild.exclude: marked external and not packaged — the runtime provides them. */
function lambdaRuntimeProvided(): (name: string) => boolean {
  const config = parse(readFileSync(path.join(repoRoot, 'serverless.yml'), 'utf8')) as {
    custom?: { esbuild?: { exclude?: string[] | string } };
  };
  const exclude = [config.custom?.esbuild?.exclude ?? []].flat();
  return (name) =>
    exclude.some((pattern) => (pattern.endsWith('/*') ? name.startsWith(pattern.slice(0, -1)) : name === pattern));
}

/** The exceptions table of docs/supply-chain.md: rows `| GHSA-… | package | reason |` with a reason. */
function writtenExceptions(): Set<string> {
  if (!existsSync(docFile)) return new Set();
  const section = readFileSync(docFile, 'utf8').split(/^## Exceptions/m)[1]?.split(/^## /m)[0] ?? '';
  const ids = new Set<string>();
  for (const line of section.split('\n')) {
    const cells = line.split('|').map((cell) => cell.trim());
    if (/^GHSA-[\w-]+$/.test(cells[1] ?? '') && (cells[3] ?? '') !== '') ids.add(cells[1]);
  }
  return ids;
}

function runAudit(): { vulnerabilities: Record<string, Vulnerability> } | { unreachable: string } {
  const run = spawnSync('npm', ['audit', '--omit=dev', '--json'], {
    cwd: repoRoot,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    timeout: 180_000,
  });
  if (run.error) return { unreachable: run.error.message };
  try {
    const report = JSON.parse(run.stdout) as {
      vulnerabilities?: Record<string, Vulnerability>;
      message?: string;
      error?: { summary?: string };
    };
    if (report.vulnerabilities) return { vulnerabilities: report.vulnerabilities };
    return { unreachable: report.message || report.error?.summary || `npm audit exited ${run.status} without a report` };
  } catch {
    return { unreachable: run.stderr.trim().split('\n').pop() || `npm audit exited ${run.status} without a report` };
  }
}

function main(): number {
  const runtimeProvided = lambdaRuntimeProvided();
  const workspaces: Record<string, string[]> = { lambda: ['functions', 'shared'], miniapp: ['miniapp'], console: ['console'] };
  const targets: Record<string, Set<string>> = {
    lambda: productionClosure(workspaces.lambda, runtimeProvided),
    miniapp: productionClosure(workspaces.miniapp, () => false),
    console: productionClosure(workspaces.console, () => false),
  };
  const notShipped = [...productionClosure(workspaces.lambda, () => false)].filter((key) => !targets.lambda.has(key));
  const list = process.argv.includes('--list');

  for (const [target, keys] of Object.entries(targets)) {
    const declared = workspaces[target].flatMap((workspace) =>
      Object.keys(packages[workspace].dependencies ?? {}).map((name) => resolveDependency(workspace, name) ?? name),
    );
    const direct = [...new Set(declared)].filter((key) => keys.has(key)).map(label).sort();
    console.log(`${target}: ${keys.size} packages@versions ship (production closure in package-lock.json)`);
    console.log(`  declared: ${direct.join(', ')}`);
    if (list) for (const name of [...keys].map(label).sort()) console.log(`  ${name}`);
  }
  console.log(
    `lambda: ${notShipped.length} more left to the Lambda runtime by serverless.yml custom.esbuild.exclude ` +
      '(@aws-sdk/* and what only they need)',
  );

  const shipped = new Map<string, string[]>();
  for (const [target, keys] of Object.entries(targets)) {
    for (const key of keys) shipped.set(key, [...(shipped.get(key) ?? []), target]);
  }

  const audit = runAudit();
  if ('unreachable' in audit) {
    console.log(
      `audit:deps UNCHECKED: the npm audit service could not be reached (${audit.unreachable}); ` +
        `the ${shipped.size} shipped packages above were NOT checked for advisories.`,
    );
    return 2;
  }

  const exceptions = writtenExceptions();
  const findings: string[] = [];
  const excepted: string[] = [];
  const elsewhere: string[] = [];
  for (const vulnerability of Object.values(audit.vulnerabilities)) {
    const hit = vulnerability.nodes.filter((node) => shipped.has(node));
    for (const advisory of vulnerability.via) {
      if (typeof advisory === 'string' || !['high', 'critical'].includes(advisory.severity)) continue;
      const id = advisory.url.split('/').pop() ?? advisory.url;
      const line = `${advisory.severity.toUpperCase()} ${id} ${advisory.name} ${advisory.range}: ${advisory.title}`;
      if (hit.length === 0) {
        elsewhere.push(`${line} — ${vulnerability.nodes.map((node) => (packages[node] ? label(node) : node)).join(', ')}`);
      } else {
        const where = hit.map((node) => `${label(node)} (${shipped.get(node)?.join('+')})`).join(', ');
        (exceptions.has(id) ? excepted : findings).push(`${line} — ${where}`);
      }
    }
  }
  for (const line of elsewhere) console.log(`not shipped (dev tooling or Lambda-runtime-provided): ${line}`);
  for (const line of excepted) console.log(`excepted in docs/supply-chain.md: ${line}`);
  for (const line of findings) console.log(line);
  console.log(`audit:deps: ${findings.length} high/critical advisories on shipped packages, ${excepted.length} written-down exceptions`);
  return findings.length === 0 ? 0 : 1;
}

process.exit(main());
