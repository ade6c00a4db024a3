/**
 * 日结 and the notes that explain a difference: staff acts, each one transaction with its audit
 * record. A day is proposed for close by one person when every bank's day is imported and
 * balances or has a note on every unmatched item, and closed by another (maker-checker).
 */
import { closeBlocker, DomainError, unmatchedKey, type Policy } from '@hpf/shared';
import { approveDayClose, getDayClose, getDayResults, noteUnmatchedItem, proposeDayClose } from '../adapters/reconciliation-repository';

export interface StaffAct {
  tableName: string;
  actor: string;
  /** The actor as colleagues know them (科室 and name), shown beside notes and the close. */
  actorLabel?: string;
  requestId: string;
  now: Date;
}

export async function noteItem(act: StaffAct, bankAccountNo: string, date: string, itemKey: string, text: string): Promise<void> {
  const [result] = await getDayResults(act.tableName, [{ bankAccountNo, date }]);
  const index = result ? result.unmatched.findIndex((item) => unmatchedKey(item) === itemKey) : -1;
  if (!result || index < 0) throw new DomainError('UNMATCHED_ITEM_NOT_FOUND');
  await noteUnmatchedItem(
    act.tableName,
    result,
    index,
    { text, by: act.actor, ...(act.actorLabel ? { byLabel: act.actorLabel } : {}), at: act.now.toISOString() },
    { actor: act.actor, action: 'reconciliation.note', target: `${bankAccountNo}#${date}`, requestId: act.requestId, details: { item: itemKey } },
    act.now,
  );
}

export async function proposeClose(act: StaffAct, policy: Pick<Policy, 'reconciliation'>, date: string): Promise<void> {
  const accounts = policy.reconciliation.bankAccounts;
  const results = await getDayResults(act.tableName, accounts.map((account) => ({ bankAccountNo: account.accountNo, date })));
  const blocker = closeBlocker(date, accounts, results);
  if (blocker) throw new DomainError(blocker.code, undefined, { bankAccountNo: blocker.bankAccountNo });
  const seen = Object.fromEntries(results.map((result) => [result!.bankAccountNo, result!.importedAt]));
  await proposeDayClose(
    act.tableName,
    { date, status: 'PROPOSED', proposedBy: act.actor, ...(act.actorLabel ? { proposedByLabel: act.actorLabel } : {}), proposedAt: act.now.toISOString(), seen },
    { actor: act.actor, action: 'reconciliation.close.propose', target: date, requestId: act.requestId, details: { banks: accounts.length } },
    act.now,
  );
}

export async function approveClose(act: StaffAct, date: string): Promise<void> {
  const close = await getDayClose(act.tableName, date);
  if (!close || close.status !== 'PROPOSED') throw new DomainError('DAY_CLOSE_NOT_PROPOSED');
  if (close.proposedBy === act.actor) throw new DomainError('DAY_CLOSE_SAME_PERSON');
  await approveDayClose(act.tableName, date, act.actor, act.actorLabel ?? act.actor, { actor: act.actor, action: 'reconciliation.close.approve', target: date, requestId: act.requestId }, act.now);
}
