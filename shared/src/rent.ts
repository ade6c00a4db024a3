/**
 * 租房提取 rules, pure: who may withdraw for rent this month and how much, which refusal
 * applies, and which risk flags send an application to staff review instead of 秒办.
 * Every number comes from the city's policy.
 */
import type { AccountRecord } from './account';
import type { LoanRecord } from './certificates';
import { DomainError, ERROR_MESSAGES, type ErrorCode } from './errors';
import { formatCurrency, type Fen } from './money';
import type { Policy } from './policy';
import type { LeaseFacts, RentEligibility, RentWithdrawalRequest, RiskFlag } from './schemas/withdrawals';

export interface RentSituation {
  account: AccountRecord;
  loans: LoanRecord[];
  /** From the property registry; `unknown` when it did not answer. */
  ownsHome: boolean | 'unknown';
  /** This calendar month's withdrawal marker exists. */
  withdrawnThisMonth: boolean;
  /** How much that withdrawal paid, when it can be read: said instead of a bare refusal. */
  withdrawnThisMonthFen?: Fen;
  /** A 约定提取还贷 agreement pays this month (the policy may refuse rent withdrawals meanwhile). */
  repaymentAgreementActive?: boolean;
  /** An application is still open (not paid, refused, cancelled or returned). */
  inFlight: boolean;
  /** The calendar month in China now (YYYY-MM). */
  month: string;
  now: Date;
}

interface Check {
  code: ErrorCode;
  ok: boolean;
}

function baseChecks(s: RentSituation, policy: Policy): Check[] {
  const a = s.account;
  return [
    { code: 'ACCOUNT_NOT_ACTIVE', ok: a.status === 'NORMAL' && !a.frozen },
    { code: 'WITHDRAWAL_LOCKED', ok: !a.withdrawalLocked },
    { code: 'DEPOSIT_MONTHS_SHORT', ok: a.continuousMonths >= policy.rent.minDepositMonths },
    // named before the loan rule: a commercial-mortgage agreement will hold no HPF loan
    { code: 'REPAYMENT_AGREEMENT_ACTIVE', ok: !(policy.loan.agreementBlocksRent && s.repaymentAgreementActive === true) },
    { code: 'HAS_ACTIVE_LOAN', ok: !s.loans.some((loan) => loan.status === 'OUTSTANDING') },
    // an unanswered registry does not refuse: it sends the application to a person
    { code: 'OWNS_HOME', ok: s.ownsHome !== true },
    { code: 'ALREADY_WITHDRAWN_THIS_MONTH', ok: !s.withdrawnThisMonth },
    { code: 'APPLICATION_IN_FLIGHT', ok: !s.inFlight },
  ];
}

/**
 * The most this member may withdraw for this lease this month: the city's cap (or the actual
 * rent, above the cap, for families with enough minor children), no more than a registered
 * lease's rent, no more than the member's own limit, and never below the retained minimum.
 */
export function rentLimitFen(account: AccountRecord, policy: Policy, lease?: Pick<LeaseFacts, 'monthlyRentFen' | 'registeredContractNo'>): Fen {
  const rent = policy.rent;
  const actualRentFamily = (account.minorChildren ?? 0) >= rent.actualRentMinorChildren;
  let limit = actualRentFamily && lease ? lease.monthlyRentFen : rent.monthlyCapFen;
  if (lease?.registeredContractNo) limit = Math.min(limit, lease.monthlyRentFen);
  if (account.personalMonthlyLimitFen !== undefined) limit = Math.min(limit, account.personalMonthlyLimitFen);
  const spendable = Math.max(0, account.balanceFen - rent.retainedMinimumFen);
  return Math.max(0, Math.min(limit, spendable));
}

const CHECK_OK_MESSAGES: Partial<Record<ErrorCode, string>> = {
  ACCOUNT_NOT_ACTIVE: '账户正常缴存',
  WITHDRAWAL_LOCKED: '没有开启提取锁',
  DEPOSIT_MONTHS_SHORT: '连续缴存月数已满足',
  REPAYMENT_AGREEMENT_ACTIVE: '没有签约用公积金按月还贷',
  HAS_ACTIVE_LOAN: '没有未还清的公积金贷款',
  OWNS_HOME: '本市无自有住房',
  ALREADY_WITHDRAWN_THIS_MONTH: '本月还没有提取过',
  APPLICATION_IN_FLIGHT: '没有正在办理的提取申请',
};

/** A rule not met, in words; this month's paid withdrawal is said as what happened, not as a fault. */
function refusalText(code: ErrorCode, s: RentSituation): string {
  if (code === 'ALREADY_WITHDRAWN_THIS_MONTH' && s.withdrawnThisMonthFen !== undefined) {
    return `本月已提取 ${formatCurrency(s.withdrawnThisMonthFen)}，下月 1 日起可再申请`;
  }
  return ERROR_MESSAGES[code];
}

/** What the member sees before the form: each rule, met or not, and this month's amount. */
export function rentEligibility(s: RentSituation, policy: Policy): RentEligibility {
  const checks = baseChecks(s, policy);
  const eligible = checks.every((check) => check.ok);
  const maxAmountFen = eligible ? rentLimitFen(s.account, policy) : 0;
  const messages = checks.map((check) => ({
    code: check.code,
    ok: check.ok,
    message: check.ok ? (CHECK_OK_MESSAGES[check.code] ?? '满足') : refusalText(check.code, s),
  }));
  if (eligible && maxAmountFen === 0) {
    messages.push({ code: 'INSUFFICIENT_BALANCE', ok: false, message: ERROR_MESSAGES.INSUFFICIENT_BALANCE });
  }
  return {
    month: s.month,
    eligible: eligible && maxAmountFen > 0,
    maxAmountFen,
    monthlyCapFen: policy.rent.monthlyCapFen,
    checks: messages,
  };
}

export interface RiskSignals {
  /** Other members who used the same lease (address or registered contract) recently. */
  otherMembersOnLease: number;
  /** Other members whose rent goes to the same landlord account recently. */
  otherMembersOnLandlordAccount: number;
  /** Earlier consecutive months this member withdrew exactly the cap. */
  monthsAtCapInARow: number;
}

/** The request field a refusal is about, so the form can mark it. */
export type RentRefusalField = 'bankCard' | 'amountFen' | 'month';

export type RentAssessment =
  | { ok: false; code: ErrorCode; field?: RentRefusalField }
  /** `bankCard`: the card on file the money goes to (chosen or typed). */
  | { ok: true; flags: RiskFlag[]; bankCard: string };

/** The refusal as the API answers it: the message, and the field it concerns under `fields`. */
export function rentRefusal(assessment: { code: ErrorCode; field?: RentRefusalField }): DomainError {
  const message = ERROR_MESSAGES[assessment.code];
  return new DomainError(assessment.code, message, assessment.field ? [{ path: assessment.field, message }] : undefined);
}

/** Refusal or acceptance of an application; accepted ones carry the flags that need a person. */
export function assessRentApplication(
  s: RentSituation,
  request: RentWithdrawalRequest,
  signals: RiskSignals,
  policy: Policy,
): RentAssessment {
  const rent = policy.rent;
  const failed = baseChecks(s, policy).find((check) => !check.ok);
  if (failed) return { ok: false, code: failed.code };
  if (request.month !== s.month) return { ok: false, code: 'WRONG_MONTH', field: 'month' };
  const account = s.account;
  const card = request.useCardOnFile ? account.bankCard : request.bankCard;
  if (!account.bankCard || account.bankCard !== card) return { ok: false, code: 'BANK_CARD_NOT_ON_FILE', field: 'bankCard' };
  const boundAgoMs = account.bankCardBoundAt ? s.now.getTime() - Date.parse(account.bankCardBoundAt) : Number.POSITIVE_INFINITY;
  if (boundAgoMs < rent.newCardCoolingHours * 3600_000) return { ok: false, code: 'BANK_CARD_COOLING_OFF', field: 'bankCard' };
  if (request.amountFen > account.balanceFen - rent.retainedMinimumFen) return { ok: false, code: 'INSUFFICIENT_BALANCE', field: 'amountFen' };
  if (request.amountFen > rentLimitFen(account, policy, request.lease)) return { ok: false, code: 'OVER_MONTHLY_LIMIT', field: 'amountFen' };

  const flags: RiskFlag[] = [];
  if (s.ownsHome === 'unknown') flags.push({ code: 'REGISTRY_UNAVAILABLE', reason: '不动产登记信息暂时查不到，需人工核实住房情况' });
  if (signals.otherMembersOnLease + 1 > rent.sameLeaseMaxMembers) {
    flags.push({ code: 'SHARED_LEASE', reason: `同一租房合同/地址近期已有 ${signals.otherMembersOnLease} 名其他职工申请提取（疑似虚假租赁）` });
  }
  if (signals.otherMembersOnLandlordAccount + 1 > rent.sameLandlordMaxMembers) {
    flags.push({ code: 'SHARED_LANDLORD_ACCOUNT', reason: `同一房东收款账号近期已有 ${signals.otherMembersOnLandlordAccount} 名其他职工申请提取` });
  }
  if (boundAgoMs < rent.newCardReviewDays * 24 * 3600_000) {
    flags.push({ code: 'NEW_BANK_CARD', reason: `收款银行卡绑定不足 ${rent.newCardReviewDays} 天` });
  }
  if (request.amountFen === rent.monthlyCapFen && signals.monthsAtCapInARow >= rent.capStreakMonths) {
    flags.push({ code: 'CAP_STREAK', reason: `已连续 ${signals.monthsAtCapInARow} 个月按上限 ${formatCurrency(rent.monthlyCapFen)} 提取` });
  }
  return { ok: true, flags, bankCard: account.bankCard };
}
