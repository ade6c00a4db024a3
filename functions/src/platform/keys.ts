/**
 * The single-table key design, declared once. Nothing else in the code base concatenates key
 * strings. See docs/data-model.md.
 */
export interface ItemKey {
  pk: string;
  sk: string;
}

const LEDGER_PREFIX = 'LEDGER#';

export const keys = {
  account: (accountNo: string): ItemKey => ({ pk: `ACCT#${accountNo}`, sk: 'PROFILE' }),
  accountPartition: (accountNo: string): string => `ACCT#${accountNo}`,
  ledgerEntry: (accountNo: string, entryId: string): ItemKey => ({
    pk: `ACCT#${accountNo}`,
    sk: `${LEDGER_PREFIX}${entryId}`,
  }),
  ledgerPrefix: LEDGER_PREFIX,
  binding: (openid: string): ItemKey => ({ pk: `OPENID#${openid}`, sk: 'BINDING' }),
  /** The ID number only ever appears in a key as a keyed hash. */
  memberByIdHash: (idHash: string): ItemKey => ({ pk: `IDNO#${idHash}`, sk: 'MEMBER' }),
  throttle: (scope: string, subject: string, windowStart: number): ItemKey => ({
    pk: `THROTTLE#${scope}#${subject}`,
    sk: `W#${windowStart}`,
  }),
};

export function entryIdFromLedgerSortKey(sk: string): string | undefined {
  return sk.startsWith(LEDGER_PREFIX) ? sk.slice(LEDGER_PREFIX.length) : undefined;
}
