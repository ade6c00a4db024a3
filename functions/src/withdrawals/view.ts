import { maskBankCard, WITHDRAWAL_STATUS_LABELS, type WithdrawalView } from '@hpf/shared';
import type { Application } from '../adapters/withdrawals-repository';

export function toWithdrawalView(application: Application): WithdrawalView {
  return {
    applicationId: application.applicationId,
    kind: 'RENT',
    month: application.month,
    amountFen: application.amountFen,
    status: application.status,
    statusLabel: WITHDRAWAL_STATUS_LABELS[application.status],
    bankCardMasked: maskBankCard(application.bankCard),
    leaseAddress: application.lease.address,
    createdAt: application.createdAt,
    ...(application.rejectionReason ? { rejectionReason: application.rejectionReason } : {}),
    timeline: application.timeline.map((step) => ({
      status: step.status,
      label: step.status === 'PENDING_REVIEW' && step === application.timeline[0] ? '已提交，审核中' : WITHDRAWAL_STATUS_LABELS[step.status],
      at: step.at,
      ...(step.note ? { note: step.note } : {}),
    })),
    cancellable: application.status === 'PENDING_REVIEW',
  };
}
