/**
 * Certificate facts as labelled rows, in the order a reader expects. Pure: the pages render the
 * rows (money through <Amount>), tests check the wording.
 */
import type { CertificateFacts, CertificatePurpose, CertificateStatus, CertificateType, Fen, VerifyResult } from '../index';
import { formatDate, formatMonths, formatRate, formatYearMonth } from './format';

/** A row's value: plain words, or words around one money amount. */
export type FactValue = { text: string } | { before?: string; fen: Fen; after?: string };

export interface FactRow {
  key: keyof CertificateFacts;
  label: string;
  value: FactValue;
}

// Written out here (not imported from @hpf/shared) so zod stays out of the bundle; typed
// against the shared unions so a new type or purpose fails tsc.
export const TYPE_LABELS: Record<CertificateType, string> = {
  DEPOSIT: '缴存证明',
  LOAN_USE: '异地贷款缴存使用证明',
  PAYOFF: '贷款结清证明',
};

export const PURPOSE_LABELS: Record<CertificatePurpose, string> = {
  HOME_PURCHASE: '购房',
  HUKOU: '落户',
  SCHOOL: '子女入学',
  LOAN_ELSEWHERE: '异地贷款',
  OTHER: '其他',
};

export const STATUS_LABELS: Record<CertificateStatus, string> = {
  ACTIVE: '有效',
  REVOKED: '已撤销',
  EXPIRED: '已过期',
};

/** Verdict marks: the word and a symbol carry the meaning, the colour only repeats it. */
export const VERDICT_MARKS: Record<VerifyResult, string> = {
  valid: '✓',
  // genuine and in force, but out of date: a warning, never the tick
  changed: '!',
  expired: '!',
  revoked: '✕',
  invalid: '✕',
};

const LABELS: Partial<Record<keyof CertificateFacts, string>> = {
  holderName: '姓名',
  idNumber: '身份证号',
  idNumberMasked: '身份证号',
  accountNo: '个人账号',
  employer: '单位',
  openedOn: '开户日期',
  accountStateLabel: '账户状态',
  depositBaseFen: '缴存基数',
  unitRateBasisPoints: '单位缴存比例',
  personalRateBasisPoints: '个人缴存比例',
  monthlyDepositFen: '月缴存额',
  paidUpTo: '缴至年月',
  continuousMonths: '连续缴存月数',
  balanceFen: '账户余额',
  hasOutstandingLoan: '是否有未结清公积金贷款',
  targetCity: '贷款城市',
  loanHistory: '公积金贷款记录',
  housingWithdrawals: '住房提取',
  loanContractNo: '贷款合同号',
  loanAmountFen: '贷款金额',
  loanStartDate: '放款日期',
  loanPayoffDate: '结清日期',
  propertyAddress: '房屋坐落',
  propertyAddressMasked: '房屋坐落',
};

/** Where the whole value is shown (counter roles, registered agencies), its masked twin is not. */
const MASKED_TWIN: Partial<Record<keyof CertificateFacts, keyof CertificateFacts>> = {
  idNumberMasked: 'idNumber',
  propertyAddressMasked: 'propertyAddress',
};

/** The display order; accountState is shown through its label. */
const ORDER = Object.keys(LABELS) as (keyof CertificateFacts)[];

function valueOf(key: keyof CertificateFacts, facts: CertificateFacts): FactValue | undefined {
  switch (key) {
    case 'openedOn':
    case 'loanStartDate':
    case 'loanPayoffDate':
      return facts[key] ? { text: formatDate(facts[key]) } : undefined;
    case 'depositBaseFen':
    case 'monthlyDepositFen':
    case 'balanceFen':
    case 'loanAmountFen':
      return facts[key] === undefined ? undefined : { fen: facts[key] };
    case 'unitRateBasisPoints':
    case 'personalRateBasisPoints':
      return facts[key] === undefined ? undefined : { text: formatRate(facts[key]) };
    case 'paidUpTo':
      return facts.paidUpTo ? { text: formatYearMonth(facts.paidUpTo) } : undefined;
    case 'continuousMonths': {
      const months = facts.continuousMonths;
      if (months === undefined) return undefined;
      return { text: months >= 12 ? `${months}个月（${formatMonths(months)}）` : `${months}个月` };
    }
    case 'hasOutstandingLoan':
      return facts.hasOutstandingLoan === undefined ? undefined : { text: facts.hasOutstandingLoan ? '有' : '没有' };
    case 'loanHistory': {
      const history = facts.loanHistory;
      if (!history) return undefined;
      if (history.status === 'NONE' || history.count === 0) return { text: '没有公积金贷款记录' };
      return { text: `共 ${history.count} 笔，${history.status === 'OUTSTANDING' ? '有未结清的贷款' : '都已结清'}` };
    }
    case 'housingWithdrawals': {
      const withdrawals = facts.housingWithdrawals;
      if (!withdrawals) return undefined;
      if (withdrawals.count === 0) return { text: '没有住房提取' };
      return { before: `${withdrawals.count} 次，共 `, fen: withdrawals.totalFen };
    }
    default: {
      const value = facts[key];
      return typeof value === 'string' && value !== '' ? { text: value } : undefined;
    }
  }
}

export function factRows(facts: CertificateFacts): FactRow[] {
  const rows: FactRow[] = [];
  for (const key of ORDER) {
    const whole = MASKED_TWIN[key];
    if (whole && facts[whole] !== undefined && facts[whole] !== '') continue;
    const value = valueOf(key, facts);
    if (value) rows.push({ key, label: LABELS[key] ?? key, value });
  }
  return rows;
}

/** "2026-05-01T08:30:00.000Z" → "2026年5月1日 16:30" in China time (UTC+8, no daylight saving). */
export function formatChinaTime(iso: string): string {
  const time = Date.parse(iso);
  if (!Number.isFinite(time)) return iso;
  const local = new Date(time + 8 * 3600_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${local.getUTCFullYear()}年${local.getUTCMonth() + 1}月${local.getUTCDate()}日 ${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}`;
}

/** The three times a reader judges a certificate by, in plain words. */
export function certificateTimes(certificate: { issuedAt: string; factsAsOf: string; expiresAt: string }): { key: string; label: string; text: string }[] {
  return [
    { key: 'issuedAt', label: '开具时间', text: formatChinaTime(certificate.issuedAt) },
    { key: 'factsAsOf', label: '数据截至', text: formatChinaTime(certificate.factsAsOf) },
    { key: 'expiresAt', label: '有效期至', text: formatChinaTime(certificate.expiresAt) },
  ];
}

/** What a scanner or a paste gives, trimmed (a scanner ends with CR/LF). */
export function cleanScan(text: string): string {
  return text.replace(/[\r\n]+/g, '').trim();
}
