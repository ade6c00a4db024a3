import * as z from 'zod/mini';
import { CalendarDate, FenAmount, YearMonth } from './common';
import { AccountState } from './account';

export const CertificateType = z.enum(['DEPOSIT', 'LOAN_USE', 'PAYOFF']);
export type CertificateType = z.infer<typeof CertificateType>;

export const CERTIFICATE_TYPE_LABELS: Record<CertificateType, string> = {
  DEPOSIT: '缴存证明',
  LOAN_USE: '异地贷款缴存使用证明',
  PAYOFF: '贷款结清证明',
};

export const CertificatePurpose = z.enum(['HOME_PURCHASE', 'HUKOU', 'SCHOOL', 'LOAN_ELSEWHERE', 'OTHER']);
export type CertificatePurpose = z.infer<typeof CertificatePurpose>;

export const CERTIFICATE_PURPOSE_LABELS: Record<CertificatePurpose, string> = {
  HOME_PURCHASE: '购房',
  HUKOU: '落户',
  SCHOOL: '子女入学',
  LOAN_ELSEWHERE: '异地贷款',
  OTHER: '其他',
};

export const IssueCertificateRequest = z.object({
  type: CertificateType,
  purpose: CertificatePurpose,
  /** The city where a loan is sought (异地贷款 only): its GB/T 2260 code, one of GET /v1/loan-cities. */
  targetCityCode: z.optional(
    z.string({ error: '请从列表中选择贷款所在城市' }).check(z.regex(/^\d{6}$/, { error: '请从列表中选择贷款所在城市' })),
  ),
});
export type IssueCertificateRequest = z.infer<typeof IssueCertificateRequest>;

export const LoanHistory = z.object({
  status: z.enum(['NONE', 'OUTSTANDING', 'PAID_OFF']),
  count: z.int(),
});

/** The facts a certificate certifies, read from the records at issue time and frozen. */
export const CertificateFacts = z.object({
  holderName: z.string(),
  idNumberMasked: z.string(),
  accountNo: z.optional(z.string()),
  // 缴存证明 and 异地贷款缴存使用证明
  employer: z.optional(z.string()),
  openedOn: z.optional(CalendarDate),
  accountState: z.optional(AccountState),
  accountStateLabel: z.optional(z.string()),
  depositBaseFen: z.optional(FenAmount),
  unitRateBasisPoints: z.optional(z.int()),
  personalRateBasisPoints: z.optional(z.int()),
  monthlyDepositFen: z.optional(FenAmount),
  paidUpTo: z.optional(YearMonth),
  continuousMonths: z.optional(z.int()),
  balanceFen: z.optional(FenAmount),
  hasOutstandingLoan: z.optional(z.boolean()),
  // 异地贷款缴存使用证明
  /** GB/T 2260 code of the city, and its full name with the province (浙江省杭州市). */
  targetCityCode: z.optional(z.string()),
  targetCity: z.optional(z.string()),
  loanHistory: z.optional(LoanHistory),
  housingWithdrawals: z.optional(z.object({ count: z.int(), totalFen: FenAmount })),
  // 贷款结清证明
  loanContractNo: z.optional(z.string()),
  loanAmountFen: z.optional(FenAmount),
  loanStartDate: z.optional(CalendarDate),
  loanPayoffDate: z.optional(CalendarDate),
  propertyAddressMasked: z.optional(z.string()),
  /**
   * Shown whole only where the reader's work needs it, and every such read is recorded: the ID
   * number to counter roles checking the person in front of them, the property address (for 解押)
   * to counter roles and to agencies registered for 贷款结清证明.
   */
  idNumber: z.optional(z.string()),
  propertyAddress: z.optional(z.string()),
});
export type CertificateFacts = z.infer<typeof CertificateFacts>;

export const CertificateStatus = z.enum(['ACTIVE', 'REVOKED', 'EXPIRED']);
export type CertificateStatus = z.infer<typeof CertificateStatus>;

/** A fact a reader relies on that is no longer what the certificate says. */
export const FactChangeCode = z.enum(['ACCOUNT_STATE', 'PAID_UP_TO', 'BALANCE', 'LOAN']);
export type FactChangeCode = z.infer<typeof FactChangeCode>;
export const FactChange = z.object({
  code: FactChangeCode,
  /** Plain words, e.g. 开具后账户已封存. */
  label: z.string(),
});
export type FactChange = z.infer<typeof FactChange>;

export const CertificateView = z.object({
  certificateId: z.string(),
  type: CertificateType,
  typeLabel: z.string(),
  purpose: CertificatePurpose,
  purposeLabel: z.string(),
  status: CertificateStatus,
  issuedAt: z.string(),
  /** The moment the facts were read from the records (数据截至). */
  factsAsOf: z.string(),
  expiresAt: z.string(),
  revokedAt: z.optional(z.string()),
  facts: CertificateFacts,
  /** What has changed since issue; empty while the certificate still tells the truth. */
  changes: z.array(FactChange),
});
export type CertificateView = z.infer<typeof CertificateView>;

export const OfferableCertificate = z.object({
  type: CertificateType,
  typeLabel: z.string(),
  /** Whether this member can have it now; when not, `reason` says why in plain words. */
  available: z.boolean(),
  reason: z.optional(z.string()),
});

export const CertificateList = z.object({
  certificates: z.array(CertificateView),
  /** The types this member may ask for (贷款结清证明 only to those who had a loan). */
  offerable: z.array(OfferableCertificate),
});

/** A certificate as staff look it up: the member's view, with who revoked it and why. */
export const StaffCertificate = z.object({
  ...CertificateView.shape,
  revokedBy: z.optional(z.string()),
  revokeReason: z.optional(z.string()),
});

/** A member's issued certificates for staff, newest first; no `holder` when no account matched. */
export const StaffCertificateList = z.object({
  holder: z.optional(z.object({ accountNo: z.string(), name: z.string(), idNumberMasked: z.string() })),
  certificates: z.array(StaffCertificate),
});
export type StaffCertificateList = z.infer<typeof StaffCertificateList>;

export const CertificateIdParam = z.object({
  certificateId: z.string().check(z.regex(/^[A-Z2-7]{16}$/, { error: '证明编号不正确' })),
});

export const CertificateCode = z.object({
  /** The QR payload: the public verify URL with the signed token. */
  payload: z.string(),
  shownAt: z.string(),
  /** The code is accepted until then (2 minutes), and the phone refreshes it every minute. */
  validUntil: z.string(),
  refreshAfterSeconds: z.int(),
});

export const VerifyRequest = z.object({
  payload: z.string().check(z.trim(), z.minLength(1, { error: '请扫描或粘贴证明二维码' }), z.maxLength(1000, { error: '内容太长，不是本中心的证明码' })),
});

/** `changed`: genuine and in force, but a fact it states is no longer true (see `changes`). */
export const VerifyResult = z.enum(['valid', 'changed', 'expired', 'revoked', 'invalid']);
export type VerifyResult = z.infer<typeof VerifyResult>;

export const VERIFY_RESULT_LABELS: Record<VerifyResult, string> = {
  valid: '真实有效',
  changed: '内容已变化',
  expired: '已过期',
  revoked: '已撤销',
  invalid: '无效',
};

export const VerifyResponse = z.object({
  result: VerifyResult,
  resultLabel: z.string(),
  /** Plain words for the person at the counter: what the result means and what to do. */
  explanation: z.string(),
  checkedAt: z.string(),
  /**
   * Staff, and agencies for the certificate types they are registered for, see the whole facts;
   * the public (and an agency for other types) see a masked subset.
   */
  view: z.enum(['staff', 'agency', 'public']),
  /** Who is checking, as the member's 查验记录 will name them (absent for the public). */
  checkedBy: z.optional(z.string()),
  certificate: z.optional(
    z.object({
      certificateId: z.string(),
      type: CertificateType,
      typeLabel: z.string(),
      purposeLabel: z.string(),
      /** 开具时间 */
      issuedAt: z.string(),
      /** 数据截至: the facts are as the records stood at this moment. */
      factsAsOf: z.string(),
      /** 有效期至 */
      expiresAt: z.string(),
      facts: CertificateFacts,
      changes: z.array(FactChange),
    }),
  ),
});
export type VerifyResponse = z.infer<typeof VerifyResponse>;

export const VerificationRecord = z.object({
  checkedAt: z.string(),
  /** By name: 公众扫码, 本中心 营业部, 杭州住房公积金管理中心 西湖分中心 — never a login name. */
  checkedBy: z.string(),
  checkerKind: z.enum(['public', 'staff', 'agency']),
  result: VerifyResult,
  resultLabel: z.string(),
});
export const VerificationList = z.object({ verifications: z.array(VerificationRecord) });

export const PublicKeySet = z.object({
  keys: z.array(
    z.object({ kty: z.literal('OKP'), crv: z.literal('Ed25519'), x: z.string(), kid: z.string(), alg: z.literal('EdDSA'), use: z.literal('sig') }),
  ),
});
