/**
 * 人社 data sharing over HTTP: is this person recorded as retired (离退休), and since when? The
 * retirement record is the trigger for 离退休提取; age from the ID number never is (since the 2025
 * reform the statutory age depends on birth month and sex, and people retire early or late).
 * `unknown` whenever the service cannot say — the caller tries again another day.
 */
export interface SocialInsuranceApi {
  apiBase: string;
  timeoutMs: number;
}

export type RetirementRecord = { retired: true; retiredOn: string } | { retired: false };

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export async function retirementRecord(api: SocialInsuranceApi, idNumber: string): Promise<RetirementRecord | 'unknown'> {
  try {
    const response = await fetch(`${api.apiBase}/retirement-records/query`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ idNumber }),
      signal: AbortSignal.timeout(api.timeoutMs),
    });
    if (!response.ok) return 'unknown';
    const body = (await response.json()) as { found?: unknown; retiredOn?: unknown };
    if (body.found === false) return { retired: false };
    if (body.found === true && typeof body.retiredOn === 'string' && DATE.test(body.retiredOn)) return { retired: true, retiredOn: body.retiredOn };
    return 'unknown';
  } catch {
    return 'unknown';
  }
}
