/**
 * An account's audit trail as staff read it: each recorded act in words, with the reason the staff
 * member gave. The record's action codes are the handlers' (`account.seal`, `withdrawal.review.first.approve`, …).
 */
import { SEAL_REASON_LABELS, SealReason } from './schemas/account';
import type { AccountAuditRecord } from './schemas/staff';

const LABELS: Record<string, string> = {
  'account.open': '开户',
  'account.seal': '封存',
  'account.unseal': '启封',
  'account.close': '销户',
  'withdrawal.review.first.approve': '提取初审：同意',
  'withdrawal.review.first.reject': '提取初审：不同意',
  'withdrawal.review.second.approve': '提取复核：同意',
  'withdrawal.review.second.reject': '提取复核：不同意',
  'withdrawal.manual-check.paid': '人工核查：银行已转出',
  'withdrawal.manual-check.not_paid': '人工核查：银行没有转出，钱退回账户',
};

export function auditActionLabel(action: string): string {
  return LABELS[action] ?? action;
}

/** A stored record (actor, action, details) as the trail shows it: only the fields staff need. */
export function toAccountAuditRecord(record: { time: string; actor: string; action: string; details?: Record<string, unknown> }): AccountAuditRecord {
  const reason = record.details?.reason;
  const sealReason = SealReason.safeParse(record.details?.sealReason);
  const employer = record.details?.employer;
  const words = [
    ...(sealReason.success ? [`封存原因：${SEAL_REASON_LABELS[sealReason.data]}`] : []),
    ...(record.action === 'account.open' && typeof employer === 'string' ? [`单位：${employer}`] : []),
  ];
  return {
    time: record.time,
    actor: record.actor,
    action: record.action,
    label: auditActionLabel(record.action),
    ...(typeof reason === 'string' ? { reason } : {}),
    ...(words.length > 0 ? { note: words.join('；') } : {}),
  };
}
