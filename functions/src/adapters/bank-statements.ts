/**
 * The bank's daily statement over HTTP, the same JSON-over-HTTP family as its payout API (and the
 * same base URL): `GET <base>/accounts/<accountNo>/statements/<yyyy-mm-dd>`. The answer is parsed
 * before anything trusts it: a statement with a fractional fen or a line without a reference is
 * the bank's error, not a reason to write half a result.
 */
import * as z from 'zod/mini';
import type { Statement } from '@hpf/shared';

const Fen = z.int();
const StatementAnswer = z.object({
  accountNo: z.string(),
  date: z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/)),
  openingFen: Fen,
  closingFen: Fen,
  lines: z.array(
    z.object({
      lineId: z.string().check(z.minLength(1)),
      reference: z.string().check(z.minLength(1)),
      direction: z.enum(['CREDIT', 'DEBIT']),
      amountFen: Fen.check(z.minimum(0)),
      valueDate: z.string(),
    }),
  ),
});

export type StatementAnswer =
  | { status: 'OK'; statement: Statement }
  /** The bank has not produced the day's statement yet: try again later. */
  | { status: 'NOT_READY' }
  /** Anything else (down, 5xx, not the bank's JSON, a statement that does not parse); `why` is for the log. */
  | { status: 'UNAVAILABLE'; why: string };

export interface StatementSource {
  fetch(accountNo: string, date: string): Promise<StatementAnswer>;
}

export function httpStatements(api: { apiBase: string; timeoutMs: number }): StatementSource {
  return {
    async fetch(accountNo, date) {
      let response: Response;
      try {
        response = await fetch(`${api.apiBase}/accounts/${encodeURIComponent(accountNo)}/statements/${encodeURIComponent(date)}`, { signal: AbortSignal.timeout(api.timeoutMs) });
      } catch (error) {
        return { status: 'UNAVAILABLE', why: (error as Error).name };
      }
      const body: unknown = (response.headers.get('content-type') ?? '').includes('application/json') ? await response.json().catch(() => undefined) : undefined;
      if (response.status === 404 && (body as { code?: unknown } | undefined)?.code === 'NOT_READY') return { status: 'NOT_READY' };
      if (!response.ok) return { status: 'UNAVAILABLE', why: `HTTP ${response.status}` };
      const parsed = StatementAnswer.safeParse(body);
      if (!parsed.success) return { status: 'UNAVAILABLE', why: 'statement does not parse' };
      if (parsed.data.accountNo !== accountNo || parsed.data.date !== date) return { status: 'UNAVAILABLE', why: 'statement of another account or day' };
      return { status: 'OK', statement: parsed.data };
    },
  };
}
