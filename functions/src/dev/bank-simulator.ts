/**
 * A local stand-in for the bank's payout API, speaking plain HTTP + JSON. A payout is keyed by
 * its payoutId: sending the same id again never pays twice (as the real interface promises), and
 * the simulator counts money actually sent per id so tests can prove nothing was paid twice.
 *
 * It misbehaves on command (`POST /_control/mode {"mode": …, "slowMs": …}`, or `setMode`):
 * - `succeed`; `fail` — refuses: the card is closed (a definite refusal);
 * - `refuse-malformed` — answers 400 MALFORMED_REQUEST, as a bank does to a request it cannot read;
 * - `timeout-before-paying` / `timeout-after-paying` — hangs up without an answer, before or after
 *   the money left;
 * - `down` — the connection is dropped at once, for sends and lookups alike;
 * - `error-500` — 500 with an HTML page, for sends and lookups (the money did not leave);
 * - `slow` — answers correctly after `slowMs` (longer than the caller waits, it is a timeout).
 */
import { createServer } from 'node:http';
import { listen, readJson, sendJson as send } from './http-simulator';

export type BankMode = 'succeed' | 'fail' | 'refuse-malformed' | 'timeout-before-paying' | 'timeout-after-paying' | 'down' | 'error-500' | 'slow';

export const BANK_MODES: readonly BankMode[] = ['succeed', 'fail', 'refuse-malformed', 'timeout-before-paying', 'timeout-after-paying', 'down', 'error-500', 'slow'];

export interface BankPayout {
  payoutId: string;
  cardNo: string;
  name: string;
  amountFen: number;
  status: 'PAID' | 'FAILED';
  /** How many times money left the bank for this id (must never exceed 1). */
  timesPaid: number;
}

export interface BankSimulator {
  baseUrl: string;
  payouts: Map<string, BankPayout>;
  /** Every POST /payouts received, per payoutId (resends after a lookup included). */
  sends: Map<string, number>;
  setMode(mode: BankMode, options?: { slowMs?: number }): void;
  stop(): Promise<void>;
}

export function startBankSimulator(options: { port?: number; hangMs?: number } = {}): Promise<BankSimulator> {
  const payouts = new Map<string, BankPayout>();
  const sends = new Map<string, number>();
  let mode: BankMode = 'succeed';
  let slowMs = 2_000;
  const hangMs = options.hangMs ?? 10_000;
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://bank');
    // test control (the simulator only): how the next payouts behave, and what was paid
    if (req.method === 'POST' && url.pathname === '/_control/mode') {
      const body = await readJson(req);
      mode = BANK_MODES.includes(body?.mode) ? body.mode : 'succeed';
      if (Number.isSafeInteger(body?.slowMs)) slowMs = body.slowMs;
      return send(res, 200, { mode, slowMs });
    }
    if (req.method === 'GET' && url.pathname === '/_control/payouts') return send(res, 200, { payouts: [...payouts.values()] });

    if (mode === 'down') return void req.socket.destroy();
    if (mode === 'error-500') {
      res.writeHead(500, { 'content-type': 'text/html' });
      return void res.end('<html><body>Internal Server Error</body></html>');
    }
    if (mode === 'slow') await new Promise((resolve) => setTimeout(resolve, slowMs));

    const lookup = /^\/payouts\/([A-Za-z0-9-]+)$/.exec(url.pathname);
    if (req.method === 'GET' && lookup) {
      const payout = payouts.get(lookup[1]);
      return payout ? send(res, 200, { payoutId: payout.payoutId, status: payout.status }) : send(res, 404, { code: 'NOT_FOUND' });
    }
    if (req.method === 'POST' && url.pathname === '/payouts') {
      const body = await readJson(req);
      if (!body?.payoutId || !Number.isSafeInteger(body.amountFen) || body.amountFen <= 0) return send(res, 400, { code: 'MALFORMED_REQUEST' });
      sends.set(body.payoutId, (sends.get(body.payoutId) ?? 0) + 1);
      const existing = payouts.get(body.payoutId);
      if (existing) return send(res, 200, { payoutId: existing.payoutId, status: existing.status });
      if (mode === 'refuse-malformed') return send(res, 400, { code: 'MALFORMED_REQUEST', reason: 'payee name field invalid' });
      if (mode === 'timeout-before-paying') {
        setTimeout(() => res.destroy(), hangMs).unref();
        return;
      }
      const payout: BankPayout = {
        payoutId: body.payoutId,
        cardNo: body.cardNo,
        name: body.name,
        amountFen: body.amountFen,
        status: mode === 'fail' ? 'FAILED' : 'PAID',
        timesPaid: mode === 'fail' ? 0 : 1,
      };
      payouts.set(payout.payoutId, payout);
      if (mode === 'timeout-after-paying') {
        setTimeout(() => res.destroy(), hangMs).unref();
        return;
      }
      return send(res, 200, { payoutId: payout.payoutId, status: payout.status, ...(payout.status === 'FAILED' ? { code: 'CARD_CLOSED', reason: '收款卡状态异常' } : {}) });
    }
    send(res, 404, { code: 'NOT_FOUND' });
  });
  return listen(server, options.port).then(({ baseUrl, close }) => ({
    baseUrl,
    payouts,
    sends,
    setMode: (next: BankMode, more: { slowMs?: number } = {}) => {
      mode = next;
      if (more.slowMs !== undefined) slowMs = more.slowMs;
    },
    stop: close,
  }));
}
