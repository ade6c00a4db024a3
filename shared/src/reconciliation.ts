/**
 * 日清: one bank account's day, the bank's statement against what the books say moved, as a pure
 * rule. Every statement line is matched to a book movement by the reference both carry (the
 * deposit batch, the payout's reference, the reversal's); what does not match either way is an
 * unmatched item (未达账项) named with its likely cause, and the day balances when nothing is left
 * and the statement's own opening + lines = closing. Amounts are integer fen.
 *
 * Money sent and not yet on the statement is in transit, not missing, for as many days as the
 * policy allows a bank to show it (`inTransitDays`); after that it is named as never made.
 */

import * as z from 'zod/mini';

export type Direction = 'CREDIT' | 'DEBIT';

/** What the books expect the bank to show: a deposit batch credited, a payout paid, a reversal's return. */
export interface BookMovement {
  reference: string;
  kind: 'DEPOSIT_BATCH' | 'PAYOUT' | 'REVERSAL' | 'INTEREST';
  direction: Direction;
  amountFen: number;
  /** The day the books moved it (YYYY-MM-DD). */
  bookedOn: string;
}

export interface StatementLine {
  /** The bank's own line id (a duplicate line repeats the reference, not this). */
  lineId: string;
  reference: string;
  direction: Direction;
  amountFen: number;
  valueDate: string;
}

export interface Statement {
  accountNo: string;
  date: string;
  openingFen: number;
  closingFen: number;
  lines: readonly StatementLine[];
}

export type UnmatchedCause =
  | 'AMOUNT_DIFFERS' // both sides have the reference; the amounts differ
  | 'DIRECTION_DIFFERS' // money went the other way
  | 'DUPLICATE_LINE' // the bank shows the same reference again
  | 'NOT_IN_BOOKS' // a credit or debit the ledger never saw
  | 'NOT_ON_STATEMENT' // the books moved it, the bank did not show it past the in-transit days
  | 'STATEMENT_DOES_NOT_ADD_UP'; // the statement's opening + lines ≠ its closing

export const UNMATCHED_CAUSE_LABELS: Record<UnmatchedCause, string> = {
  AMOUNT_DIFFERS: '金额不一致',
  DIRECTION_DIFFERS: '收付方向不一致',
  DUPLICATE_LINE: '银行流水重复',
  NOT_IN_BOOKS: '银行有、账上没有（可能漏记或银行错账）',
  NOT_ON_STATEMENT: '账上有、银行没有（银行未入账或未付款）',
  STATEMENT_DOES_NOT_ADD_UP: '对账单期初加发生额不等于期末',
};

export interface UnmatchedItem {
  cause: UnmatchedCause;
  reference?: string;
  lineId?: string;
  bookFen?: number;
  statementFen?: number;
  /** Days since the books moved it (for items from the books). */
  ageDays?: number;
}

export interface DayReconciliation {
  matched: { reference: string; amountFen: number }[];
  inTransit: BookMovement[];
  unmatched: UnmatchedItem[];
  balances: boolean;
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

function signed(direction: Direction, amountFen: number): number {
  return direction === 'CREDIT' ? amountFen : -amountFen;
}

/**
 * `open`: the book movements not yet matched by an earlier day's statement (in transit or new),
 * each reference once. The statement is the bank's for `statement.date`.
 */
export function reconcileDay(open: readonly BookMovement[], statement: Statement, policy: { inTransitDays: number }): DayReconciliation {
  for (const amount of [statement.openingFen, statement.closingFen, ...statement.lines.map((line) => line.amountFen), ...open.map((m) => m.amountFen)]) {
    if (!Number.isSafeInteger(amount)) throw new RangeError(`not a whole number of fen: ${amount}`);
  }
  const books = new Map<string, BookMovement>();
  for (const movement of open) {
    if (books.has(movement.reference)) throw new RangeError(`the books list reference ${movement.reference} twice`);
    books.set(movement.reference, movement);
  }
  const matched: DayReconciliation['matched'] = [];
  const unmatched: UnmatchedItem[] = [];
  const seen = new Set<string>();
  for (const line of statement.lines) {
    if (seen.has(line.reference)) {
      unmatched.push({ cause: 'DUPLICATE_LINE', reference: line.reference, lineId: line.lineId, statementFen: line.amountFen });
      continue;
    }
    seen.add(line.reference);
    const book = books.get(line.reference);
    if (!book) {
      unmatched.push({ cause: 'NOT_IN_BOOKS', reference: line.reference, lineId: line.lineId, statementFen: line.amountFen });
      continue;
    }
    books.delete(line.reference);
    if (book.direction !== line.direction) {
      unmatched.push({ cause: 'DIRECTION_DIFFERS', reference: line.reference, lineId: line.lineId, bookFen: book.amountFen, statementFen: line.amountFen });
    } else if (book.amountFen !== line.amountFen) {
      unmatched.push({ cause: 'AMOUNT_DIFFERS', reference: line.reference, lineId: line.lineId, bookFen: book.amountFen, statementFen: line.amountFen });
    } else {
      matched.push({ reference: line.reference, amountFen: line.amountFen });
    }
  }
  const inTransit: BookMovement[] = [];
  for (const movement of books.values()) {
    const ageDays = daysBetween(movement.bookedOn, statement.date);
    if (ageDays <= policy.inTransitDays) inTransit.push(movement);
    else unmatched.push({ cause: 'NOT_ON_STATEMENT', reference: movement.reference, bookFen: movement.amountFen, ageDays });
  }
  const moved = statement.lines.reduce((sum, line) => sum + signed(line.direction, line.amountFen), 0);
  if (statement.openingFen + moved !== statement.closingFen) {
    unmatched.push({ cause: 'STATEMENT_DOES_NOT_ADD_UP', statementFen: statement.closingFen - statement.openingFen - moved });
  }
  return { matched, inTransit, unmatched, balances: unmatched.length === 0 };
}

// ---------------------------------------------------------------------------------------------
// The centre's bank accounts, the day's book movements derived from ledger entries (stage 1 of
// docs/data-model.md's 日清月结 note), and the rules of the day's close (日结).

export const BankAccountRole = z.enum(['COLLECTION', 'PAYOUT']);
export type BankAccountRole = z.infer<typeof BankAccountRole>;

export const ReconciliationPolicy = z.object({
  /** Days a bank may take to show money the books moved before it is named as never made. */
  inTransitDays: z.int().check(z.minimum(0), z.maximum(10)),
  /**
   * The centre's accounts at its entrusted banks. Stage 1 routes every deposit batch to the first
   * `COLLECTION` account and every payout to the first `PAYOUT` one (one bank pays today).
   */
  bankAccounts: z.array(z.object({ accountNo: z.string().check(z.minLength(4)), bank: z.string(), role: BankAccountRole })).check(z.minLength(1)),
});
export type ReconciliationPolicy = z.infer<typeof ReconciliationPolicy>;

export const DEFAULT_RECONCILIATION_POLICY: ReconciliationPolicy = {
  inTransitDays: 1,
  bankAccounts: [
    { accountNo: '31001500000050010001', bank: '建设银行', role: 'COLLECTION' },
    { accountNo: '31001500000050020002', bank: '建设银行', role: 'PAYOUT' },
  ],
};

/** What of a ledger entry the derivation reads: its kind, amount, accounting time and references. */
export interface BookedEntry {
  accountNo: string;
  entryId: string;
  kind: string;
  amountFen: number;
  postedAt: string;
  batchId?: string;
  applicationId?: string;
  interestYear?: number;
}

/** The reference the bank shows for a reversal: the payout's own is taken by the payout's line. */
export function reversalReference(applicationId: string): string {
  return `REV-${applicationId}`;
}

export function interestReference(year: number): string {
  return `INTEREST-${year}`;
}

/** The China date (UTC+8) of an instant: the accounting day (记账日期) of a posting. */
export function accountingDay(iso: string): string {
  return new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 10);
}

/**
 * The movements the books expect on each bank account, from the entries posted in a window:
 * a deposit batch's lines summed under the batch (dated by its first posting), each payout's
 * debit (the last WITHDRAWAL of its transaction: a closing's loan repayment before it goes to the
 * loan fund, its 销户结息 to the interest account), each reversal, and a year's interest as one
 * credit (the centre funds it into the collection account). A payout refused and reversed before
 * any statement showed it nets to nothing: the money never left the bank. Entries without a bank
 * reference (opening balances, the demo seed's history) have no bank counterpart.
 */
export function bookMovementsOf(entries: readonly BookedEntry[]): Map<BankAccountRole, BookMovement[]> {
  const byReference = new Map<string, BookMovement & { role: BankAccountRole }>();
  const add = (role: BankAccountRole, reference: string, kind: BookMovement['kind'], signedFen: number, bookedOn: string) => {
    const known = byReference.get(reference);
    const total = (known ? signedOf(known) : 0) + signedFen;
    byReference.set(reference, {
      role,
      reference,
      kind,
      direction: total >= 0 ? 'CREDIT' : 'DEBIT',
      amountFen: Math.abs(total),
      bookedOn: known && known.bookedOn < bookedOn ? known.bookedOn : bookedOn,
    });
  };
  // the payout of a transaction is its last WITHDRAWAL entry
  const lastWithdrawal = new Map<string, BookedEntry>();
  for (const entry of entries) {
    if (entry.kind !== 'WITHDRAWAL' || !entry.applicationId) continue;
    const key = `${entry.accountNo}#${entry.applicationId}#${entry.postedAt}`;
    const known = lastWithdrawal.get(key);
    if (!known || known.entryId < entry.entryId) lastWithdrawal.set(key, entry);
  }
  for (const entry of entries) {
    const day = accountingDay(entry.postedAt);
    if (entry.kind === 'DEPOSIT' && entry.batchId && entry.batchId !== 'DEMO-SEED') add('COLLECTION', entry.batchId, 'DEPOSIT_BATCH', entry.amountFen, day);
    else if (entry.kind === 'INTEREST' && typeof entry.interestYear === 'number') add('COLLECTION', interestReference(entry.interestYear), 'INTEREST', entry.amountFen, day);
    else if (entry.kind === 'REVERSAL' && entry.applicationId) add('PAYOUT', reversalReference(entry.applicationId), 'REVERSAL', entry.amountFen, day);
    else if (entry.kind === 'WITHDRAWAL' && entry.applicationId && lastWithdrawal.get(`${entry.accountNo}#${entry.applicationId}#${entry.postedAt}`) === entry) {
      add('PAYOUT', entry.applicationId, 'PAYOUT', entry.amountFen, day);
    }
  }
  // a payout and its reversal both still open: refused before the bank moved anything
  for (const movement of [...byReference.values()]) {
    if (movement.kind !== 'PAYOUT') continue;
    const reversal = byReference.get(reversalReference(movement.reference));
    if (reversal && reversal.amountFen === movement.amountFen) {
      byReference.delete(movement.reference);
      byReference.delete(reversal.reference);
    }
  }
  const result = new Map<BankAccountRole, BookMovement[]>([
    ['COLLECTION', []],
    ['PAYOUT', []],
  ]);
  for (const { role, ...movement } of byReference.values()) if (movement.amountFen !== 0) result.get(role)!.push(movement);
  return result;
}

function signedOf(movement: Pick<BookMovement, 'direction' | 'amountFen'>): number {
  return signed(movement.direction, movement.amountFen);
}

/** An unmatched item as kept on the day's result: the staff note that explains it, once written. */
export interface KeptUnmatchedItem extends UnmatchedItem {
  note?: { text: string; by: string; byLabel?: string; at: string };
}

export type DayResultStatus = 'BALANCED' | 'UNMATCHED';

/** One bank account's reconciled day, as stored. */
export interface DayResult {
  bankAccountNo: string;
  date: string;
  status: DayResultStatus;
  openingFen: number;
  closingFen: number;
  matched: string[];
  /** Every reference the statement showed (matched or not): later days do not expect them again. */
  statementReferences: string[];
  inTransit: BookMovement[];
  unmatched: KeptUnmatchedItem[];
  importedAt: string;
}

/** The same unmatched item on a re-import keeps the note written on it. */
export function unmatchedKey(item: UnmatchedItem): string {
  return [item.cause, item.reference ?? '', item.lineId ?? ''].join('|');
}

/** Why a day cannot be proposed for close yet, or nothing when it can: every bank's day imported, and each balances or every item has its note. */
export function closeBlocker(date: string, accounts: readonly { accountNo: string }[], results: readonly (DayResult | undefined)[]): { code: 'DAY_NOT_IMPORTED' | 'DAY_NOT_EXPLAINED'; bankAccountNo: string } | undefined {
  for (const [index, account] of accounts.entries()) {
    const result = results[index];
    if (!result || result.date !== date) return { code: 'DAY_NOT_IMPORTED', bankAccountNo: account.accountNo };
    if (result.unmatched.some((item) => !item.note?.text.trim())) return { code: 'DAY_NOT_EXPLAINED', bankAccountNo: account.accountNo };
  }
  return undefined;
}
