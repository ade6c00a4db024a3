/**
 * E-certificates (电子证明): which certificate an account may have, the facts it certifies
 * (read at issue time and frozen), what the public may see of them, and what a scan's result
 * means in plain words.
 */
import { monthlyDeposit, type AccountRecord } from './account';
import { loanCity } from './divisions';
import { DomainError, ERROR_MESSAGES, type ErrorCode } from './errors';
import { maskIdNumber, maskName } from './identity';
import type { Fen } from './money';
import type { Policy } from './policy';
import { ACCOUNT_STATE_LABELS, displayState } from './schemas/account';
import {
  CERTIFICATE_PURPOSE_LABELS,
  CERTIFICATE_TYPE_LABELS,
  type CertificateFacts,
  type CertificatePurpose,
  type CertificateStatus,
  type CertificateType,
  type CertificateView,
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
}

export function certificateStatus(record: CertificateRecord, now: Date): CertificateStatus {
  if (record.status === 'REVOKED') return 'REVOKED';
  return now.toISOString() >= record.expiresAt ? 'EXPIRED' : 'ACTIVE';
}

export function toCertificateView(record: CertificateRecord, now: Date): CertificateView {
  return {
    certificateId: record.certificateId,
    type: record.type,
    typeLabel: CERTIFICATE_TYPE_LABELS[record.type],
    purpose: record.purpose,
    purposeLabel: CERTIFICATE_PURPOSE_LABELS[record.purpose],
    status: certificateStatus(record, now),
    issuedAt: record.issuedAt,
    expiresAt: record.expiresAt,
    ...(record.revokedAt ? { revokedAt: record.revokedAt } : {}),
    facts: record.facts,
  };
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

type FactsResult = { ok: true; facts: CertificateFacts } | { ok: false; code: ErrorCode };

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
  switch (request.type) {
    case 'DEPOSIT':
      return { ok: true, facts: depositFacts(account, loans, policy) };
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

export const VERIFY_EXPLANATIONS: Record<VerifyResult, string> = {
  valid: '这份证明由公积金中心出具，内容真实有效，可以直接办理。',
  expired: '这个码已过期：请职工在手机上重新打开证明，出示最新的码（码每分钟更新，截图转发的码会失效）。',
  revoked: '这份证明已被撤销，不能再使用。请职工重新开具。',
  invalid: '这不是公积金中心出具的有效证明码，可能被改动过或不是本中心的码。请不要办理，并请职工重新出示。',
};
