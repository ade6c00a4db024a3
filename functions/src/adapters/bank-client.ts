/**
 * The bank's payout API over HTTP, and what its answers mean. A payout is identified by our
 * reference (the application id) and the bank pays a reference at most once. Every answer is
 * classified as one of three: accepted (paid), a refusal that cannot succeed as sent (bad card,
 * closed account, malformed request: money must go back), or unknown (timeouts, 5xx, throttling,
 * anything that is not the bank's JSON) — after which the payout worker looks the reference up
 * before it sends anything again.
 */
import * as z from 'zod/mini';
import type { CommercialInstalment } from '@hpf/shared';

export interface BankApi {
  apiBase: string;
  timeoutMs: number;
}

export interface PayoutOrder {
  /** Our idempotency reference: the bank pays it at most once. */
  payoutId: string;
  cardNo: string;
  name: string;
  amountFen: number;
}

export type PayoutAnswer =
  | { status: 'PAID' }
  /** Definite: the bank will not pay this as sent; `reason` is in the member's words. */
  | { status: 'REFUSED'; code: string; reason: string }
  /** We cannot tell whether the bank paid; `why` is for the log. */
  | { status: 'UNKNOWN'; why: string };
export type LookupAnswer = PayoutAnswer | { status: 'NOT_FOUND' };

/** What the payout worker needs of a bank; the HTTP client below is the real one. */
export interface PayoutBank {
  send(order: PayoutOrder): Promise<PayoutAnswer>;
  lookup(payoutId: string): Promise<LookupAnswer>;
}

/** The bank's refusal codes, in words a member understands. */
const REFUSAL_WORDS: Record<string, string> = {
  CARD_INVALID: '收款银行卡号无效',
  CARD_CLOSED: '收款银行卡已销户',
  ACCOUNT_CLOSED: '收款银行卡已销户',
  ACCOUNT_FROZEN: '收款银行卡已冻结',
  NAME_MISMATCH: '收款银行卡的户名与本人不一致',
  MALFORMED_REQUEST: '付款信息不完整，银行退回',
  BAD_REQUEST: '付款信息不完整，银行退回',
  LOAN_ACCOUNT_CLOSED: '商业贷款的还款账户已关闭',
};

function refusal(code: string | undefined, reason: string | undefined): PayoutAnswer {
  const known = code ? REFUSAL_WORDS[code] : undefined;
  return { status: 'REFUSED', code: code ?? 'REFUSED', reason: known ?? reason ?? '银行退回了这笔付款' };
}

async function jsonOf(response: Response): Promise<Record<string, unknown> | undefined> {
  if (!(response.headers.get('content-type') ?? '').includes('application/json')) return undefined;
  try {
    const body = (await response.json()) as unknown;
    return body && typeof body === 'object' ? (body as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** Reads one answer of the bank; `lookup` also knows the bank's clean "never received it". */
export async function classify(response: Response, lookup: boolean): Promise<LookupAnswer> {
  const body = await jsonOf(response);
  if (!body) return { status: 'UNKNOWN', why: `HTTP ${response.status}, not the bank's JSON` };
  const code = typeof body.code === 'string' ? body.code : undefined;
  const reason = typeof body.reason === 'string' ? body.reason : undefined;
  if (response.ok) {
    if (body.status === 'PAID') return { status: 'PAID' };
    if (body.status === 'FAILED') return refusal(code, reason);
    return { status: 'UNKNOWN', why: `HTTP ${response.status}, status ${String(body.status)}` };
  }
  if (lookup && response.status === 404 && code === 'NOT_FOUND') return { status: 'NOT_FOUND' };
  // 400 / 422: this request can never succeed as it is; 401/403/408/409/429 and 5xx may yet
  if (!lookup && (response.status === 400 || response.status === 422)) return refusal(code ?? 'MALFORMED_REQUEST', reason);
  return { status: 'UNKNOWN', why: `HTTP ${response.status}${code ? ` ${code}` : ''}` };
}

export function httpBank(api: BankApi): PayoutBank {
  const call = async (lookup: boolean, init: () => Promise<Response>): Promise<LookupAnswer> => {
    try {
      return await classify(await init(), lookup);
    } catch (error) {
      // a timeout or a broken connection: the bank may or may not have paid
      return { status: 'UNKNOWN', why: (error as Error).name };
    }
  };
  return {
    send: (order) =>
      call(false, () =>
        fetch(`${api.apiBase}/payouts`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(order),
          signal: AbortSignal.timeout(api.timeoutMs),
        }),
      ) as Promise<PayoutAnswer>,
    lookup: (payoutId) =>
      call(true, () => fetch(`${api.apiBase}/payouts/${encodeURIComponent(payoutId)}`, { signal: AbortSignal.timeout(api.timeoutMs) })),
  };
}

/**
 * 商贷自动划转: what a cooperating bank says of one mortgage's instalment in a month
 * (`GET /loans/<bank>/<contract>/instalments/<yyyy-mm>`). The transfer itself is an ordinary
 * payout to the loan's repayment account, under our reference.
 */
export type InstalmentAnswer =
  | { status: 'FOUND'; instalment: CommercialInstalment }
  /** The bank has no such contract: nothing is paid, and the member is told to check the number. */
  | { status: 'NOT_FOUND' }
  | { status: 'UNKNOWN'; why: string };

export interface LoanBank {
  instalment(bankCode: string, contractNo: string, month: string): Promise<InstalmentAnswer>;
}

const InstalmentBody = z.object({
  contractNo: z.string(),
  month: z.string().check(z.regex(/^\d{4}-\d{2}$/)),
  dueFen: z.int().check(z.minimum(0)),
  paidFen: z.int().check(z.minimum(0)),
  dueDate: z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/)),
  borrowerName: z.string().check(z.minLength(1)),
  borrowerIdNumber: z.string().check(z.regex(/^\d{17}[\dX]$/i)),
  repaymentAccount: z.string().check(z.regex(/^\d{12,19}$/)),
});

export function httpLoanBank(api: BankApi): LoanBank {
  return {
    async instalment(bankCode, contractNo, month) {
      let response: Response;
      try {
        response = await fetch(`${api.apiBase}/loans/${encodeURIComponent(bankCode)}/${encodeURIComponent(contractNo)}/instalments/${month}`, { signal: AbortSignal.timeout(api.timeoutMs) });
      } catch (error) {
        return { status: 'UNKNOWN', why: (error as Error).name };
      }
      const body = await jsonOf(response);
      if (!body) return { status: 'UNKNOWN', why: `HTTP ${response.status}, not the bank's JSON` };
      if (response.status === 404 && body.code === 'NOT_FOUND') return { status: 'NOT_FOUND' };
      if (!response.ok) return { status: 'UNKNOWN', why: `HTTP ${response.status}` };
      const parsed = InstalmentBody.safeParse(body);
      // an answer we cannot read is not a figure to move money on
      if (!parsed.success || parsed.data.contractNo !== contractNo || parsed.data.month !== month) return { status: 'UNKNOWN', why: 'instalment answer not as agreed' };
      return { status: 'FOUND', instalment: parsed.data };
    },
  };
}
