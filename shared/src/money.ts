/**
 * Money is integer fen (分) everywhere. These helpers are the only place where fen become
 * text, and where text becomes fen: there is no float on either path.
 */

export type Fen = number;

export function isFen(value: unknown): value is Fen {
  return typeof value === 'number' && Number.isSafeInteger(value);
}

export function assertFen(value: number, what = 'amount'): Fen {
  if (!Number.isSafeInteger(value)) {
    throw new RangeError(`${what} must be a whole number of fen, got ${String(value)}`);
  }
  return value;
}

/** 123456 → "1,234.56"; -5 → "-0.05". */
export function formatYuan(fen: Fen): string {
  assertFen(fen);
  const negative = fen < 0;
  const abs = Math.abs(fen);
  const yuan = Math.floor(abs / 100);
  const cents = abs % 100;
  const grouped = String(yuan).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${negative ? '-' : ''}${grouped}.${String(cents).padStart(2, '0')}`;
}

/** "¥1,234.56" — for display; screen readers get {@link spokenYuan}. */
export function formatCurrency(fen: Fen): string {
  const text = formatYuan(fen);
  return text.startsWith('-') ? `-¥${text.slice(1)}` : `¥${text}`;
}

/** "1234.56元" read aloud as an amount, not as digits. */
export function spokenYuan(fen: Fen): string {
  return `${formatYuan(fen).replace(/,/g, '')}元`;
}

const YUAN_TEXT = /^(-)?(\d{1,13})(?:\.(\d{1,2}))?$/;

/** Parses a decimal yuan string ("12.5", "1234.56") into fen without floating point. */
export function parseYuan(text: string): Fen | undefined {
  const match = YUAN_TEXT.exec(text.trim().replace(/,/g, ''));
  if (!match) return undefined;
  const [, sign, whole, frac = ''] = match;
  const fen = Number(whole) * 100 + Number(frac.padEnd(2, '0'));
  if (!Number.isSafeInteger(fen)) return undefined;
  return sign ? -fen : fen;
}

export type RoundingUnit = 'FEN' | 'YUAN';

/**
 * One share of a monthly deposit: base (fen) × rate (basis points, 1% = 100), rounded half up
 * to the fen or to the yuan as the city's policy says (many centres round each share to the yuan).
 * Integer arithmetic only: base ≤ 10^8 fen and rate ≤ 10^4 keep the product far below 2^53.
 */
export function depositShare(baseFen: Fen, rateBasisPoints: number, rounding: RoundingUnit): Fen {
  assertFen(baseFen, 'deposit base');
  if (!Number.isInteger(rateBasisPoints) || rateBasisPoints < 0 || rateBasisPoints > 10_000) {
    throw new RangeError(`rate must be whole basis points in 0..10000, got ${rateBasisPoints}`);
  }
  if (baseFen < 0) throw new RangeError('deposit base cannot be negative');
  const unit = rounding === 'YUAN' ? 1_000_000 : 10_000; // fen·bp per rounding unit
  const product = baseFen * rateBasisPoints;
  const units = Math.floor((product + unit / 2) / unit);
  return units * (unit / 10_000);
}
