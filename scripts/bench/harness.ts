/**
 * The benchmark harness: a figure is a row, a section is a function that measures some rows.
 * Adding a figure means adding a section (or a row to one) to the list in scripts/bench.ts.
 */

export type Unit = 'ms' | 'KB' | 'x' | 'bytes' | 'per-s' | 's' | 'count';

/** The figure meets its target when value <= max (a cost) or value >= min (a rate). */
export type Target = { max: number; min?: never } | { min: number; max?: never };

export interface Row {
  figure: string;
  /** null when there is nothing to measure (e.g. an artifact not built) or the measurement failed. */
  value: number | null;
  unit: Unit;
  target?: Target;
  /** Shown instead of the value when value is null. */
  note?: string;
}

export interface BenchContext {
  repoRoot: string;
  /** .bench/ under the repo (git-ignored): results, logs, bundles. */
  benchDir: string;
  /** The handler configuration (TABLE_NAME, SESSION_PUBLIC_KEYS, ...), also set on process.env. */
  handlerEnv: Record<string, string>;
  /** Extra data a section wants in results.json, keyed by section id. */
  details: Record<string, unknown>;
  /** Runs `make` once per key and shares the result between sections (e.g. bundles). */
  memo<T>(key: string, make: () => Promise<T>): Promise<T>;
}

export interface Section {
  id: string;
  title: string;
  run(ctx: BenchContext): Promise<Row[]>;
}

export interface SectionResult {
  id: string;
  title: string;
  rows: Row[];
  error?: string;
  durationMs: number;
}

export function percentile(samples: number[], p: number): number {
  if (samples.length === 0) throw new Error('percentile of no samples');
  const sorted = [...samples].sort((a, b) => a - b);
  // nearest-rank
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1];
}

export function median(samples: number[]): number {
  return percentile(samples, 50);
}

export function summarise(samples: number[]) {
  const mean = samples.reduce((sum, x) => sum + x, 0) / samples.length;
  return {
    n: samples.length,
    p50: round(percentile(samples, 50)),
    p90: round(percentile(samples, 90)),
    p99: round(percentile(samples, 99)),
    max: round(Math.max(...samples)),
    mean: round(mean),
  };
}

export function round(value: number, digits = 3): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

export function met(row: Row): boolean | null {
  if (!row.target || row.value === null) return null;
  return row.target.max !== undefined ? row.value <= row.target.max : row.value >= row.target.min;
}

function formatNumber(value: number, unit: Unit): string {
  switch (unit) {
    case 'ms':
      return `${value < 10 ? value.toFixed(2) : value.toFixed(1)} ms`;
    case 'KB':
      return `${value.toFixed(1)} KB`;
    case 'x':
      return `${value.toFixed(2)}×`;
    case 'bytes':
      return `${value} B`;
    case 'per-s':
      return `${value.toFixed(0)}/s`;
    case 's':
      return `${value.toFixed(1)} s`;
    case 'count':
      return String(value);
  }
}

export function formatValue(row: Row): string {
  return row.value === null ? (row.note ?? 'n/a') : formatNumber(row.value, row.unit);
}

export function formatTarget(row: Row): string {
  if (!row.target) return '—';
  return row.target.max !== undefined ? `≤ ${formatNumber(row.target.max, row.unit)}` : `≥ ${formatNumber(row.target.min, row.unit)}`;
}

export function formatTable(results: SectionResult[]): string {
  const header = ['figure', 'value', 'target', 'met?'];
  const lines: string[][] = [];
  for (const section of results) {
    for (const row of section.rows) {
      const ok = met(row);
      lines.push([row.figure, formatValue(row), formatTarget(row), ok === null ? '—' : ok ? 'yes' : 'NO']);
    }
    if (section.error) lines.push([`${section.title}`, 'ERROR (see above)', '—', '—']);
  }
  const widths = header.map((title, i) => Math.max(title.length, ...lines.map((line) => line[i].length)));
  const render = (cells: string[]) => `| ${cells.map((cell, i) => cell.padEnd(widths[i])).join(' | ')} |`;
  const rule = `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`;
  return [render(header), rule, ...lines.map(render)].join('\n');
}

export function intFromEnv(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return Number.isInteger(value) && value > 0 ? value : fallback;
}

/**
 * Times two operations side by side: a warm-up of each, then alternating blocks in ABBA order so
 * that machine noise (and neither side always running first) falls on both alike.
 */
export async function sideBySide(
  a: () => Promise<number>,
  b: () => Promise<number>,
  options: { warmup: number; samples: number; blockSize?: number },
): Promise<{ a: number[]; b: number[] }> {
  for (let i = 0; i < options.warmup; i += 1) {
    await a();
    await b();
  }
  const blockSize = Math.min(options.blockSize ?? 100, options.samples);
  const blocks = Math.ceil(options.samples / blockSize);
  const samplesA: number[] = [];
  const samplesB: number[] = [];
  for (let block = 0; block < blocks; block += 1) {
    const n = Math.min(blockSize, options.samples - block * blockSize);
    const order = block % 2 === 0 ? ([a, b] as const) : ([b, a] as const);
    for (const run of order) {
      for (let i = 0; i < n; i += 1) (run === a ? samplesA : samplesB).push(await run());
    }
  }
  return { a: samplesA, b: samplesB };
}
