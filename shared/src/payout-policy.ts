/**
 * When the payout worker tries again, and when it stops trying: pure, from the city's payout
 * policy (shared/src/policy.ts), so the numbers are configuration and the rule has its own tests.
 */
import type { Policy } from './policy';

type PayoutPolicy = Policy['payout'];

/**
 * How long to wait after attempt `attempt` (1 = the first send): exponential, capped, with full
 * jitter (a random share of the ceiling) so payouts that failed together do not retry together.
 * Never shorter than `floorMs` (the bank's own timeout twice over: an attempt still waiting for
 * its answer is not overtaken by the next).
 */
export function payoutRetryDelayMs(attempt: number, policy: PayoutPolicy, floorMs: number, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxBackoffSeconds * 1000, policy.baseBackoffSeconds * 1000 * 2 ** Math.max(0, attempt - 1));
  return Math.max(floorMs, Math.round(random() * ceiling));
}

/** An unknown payout goes to 人工核查 after the policy's attempts, or once it has been paying too long. */
export function payoutNeedsManualCheck(progress: { attempts: number; payingSince: string }, now: Date, policy: PayoutPolicy): boolean {
  const ageMs = now.getTime() - Date.parse(progress.payingSince);
  return progress.attempts >= policy.maxAttempts || ageMs >= policy.maxUnknownMinutes * 60_000;
}
