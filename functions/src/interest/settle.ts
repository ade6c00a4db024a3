/**
 * 年度结息: for every account, the year's interest on its balance integral (积数), posted as one
 * ledger entry dated 30 June. The year's marker item makes a second run (or a retried one) a
 * no-op for accounts already settled, so a run cut short by its time budget is simply run again.
 */
import {
  chinaDate,
  computeAnnualInterest,
  DomainError,
  interestPeriod,
  routes,
  type AccountRecord,
  type PlanResult,
} from '@hpf/shared';
import { allLedgerEntries, listAccountNumbers } from '../adapters/accounts-repository';
import { post } from '../adapters/ledger-repository';
import { recordAudit, type Attribution } from '../adapters/staff-repository';
import { config } from '../platform/config';
import { httpRoute } from '../platform/http';
import { keys } from '../platform/keys';

const RESERVE_MS = 5_000;

type Outcome = 'posted' | 'duplicate' | 'skipped' | 'pending';

export async function settleAccount(
  tableName: string,
  accountNo: string,
  year: number,
  rateBasisPoints: number,
  now: Date,
  attribution: Attribution,
) {
  const entries = await allLedgerEntries(tableName, accountNo);
  const { interestFen } = computeAnnualInterest(entries, year, rateBasisPoints);
  if (interestFen === 0) return { outcome: 'skipped' as const, interestFen: 0 };
  const { end } = interestPeriod(year);
  const plan = (account: AccountRecord): PlanResult => {
    if (account.status === 'CLOSED') return { ok: false, code: 'ACCOUNT_CLOSED' };
    return {
      ok: true,
      plan: {
        entry: { kind: 'INTEREST', amountFen: interestFen, valueDate: end, description: `${year}年度结息` },
        account: { balanceFen: account.balanceFen + interestFen, version: account.version + 1 },
      },
    };
  };
  const result = await post({
    tableName,
    accountNo,
    postedAt: now,
    plan,
    entryAttributes: { interestYear: year, ...attribution },
    guards: [{ name: 'year', key: keys.interestYear(accountNo, year), attributes: () => ({ year, interestFen }) }],
  });
  if (result.outcome === 'posted') return { outcome: 'posted' as const, interestFen };
  if (result.outcome === 'guarded') return { outcome: 'duplicate' as const, interestFen: 0 };
  return { outcome: 'skipped' as const, interestFen: 0 };
}

/** Audited before the first account is settled (as a deposit batch is); the outcome after. */
export const handler = httpRoute(routes.settleInterest, async ({ body, session, remainingMs, requestId, now }) => {
  const { tableName, policy, postingConcurrency } = config();
  // The period ends on 30 June (China time); settle once that day is over.
  if (chinaDate(now) <= interestPeriod(body.year).end) throw new DomainError('INTEREST_NOT_DUE');
  const audit = { actor: session.subject, target: String(body.year), requestId };
  const attribution = { postedBy: session.subject, requestId };
  await recordAudit(tableName, { ...audit, action: 'interest.settle', details: { rateBasisPoints: policy.interest.annualRateBasisPoints } }, now);
  const counts: Record<Outcome, number> = { posted: 0, duplicate: 0, skipped: 0, pending: 0 };
  let totalInterestFen = 0;
  const accounts = listAccountNumbers(tableName);
  const worker = async () => {
    for (;;) {
      const next = await accounts.next();
      if (next.done) return;
      if (remainingMs() < RESERVE_MS) {
        counts.pending += 1;
        continue;
      }
      const result = await settleAccount(tableName, next.value, body.year, policy.interest.annualRateBasisPoints, now, attribution);
      counts[result.outcome] += 1;
      totalInterestFen += result.interestFen;
    }
  };
  await Promise.all(Array.from({ length: postingConcurrency }, worker));
  await recordAudit(tableName, { ...audit, action: 'interest.outcome', details: { ...counts, totalInterestFen } }, now, 1);
  return { year: body.year, complete: counts.pending === 0, counts, totalInterestFen };
});
