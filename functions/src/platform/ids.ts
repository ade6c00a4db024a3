/**
 * A ledger entry's id is its sequence number within the account, zero-padded so keys sort:
 * the account's version after the posting. The version condition that guards every balance change
 * makes the sequence gapless, so a missing entry shows, and a reverse Query is newest first.
 */
export function ledgerEntryId(sequence: number): string {
  if (!Number.isSafeInteger(sequence) || sequence < 1) throw new RangeError(`bad ledger sequence ${sequence}`);
  return String(sequence).padStart(10, '0');
}

export const ENTRY_ID_PATTERN = /^\d{10}$/;
