import { randomBytes } from 'node:crypto';

/**
 * Ledger entry ids sort by posting time: 13-digit epoch milliseconds, then random hex so that
 * two postings in the same millisecond never collide. A Query in reverse key order is newest first.
 */
export function newEntryId(postedAtMs: number): string {
  return `${String(postedAtMs).padStart(13, '0')}-${randomBytes(4).toString('hex')}`;
}

export const ENTRY_ID_PATTERN = /^\d{13}-[0-9a-f]{8}$/;
