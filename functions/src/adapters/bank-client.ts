/**
 * The bank's payout API over HTTP. A payout is identified by our application id, and the bank
 * pays an id at most once, so asking again after a timeout is safe — but we never resend blind:
 * after a timeout we ask what happened first (reconciliation).
 */
export interface BankApi {
  apiBase: string;
  timeoutMs: number;
}

export type PayoutResult = { status: 'PAID' } | { status: 'FAILED'; reason: string } | { status: 'UNKNOWN' };
export type PayoutLookup = PayoutResult | { status: 'NOT_FOUND' };

async function payoutResult(response: Response): Promise<PayoutResult> {
  if (!response.ok) return { status: 'UNKNOWN' };
  const body = (await response.json()) as { status?: string; reason?: string };
  if (body.status === 'PAID') return { status: 'PAID' };
  if (body.status === 'FAILED') return { status: 'FAILED', reason: body.reason ?? '银行退回' };
  return { status: 'UNKNOWN' };
}

export async function sendPayout(
  api: BankApi,
  payout: { payoutId: string; cardNo: string; name: string; amountFen: number },
): Promise<PayoutResult> {
  try {
    const response = await fetch(`${api.apiBase}/payouts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(payout),
      signal: AbortSignal.timeout(api.timeoutMs),
    });
    return await payoutResult(response);
  } catch {
    // a timeout or a broken connection: the bank may or may not have paid
    return { status: 'UNKNOWN' };
  }
}

export async function lookupPayout(api: BankApi, payoutId: string): Promise<PayoutLookup> {
  try {
    const response = await fetch(`${api.apiBase}/payouts/${encodeURIComponent(payoutId)}`, { signal: AbortSignal.timeout(api.timeoutMs) });
    if (response.status === 404) return { status: 'NOT_FOUND' };
    return await payoutResult(response);
  } catch {
    return { status: 'UNKNOWN' };
  }
}
