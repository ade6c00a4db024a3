/** The member's account as the domain knows it, and the view a member is shown. */
import { maskBankCard, maskIdNumber, maskPhone } from './identity';
import { depositShare, type Fen } from './money';
import type { Policy } from './policy';
import {
  ACCOUNT_STATE_HINTS,
  ACCOUNT_STATE_LABELS,
  displayState,
  type AccountStatus,
  type AccountView,
} from './schemas/account';

export interface AccountRecord {
  accountNo: string;
  name: string;
  /** Whole, because the counter and the real-name check need it; never leaves the server whole. */
  idNumber: string;
  phone: string;
  bankCard?: string;
  employer: string;
  openedOn: string;
  status: AccountStatus;
  frozen: boolean;
  balanceFen: Fen;
  depositBaseFen: Fen;
  unitRateBasisPoints: number;
  personalRateBasisPoints: number;
  paidUpTo?: string;
  continuousMonths: number;
  /** Bumped by every balance change; transactions are conditioned on it. */
  version: number;
}

export interface MonthlyDeposit {
  unitFen: Fen;
  personalFen: Fen;
  totalFen: Fen;
}

export function monthlyDeposit(
  account: Pick<AccountRecord, 'depositBaseFen' | 'unitRateBasisPoints' | 'personalRateBasisPoints'>,
  policy: Policy,
): MonthlyDeposit {
  const rounding = policy.deposit.shareRounding;
  const unitFen = depositShare(account.depositBaseFen, account.unitRateBasisPoints, rounding);
  const personalFen = depositShare(account.depositBaseFen, account.personalRateBasisPoints, rounding);
  return { unitFen, personalFen, totalFen: unitFen + personalFen };
}

export function toAccountView(account: AccountRecord, policy: Policy, now: Date): AccountView {
  const state = displayState(account.status, account.frozen);
  // A sealed or closed account receives no deposit, so it owes none either.
  const deposit =
    account.status === 'NORMAL' ? monthlyDeposit(account, policy) : { unitFen: 0, personalFen: 0, totalFen: 0 };
  return {
    accountNo: account.accountNo,
    name: account.name,
    idNumberMasked: maskIdNumber(account.idNumber),
    phoneMasked: maskPhone(account.phone),
    ...(account.bankCard ? { bankCardMasked: maskBankCard(account.bankCard) } : {}),
    employer: account.employer,
    openedOn: account.openedOn,
    state,
    stateLabel: ACCOUNT_STATE_LABELS[state],
    stateHint: ACCOUNT_STATE_HINTS[state],
    balanceFen: account.balanceFen,
    depositBaseFen: account.depositBaseFen,
    unitRateBasisPoints: account.unitRateBasisPoints,
    personalRateBasisPoints: account.personalRateBasisPoints,
    monthlyUnitFen: deposit.unitFen,
    monthlyPersonalFen: deposit.personalFen,
    monthlyTotalFen: deposit.totalFen,
    ...(account.paidUpTo ? { paidUpTo: account.paidUpTo } : {}),
    continuousMonths: account.continuousMonths,
    asOf: now.toISOString(),
  };
}

/**
 * Real-name check for binding: the ID number already found the member; name and phone must
 * match what the centre has on file. Whitespace is forgiven, nothing else.
 */
export function identityMatches(
  account: Pick<AccountRecord, 'name' | 'phone'>,
  claimed: { name: string; phone: string },
): boolean {
  return account.name.trim() === claimed.name.trim() && account.phone.trim() === claimed.phone.trim();
}
