/**
 * Real-name data: GB 11643-1999 citizen ID numbers, mainland mobile numbers, bank cards,
 * and the masks used in every response and log that does not need them whole.
 */

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK_CHARS = '10X98765432';

/** The check character (0-9 or X) for the first 17 digits of an ID number. */
export function idNumberCheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError('need exactly 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += Number(first17[i]) * ID_WEIGHTS[i];
  return ID_CHECK_CHARS[sum % 11];
}

function isRealDate(yyyymmdd: string): boolean {
  const year = Number(yyyymmdd.slice(0, 4));
  const month = Number(yyyymmdd.slice(4, 6));
  const day = Number(yyyymmdd.slice(6, 8));
  if (year < 1900 || month < 1 || month > 12 || day < 1) return false;
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** Upper-cases a trailing x, the one normalisation people expect. */
export function normalizeIdNumber(raw: string): string {
  return raw.trim().toUpperCase();
}

/** 18-character ID number: region, a real birth date, sequence, and a correct check character. */
export function isValidIdNumber(raw: string): boolean {
  const id = normalizeIdNumber(raw);
  if (!/^[1-9]\d{16}[\dX]$/.test(id)) return false;
  if (!isRealDate(id.slice(6, 14))) return false;
  return idNumberCheckChar(id.slice(0, 17)) === id[17];
}

export function isValidMobile(raw: string): boolean {
  return /^1[3-9]\d{9}$/.test(raw.trim());
}

/**
 * What is wrong with a typed ID number, in words that say what to do; undefined when it is fine.
 * The form and the server say the same thing.
 */
export function idNumberProblem(raw: string): string | undefined {
  const id = normalizeIdNumber(raw);
  if (id === '') return '请填写身份证号';
  if (id.length !== 18) return `身份证号应为 18 位（现在是 ${Array.from(id).length} 位）`;
  return isValidIdNumber(id) ? undefined : '身份证号不正确，请核对（最后一位可能是 X）';
}

/** The same for a mobile number: a wrong 11-digit number is not told it should have 11 digits. */
export function mobileProblem(raw: string): string | undefined {
  const phone = raw.trim();
  if (phone === '') return '请填写手机号';
  if (!/^\d{11}$/.test(phone)) return '手机号应为 11 位数字';
  return isValidMobile(phone) ? undefined : '手机号不正确，请核对（应以 13 到 19 开头）';
}

/** 110101199003071234 → 1101**********1234 (region kept for counter staff, birth date hidden). */
export function maskIdNumber(id: string): string {
  if (id.length < 8) return '*'.repeat(id.length);
  return `${id.slice(0, 4)}${'*'.repeat(id.length - 8)}${id.slice(-4)}`;
}

/** 13812345678 → 138****5678 */
export function maskPhone(phone: string): string {
  if (phone.length < 7) return '*'.repeat(phone.length);
  return `${phone.slice(0, 3)}${'*'.repeat(phone.length - 7)}${phone.slice(-4)}`;
}

/** 6222021234567890123 → **** **** **** 0123 style: only the last four digits are shown. */
export function maskBankCard(card: string): string {
  return `**** ${card.slice(-4)}`;
}

/**
 * The issuing bank from the card's first six digits (its BIN), for the big banks' debit cards
 * members use for payroll; undefined when not one of them (the card is then named by its tail).
 */
const CARD_BINS: Record<string, string> = {
  '622202': '工商银行', '622208': '工商银行', '621226': '工商银行', '620200': '工商银行',
  '621700': '建设银行', '622700': '建设银行', '436742': '建设银行',
  '622848': '农业银行', '622845': '农业银行',
  '621661': '中国银行', '456351': '中国银行', '601382': '中国银行',
  '622262': '交通银行', '622260': '交通银行',
  '622588': '招商银行', '621483': '招商银行', '410062': '招商银行',
  '621799': '邮储银行', '622188': '邮储银行',
};

export function bankNameOf(card: string): string | undefined {
  return CARD_BINS[card.slice(0, 6)];
}

/** 工商银行 尾号 0012: how the card on file is named to the member who owns it. */
export function bankCardLabel(card: string): string {
  const bank = bankNameOf(card);
  return `${bank ? `${bank} ` : ''}尾号 ${card.slice(-4)}`;
}

/** 张三丰 → *三丰; names are shown masked to the public (certificate verify), whole to the member. */
export function maskName(name: string): string {
  const chars = Array.from(name);
  if (chars.length <= 1) return '*';
  return `*${chars.slice(1).join('')}`;
}
