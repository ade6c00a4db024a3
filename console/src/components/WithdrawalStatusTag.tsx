import type { WithdrawalStatus } from '@hpf/shared';
import { Tag } from 'antd';

/** Solid tags with white text: antd's light preset tags fall short of AA contrast. */
const COLOURS: Record<WithdrawalStatus, string> = {
  PENDING_REVIEW: '#1d5fa8',
  APPROVED: '#0b6e69',
  PAYING: '#0b6e69',
  MANUAL_CHECK: '#ad4e00',
  PAID: '#237804',
  REJECTED: '#a8071a',
  CANCELLED: '#595959',
  PAYOUT_FAILED: '#a8071a',
};

export function WithdrawalStatusTag({ status, label }: { status: WithdrawalStatus; label: string }) {
  return (
    <Tag color={COLOURS[status]} variant="solid">
      {label}
    </Tag>
  );
}
