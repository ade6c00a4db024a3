/**
 * 年度结息: for every account, the year's interest on its balance integral (积数), posted as one
 * ledger entry dated 30 June. The year's marker item makes a second run (or a retried one) a
 * no-op for accounts already settled, so a run cut short by its time budget is simply run again.
 * The preview reads the same accounts and decides each with the same rule (decideAnnualInterest),
 * posting nothing.
 */
import {
  ACCOUNT_LIST_PARTS,
  chinaDate,
  decideAnnualInterest,
  DomainError,
  interestPeriod,
  routes,
  type AccountRecord,
  type InterestPreviewResponse,
  type PlanResult,
} from '@hpf/shared';
import { accountLedger, listAccountNumbers } from '../adapters/accounts-repository';
import { post } from '../adapters/ledger-repository';
import { recordAudit, type Attribution } from '../adapters/staff-repository';
import { config } from '../platform/config';
import { httpRoute } from '../platform/http';
import { keys } from '../platform/keys';

const RESERVE_MS = 5_000;
/** Rows a preview answers with (its counts and sums cover every account it read). */
export const PREVIEW_ROWS = 500;

type Outcome = 'posted' | 'duplicate' | 'skipped' | 'pending';

export async function settleAccount(
  tableName: string,
  accountNo: string,
  year: number,
  rateBasisPoints: number,
  now: Date,
  attribution: Attribution,
) {
  const ledger = await accountLedger(tableName, accountNo);
  if (!ledger) return { outcome: 'skipped' as const, interestFen: 0 };
  const decision = decideAnnualInterest(ledger.account, ledger.entries, year, rateBasisPoints);
  if (decision.outcome === 'settled') return { outcome: 'duplicate' as const, interestFen: 0 };
  if (decision.outcome !== 'due') return { outcome: 'skipped' as const, interestFen: 0 };
  const { interestFen } = decision;
  const { end } = interestPeriod(year);
  // decided on the profile read above; the posting re-reads it, and a close landing meanwhile wins
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

/** The period ends on 30 June (China time); a year is settled, or previewed, once that day is over. */
function assertDue(year: number, now: Date): void {
  if (chinaDate(now) <= interestPeriod(year).end) throw new DomainError('INTEREST_NOT_DUE');
}

/**
 * Visits every account of the part asked for (all parts without one), `concurrency` at a time;
 * accounts not reached before the time budget's reserve are counted, not visited.
 */
async function eachAccount(part: number | undefined, remainingMs: () => number, visit: (accountNo: string) => Promise<void>): Promise<number> {
  const { tableName, postingConcurrency } = config();
  let pending = 0;
  const accounts = listAccountNumbers(tableName, part === undefined ? undefined : [part]);
  const worker = async () => {
    for (;;) {
      const next = await accounts.next();
      if (next.done) return;
      if (remainingMs() < RESERVE_MS) {
        pending += 1;
        continue;
      }
      await visit(next.value);
    }
  };
  await Promise.all(Array.from({ length: postingConcurrency }, worker));
  return pending;
}

/** Audited before the first account is settled (as a deposit batch is); the outcome after. */
export const handler = httpRoute(routes.settleInterest, async ({ body, session, remainingMs, requestId, now }) => {
  const { tableName, policy } = config();
  assertDue(body.year, now);
  const audit = { actor: session.subject, target: String(body.year), requestId };
  const attribution = { postedBy: session.subject, requestId };
  const part = body.part === undefined ? {} : { part: body.part };
  await recordAudit(tableName, { ...audit, action: 'interest.settle', details: { rateBasisPoints: policy.interest.annualRateBasisPoints, ...part } }, now);
  const counts: Record<Outcome, number> = { posted: 0, duplicate: 0, skipped: 0, pending: 0 };
  let totalInterestFen = 0;
  counts.pending = await eachAccount(body.part, remainingMs, async (accountNo) => {
    const result = await settleAccount(tableName, accountNo, body.year, policy.interest.annualRateBasisPoints, now, attribution);
    counts[result.outcome] += 1;
    totalInterestFen += result.interestFen;
  });
  await recordAudit(tableName, { ...audit, action: 'interest.outcome', details: { ...counts, totalInterestFen, ...part } }, now, 1);
  return { year: body.year, ...part, parts: ACCOUNT_LIST_PARTS, complete: counts.pending === 0, counts, totalInterestFen };
});

/** What the run would do, account by account; reads only. */
export const preview = httpRoute(routes.previewInterest, async ({ body, remainingMs, now }) => {
  const { tableName, policy } = config();
  assertDue(body.year, now);
  const rate = policy.interest.annualRateBasisPoints;
  const rows: InterestPreviewResponse['rows'] = [];
  const counts = { due: 0, settled: 0, closed: 0, zero: 0, pending: 0 };
  let dueIntegral = 0n;
  let dueInterestFen = 0;
  counts.pending = await eachAccount(body.part, remainingMs, async (accountNo) => {
    const ledger = await accountLedger(tableName, accountNo);
    if (!ledger) return;
    const decision = decideAnnualInterest(ledger.account, ledger.entries, body.year, rate);
    counts[decision.outcome] += 1;
    if (decision.outcome === 'due') {
      dueIntegral += decision.balanceIntegralFenDays;
      dueInterestFen += decision.interestFen;
    }
    rows.push({
      accountNo,
      name: ledger.account.name,
      outcome: decision.outcome,
      ...('balanceIntegralFenDays' in decision ? { balanceIntegralFenDays: String(decision.balanceIntegralFenDays) } : {}),
      ...('interestFen' in decision ? { interestFen: decision.interestFen } : {}),
    });
  });
  rows.sort((a, b) => a.accountNo.localeCompare(b.accountNo));
  const { start, end } = interestPeriod(body.year);
  return {
    year: body.year,
    ...(body.part === undefined ? {} : { part: body.part }),
    parts: ACCOUNT_LIST_PARTS,
    periodStart: start,
    periodEnd: end,
    rateBasisPoints: rate,
    complete: counts.pending === 0,
    counts,
    dueIntegralFenDays: String(dueIntegral),
    dueInterestFen,
    rows: rows.slice(0, PREVIEW_ROWS),
    rowsTruncated: rows.length > PREVIEW_ROWS,
  };
});
