import { maskBankCard, WITHDRAWAL_STATUS_LABELS, type WithdrawalView } from '@hpf/shared';
import type { Application, TimelineEntry } from '../adapters/withdrawals-repository';

/** What the member reads for a confirmed review: the steps, never who took them (staff logins stay with staff and audit). */
export const REVIEW_APPROVED_NOTE = '初审通过、复核通过';
/** Notes written before the member's view left staff out: `审核通过（初审 <login>，复核 <login>）`. */
const NOTE_NAMING_STAFF = /^审核通过（初审 .*，复核 .*）$/;

function memberNote(step: TimelineEntry): string | undefined {
  if (!step.note) return undefined;
  return NOTE_NAMING_STAFF.test(step.note) ? REVIEW_APPROVED_NOTE : step.note;
}

export function toWithdrawalView(application: Application): WithdrawalView {
  const timeline: WithdrawalView['timeline'] = application.timeline.map((step, index) => {
    const note = memberNote(step);
    const label =
      step.status === 'PENDING_REVIEW' && index === 0
        ? '已提交，审核中'
        : step.status === 'APPROVED' && index === 0
          ? // 秒办: approved as it was submitted; the member's progress still starts at 已提交
            '已提交，审核通过'
          : step.status === 'APPROVED' && note === REVIEW_APPROVED_NOTE
            ? '审核通过，等待付款'
            : step.status === 'PAYING' && note === REVIEW_APPROVED_NOTE
              ? '审核通过，开始付款'
          : WITHDRAWAL_STATUS_LABELS[step.status];
    return {
      status: step.status,
      label,
      at: step.at,
      ...(note ? { note } : {}),
    };
  });
  // a first decision waiting for its confirmation is progress the member may see (not whose, nor which way)
  if (application.status === 'PENDING_REVIEW' && application.firstDecision) {
    timeline.push({ status: 'PENDING_REVIEW', label: '初审已完成，等待复核', at: application.firstDecision.at });
  }
  const paid = application.status === 'PAID' ? [...application.timeline].reverse().find((step) => step.status === 'PAID') : undefined;
  return {
    applicationId: application.applicationId,
    kind: application.kind,
    month: application.month,
    amountFen: application.amountFen,
    status: application.status,
    statusLabel: WITHDRAWAL_STATUS_LABELS[application.status],
    bankCardMasked: maskBankCard(application.bankCard),
    ...(application.lease ? { leaseAddress: application.lease.address } : {}),
    createdAt: application.createdAt,
    ...(application.rejectionReason ? { rejectionReason: application.rejectionReason } : {}),
    ...(application.payoutFailure ? { payoutFailure: application.payoutFailure } : {}),
    ...(paid ? { paidAt: paid.at } : {}),
    timeline,
    cancellable: application.status === 'PENDING_REVIEW',
  };
}
