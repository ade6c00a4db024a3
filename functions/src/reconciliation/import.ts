/**
 * 日清, the daily import: for each of the centre's bank accounts, the bank's statement of the
 * day against the movements the books expect there, matched by reconciliation.ts, stored as the
 * day's result. A job, not a member request: the bank is called here and nowhere else. Days are
 * imported in order: what an earlier day's statement already showed is not expected again.
 */
import {
  bookMovementsOf,
  reconcileDay,
  unmatchedKey,
  type DayResult,
  type Policy,
  type ReconciliationPolicy,
} from '@hpf/shared';
import { httpStatements, type StatementSource } from '../adapters/bank-statements';
import { chinaDayStart, getDayResults, ledgerEntriesPostedBetween, saveDayResult } from '../adapters/reconciliation-repository';
import { config } from '../platform/config';
import { invocationHandler, log } from '../platform/log';

export interface ImportDeps {
  tableName: string;
  statements: StatementSource;
  policy: Pick<Policy, 'reconciliation'>;
}

export type ImportOutcome = { bankAccountNo: string; status: DayResult['status'] | 'NOT_READY' | 'UNAVAILABLE'; unmatched?: number };

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * The accounting days whose movements may still show on `date`'s statement: those within the
 * in-transit days, and the one just before, whose unshown movements are named on this day as
 * never made (once: the next day no longer reads them).
 */
function window(date: string, policy: ReconciliationPolicy): string[] {
  return Array.from({ length: policy.inTransitDays + 2 }, (_, i) => addDays(date, -(policy.inTransitDays + 1) + i));
}

export async function importDay(deps: ImportDeps, date: string, now: Date): Promise<ImportOutcome[]> {
  const policy = deps.policy.reconciliation;
  const days = window(date, policy);
  const entries = await ledgerEntriesPostedBetween(deps.tableName, chinaDayStart(days[0]), chinaDayStart(addDays(date, 1)));
  const movements = bookMovementsOf(entries);
  const earlierDays = days.slice(0, -1);
  const outcomes: ImportOutcome[] = [];
  for (const account of policy.bankAccounts) {
    const answer = await deps.statements.fetch(account.accountNo, date);
    if (answer.status !== 'OK') {
      log('warn', 'bank statement not imported', { bankAccountNo: account.accountNo, date, status: answer.status, ...(answer.status === 'UNAVAILABLE' ? { why: answer.why } : {}) });
      outcomes.push({ bankAccountNo: account.accountNo, status: answer.status });
      continue;
    }
    const [previous, ...earlier] = await getDayResults(deps.tableName, [{ bankAccountNo: account.accountNo, date }, ...earlierDays.map((day) => ({ bankAccountNo: account.accountNo, date: day }))]);
    const shown = new Set(earlier.flatMap((result) => result?.statementReferences ?? []));
    // stage 1 routes each role to its first account (docs/data-model.md)
    const first = policy.bankAccounts.find((candidate) => candidate.role === account.role)!;
    const open = first === account ? (movements.get(account.role) ?? []).filter((movement) => !shown.has(movement.reference)) : [];
    const day = reconcileDay(open, answer.statement, policy);
    // a re-import keeps the notes already written on the same items
    const notes = new Map((previous?.unmatched ?? []).filter((item) => item.note).map((item) => [unmatchedKey(item), item.note!]));
    const result: DayResult = {
      bankAccountNo: account.accountNo,
      date,
      status: day.balances ? 'BALANCED' : 'UNMATCHED',
      openingFen: answer.statement.openingFen,
      closingFen: answer.statement.closingFen,
      matched: day.matched.map((match) => match.reference),
      statementReferences: [...new Set(answer.statement.lines.map((line) => line.reference))],
      inTransit: day.inTransit,
      unmatched: day.unmatched.map((item) => {
        const note = notes.get(unmatchedKey(item));
        return note ? { ...item, note } : item;
      }),
      importedAt: now.toISOString(),
    };
    await saveDayResult(deps.tableName, result);
    outcomes.push({ bankAccountNo: account.accountNo, status: result.status, unmatched: result.unmatched.length });
  }
  return outcomes;
}

/** Every morning: yesterday (China date), when the banks have delivered it. */
export const handler = invocationHandler(async (): Promise<ImportOutcome[]> => {
  const { tableName, policy, bank } = config();
  const now = new Date();
  const yesterday = addDays(new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10), -1);
  const outcomes = await importDay({ tableName, policy, statements: httpStatements(bank()) }, yesterday, now);
  log('info', 'bank statements imported', { date: yesterday, outcomes });
  return outcomes;
});
