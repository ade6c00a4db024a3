/**
 * A local stand-in for the bank's payout API, speaking plain HTTP + JSON. A payout is keyed by
 * its payoutId: sending the same id again never pays twice (as the real interface promises), and
 * the simulator counts money actually sent per id so tests can prove nothing was paid twice.
 * Tests switch its behaviour: succeed, refuse (e.g. card closed), or time out before or after paying.
 */
import { createServer } from 'node:http';
import { listen, readJson, sendJson as send } from './http-simulator';

export type BankMode = 'succeed' | 'fail' | 'timeout-before-paying' | 'timeout-after-paying';

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
  setMode(mode: BankMode): void;
  stop(): Promise<void>;
}

export function startBankSimulator(options: { port?: number; hangMs?: number } = {}): Promise<BankSimulator> {
  const payouts = new Map<string, BankPayout>();
  let mode: BankMode = 'succeed';
  const hangMs = options.hangMs ?? 10_000;
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://bank');
    // test control (the simulator only): how the next payouts behave, and what was paid
    if (req.method === 'POST' && url.pathname === '/_control/mode') {
      const body = await readJson(req);
      mode = body?.mode ?? 'succeed';
      return send(res, 200, { mode });
    }
    if (req.method === 'GET' && url.pathname === '/_control/payouts') return send(res, 200, { payouts: [...payouts.values()] });
    const lookup = /^\/payouts\/([A-Za-z0-9-]+)$/.exec(url.pathname);
    if (req.method === 'GET' && lookup) {
      const payout = payouts.get(lookup[1]);
      return payout ? send(res, 200, { payoutId: payout.payoutId, status: payout.status }) : send(res, 404, { code: 'NOT_FOUND' });
    }
    if (req.method === 'POST' && url.pathname === '/payouts') {
      const body = await readJson(req);
      if (!body?.payoutId || !Number.isSafeInteger(body.amountFen) || body.amountFen <= 0) return send(res, 400, { code: 'BAD_REQUEST' });
      const existing = payouts.get(body.payoutId);
      if (existing) return send(res, 200, { payoutId: existing.payoutId, status: existing.status });
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
      return send(res, 200, { payoutId: payout.payoutId, status: payout.status, ...(payout.status === 'FAILED' ? { reason: '收款卡状态异常' } : {}) });
    }
    send(res, 404, { code: 'NOT_FOUND' });
  });
  return listen(server, options.port).then(({ baseUrl, close }) => ({
    baseUrl,
    payouts,
    setMode: (next: BankMode) => {
      mode = next;
    },
    stop: close,
  }));
}
