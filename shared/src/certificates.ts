/**
 * E-certificates (电子证明): which certificate an account may have, the facts it certifies
 * (read at issue time and frozen), which of those facts have changed since, what each reader may
 * see of them, and what a scan's result means in plain words.
 */
import { monthlyDeposit, type AccountRecord } from './account';
import { loanCity } from './divisions';
import { DomainError, ERROR_MESSAGES, type ErrorCode } from './errors';
import { maskIdNumber, maskName } from './identity';
import type { Fen } from './money';
import type { Policy } from './policy';
import { ACCOUNT_STATE_LABELS, displayState } from './schemas/account';
import type { StaffRole } from './schemas/staff';
import {
  CERTIFICATE_PURPOSE_LABELS,
  CERTIFICATE_TYPE_LABELS,
  type CertificateFacts,
  type CertificatePurpose,
  type CertificateStatus,
  type CertificateType,
  type CertificateView,
  type FactChange,
  type IssueCertificateRequest,
  type VerifyResult,
} from './schemas/certificates';

export interface LoanRecord {
  contractNo: string;
  accountNo: string;
  amountFen: Fen;
  startDate: string;
  status: 'OUTSTANDING' | 'PAID_OFF';
  payoffDate?: string;
  propertyAddress: string;
}

export interface CertificateRecord {
  certificateId: string;
  accountNo: string;
  type: CertificateType;
  purpose: CertificatePurpose;
  status: 'ACTIVE' | 'REVOKED';
  issuedAt: string;
  expiresAt: string;
  revokedAt?: string;
  revokedBy?: string;
  revokeReason?: string;
  facts: CertificateFacts;
  /**
   * Kept whole for the readers whose work needs them (see `readerFacts`); never in `facts`,
   * which are what the member and most readers see.
   */
  holderIdNumber?: string;
  propertyAddress?: string;
  /** Same type, purpose (and city): a second request while this one is live returns this one. */
  requestKey?: string;
  /** What the records say now that differs from the facts; kept up to date by the freshness worker. */
  changes?: FactChange[];
  /** Since when `changes` has been non-empty. */
  changedAt?: string;
}

/**
 * The result of a check at `checkedAt`, from the certificate as it is now: a check is recorded
 * beside the certificate read (one round trip), so its result is worked out here when listed —
 * the certificate keeps when it was revoked, when it expires and since when its facts changed.
 */
export function checkResultAt(
  check: { checkedAt: string; claimedType: CertificateType; codeExpired: boolean },
  record: Pick<CertificateRecord, 'type' | 'revokedAt' | 'expiresAt' | 'changedAt'> | undefined,
): VerifyResult {
  if (check.codeExpired) return 'expired';
  if (!record || record.type !== check.claimedType) return 'invalid';
  if (record.revokedAt && record.revokedAt <= check.checkedAt) return 'revoked';
  if (check.checkedAt >= record.expiresAt) return 'expired';
  if (record.changedAt && record.changedAt <= check.checkedAt) return 'changed';
  return 'valid';
}

/** What makes two requests "the same certificate" for a member. */
export function certificateRequestKey(request: Pick<IssueCertificateRequest, 'type' | 'purpose'> & { targetCityCode?: string }): string {
  return [request.type, request.purpose, request.targetCityCode ?? ''].join('#');
}

export function certificateStatus(record: CertificateRecord, now: Date): CertificateStatus {
  if (record.status === 'REVOKED') return 'REVOKED';
  return now.toISOString() >= record.expiresAt ? 'EXPIRED' : 'ACTIVE';
}

/**
 * The member's view. `changes` defaults to what the freshness worker recorded; the member's own
 * list passes the changes it worked out from the records just read.
 */
export function toCertificateView(record: CertificateRecord, now: Date, changes: FactChange[] = record.changes ?? []): CertificateView {
  return {
    certificateId: record.certificateId,
    type: record.type,
    typeLabel: CERTIFICATE_TYPE_LABELS[record.type],
    purpose: record.purpose,
    purposeLabel: CERTIFICATE_PURPOSE_LABELS[record.purpose],
    status: certificateStatus(record, now),
    issuedAt: record.issuedAt,
    // the facts are read in the same request that issues, so they stand as of the issue time
    factsAsOf: record.issuedAt,
    expiresAt: record.expiresAt,
    ...(record.revokedAt ? { revokedAt: record.revokedAt } : {}),
    facts: record.facts,
    changes,
  };
}

function formatMonth(month: string): string {
  const [year, m] = month.split('-');
  return `${year}年${Number(m)}月`;
}

/**
 * Which facts a reader relies on are no longer what the records say: the account's state, the
 * loan (outstanding or paid off), the paid-up month, and for a 缴存证明 the balance. Empty when the
 * certificate still tells the truth. Pure; the freshness worker and the member's list both use it.
 */
export function factChanges(
  record: Pick<CertificateRecord, 'type' | 'facts'>,
  account: Pick<AccountRecord, 'status' | 'frozen' | 'paidUpTo' | 'balanceFen'>,
  loans: readonly Pick<LoanRecord, 'status' | 'contractNo'>[],
): FactChange[] {
  const { facts } = record;
  const changes: FactChange[] = [];
  if (record.type === 'PAYOFF') {
    const loan = loans.find((candidate) => candidate.contractNo === facts.loanContractNo);
    if (loan && loan.status !== 'PAID_OFF') changes.push({ code: 'LOAN', label: '开具后这笔贷款的状态已变化' });
    return changes;
  }
  const state = displayState(account.status, account.frozen);
  if (facts.accountState !== undefined && facts.accountState !== state) {
    changes.push({ code: 'ACCOUNT_STATE', label: `开具后账户已${ACCOUNT_STATE_LABELS[state]}` });
  }
  if (facts.paidUpTo !== account.paidUpTo) {
    changes.push({
      code: 'PAID_UP_TO',
      label: account.paidUpTo ? `开具后缴至年月已变为${formatMonth(account.paidUpTo)}` : '开具后缴至年月已变化',
    });
  }
  if (record.type === 'DEPOSIT' && facts.balanceFen !== undefined && facts.balanceFen !== account.balanceFen) {
    changes.push({ code: 'BALANCE', label: '开具后账户余额已变化' });
  }
  const outstanding = loans.some((loan) => loan.status === 'OUTSTANDING');
  if (facts.hasOutstandingLoan !== undefined && facts.hasOutstandingLoan !== outstanding) {
    changes.push({ code: 'LOAN', label: outstanding ? '开具后已有未还清的公积金贷款' : '开具后公积金贷款已结清' });
  }
  return changes;
}

/** Same changes, same words: the worker writes only when this says they differ. */
export function sameChanges(a: readonly FactChange[] = [], b: readonly FactChange[] = []): boolean {
  return a.length === b.length && a.every((change, i) => change.code === b[i].code && change.label === b[i].label);
}

/**
 * The types a member may ask for now. 贷款结清证明 is offered only to someone who had a loan (and
 * says why it is not yet available while the loan is outstanding).
 */
export function offerableCertificates(
  account: Pick<AccountRecord, 'status' | 'frozen'>,
  loans: readonly Pick<LoanRecord, 'status'>[],
): { type: CertificateType; typeLabel: string; available: boolean; reason?: string }[] {
  const closed = account.status === 'CLOSED';
  const offer = (type: CertificateType, blocker?: string) => ({
    type,
    typeLabel: CERTIFICATE_TYPE_LABELS[type],
    available: !blocker,
    ...(blocker ? { reason: blocker } : {}),
  });
  const offers = [
    offer('DEPOSIT', closed ? '账户已销户' : undefined),
    offer(
      'LOAN_USE',
      closed ? '账户已销户' : account.status !== 'NORMAL' || account.frozen ? '账户需为正常缴存状态才能开具' : undefined,
    ),
  ];
  if (loans.length > 0) {
    offers.push(offer('PAYOFF', loans.some((loan) => loan.status === 'PAID_OFF') ? undefined : '贷款还清后才能开具'));
  }
  return offers;
}

/** Housing withdrawals used (count and total), for the 异地贷款 certificate. */
export function housingWithdrawals(entries: readonly { kind: string; amountFen: Fen }[]): HousingWithdrawals {
  const withdrawals = entries.filter((entry) => entry.kind === 'WITHDRAWAL');
  return { count: withdrawals.length, totalFen: withdrawals.reduce((sum, entry) => sum - entry.amountFen, 0) };
}

export interface HousingWithdrawals {
  count: number;
  totalFen: Fen;
}

/** Keeps the district, hides the street and the flat: 上海市浦东新区锦绣路100弄5号 → 上海市浦东新区****** */
export function maskAddress(address: string): string {
  const chars = Array.from(address);
  const district = /^(.+?[省市])?(.+?[市区县])?(.+?[区县])?/.exec(address)?.[0] ?? '';
  const keep = Math.min(Array.from(district).length || 6, chars.length - 1);
  return `${chars.slice(0, keep).join('')}******`;
}

/** 2019-0123-4567 style contract numbers keep their first and last four characters. */
export function maskContractNo(contractNo: string): string {
  if (contractNo.length <= 8) return `${contractNo.slice(0, 2)}****`;
  return `${contractNo.slice(0, 4)}****${contractNo.slice(-4)}`;
}

type FactsResult =
  | { ok: true; facts: CertificateFacts; holderIdNumber: string; propertyAddress?: string }
  | { ok: false; code: ErrorCode };

function depositFacts(account: AccountRecord, loans: LoanRecord[], policy: Policy): CertificateFacts {
  const state = displayState(account.status, account.frozen);
  return {
    holderName: account.name,
    idNumberMasked: maskIdNumber(account.idNumber),
    accountNo: account.accountNo,
    employer: account.employer,
    openedOn: account.openedOn,
    accountState: state,
    accountStateLabel: ACCOUNT_STATE_LABELS[state],
    depositBaseFen: account.depositBaseFen,
    unitRateBasisPoints: account.unitRateBasisPoints,
    personalRateBasisPoints: account.personalRateBasisPoints,
    monthlyDepositFen: account.status === 'NORMAL' ? monthlyDeposit(account, policy).totalFen : 0,
    ...(account.paidUpTo ? { paidUpTo: account.paidUpTo } : {}),
    continuousMonths: account.continuousMonths,
    balanceFen: account.balanceFen,
    hasOutstandingLoan: loans.some((loan) => loan.status === 'OUTSTANDING'),
  };
}

export function certificateFacts(
  request: IssueCertificateRequest,
  account: AccountRecord,
  loans: LoanRecord[],
  withdrawals: HousingWithdrawals,
  policy: Policy,
): FactsResult {
  if (account.status === 'CLOSED') return { ok: false, code: 'ACCOUNT_CLOSED' };
  const holderIdNumber = account.idNumber;
  switch (request.type) {
    case 'DEPOSIT':
      return { ok: true, facts: depositFacts(account, loans, policy), holderIdNumber };
    case 'LOAN_USE': {
      const city = request.targetCityCode ? loanCity(request.targetCityCode) : undefined;
      if (!city) {
        const message = request.targetCityCode ? '没有这个城市，请从列表中选择贷款所在城市' : '请选择贷款所在城市';
        throw new DomainError('INVALID_REQUEST', `${ERROR_MESSAGES.INVALID_REQUEST}（${message}）`, [{ path: 'targetCityCode', message }]);
      }
      if (account.status !== 'NORMAL' || account.frozen) return { ok: false, code: 'CERT_NEEDS_NORMAL_ACCOUNT' };
      const outstanding = loans.some((loan) => loan.status === 'OUTSTANDING');
      return {
        ok: true,
        holderIdNumber,
        facts: {
          ...depositFacts(account, loans, policy),
          targetCityCode: city.code,
          targetCity: city.fullName,
          loanHistory: { status: outstanding ? 'OUTSTANDING' : loans.length ? 'PAID_OFF' : 'NONE', count: loans.length },
          housingWithdrawals: withdrawals,
        },
      };
    }
    case 'PAYOFF': {
      const paidOff = loans
        .filter((loan) => loan.status === 'PAID_OFF' && loan.payoffDate)
        .sort((a, b) => (b.payoffDate ?? '').localeCompare(a.payoffDate ?? ''))[0];
      if (!paidOff) return { ok: false, code: 'NO_PAID_OFF_LOAN' };
      return {
        ok: true,
        holderIdNumber,
        propertyAddress: paidOff.propertyAddress,
        facts: {
          holderName: account.name,
          idNumberMasked: maskIdNumber(account.idNumber),
          loanContractNo: paidOff.contractNo,
          loanAmountFen: paidOff.amountFen,
          loanStartDate: paidOff.startDate,
          loanPayoffDate: paidOff.payoffDate,
          propertyAddressMasked: maskAddress(paidOff.propertyAddress),
        },
      };
    }
  }
}

/**
 * What anyone with a phone camera sees: that the certificate is genuine and what kind of fact it
 * states, with the holder masked and no amounts. The counter's staff view has everything.
 */
export function publicFacts(type: CertificateType, facts: CertificateFacts): CertificateFacts {
  const person = { holderName: maskName(facts.holderName), idNumberMasked: facts.idNumberMasked };
  if (type === 'PAYOFF') {
    return {
      ...person,
      ...(facts.loanContractNo ? { loanContractNo: maskContractNo(facts.loanContractNo) } : {}),
      ...(facts.loanPayoffDate ? { loanPayoffDate: facts.loanPayoffDate } : {}),
    };
  }
  return {
    ...person,
    ...(facts.accountState ? { accountState: facts.accountState, accountStateLabel: facts.accountStateLabel } : {}),
    ...(facts.paidUpTo ? { paidUpTo: facts.paidUpTo } : {}),
    ...(facts.continuousMonths !== undefined ? { continuousMonths: facts.continuousMonths } : {}),
    ...(facts.hasOutstandingLoan !== undefined ? { hasOutstandingLoan: facts.hasOutstandingLoan } : {}),
    ...(facts.targetCityCode ? { targetCityCode: facts.targetCityCode } : {}),
    ...(facts.targetCity ? { targetCity: facts.targetCity } : {}),
  };
}

/** Counter roles checking the person in front of them see the whole ID number. */
export const WHOLE_ID_NUMBER_ROLES: readonly StaffRole[] = ['ACCOUNT_CLERK', 'REVIEWER'];
/** Counter roles handling 解押 see the whole property address of a 贷款结清证明. */
export const PROPERTY_ADDRESS_ROLES: readonly StaffRole[] = ['ACCOUNT_CLERK'];

/** Who reads a certificate, as far as what they may see goes. */
export type CertificateReader =
  | { kind: 'public' }
  | { kind: 'staff'; roles: readonly StaffRole[] }
  | { kind: 'agency'; certificateTypes: readonly CertificateType[] };

export type ReaderView = 'staff' | 'agency' | 'public';

export type WholeValue = 'idNumber' | 'propertyAddress';

/**
 * Which whole values a reader's work needs on a certificate of this type: the ID number for the
 * counter roles checking the person in front of them; a 结清证明's property address (for 解押) for
 * the counter roles that handle it and for agencies registered for that type (lending banks).
 */
export function wholeValuesFor(reader: CertificateReader, type: CertificateType): WholeValue[] {
  const shown: WholeValue[] = [];
  if (reader.kind === 'staff') {
    if (reader.roles.some((role) => WHOLE_ID_NUMBER_ROLES.includes(role))) shown.push('idNumber');
    if (type === 'PAYOFF' && reader.roles.some((role) => PROPERTY_ADDRESS_ROLES.includes(role))) shown.push('propertyAddress');
  } else if (reader.kind === 'agency' && type === 'PAYOFF' && reader.certificateTypes.includes(type)) {
    shown.push('propertyAddress');
  }
  return shown;
}

/**
 * What one reader sees of a certificate, and which whole values that shows (for the record of the
 * read). Staff see the facts; an agency sees the facts of the types it is registered for and the
 * public view of the others; the public see the masked subset. Whole values as `wholeValuesFor` says.
 */
export function readerFacts(
  reader: CertificateReader,
  record: Pick<CertificateRecord, 'type' | 'facts' | 'holderIdNumber' | 'propertyAddress'>,
): { view: ReaderView; facts: CertificateFacts; disclosed: WholeValue[] } {
  const full = reader.kind === 'staff' || (reader.kind === 'agency' && reader.certificateTypes.includes(record.type));
  if (!full) return { view: 'public', facts: publicFacts(record.type, record.facts), disclosed: [] };
  const whole = { idNumber: record.holderIdNumber, propertyAddress: record.propertyAddress };
  const disclosed = wholeValuesFor(reader, record.type).filter((value) => whole[value] !== undefined);
  const facts: CertificateFacts = { ...record.facts };
  for (const value of disclosed) facts[value] = whole[value];
  return { view: reader.kind, facts, disclosed };
}

/** The explanation for a genuine certificate whose facts changed: what changed, then what to do. */
export function changedExplanation(changes: readonly FactChange[]): string {
  const what = changes.map((change) => change.label).join('，');
  return `这份证明由公积金中心出具，但${what}，证明上的内容已不是现在的情况。证明内容已更新，请职工重新开具后再办理。`;
}

export const VERIFY_EXPLANATIONS: Record<VerifyResult, string> = {
  valid: '这份证明由公积金中心出具，内容真实有效，可以直接办理。',
  changed: '这份证明由公积金中心出具，但开具后内容已变化。证明内容已更新，请职工重新开具后再办理。',
  expired: '这个码已过期：请职工在手机上重新打开证明，出示最新的码（码每分钟更新，截图转发的码会失效）。',
  revoked: '这份证明已被撤销，不能再使用。请职工重新开具。',
  invalid: '这不是公积金中心出具的有效证明码，可能被改动过或不是本中心的码。请不要办理，并请职工重新出示。',
};
