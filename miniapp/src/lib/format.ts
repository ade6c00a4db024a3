/** Display helpers shared with the staff console: see @hpf/shared's display folder. */
import type { WithdrawalView } from '@hpf/shared';

export * from '@hpf/shared/src/display/format';

/** Every payout the account made is in one history, each under its own name. */
export const WITHDRAWAL_KIND_TITLES: Record<WithdrawalView['kind'], string> = {
  RENT: '租房提取',
  RETIREMENT: '离退休提取',
  CLOSING: '销户提取',
  LOAN_TRANSFER: '商贷自动划转',
};
