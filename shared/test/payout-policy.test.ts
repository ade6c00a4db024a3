import fc from 'fast-check';
import { DEFAULT_POLICY, payoutNeedsManualCheck, payoutRetryDelayMs } from '../src';

const policy = DEFAULT_POLICY.payout;

describe('when the payout worker tries again', () => {
  it('waits a random share of an exponential ceiling, capped, never under the floor', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), fc.integer({ min: 0, max: 20_000 }), (attempt, share, floorMs) => {
        const ceiling = Math.min(policy.maxBackoffSeconds * 1000, policy.baseBackoffSeconds * 1000 * 2 ** (attempt - 1));
        const delay = payoutRetryDelayMs(attempt, policy, floorMs, () => share);
        expect(delay).toBeGreaterThanOrEqual(floorMs);
        expect(delay).toBeLessThanOrEqual(Math.max(floorMs, ceiling));
        expect(delay).toBe(Math.max(floorMs, Math.round(share * ceiling)));
      }),
    );
    // the ceiling doubles until the cap: 5 s, 10 s, 20 s … 600 s
    expect([1, 2, 3, 8, 20].map((n) => payoutRetryDelayMs(n, policy, 0, () => 1 - 1e-12))).toEqual([5_000, 10_000, 20_000, 600_000, 600_000]);
  });

  it('sends an unknown payout to 人工核查 at the policy’s attempts or age, whichever comes first', () => {
    const since = '2026-12-01T00:00:00.000Z';
    const at = (minutes: number) => new Date(Date.parse(since) + minutes * 60_000);
    expect(payoutNeedsManualCheck({ attempts: policy.maxAttempts - 1, payingSince: since }, at(policy.maxUnknownMinutes - 1), policy)).toBe(false);
    expect(payoutNeedsManualCheck({ attempts: policy.maxAttempts, payingSince: since }, at(1), policy)).toBe(true);
    expect(payoutNeedsManualCheck({ attempts: 1, payingSince: since }, at(policy.maxUnknownMinutes), policy)).toBe(true);
  });
});
