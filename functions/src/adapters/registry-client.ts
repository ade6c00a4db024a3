/** The property registry over HTTP: does this person own a home in the city? `unknown` if it cannot say. */
export interface RegistryApi {
  apiBase: string;
  timeoutMs: number;
}

export async function ownsHome(api: RegistryApi, idNumber: string): Promise<boolean | 'unknown'> {
  try {
    const response = await fetch(`${api.apiBase}/ownership-checks`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ idNumber }),
      signal: AbortSignal.timeout(api.timeoutMs),
    });
    if (!response.ok) return 'unknown';
    const body = (await response.json()) as { ownsHome?: unknown };
    return typeof body.ownsHome === 'boolean' ? body.ownsHome : 'unknown';
  } catch {
    return 'unknown';
  }
}
