/**
 * The ledger's hash chain: every entry carries sha256(previous hash ‖ its own canonical fields),
 * and the account profile carries the newest hash. Changing or deleting any entry after the fact
 * breaks the chain, so the consistency check proves the ledger was only ever appended to.
 */
import { createHash } from 'node:crypto';
import type { LedgerEntry } from '@hpf/shared';

export const CHAIN_GENESIS = 'GENESIS';

const FIELDS = [
  'entryId',
  'accountNo',
  'kind',
  'amountFen',
  'balanceAfterFen',
  'valueDate',
  'postedAt',
  'description',
  'depositMonth',
  'unitShareFen',
  'personalShareFen',
] as const satisfies readonly (keyof LedgerEntry)[];

export function chainHash(previous: string, entry: LedgerEntry): string {
  const canonical = JSON.stringify(FIELDS.map((field) => entry[field] ?? null));
  return createHash('sha256').update(previous).update('\n').update(canonical).digest('base64url');
}
