import { bookMovementsOf, closeBlocker, interestReference, reconcileDay, reversalReference, UNMATCHED_CAUSE_LABELS, type BookedEntry, type BookMovement, type DayResult, type Statement, type StatementLine } from '../src/reconciliation';

const day = '2026-11-30';
// the books' movements on the payout/collection account for the day
const books: BookMovement[] = [
  { reference: 'BATCH-2026-11-A', kind: 'DEPOSIT_BATCH', direction: 'CREDIT', amountFen: 50_000_000, bookedOn: day },
  { reference: 'PAY-R1', kind: 'PAYOUT', direction: 'DEBIT', amountFen: 150_000, bookedOn: day },
  { reference: 'PAY-R2', kind: 'PAYOUT', direction: 'DEBIT', amountFen: 120_000, bookedOn: day },
  // a payout the receiving bank returned (退票): paid out, and back the same day
  { reference: 'PAY-R3', kind: 'PAYOUT', direction: 'DEBIT', amountFen: 100_000, bookedOn: day },
  { reference: 'REV-R3', kind: 'REVERSAL', direction: 'CREDIT', amountFen: 100_000, bookedOn: day },
];
const line = (reference: string, direction: 'CREDIT' | 'DEBIT', amountFen: number, lineId = reference): StatementLine => ({ lineId, reference, direction, amountFen, valueDate: day });
const fullLines = [
  line('BATCH-2026-11-A', 'CREDIT', 50_000_000),
  line('PAY-R1', 'DEBIT', 150_000),
  line('PAY-R2', 'DEBIT', 120_000),
  line('PAY-R3', 'DEBIT', 100_000),
  line('REV-R3', 'CREDIT', 100_000),
];
function statementOf(lines: StatementLine[], opening = 100_000_000): Statement {
  const moved = lines.reduce((sum, l) => sum + (l.direction === 'CREDIT' ? l.amountFen : -l.amountFen), 0);
  return { accountNo: '31001500000050012345', date: day, openingFen: opening, closingFen: opening + moved, lines };
}
const policy = { inTransitDays: 1 };

describe('日清: a day against the bank statement', () => {
  it('deposits, payouts, a returned payout and its reversal: every line matched, the day balances', () => {
    const result = reconcileDay(books, statementOf(fullLines), policy);
    expect(result.balances).toBe(true);
    expect(result.matched).toHaveLength(5);
    expect(result.unmatched).toEqual([]);
    expect(result.inTransit).toEqual([]);
  });

  it('a payout sent today and not on the statement yet is in transit, not missing', () => {
    const result = reconcileDay(books, statementOf(fullLines.filter((l) => l.reference !== 'PAY-R2')), policy);
    expect(result.inTransit.map((m) => m.reference)).toEqual(['PAY-R2']);
    expect(result.unmatched).toEqual([]);
  });

  it('a payout the bank never made: past the in-transit days it is named, with its age', () => {
    const old = books.map((m) => (m.reference === 'PAY-R2' ? { ...m, bookedOn: '2026-11-27' } : m));
    const result = reconcileDay(old, statementOf(fullLines.filter((l) => l.reference !== 'PAY-R2')), policy);
    expect(result.unmatched).toEqual([{ cause: 'NOT_ON_STATEMENT', reference: 'PAY-R2', bookFen: 120_000, ageDays: 3 }]);
    expect(result.balances).toBe(false);
  });

  it('an amount off by 1 fen', () => {
    const lines = fullLines.map((l) => (l.reference === 'BATCH-2026-11-A' ? { ...l, amountFen: 50_000_001 } : l));
    expect(reconcileDay(books, statementOf(lines), policy).unmatched).toEqual([
      { cause: 'AMOUNT_DIFFERS', reference: 'BATCH-2026-11-A', lineId: 'BATCH-2026-11-A', bookFen: 50_000_000, statementFen: 50_000_001 },
    ]);
  });

  it('a duplicate line, and a credit the ledger never saw', () => {
    const lines = [...fullLines, line('PAY-R1', 'DEBIT', 150_000, 'L-dup'), line('UNKNOWN-CR-88', 'CREDIT', 30_000)];
    const result = reconcileDay(books, statementOf(lines), policy);
    expect(result.unmatched.map((u) => [u.cause, u.reference, u.lineId])).toEqual([
      ['DUPLICATE_LINE', 'PAY-R1', 'L-dup'],
      ['NOT_IN_BOOKS', 'UNKNOWN-CR-88', 'UNKNOWN-CR-88'],
    ]);
    expect(result.matched).toHaveLength(5);
  });

  it('money the other way, and a statement whose own sums do not add up', () => {
    const lines = fullLines.map((l) => (l.reference === 'REV-R3' ? { ...l, direction: 'DEBIT' as const } : l));
    const statement = { ...statementOf(lines), closingFen: statementOf(lines).closingFen + 1 };
    expect(reconcileDay(books, statement, policy).unmatched.map((u) => u.cause)).toEqual(['DIRECTION_DIFFERS', 'STATEMENT_DOES_NOT_ADD_UP']);
  });

  it('every cause has words for staff; malformed input is refused', () => {
    expect(Object.values(UNMATCHED_CAUSE_LABELS).every((label) => /[\u4e00-\u9fff]/.test(label))).toBe(true);
    expect(() => reconcileDay([...books, books[0]], statementOf(fullLines), policy)).toThrow(RangeError);
    expect(() => reconcileDay(books, statementOf([line('X', 'CREDIT', 1.5)]), policy)).toThrow(RangeError);
  });
});

describe('the day’s book movements, derived from ledger entries', () => {
  const at = '2026-11-30T03:00:00.000Z'; // 11:00 in China
  const entry = (over: Partial<BookedEntry> & Pick<BookedEntry, 'kind' | 'amountFen'>): BookedEntry => ({ accountNo: '1', entryId: '0000000001', postedAt: at, ...over });

  it('sums a batch’s lines under the batch, takes a closing’s last withdrawal as the payout, and funds a year’s interest as one credit', () => {
    const movements = bookMovementsOf([
      entry({ kind: 'DEPOSIT', amountFen: 100, batchId: 'B1' }),
      entry({ accountNo: '2', kind: 'DEPOSIT', amountFen: 250, batchId: 'B1', postedAt: '2026-11-30T17:00:00.000Z' }), // 1 Dec in China
      // a closing: 销户结息, the loan repaid, then the payout, in one transaction
      entry({ accountNo: '3', entryId: '0000000007', kind: 'INTEREST', amountFen: 30, applicationId: 'C1' }),
      entry({ accountNo: '3', entryId: '0000000008', kind: 'WITHDRAWAL', amountFen: -500, applicationId: 'C1' }),
      entry({ accountNo: '3', entryId: '0000000009', kind: 'WITHDRAWAL', amountFen: -700, applicationId: 'C1' }),
      entry({ kind: 'INTEREST', amountFen: 11, interestYear: 2026 }),
      entry({ accountNo: '2', kind: 'INTEREST', amountFen: 12, interestYear: 2026 }),
      // the demo seed's history has no bank counterpart
      entry({ kind: 'DEPOSIT', amountFen: 999, batchId: 'DEMO-SEED' }),
    ]);
    expect(movements.get('COLLECTION')).toEqual([
      { reference: 'B1', kind: 'DEPOSIT_BATCH', direction: 'CREDIT', amountFen: 350, bookedOn: '2026-11-30' },
      { reference: interestReference(2026), kind: 'INTEREST', direction: 'CREDIT', amountFen: 23, bookedOn: '2026-11-30' },
    ]);
    expect(movements.get('PAYOUT')).toEqual([{ reference: 'C1', kind: 'PAYOUT', direction: 'DEBIT', amountFen: 700, bookedOn: '2026-11-30' }]);
  });

  it('a payout refused and given back before any statement nets to nothing; a reversal of an earlier payout stands alone', () => {
    const movements = bookMovementsOf([
      entry({ kind: 'WITHDRAWAL', amountFen: -100, applicationId: 'R1' }),
      entry({ entryId: '0000000002', kind: 'REVERSAL', amountFen: 100, applicationId: 'R1' }),
      entry({ kind: 'REVERSAL', amountFen: 40, applicationId: 'R0' }),
    ]);
    expect(movements.get('PAYOUT')).toEqual([{ reference: reversalReference('R0'), kind: 'REVERSAL', direction: 'CREDIT', amountFen: 40, bookedOn: '2026-11-30' }]);
  });
});

describe('日结: when a day may be proposed for close', () => {
  const result = (over: Partial<DayResult>): DayResult => ({
    bankAccountNo: 'X', date: day, status: 'BALANCED', openingFen: 0, closingFen: 0, matched: [], statementReferences: [], inTransit: [], unmatched: [], importedAt: 't', ...over,
  });
  const accounts = [{ accountNo: 'X' }, { accountNo: 'Y' }];

  it('needs every bank’s day imported, and a note on every unmatched item', () => {
    expect(closeBlocker(day, accounts, [result({}), undefined])).toEqual({ code: 'DAY_NOT_IMPORTED', bankAccountNo: 'Y' });
    const item = { cause: 'NOT_IN_BOOKS' as const, reference: 'G', statementFen: 1 };
    expect(closeBlocker(day, accounts, [result({}), result({ bankAccountNo: 'Y', status: 'UNMATCHED', unmatched: [item] })])).toEqual({ code: 'DAY_NOT_EXPLAINED', bankAccountNo: 'Y' });
    expect(closeBlocker(day, accounts, [result({}), result({ bankAccountNo: 'Y', unmatched: [{ ...item, note: { text: '  ', by: 'a', at: 't' } }] })])?.code).toBe('DAY_NOT_EXPLAINED');
    expect(closeBlocker(day, accounts, [result({}), result({ bankAccountNo: 'Y', unmatched: [{ ...item, note: { text: '单位多汇，已联系退回', by: 'a', at: 't' } }] })])).toBeUndefined();
  });
});
