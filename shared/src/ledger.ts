import type { Fen } from './money';
import { LEDGER_KIND_LABELS, type LedgerEntryKind, type LedgerEntryView } from './schemas/ledger';

/** One append-only ledger entry. `amountFen` is signed: credits positive, debits negative. */
export interface LedgerEntry {
  entryId: string;
  accountNo: string;
  kind: LedgerEntryKind;
  amountFen: Fen;
  balanceAfterFen: Fen;
  valueDate: string;
  postedAt: string;
  description: string;
  depositMonth?: string;
  unitShareFen?: Fen;
  personalShareFen?: Fen;
  /** This entry's link in the account's hash chain. */
  chainHash?: string;
}

export function toLedgerEntryView(entry: LedgerEntry): LedgerEntryView {
  return {
    entryId: entry.entryId,
    kind: entry.kind,
    kindLabel: LEDGER_KIND_LABELS[entry.kind],
    amountFen: entry.amountFen,
    balanceAfterFen: entry.balanceAfterFen,
    valueDate: entry.valueDate,
    postedAt: entry.postedAt,
    description: entry.description,
    ...(entry.depositMonth ? { depositMonth: entry.depositMonth } : {}),
    ...(entry.unitShareFen !== undefined ? { unitShareFen: entry.unitShareFen } : {}),
    ...(entry.personalShareFen !== undefined ? { personalShareFen: entry.personalShareFen } : {}),
  };
}
