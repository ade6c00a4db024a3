import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import {
  assertWithdrawalTransition,
  findWithdrawalTransition,
  isFinalWithdrawalStatus,
  nextWithdrawalStates,
  WITHDRAWAL_LIFE_CYCLE,
  WITHDRAWAL_STATES,
  WITHDRAWAL_STATUS_LABELS,
  withdrawalLifeCycleMarkdown,
  WithdrawalStatus,
  type WithdrawalActor,
} from '../src';

const ACTORS: WithdrawalActor[] = ['MEMBER', 'REVIEWER', 'PAYOUT_WORKER', 'SYSTEM'];

/** A walk through the table: at each step one of the allowed transitions, chosen by `choices`. */
function walk(choices: number[]) {
  const starts = WITHDRAWAL_LIFE_CYCLE.filter((t) => t.from === null);
  const steps = [starts[choices[0] % starts.length]];
  for (const choice of choices.slice(1)) {
    const out = WITHDRAWAL_LIFE_CYCLE.filter((t) => t.from === steps[steps.length - 1].to);
    if (out.length === 0) break;
    steps.push(out[choice % out.length]);
  }
  return steps;
}

describe('the withdrawal life cycle', () => {
  it('names every state of the schema, each with a member-facing label', () => {
    expect([...WITHDRAWAL_STATES].sort()).toEqual([...WithdrawalStatus.options].sort());
    for (const state of WITHDRAWAL_STATES) expect(WITHDRAWAL_STATUS_LABELS[state]).toMatch(/[\u4e00-\u9fff]/);
  });

  it('reaches PAID at most once and moves money at most once each way, on every path', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(), { minLength: 1, maxLength: 20 }), (choices) => {
        const steps = walk(choices);
        expect(steps.filter((t) => t.to === 'PAID').length).toBeLessThanOrEqual(1);
        expect(steps.filter((t) => t.money === 'debit').length).toBeLessThanOrEqual(1);
        expect(steps.filter((t) => t.money === 'reversal').length).toBeLessThanOrEqual(1);
        // a reversal only ever follows a debit
        const debitAt = steps.findIndex((t) => t.money === 'debit');
        const reversalAt = steps.findIndex((t) => t.money === 'reversal');
        if (reversalAt >= 0) expect(debitAt).toBeGreaterThanOrEqual(0);
        if (reversalAt >= 0) expect(reversalAt).toBeGreaterThan(debitAt);
        // PAID and a reversal exclude each other: money paid out is never also returned
        expect(steps.some((t) => t.to === 'PAID') && reversalAt >= 0).toBe(false);
      }),
    );
  });

  it('gives every state that is not final a way out, and from every state an end can be reached', () => {
    for (const state of WITHDRAWAL_STATES) {
      if (!isFinalWithdrawalStatus(state)) expect(nextWithdrawalStates(state).length).toBeGreaterThan(0);
      const seen = new Set<string>([state]);
      const queue = [state];
      while (queue.length) for (const next of nextWithdrawalStates(queue.shift()!)) if (!seen.has(next)) seen.add(next), queue.push(next);
      expect([...seen].some((s) => isFinalWithdrawalStatus(s as WithdrawalStatus))).toBe(true);
    }
    expect(WITHDRAWAL_STATES.filter(isFinalWithdrawalStatus).sort()).toEqual(['CANCELLED', 'PAID', 'PAYOUT_FAILED', 'REJECTED']);
  });

  it('lets only the payout worker debit or act on the bank’s answer, only a member cancel, and only a member — or the 免申即享 clock, approved at once, or counter staff, for review — create', () => {
    fc.assert(
      fc.property(fc.constantFrom(null, ...WITHDRAWAL_STATES), fc.constantFrom(...WITHDRAWAL_STATES), fc.constantFrom(...ACTORS), (from, to, by) => {
        const found = findWithdrawalTransition(from, to, by);
        if (!found) {
          expect(() => assertWithdrawalTransition(from, to, by)).toThrow(/may not move/);
          return;
        }
        if (found.money === 'debit') expect(by).toBe('PAYOUT_WORKER');
        if (to === 'CANCELLED') expect(by).toBe('MEMBER');
        // a retirement withdrawal the member neither confirmed nor declined is made by the policy's
        // clock (autoPayAfterDays), and only ever straight to APPROVED; a counter closing withdrawal is
        // started by staff and only ever into review (two others decide); everything else a member makes
        if (from === null && by === 'SYSTEM') expect(to).toBe('APPROVED');
        if (from === null && by === 'REVIEWER') expect(to).toBe('PENDING_REVIEW');
        if (from === null) expect(['MEMBER', 'SYSTEM', 'REVIEWER']).toContain(by);
        if (to === 'PAID' && from === 'PAYING') expect(by).toBe('PAYOUT_WORKER');
      }),
      // 9 × 8 × 4 combinations: enough runs that each is all but certain to be tried (100 missed one in CI)
      { numRuns: 3000 },
    );
    expect(() => assertWithdrawalTransition('PENDING_REVIEW', 'PAYING', 'REVIEWER')).toThrow();
    expect(() => assertWithdrawalTransition('PAID', 'PAYING', 'PAYOUT_WORKER')).toThrow();
    expect(() => assertWithdrawalTransition('APPROVED', 'CANCELLED', 'MEMBER')).toThrow();
  });

  it('is the table docs/data-model.md shows', () => {
    const doc = readFileSync(path.join(__dirname, '../../docs/data-model.md'), 'utf8');
    expect(doc).toContain(withdrawalLifeCycleMarkdown());
  });
});
