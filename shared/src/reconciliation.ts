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
