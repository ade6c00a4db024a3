import { createHash, randomBytes } from 'node:crypto';

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

/** RFC 4648 base32hex: unlike plain base32 its alphabet is in ASCII order, so encoded numbers sort. */
const BASE32HEX = '0123456789ABCDEFGHIJKLMNOPQRSTUV';
const TIME_CHARS = 9; // 45 bits of milliseconds: until the year 3084
const RANDOM_CHARS = 6; // 30 random bits: two applications of one member in the same millisecond stay apart

function base32hex(value: number, width: number): string {
  let text = '';
  for (let rest = value; text.length < width; rest = Math.floor(rest / 32)) text = BASE32HEX[rest % 32] + text;
  return text;
}

/**
 * A rent application's id: `R` + account number + creation time (ms, base32hex) + random. Its sort
 * key `WD#<id>` therefore sorts by creation time within the member's partition, so a reverse Query
 * lists the newest first (docs/data-model.md); the account number lets staff routes find the item
 * in one read.
 */
export function newApplicationId(accountNo: string, createdAt: Date, random: Uint8Array): string {
  if (random.length < 4) throw new RangeError('need 4 random bytes');
  const bits = ((random[0] << 22) | (random[1] << 14) | (random[2] << 6) | (random[3] >> 2)) >>> 0; // 30 bits
  return `R${accountNo}${base32hex(createdAt.getTime(), TIME_CHARS)}${base32hex(bits, RANDOM_CHARS)}`;
}

/** Time-ordered ids (above), and those made before ids carried the time (8 base32 characters). */
export const APPLICATION_ID_PATTERN = /^R(\d{12})(?:[0-9A-V]{15}|[A-Z2-7]{8})$/;

/** The unique part of an account action's counter-service id: time-ordered within the day, random after. */
export function counterServiceId(at: Date = new Date()): string {
  const random = randomBytes(4);
  const bits = ((random[0] << 22) | (random[1] << 14) | (random[2] << 6) | (random[3] >> 2)) >>> 0;
  return `A${base32hex(at.getTime(), TIME_CHARS)}${base32hex(bits, RANDOM_CHARS)}`;
}

/** A certificate check's: from the certificate, so its checks at a counter on one day are one service. */
export function certificateCheckServiceId(certificateId: string): string {
  return `V${createHash('sha256').update(certificateId).digest('hex').slice(0, 20)}`;
}
