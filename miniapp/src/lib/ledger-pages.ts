import type { LedgerEntryView, LedgerPage } from '@hpf/shared';

export const LEDGER_PAGE_SIZE = 20;

/** Adds the next page below the current rows; an entry seen twice (a retried page) shows once. */
export function appendPage(current: readonly LedgerEntryView[], page: LedgerPage): LedgerEntryView[] {
  const seen = new Set(current.map((entry) => entry.entryId));
  return [...current, ...page.entries.filter((entry) => !seen.has(entry.entryId))];
}
