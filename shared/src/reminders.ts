/**
 * 到账提醒: which money movements a member is told about, and the subscribe message's fields
 * cut to WeChat's field rules (see the team's policy notes): thing ≤ 20 characters, amount = a
 * currency sign and at most 10 digits, time as 2026年10月12日 10:00.
 */
import { formatCurrency, formatYuan, type Fen } from './money';
import { REMINDER_KIND_LABELS, type ReminderKind, type ReminderOutcome, type ReminderSettings } from './schemas/reminders';

export const DEFAULT_REMINDER_SETTINGS: ReminderSettings = { deposit: true, withdrawal: true, interest: true };

export const REMINDER_OUTCOME_LABELS: Record<ReminderOutcome, string> = {
  SENT: '已发送微信提醒',
  SKIPPED_NO_CONSENT: '没有可用的提醒次数，微信未提醒（可点“开启到账提醒”再开启）',
  SKIPPED_SWITCHED_OFF: '您在设置里关闭了这类提醒',
  SKIPPED_REFUSED: '微信未能送达（提醒次数已用完或已拒收）',
  PENDING: '正在发送',
};

export function reminderKindOfEntry(kind: string): ReminderKind | undefined {
  if (kind === 'DEPOSIT') return 'DEPOSIT';
  if (kind === 'INTEREST') return 'INTEREST';
  if (kind === 'LOAN_REPAYMENT') return 'LOAN_REPAYMENT';
  return undefined;
}

export function wantsReminder(settings: ReminderSettings | undefined, kind: ReminderKind): boolean {
  const effective = { ...DEFAULT_REMINDER_SETTINGS, ...settings };
  // what the centre must tell a retiree (money about to leave, the account closed) has no switch
  if (kind === 'RETIREMENT' || kind === 'CLOSING') return true;
  // a shortfall is money the member must pay before the due day: never switched off
  if (kind === 'LOAN_SHORTFALL') return true;
  if (kind === 'LOAN_REPAYMENT' || kind === 'LOAN_TRANSFER') return effective.withdrawal;
  return kind === 'DEPOSIT' ? effective.deposit : kind === 'WITHDRAWAL' ? effective.withdrawal : effective.interest;
}

function truncate(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

/** ¥ plus at most 10 digits (WeChat's amount field): ¥1234.56 — no grouping commas. */
export function wechatAmount(fen: Fen): string {
  const text = formatYuan(Math.abs(fen)).replace(/,/g, '');
  const digits = text.replace('.', '');
  if (digits.length > 10) return `¥${text.split('.')[0].slice(0, 10)}`;
  return `¥${text}`;
}

/** 2026年10月12日 10:00 in China time. */
export function wechatTime(iso: string): string {
  const china = new Date(Date.parse(iso) + 8 * 3600_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${china.getUTCFullYear()}年${china.getUTCMonth() + 1}月${china.getUTCDate()}日 ${pad(china.getUTCHours())}:${pad(china.getUTCMinutes())}`;
}

export interface ArrivalFacts {
  kind: ReminderKind;
  amountFen: Fen;
  balanceFen: Fen;
  at: string;
  detail?: string;
}

/** The subscribe message's data for the 公积金到账提醒 template. */
export function arrivalMessageData(facts: ArrivalFacts): Record<string, { value: string }> {
  return {
    amount1: { value: wechatAmount(facts.amountFen) },
    thing2: { value: truncate(facts.detail ? `${REMINDER_KIND_LABELS[facts.kind]} ${facts.detail}` : REMINDER_KIND_LABELS[facts.kind], 20) },
    time3: { value: wechatTime(facts.at) },
    amount4: { value: wechatAmount(facts.balanceFen) },
  };
}

export function arrivalTitle(facts: ArrivalFacts): string {
  return `${REMINDER_KIND_LABELS[facts.kind]} ${formatCurrency(Math.abs(facts.amountFen))}`;
}
