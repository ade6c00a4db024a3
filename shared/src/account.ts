/** The member's account as the domain knows it, and the view a member is shown. */
import { DomainError, ERROR_MESSAGES } from './errors';
import { bankCardLabel, isValidIdNumber, maskBankCard, maskIdNumber, maskPhone, normalizeIdNumber } from './identity';
import type { StaffAccountView } from './schemas/staff';
import { depositedMonthsOf, type MonthRange } from './deposit-months';
import { depositShare, type Fen } from './money';
import type { Policy } from './policy';
import {
  ACCOUNT_STATE_LABELS,
  displayState,
  type AccountStatus,
  type AccountView,
  type SealReason,
} from './schemas/account';
import { memberAdvice } from './advice';
import type { LoanRecord } from './certificates';
import { chinaDate } from './posting';

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
  /** Why it was sealed, and when (YYYY-MM-DD): set by 封存, removed by 启封. */
  sealReason?: SealReason;
  sealedOn?: string;
  frozen: boolean;
  balanceFen: Fen;
  depositBaseFen: Fen;
  unitRateBasisPoints: number;
  personalRateBasisPoints: number;
  /**
   * The months deposited, as sorted merged ranges, written by every deposit posting. paidUpTo,
   * continuousMonths and missedMonths are derived from it (`depositFacts`) in the same write.
   * Absent on profiles written before it was kept (`depositedMonthsOf` reads those).
   */
  depositedMonths?: MonthRange[];
  /** 缴至年月. */
  paidUpTo?: string;
  /** 连续缴存月数. */
  continuousMonths: number;
  /** Months missed between the first deposit and paidUpTo; absent on profiles written before it was kept. */
  missedMonths?: number;
  /** Bumped by every balance change; transactions are conditioned on it. */
  version: number;
  /** Hash of the newest ledger entry (the ledger's hash chain); absent before the first entry. */
  ledgerHead?: string;
  /** When the bank card on file was bound (a new card waits before it can receive money). */
  bankCardBoundAt?: string;
  /** 提取锁 and a personal monthly limit, set by the member. */
  withdrawalLocked?: boolean;
  personalMonthlyLimitFen?: Fen;
  /** Minor children on file (families with two or more may withdraw the actual rent). */
  minorChildren?: number;
  /** The bound WeChat user, for subscribe messages; never shown. */
  wechatOpenid?: string;
  /** Which arrival reminders the member wants (all, unless switched off). */
  reminderSettings?: { deposit: boolean; withdrawal: boolean; interest: boolean };
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

/** The member's own view; the loans only decide the advice (a borrower is not offered the rent form). */
export function toAccountView(account: AccountRecord, policy: Policy, now: Date, loans: readonly Pick<LoanRecord, 'status'>[] = []): AccountView {
  const state = displayState(account.status, account.frozen);
  const advice = memberAdvice(account, loans, policy, chinaDate(now));
  // A sealed or closed account receives no deposit, so it owes none either.
  const deposit =
    account.status === 'NORMAL' ? monthlyDeposit(account, policy) : { unitFen: 0, personalFen: 0, totalFen: 0 };
  return {
    accountNo: account.accountNo,
    name: account.name,
    idNumberMasked: maskIdNumber(account.idNumber),
    phoneMasked: maskPhone(account.phone),
    ...(account.bankCard ? { bankCardMasked: maskBankCard(account.bankCard), bankCardLabel: bankCardLabel(account.bankCard) } : {}),
    employer: account.employer,
    openedOn: account.openedOn,
    state,
    stateLabel: ACCOUNT_STATE_LABELS[state],
    stateHint: advice.summary,
    advice,
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

/** What counter staff see of an account: more than the member's view, the ID number still masked. */
export function toStaffAccountView(account: AccountRecord): StaffAccountView {
  return {
    accountNo: account.accountNo,
    name: account.name,
    idNumberMasked: maskIdNumber(account.idNumber),
    employer: account.employer,
    status: account.status,
    ...(account.sealReason ? { sealReason: account.sealReason } : {}),
    ...(account.sealedOn ? { sealedOn: account.sealedOn } : {}),
    frozen: account.frozen,
    balanceFen: account.balanceFen,
    depositBaseFen: account.depositBaseFen,
    unitRateBasisPoints: account.unitRateBasisPoints,
    personalRateBasisPoints: account.personalRateBasisPoints,
    ...(account.paidUpTo ? { paidUpTo: account.paidUpTo } : {}),
    continuousMonths: account.continuousMonths,
    missedMonths: account.missedMonths ?? 0,
    depositedMonths: depositedMonthsOf(account),
    version: account.version,
  };
}

/** Deposit rates must lie within the city's bounds (5%–12% by default), each share on its own. */
export function checkRates(unit: number, personal: number, policy: Policy): void {
  const { minRateBasisPoints: min, maxRateBasisPoints: max } = policy.deposit;
  const bad = [
    ['unitRateBasisPoints', unit],
    ['personalRateBasisPoints', personal],
  ].filter(([, rate]) => !Number.isInteger(rate) || (rate as number) < min || (rate as number) > max);
  if (bad.length > 0) {
    const message = `缴存比例应在 ${min / 100}% 到 ${max / 100}% 之间`;
    throw new DomainError('INVALID_REQUEST', `${ERROR_MESSAGES.INVALID_REQUEST}（${message}）`, bad.map(([path]) => ({ path, message })));
  }
}

export type NewAccount = Pick<
  AccountRecord,
  'accountNo' | 'name' | 'idNumber' | 'phone' | 'bankCard' | 'employer' | 'openedOn' | 'depositBaseFen' | 'unitRateBasisPoints' | 'personalRateBasisPoints'
>;

export function openAccountRecord(request: NewAccount, policy: Policy): AccountRecord {
  if (!isValidIdNumber(request.idNumber)) {
    throw new DomainError('INVALID_REQUEST', '身份证号不正确，请核对（最后一位可能是 X）', [{ path: 'idNumber', message: '身份证号不正确' }]);
  }
  checkRates(request.unitRateBasisPoints, request.personalRateBasisPoints, policy);
  return {
    ...request,
    idNumber: normalizeIdNumber(request.idNumber),
    status: 'NORMAL',
    frozen: false,
    balanceFen: 0,
    depositedMonths: [],
    continuousMonths: 0,
    missedMonths: 0,
    version: 0,
  };
}
