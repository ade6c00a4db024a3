/** Display helpers for values that are not money (money goes through @hpf/shared). */

/** 700 → "7%", 1250 → "12.5%", 5 → "0.05%": integer arithmetic, no float rounding. */
export function formatRate(basisPoints: number): string {
  const whole = Math.trunc(basisPoints / 100);
  const rest = Math.abs(basisPoints % 100);
  if (rest === 0) return `${whole}%`;
  const fraction = String(rest).padStart(2, '0').replace(/0$/, '');
  return `${basisPoints < 0 && whole === 0 ? '-' : ''}${whole}.${fraction}%`;
}

/** "2024-05" → "2024年5月" */
export function formatYearMonth(yearMonth: string | undefined): string {
  const match = /^(\d{4})-(\d{2})$/.exec(yearMonth ?? '');
  if (!match) return '—';
  return `${match[1]}年${Number(match[2])}月`;
}

/** "2024-05-15" → "2024年5月15日" */
export function formatDate(date: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return date;
  return `${match[1]}年${Number(match[2])}月${Number(match[3])}日`;
}

/** "36" months → "3年" / "3年2个月" / "5个月", easier to take in than a month count. */
export function formatMonths(months: number): string {
  if (months <= 0) return '0个月';
  const years = Math.floor(months / 12);
  const rest = months % 12;
  if (years === 0) return `${rest}个月`;
  return rest === 0 ? `${years}年` : `${years}年${rest}个月`;
}

/**
 * Amounts inside a sentence, as a screen reader should say them: "余额 ¥1,234.56" → "余额 1234.56元"
 * (the same words as `spokenYuan`); a sign is said as 收入/支出, like the Amount component.
 */
export function spokenAmounts(text: string): string {
  return text.replace(/([+-])?[¥￥]\s?(-)?([\d,]+(?:\.\d+)?)/g, (_match, sign?: string, minus?: string, digits = '') => {
    const said = sign === '-' || minus ? '支出' : sign === '+' ? '收入' : '';
    return `${said}${digits.replace(/,/g, '')}元`;
  });
}

const PERCENT_TEXT = /^(\d{1,3})(?:\.(\d{1,2}))?%?$/;

/**
 * What staff type as a rate ("12", "7.5", "7.5%") → basis points (1200, 750), the unit the API
 * keeps: integer arithmetic, at most two decimals (0.01% = 1 bp); undefined for anything else.
 * The inverse of formatRate.
 */
export function parsePercent(text: string): number | undefined {
  const match = PERCENT_TEXT.exec(text.trim());
  if (!match) return undefined;
  return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
}

/** 积数 in fen·days as decimal text ("165440000") → "1,654,400.00 元·天": text arithmetic, any size. */
export function formatYuanDays(fenDays: string): string {
  const digits = /^\d+$/.test(fenDays) ? fenDays.replace(/^0+(?=\d)/, '').padStart(3, '0') : '0';
  const yuan = digits.slice(0, -2).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${yuan}.${digits.slice(-2)} 元·天`;
}
