/**
 * Serves the H5 build the way a CDN would: text assets brotli- or gzip-compressed by what the
 * browser accepts, each file compressed once (per content) and kept in memory.
 */
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const COMPRESSIBLE = new Set(['.html', '.js', '.css', '.json', '.svg', '.txt']);

export type Encoding = 'br' | 'gzip' | 'identity';

/** The best encoding the request accepts (brotli, then gzip); `q=0` refuses one. */
export function preferredEncoding(acceptEncoding: string | undefined): Encoding {
  const accepted = new Map<string, number>();
  for (const part of (acceptEncoding ?? '').split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find(Boolean);
    accepted.set(name, q === undefined ? 1 : Number(q));
  }
  const wants = (name: string) => (accepted.get(name) ?? accepted.get('*') ?? 0) > 0;
  if (wants('br')) return 'br';
  if (wants('gzip')) return 'gzip';
  return 'identity';
}

const cache = new Map<string, { mtimeMs: number; size: number; br: Buffer; gzip: Buffer }>();

/** The file's bytes in the encoding to send, or undefined when it is sent as it is. */
export function compressedFile(file: string, encoding: Encoding): Buffer | undefined {
  if (encoding === 'identity' || !COMPRESSIBLE.has(path.extname(file))) return undefined;
  const { mtimeMs, size } = statSync(file);
  let entry = cache.get(file);
  if (!entry || entry.mtimeMs !== mtimeMs || entry.size !== size) {
    const raw = readFileSync(file);
    entry = {
      mtimeMs,
      size,
      // quality 9: within ~10% of 11 at a twentieth of the time (11 takes seconds per megabyte,
      // which every test stack's first page load would wait for)
      br: brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 9, [constants.BROTLI_PARAM_SIZE_HINT]: raw.length } }),
      gzip: gzipSync(raw, { level: 9 }),
    };
    cache.set(file, entry);
  }
  return entry[encoding];
}
