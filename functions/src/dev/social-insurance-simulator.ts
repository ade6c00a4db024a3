/**
 * A local stand-in for 人社 data sharing (the social-insurance retirement records), speaking the
 * same protocol as the adapter expects: POST /retirement-records/query {idNumber} →
 * {found: true, retiredOn} or {found: false}. Seeded from the demo members (刘建国 retired);
 * tests add records, or make it `down` (503) or `slow` (answers after slowMs).
 */
import { createServer } from 'node:http';
import { listen, readJson, sendJson } from './http-simulator';

export interface SocialInsuranceSimulator {
  baseUrl: string;
  /** ID number (upper case) → the day the person retired. */
  retired: Map<string, string>;
  setMode(mode: 'up' | 'down' | 'slow', slowMs?: number): void;
  /** Lookups answered so far, per ID number (the job asks only about candidates). */
  lookups: Map<string, number>;
  stop(): Promise<void>;
}

export function startSocialInsuranceSimulator(options: { port?: number; retired?: Record<string, string> } = {}): Promise<SocialInsuranceSimulator> {
  const retired = new Map(Object.entries(options.retired ?? {}).map(([id, on]) => [id.toUpperCase(), on]));
  const lookups = new Map<string, number>();
  let mode: 'up' | 'down' | 'slow' = 'up';
  let slowMs = 3_000;
  const server = createServer(async (req, res) => {
    if (req.method === 'POST' && req.url === '/_control') {
      const body = await readJson(req);
      if (body?.mode === 'up' || body?.mode === 'down' || body?.mode === 'slow') mode = body.mode;
      if (typeof body?.slowMs === 'number') slowMs = body.slowMs;
      for (const record of body?.addRetired ?? []) retired.set(String(record.idNumber).toUpperCase(), String(record.retiredOn));
      return sendJson(res, 200, { mode, retired: retired.size });
    }
    if (mode === 'down') return sendJson(res, 503, { code: 'UNAVAILABLE' });
    if (mode === 'slow') await new Promise((resolve) => setTimeout(resolve, slowMs));
    if (req.method === 'POST' && req.url === '/retirement-records/query') {
      const body = await readJson(req);
      if (typeof body?.idNumber !== 'string') return sendJson(res, 400, { code: 'BAD_REQUEST' });
      const id = body.idNumber.toUpperCase();
      lookups.set(id, (lookups.get(id) ?? 0) + 1);
      const on = retired.get(id);
      return sendJson(res, 200, on ? { found: true, retiredOn: on, kind: '基本养老保险待遇领取' } : { found: false });
    }
    res.writeHead(404).end();
  });
  return listen(server, options.port).then(({ baseUrl, close }) => ({
    baseUrl,
    retired,
    lookups,
    setMode: (next, ms) => {
      mode = next;
      if (ms !== undefined) slowMs = ms;
    },
    stop: close,
  }));
}
