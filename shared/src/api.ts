/**
 * The route catalogue: every HTTP route once, with its schemas and the errors it can answer.
 * Handlers take their schemas from here, the OpenAPI document is generated from here, and the
 * mini program's client is typed from here, so the three cannot drift apart.
 */
import * as z from 'zod/mini';
import { DomainError, type ErrorCode } from './errors';
import { ClosingWithdrawalPreview, ClosingWithdrawalRequest, ClosingWithdrawalStarted } from './closing-withdrawal';
import { DepositBatchRequest, parseDepositCsv } from './deposit-batch';
import { DepositPreviewResponse } from './deposit-preview';
import {
  AccountAuditList,
  AccountChangeRequest,
  AccountNoParam,
  AccountSearchRequest,
  AccountSearchResponse,
  CertificateSearchRequest,
  DepositBatchResponse,
  InterestPreviewResponse,
  InterestSettlementRequest,
  InterestSettlementResponse,
  OpenAccountRequest,
  StaffAccountView,
  StaffLoginRequest,
  StaffSessionResponse,
  type StaffRole,
} from './schemas/staff';
import {
  CertificateCode,
  CertificateIdParam,
  CertificateList,
  CertificateView,
  IssueCertificateRequest,
  PublicKeySet,
  StaffCertificateList,
  VerificationList,
  VerifyRequest,
  VerifyResponse,
} from './schemas/certificates';
import {
  ApplicationIdParam,
  ManualCheckList,
  ResolveManualCheckRequest,
  RentEligibility,
  RentWithdrawalRequest,
  ReviewQueue,
  ReviewQueueQuery,
  ReviewRequest,
  StaffWithdrawalDetail,
  StaffWithdrawalList,
  StaffWithdrawalQuery,
  WithdrawalList,
  WithdrawalListQuery,
  WithdrawalSettings,
  WithdrawalSettingsChange,
  WithdrawalView,
} from './schemas/withdrawals';
import { AgencyLoginRequest, AgencySessionResponse } from './schemas/agencies';
import { MessageList, ReminderSettings, ReminderSettingsChange, SubscriptionReport, SubscriptionStates } from './schemas/reminders';
import { RetirementCardChange, RetirementView } from './schemas/retirement';
import { LoanCityList } from './schemas/divisions';
import { MyLoans, SignAgreementRequest } from './schemas/loans';
import { ServiceGuide } from './schemas/service-guide';
import { ReconciliationDateParam, ReconciliationDayView, ReconciliationNoteRequest } from './schemas/reconciliation';
import { AccountView } from './schemas/account';
import {
  AgreeConsentRequest,
  BindRequest,
  MyConsentResponse,
  PrivacyNoticeResponse,
  SessionResponse,
  UnbindRequest,
  UnbindResponse,
  WechatLoginRequest,
} from './schemas/auth';
import { FaceCheckIdParam, FaceCheckResult, FaceCheckResultRequest, FaceCheckStart, FaceCheckStartRequest } from './schemas/face';
import { LedgerPage, LedgerQuery, PageQuery } from './schemas/ledger';
import {
  MemberReplyRequest,
  MyRatings,
  RateServiceRequest,
  RatingCaseDetail,
  RatingCaseIdParam,
  RatingCaseList,
  RatingCaseQuery,
  RatingCaseStepRequest,
  RatingDeclined,
  RatingExport,
  RatingFiguresResponse,
  RatingMonthQuery,
  RatingView,
  ServiceIdParam,
} from './schemas/ratings';

/**
 * Who may call: anyone, a WeChat session (bound or not), a bound member, staff, or anyone with
 * staff and registered agencies seeing more (a token, when sent, must be valid).
 */
export type RouteAuth = 'public' | 'session' | 'member' | 'staff' | 'public-or-verifier';

export interface RouteSpec {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  readonly path: string;
  readonly summary: string;
  readonly auth: RouteAuth;
  /** Staff routes: any one of these roles may call. */
  readonly roles?: readonly StaffRole[];
  readonly body?: z.ZodMiniType;
  /** A route that also takes text/csv turns the text (and query) into the body shape first. */
  readonly csv?: (text: string, query: Record<string, string | undefined>) => unknown;
  readonly query?: z.ZodMiniType;
  readonly params?: z.ZodMiniType;
  /** A money write a client may retry: the `Idempotency-Key` header is required. */
  readonly idempotencyKey?: boolean;
  /**
   * A sensitive act (policy `face`): the passed 人脸核验 it uses comes in the `Face-Check-Id`
   * header, and is used up in the act's own transaction.
   */
  readonly faceCheck?: boolean;
  /**
   * Public answers that are the same for everyone may be cached this long (seconds) by browsers,
   * CDNs and verifiers; every other answer is `no-store`.
   */
  readonly cacheSeconds?: number;
  /** Larger than the default 64 KiB only where a route needs it (bank batch files). */
  readonly maxBodyBytes?: number;
  readonly response: z.ZodMiniType;
  readonly errors: readonly ErrorCode[];
}

export const HealthResponse = z.object({ status: z.literal('ok'), time: z.string() });
/** The OpenAPI document itself is free-form JSON. */
const OpenApiDocument = z.record(z.string(), z.unknown());

const BAD_INPUT = ['INVALID_REQUEST', 'INVALID_JSON', 'UNSUPPORTED_MEDIA_TYPE', 'PAYLOAD_TOO_LARGE'] as const;
/** SESSION_ENDED: a member's session once their WeChat unbound (every session of it ends at once). */
const SIGNED_IN = ['UNAUTHENTICATED', 'SESSION_EXPIRED', 'SESSION_ENDED'] as const;
const STAFF_ONLY = [...SIGNED_IN, 'FORBIDDEN', 'STAFF_DISABLED'] as const;
/** What an act protected by a face check may answer about the check. */
const FACE_CHECKED = ['FACE_CHECK_REQUIRED', 'FACE_CHECK_EXPIRED', 'FACE_CHECK_USED', 'FACE_CHECK_MISMATCH'] as const;

/** The bank's CSV file, with the batch id in the query string, becomes the JSON batch shape. */
function depositBatchFromCsv(text: string, query: Record<string, string | undefined>): unknown {
  const { lines, errors } = parseDepositCsv(text);
  if (errors.length > 0) {
    throw new DomainError(
      'INVALID_REQUEST',
      `批次文件有 ${errors.length} 行不正确，请改正后重新提交（第 ${errors[0].row} 行：${errors[0].message}）`,
      errors.map((error) => ({ path: `row ${error.row}`, message: error.message })),
    );
  }
  return { batchId: query.batchId, lines };
}

/** Office staff handle 差评 cases; an auditor decides the appeals (never the one who appealed). */
const RATING_CASE_ROLES = ['REVIEWER', 'ACCOUNT_CLERK', 'AUDITOR'] as const;

/** 日清日结: the deposit office (归集科) reconciles and notes; an auditor may too, and one of them checks the other's close. */
const RECONCILIATION_ROLES = ['DEPOSIT_CLERK', 'AUDITOR'] as const;

const ACCOUNT_CHANGE = {
  method: 'POST',
  auth: 'staff',
  roles: ['ACCOUNT_CLERK'],
  params: AccountNoParam,
  body: AccountChangeRequest,
  response: StaffAccountView,
} as const;

export const routes = {
  health: {
    method: 'GET',
    path: '/v1/health',
    summary: '服务健康检查',
    auth: 'public',
    response: HealthResponse,
    errors: [],
  },
  openapi: {
    method: 'GET',
    path: '/v1/openapi.json',
    summary: 'OpenAPI 3.1 接口文档',
    auth: 'public',
    response: OpenApiDocument,
    errors: [],
  },
  wechatLogin: {
    method: 'POST',
    path: '/v1/auth/wechat',
    summary: '微信登录：用 wx.login 的 code 换取会话令牌',
    auth: 'public',
    body: WechatLoginRequest,
    response: SessionResponse,
    errors: [...BAD_INPUT, 'WECHAT_CODE_INVALID', 'WECHAT_RATE_LIMITED', 'WECHAT_RISKY_USER', 'WECHAT_UNAVAILABLE'],
  },
  bind: {
    method: 'POST',
    path: '/v1/auth/bind',
    summary: '实名绑定：姓名、身份证号、手机号与中心登记信息一致时绑定公积金账户',
    auth: 'session',
    faceCheck: true,
    body: BindRequest,
    response: SessionResponse,
    errors: [
      ...BAD_INPUT, ...SIGNED_IN, ...FACE_CHECKED, 'CONSENT_OUTDATED', 'IDENTITY_MISMATCH', 'ALREADY_BOUND', 'ACCOUNT_BOUND_ELSEWHERE', 'TOO_MANY_ATTEMPTS',
    ],
  },
  privacyNotice: {
    method: 'GET',
    path: '/v1/privacy-notice',
    summary: '隐私政策：绑定前要读的内容和需要单独同意的敏感个人信息（带版本号；版本更新后会再次征求同意）',
    auth: 'public',
    // configuration (policy `privacy`): changes only with a deploy
    cacheSeconds: 600,
    response: PrivacyNoticeResponse,
    errors: [],
  },
  myConsent: {
    method: 'GET',
    path: '/v1/me/consent',
    summary: '我的授权：同意过哪一版隐私政策、什么时候同意的、是否已撤回',
    auth: 'member',
    response: MyConsentResponse,
    errors: [...SIGNED_IN, 'NOT_BOUND'],
  },
  agreeConsent: {
    method: 'POST',
    path: '/v1/me/consent',
    summary: '同意新版隐私政策（版本更新后再次征求同意）',
    auth: 'member',
    body: AgreeConsentRequest,
    response: MyConsentResponse,
    errors: [...BAD_INPUT, ...SIGNED_IN, 'NOT_BOUND', 'CONSENT_OUTDATED'],
  },
  unbind: {
    method: 'POST',
    path: '/v1/me/unbind',
    summary: '解除绑定（可同时撤回同意）：这个微信的所有登录立即失效，公积金账户和余额不变',
    auth: 'member',
    body: UnbindRequest,
    response: UnbindResponse,
    errors: [...BAD_INPUT, ...SIGNED_IN, 'NOT_BOUND'],
  },
  startFaceCheck: {
    method: 'POST',
    path: '/v1/me/face-checks',
    summary: '人脸核验（一）：为一项敏感业务取微信人脸核身的 verifyId（实名绑定时带上姓名和身份证号，其余业务用账户登记的信息）',
    auth: 'session',
    body: FaceCheckStartRequest,
    response: FaceCheckStart,
    errors: [...BAD_INPUT, ...SIGNED_IN, 'NOT_BOUND', 'ALREADY_BOUND', 'ACCOUNT_NOT_FOUND', 'FACE_TOO_MANY_FAILURES', 'FACE_UNAVAILABLE'],
  },
  faceCheckResult: {
    method: 'POST',
    path: '/v1/me/face-checks/{checkId}/result',
    summary: '人脸核验（二）：刷脸后向微信查询结果；通过的核验 5 分钟内可用于这一项业务一次（不保存人脸图像，只保存结果）',
    auth: 'session',
    params: FaceCheckIdParam,
    body: FaceCheckResultRequest,
    response: FaceCheckResult,
    errors: [...BAD_INPUT, ...SIGNED_IN, 'FACE_CHECK_NOT_FOUND', 'FACE_TOO_MANY_FAILURES', 'FACE_UNAVAILABLE'],
  },
  myAccount: {
    method: 'GET',
    path: '/v1/me/account',
    summary: '我的公积金账户：余额、状态、月缴存额、缴存基数与比例、缴至年月',
    auth: 'member',
    response: AccountView,
    errors: [...SIGNED_IN, 'NOT_BOUND', 'ACCOUNT_NOT_FOUND'],
  },
  myLedger: {
    method: 'GET',
    path: '/v1/me/ledger',
    summary: '我的缴存明细：按时间倒序分页',
    auth: 'member',
    query: LedgerQuery,
    response: LedgerPage,
    errors: [...BAD_INPUT, ...SIGNED_IN, 'NOT_BOUND'],
  },
  staffLogin: {
    method: 'POST',
    path: '/v1/staff/auth/login',
    summary: '工作人员登录',
    auth: 'public',
    body: StaffLoginRequest,
    response: StaffSessionResponse,
    errors: [...BAD_INPUT, 'STAFF_LOGIN_FAILED', 'STAFF_DISABLED', 'TOO_MANY_ATTEMPTS'],
  },
  agencyLogin: {
    method: 'POST',
    path: '/v1/agency/auth/login',
    summary: '查验机构登录（其他公积金中心、贷款银行）',
    auth: 'public',
    body: AgencyLoginRequest,
    response: AgencySessionResponse,
    errors: [...BAD_INPUT, 'STAFF_LOGIN_FAILED', 'AGENCY_DISABLED', 'TOO_MANY_ATTEMPTS'],
  },
  postDepositBatch: {
    method: 'POST',
    path: '/v1/staff/deposit-batches',
    summary: '汇缴入账：提交银行的缴存批次（JSON，或 text/csv 加 ?batchId=），逐行返回入账结果；同一批次可重复提交，不会重复入账',
    auth: 'staff',
    roles: ['DEPOSIT_CLERK'],
    body: DepositBatchRequest,
    csv: depositBatchFromCsv,
    maxBodyBytes: 4 * 1024 * 1024,
    response: DepositBatchResponse,
    errors: [...BAD_INPUT, ...STAFF_ONLY],
  },
  previewDepositBatch: {
    method: 'POST',
    path: '/v1/staff/deposit-batches/preview',
    summary: '入账预检：不入账，逐行说明这个批次入账时会怎样（核定金额、未知账户、已入账月份、文件内重复）',
    auth: 'staff',
    roles: ['DEPOSIT_CLERK'],
    body: DepositBatchRequest,
    maxBodyBytes: 4 * 1024 * 1024,
    response: DepositPreviewResponse,
    errors: [...BAD_INPUT, ...STAFF_ONLY],
  },
  openAccount: {
    method: 'POST',
    path: '/v1/staff/accounts',
    summary: '开户',
    auth: 'staff',
    roles: ['ACCOUNT_CLERK'],
    body: OpenAccountRequest,
    response: StaffAccountView,
    errors: [...BAD_INPUT, ...STAFF_ONLY, 'ACCOUNT_EXISTS'],
  },
  staffAccount: {
    method: 'GET',
    path: '/v1/staff/accounts/{accountNo}',
    summary: '查看职工账户（工作人员）',
    auth: 'staff',
    roles: ['ACCOUNT_CLERK', 'DEPOSIT_CLERK', 'AUDITOR'],
    params: AccountNoParam,
    response: StaffAccountView,
    errors: [...BAD_INPUT, ...STAFF_ONLY, 'ACCOUNT_NOT_FOUND'],
  },
  staffAccountLedger: {
    method: 'GET',
    path: '/v1/staff/accounts/{accountNo}/ledger',
    summary: '职工账户明细（工作人员）：按时间倒序分页（limit 1–100，默认 20；nextCursor 取更早的）',
    auth: 'staff',
    roles: ['ACCOUNT_CLERK', 'DEPOSIT_CLERK', 'AUDITOR'],
    params: AccountNoParam,
    query: LedgerQuery,
    response: LedgerPage,
    errors: [...BAD_INPUT, ...STAFF_ONLY, 'ACCOUNT_NOT_FOUND'],
  },
  accountAuditTrail: {
    method: 'GET',
    path: '/v1/staff/accounts/{accountNo}/audit',
    summary: '账户操作记录（稽核、账户经办）：开户、封存、启封、销户、提取审核等，谁在什么时候做的、原因，最新的在前，分页',
    auth: 'staff',
    roles: ['ACCOUNT_CLERK', 'AUDITOR'],
    params: AccountNoParam,
    query: PageQuery,
    response: AccountAuditList,
    errors: [...BAD_INPUT, ...STAFF_ONLY],
  },
  searchAccounts: {
    method: 'POST',
    path: '/v1/staff/account-search',
    summary: '按姓名（全名或开头几个字）或身份证号查找职工账户（工作人员）；身份证号只按加密散列查找，结果脱敏，最多 20 个',
    auth: 'staff',
    roles: ['ACCOUNT_CLERK', 'DEPOSIT_CLERK', 'AUDITOR'],
    body: AccountSearchRequest,
    response: AccountSearchResponse,
    errors: [...BAD_INPUT, ...STAFF_ONLY],
  },
  sealAccount: {
    ...ACCOUNT_CHANGE,
    path: '/v1/staff/accounts/{accountNo}/seal',
    summary: '封存账户（如职工离职）',
    errors: [...BAD_INPUT, ...STAFF_ONLY, 'ACCOUNT_NOT_FOUND', 'ACCOUNT_NOT_NORMAL', 'ACCOUNT_CLOSED'],
  },
  unsealAccount: {
    ...ACCOUNT_CHANGE,
    path: '/v1/staff/accounts/{accountNo}/unseal',
    summary: '启封账户（如到新单位），可同时登记新单位和缴存基数、比例',
    errors: [...BAD_INPUT, ...STAFF_ONLY, 'ACCOUNT_NOT_FOUND', 'ACCOUNT_NOT_SEALED', 'ACCOUNT_CLOSED'],
  },
  closeAccount: {
    ...ACCOUNT_CHANGE,
    path: '/v1/staff/accounts/{accountNo}/close',
    summary: '销户（余额为零时）',
    errors: [...BAD_INPUT, ...STAFF_ONLY, 'ACCOUNT_NOT_FOUND', 'BALANCE_NOT_ZERO', 'ACCOUNT_FROZEN', 'ACCOUNT_CLOSED'],
  },
  previewClosingWithdrawal: {
    method: 'POST',
    path: '/v1/staff/accounts/{accountNo}/closing-withdrawal/preview',
    summary: '销户提取（出境定居、完全丧失劳动能力、身后一件事）办理前核对：余额 + 销户结息 = 提取金额、收款人、账户将销户；不写入任何内容',
    auth: 'staff',
    roles: ['ACCOUNT_CLERK'],
    params: AccountNoParam,
    body: ClosingWithdrawalRequest,
    response: ClosingWithdrawalPreview,
    errors: [...BAD_INPUT, ...STAFF_ONLY, 'ACCOUNT_NOT_FOUND', 'CLOSING_DOCUMENTS_MISSING', 'CLOSING_HELD', 'ACCOUNT_FROZEN', 'ACCOUNT_CLOSED', 'RETIREMENT_ALREADY_PREPARED'],
  },
  startClosingWithdrawal: {
    method: 'POST',
    path: '/v1/staff/accounts/{accountNo}/closing-withdrawal',
    summary: '柜台发起销户提取：材料逐项核验，收款人和银行卡登记后进入初审、复核（两位不同的审核人员），通过后付款并销户',
    auth: 'staff',
    roles: ['ACCOUNT_CLERK'],
    params: AccountNoParam,
    body: ClosingWithdrawalRequest,
    response: ClosingWithdrawalStarted,
    errors: [...BAD_INPUT, ...STAFF_ONLY, 'ACCOUNT_NOT_FOUND', 'CLOSING_DOCUMENTS_MISSING', 'CLOSING_HELD', 'ACCOUNT_FROZEN', 'ACCOUNT_CLOSED', 'APPLICATION_IN_FLIGHT', 'RETIREMENT_ALREADY_PREPARED'],
  },
  settleInterest: {
    method: 'POST',
    path: '/v1/staff/interest-settlements',
    summary: '年度结息：按积数给每个账户记一笔利息，同一年只记一次；可按 part 分段（0–7）执行以显示进度',
    auth: 'staff',
    roles: ['ACCOUNT_CLERK'],
    body: InterestSettlementRequest,
    response: InterestSettlementResponse,
    errors: [...BAD_INPUT, ...STAFF_ONLY, 'INTEREST_NOT_DUE'],
  },
  previewInterest: {
    method: 'POST',
    path: '/v1/staff/interest-settlements/preview',
    summary: '结息预览：不记账，按与结息相同的积数算法列出每个账户的积数和利息（已结息、已销户、利息为零的另列）和合计',
    auth: 'staff',
    roles: ['ACCOUNT_CLERK', 'AUDITOR'],
    body: InterestSettlementRequest,
    response: InterestPreviewResponse,
    errors: [...BAD_INPUT, ...STAFF_ONLY, 'INTEREST_NOT_DUE'],
  },
  issueCertificate: {
    method: 'POST',
    path: '/v1/me/certificates',
    summary: '开具电子证明（缴存证明 / 异地贷款缴存使用证明 / 贷款结清证明）；同一类型和用途已有有效证明时返回那一份',
    auth: 'member',
    idempotencyKey: true,
    faceCheck: true,
    body: IssueCertificateRequest,
    response: CertificateView,
    errors: [...BAD_INPUT, ...SIGNED_IN, ...FACE_CHECKED, 'IDEMPOTENCY_KEY_REQUIRED', 'IDEMPOTENCY_KEY_REUSED', 'NOT_BOUND', 'ACCOUNT_NOT_FOUND', 'ACCOUNT_CLOSED', 'CERT_NEEDS_NORMAL_ACCOUNT', 'NO_PAID_OFF_LOAN'],
  },
  myCertificates: {
    method: 'GET',
    path: '/v1/me/certificates',
    summary: '我开具过的电子证明',
    auth: 'member',
    response: CertificateList,
    errors: [...SIGNED_IN, 'NOT_BOUND'],
  },
  certificateCode: {
    method: 'POST',
    path: '/v1/me/certificates/{certificateId}/code',
    summary: '出示证明：取一个新的二维码（2 分钟内有效，每分钟刷新）',
    auth: 'member',
    params: CertificateIdParam,
    response: CertificateCode,
    errors: [...BAD_INPUT, ...SIGNED_IN, 'NOT_BOUND', 'CERT_NOT_FOUND', 'CERT_REVOKED', 'CERT_EXPIRED'],
  },
  revokeMyCertificate: {
    method: 'POST',
    path: '/v1/me/certificates/{certificateId}/revoke',
    summary: '撤销我的证明',
    auth: 'member',
    params: CertificateIdParam,
    response: CertificateView,
    errors: [...BAD_INPUT, ...SIGNED_IN, 'NOT_BOUND', 'CERT_NOT_FOUND', 'CERT_REVOKED'],
  },
  certificateVerifications: {
    method: 'GET',
    path: '/v1/me/certificates/{certificateId}/verifications',
    summary: '查验记录：谁在什么时候核验了我的证明',
    auth: 'member',
    params: CertificateIdParam,
    response: VerificationList,
    errors: [...BAD_INPUT, ...SIGNED_IN, 'NOT_BOUND', 'CERT_NOT_FOUND'],
  },
  staffCertificates: {
    method: 'POST',
    path: '/v1/staff/certificate-search',
    summary: '按个人账号或身份证号查找职工开具过的电子证明（工作人员，无需二维码）：类型、开具时间、状态（有效 / 已撤销 / 已过期，内容有变化的注明），最新的在前；身份证号只按加密散列查找',
    auth: 'staff',
    // finding a member by account or ID number is account search's (the same roles): reviewers
    // verify the codes they are shown but do not look members up
    roles: ['ACCOUNT_CLERK', 'DEPOSIT_CLERK', 'AUDITOR'],
    body: CertificateSearchRequest,
    response: StaffCertificateList,
    errors: [...BAD_INPUT, ...STAFF_ONLY],
  },
  staffRevokeCertificate: {
    method: 'POST',
    path: '/v1/staff/certificates/{certificateId}/revoke',
    summary: '撤销证明（工作人员）',
    auth: 'staff',
    roles: ['ACCOUNT_CLERK'],
    params: CertificateIdParam,
    body: AccountChangeRequest,
    response: CertificateView,
    errors: [...BAD_INPUT, ...STAFF_ONLY, 'CERT_NOT_FOUND', 'CERT_REVOKED'],
  },
  verifyCertificate: {
    method: 'POST',
    path: '/v1/verify',
    summary: '扫码核验证明：工作人员和登记的查验机构看到全部内容，公众看到脱敏内容；每次核验都会记录',
    auth: 'public-or-verifier',
    body: VerifyRequest,
    response: VerifyResponse,
    errors: [...BAD_INPUT, 'UNAUTHENTICATED', 'SESSION_EXPIRED', 'STAFF_DISABLED', 'AGENCY_DISABLED', 'RATE_LIMITED'],
  },
  certificateKeys: {
    method: 'GET',
    path: '/v1/keys',
    summary: '证明签名公钥（JWKS 格式，按 kid 轮换），供其他机构离线验签；可缓存 1 小时',
    auth: 'public',
    // verifiers cache the key set (docs/certificate-token.md): a rotation publishes a new key at
    // least this long before signing with it
    cacheSeconds: 3600,
    response: PublicKeySet,
    errors: [],
  },
  loanCities: {
    method: 'GET',
    path: '/v1/loan-cities',
    summary: '异地贷款可选的城市：按省份列出（国家标准 GB/T 2260 行政区划代码），开具异地贷款缴存使用证明时选用；可缓存一天',
    auth: 'public',
    // the list changes only with a new pinned division package, i.e. with a deploy
    cacheSeconds: 24 * 3600,
    response: LoanCityList,
    errors: [],
  },
  serviceGuide: {
    method: 'GET',
    path: '/v1/service-guide',
    summary: '服务指南：12329 热线、服务网点地址和开放时间、各类提取要带的材料和在哪里办、常见问题；可缓存 1 小时',
    auth: 'public',
    // city configuration (policy `service`): changes only with a deploy
    cacheSeconds: 3600,
    response: ServiceGuide,
    errors: [],
  },
  rentEligibility: {
    method: 'GET',
    path: '/v1/me/withdrawals/rent/eligibility',
    summary: '租房提取：本月能不能提、最多能提多少、为什么',
    auth: 'member',
    response: RentEligibility,
    errors: [...SIGNED_IN, 'NOT_BOUND', 'ACCOUNT_NOT_FOUND'],
  },
  submitRentWithdrawal: {
    method: 'POST',
    path: '/v1/me/withdrawals/rent',
    summary: '申请租房提取（需 Idempotency-Key 请求头；同一编号重复提交返回第一次的结果）',
    auth: 'member',
    idempotencyKey: true,
    faceCheck: true,
    body: RentWithdrawalRequest,
    response: WithdrawalView,
    errors: [
      ...BAD_INPUT, ...SIGNED_IN, ...FACE_CHECKED, 'NOT_BOUND', 'ACCOUNT_NOT_FOUND', 'IDEMPOTENCY_KEY_REQUIRED', 'IDEMPOTENCY_KEY_REUSED',
      'ALREADY_WITHDRAWN_THIS_MONTH', 'OVER_MONTHLY_LIMIT', 'INSUFFICIENT_BALANCE', 'ACCOUNT_NOT_ACTIVE', 'OWNS_HOME',
      'HAS_ACTIVE_LOAN', 'REPAYMENT_AGREEMENT_ACTIVE', 'DEPOSIT_MONTHS_SHORT', 'WITHDRAWAL_LOCKED', 'APPLICATION_IN_FLIGHT', 'BANK_CARD_NOT_ON_FILE',
      'BANK_CARD_COOLING_OFF', 'WRONG_MONTH',
    ],
  },
  myWithdrawals: {
    method: 'GET',
    path: '/v1/me/withdrawals',
    summary: '我的提取申请和办理进度：按申请时间倒序分页（limit 默认 20，最多 50；nextCursor 翻到更早的）',
    auth: 'member',
    query: WithdrawalListQuery,
    response: WithdrawalList,
    errors: [...BAD_INPUT, ...SIGNED_IN, 'NOT_BOUND'],
  },
  myWithdrawal: {
    method: 'GET',
    path: '/v1/me/withdrawals/{applicationId}',
    summary: '一笔提取申请的详情：完整办理进度、未通过的原因、到账时间、收款卡（脱敏）；只能看本人的',
    auth: 'member',
    params: ApplicationIdParam,
    response: WithdrawalView,
    errors: [...BAD_INPUT, ...SIGNED_IN, 'NOT_BOUND', 'APPLICATION_NOT_FOUND'],
  },
  cancelWithdrawal: {
    method: 'POST',
    path: '/v1/me/withdrawals/{applicationId}/cancel',
    summary: '撤回还没审核通过的提取申请',
    auth: 'member',
    params: ApplicationIdParam,
    response: WithdrawalView,
    errors: [...BAD_INPUT, ...SIGNED_IN, 'NOT_BOUND', 'APPLICATION_NOT_FOUND', 'NOT_CANCELLABLE'],
  },
  myWithdrawalSettings: {
    method: 'GET',
    path: '/v1/me/withdrawal-settings',
    summary: '提取锁和个人每月提取上限（保存的值和本市每月上限）',
    auth: 'member',
    response: WithdrawalSettings,
    errors: [...SIGNED_IN, 'NOT_BOUND', 'ACCOUNT_NOT_FOUND'],
  },
  withdrawalSettings: {
    method: 'PUT',
    path: '/v1/me/withdrawal-settings',
    summary: '修改提取锁或个人每月提取上限：只改传来的项；personalMonthlyLimitFen 为 null 时取消个人上限（按本市上限）；上限不能超过本市每月上限',
    auth: 'member',
    faceCheck: true,
    body: WithdrawalSettingsChange,
    response: WithdrawalSettings,
    errors: [...BAD_INPUT, ...SIGNED_IN, ...FACE_CHECKED, 'NOT_BOUND', 'ACCOUNT_NOT_FOUND', 'LIMIT_ABOVE_CITY_CAP'],
  },
  reviewQueue: {
    method: 'GET',
    path: '/v1/staff/withdrawals/review-queue',
    summary:
      '待审核的提取申请（含风险提示、租房信息），最早的在前，分页（limit 1–100，默认 50；nextCursor 取下一页，带同样的筛选条件）；可按审核进度 stage（first 待初审 / second 待复核）、flagged=true（有风险提示）、申请人账号 accountNo、申请日期 from–to（北京时间，含两端）筛选',
    auth: 'staff',
    roles: ['REVIEWER'],
    query: ReviewQueueQuery,
    response: ReviewQueue,
    errors: [...BAD_INPUT, ...STAFF_ONLY],
  },
  reviewWithdrawal: {
    method: 'POST',
    path: '/v1/staff/withdrawals/{applicationId}/review',
    summary: '审核提取申请：初审和复核须由两位不同的工作人员完成（交叉复核）',
    auth: 'staff',
    roles: ['REVIEWER'],
    params: ApplicationIdParam,
    body: ReviewRequest,
    response: WithdrawalView,
    errors: [...BAD_INPUT, ...STAFF_ONLY, 'APPLICATION_NOT_FOUND', 'NOT_REVIEWABLE', 'SAME_REVIEWER'],
  },
  staffWithdrawals: {
    method: 'GET',
    path: '/v1/staff/withdrawals',
    summary: '按状态列出提取申请，最早的在前（order=newest 时最新的在前），分页（limit 1–100，默认 50；nextCursor 取下一页，带同样的 order）',
    auth: 'staff',
    roles: ['REVIEWER', 'ACCOUNT_CLERK', 'AUDITOR'],
    query: StaffWithdrawalQuery,
    response: StaffWithdrawalList,
    errors: [...BAD_INPUT, ...STAFF_ONLY],
  },
  staffWithdrawal: {
    method: 'GET',
    path: '/v1/staff/withdrawals/{applicationId}',
    summary: '一笔提取申请的全部情况（工作人员）：租房信息、风险提示、初审和复核、办理经过、这位职工的其他申请',
    auth: 'staff',
    roles: ['REVIEWER', 'ACCOUNT_CLERK', 'AUDITOR'],
    params: ApplicationIdParam,
    response: StaffWithdrawalDetail,
    errors: [...BAD_INPUT, ...STAFF_ONLY, 'APPLICATION_NOT_FOUND'],
  },
  reconcileWithdrawal: {
    method: 'POST',
    path: '/v1/staff/withdrawals/{applicationId}/reconcile',
    summary: '对账：请付款程序马上向银行查询这笔付款（先查询，银行没收到才重发，不会重复付款）；立即返回当前状态',
    auth: 'staff',
    roles: ['REVIEWER', 'ACCOUNT_CLERK'],
    params: ApplicationIdParam,
    response: WithdrawalView,
    errors: [...BAD_INPUT, ...STAFF_ONLY, 'APPLICATION_NOT_FOUND'],
  },
  manualChecks: {
    method: 'GET',
    path: '/v1/staff/withdrawals/manual-checks',
    summary: '人工核查：银行在规定次数和时间内没有给出结果的付款（最早的在前）',
    auth: 'staff',
    roles: ['REVIEWER', 'ACCOUNT_CLERK'],
    response: ManualCheckList,
    errors: [...STAFF_ONLY],
  },
  resolveManualCheck: {
    method: 'POST',
    path: '/v1/staff/withdrawals/{applicationId}/resolve',
    summary: '人工核查结果：与银行核实后登记已转出（已到账）或没有转出（钱退回公积金账户）；与审计记录同一事务',
    auth: 'staff',
    roles: ['REVIEWER'],
    params: ApplicationIdParam,
    body: ResolveManualCheckRequest,
    response: WithdrawalView,
    errors: [...BAD_INPUT, ...STAFF_ONLY, 'APPLICATION_NOT_FOUND', 'NOT_IN_MANUAL_CHECK'],
  },
  reportSubscriptions: {
    method: 'POST',
    path: '/v1/me/subscriptions',
    summary: '记录到账提醒授权（wx.requestSubscribeMessage 的结果）：每次同意可收到一条提醒',
    auth: 'member',
    body: SubscriptionReport,
    response: SubscriptionStates,
    errors: [...BAD_INPUT, ...SIGNED_IN, 'NOT_BOUND'],
  },
  mySubscriptions: {
    method: 'GET',
    path: '/v1/me/subscriptions',
    summary: '到账提醒还剩几次',
    auth: 'member',
    response: SubscriptionStates,
    errors: [...SIGNED_IN, 'NOT_BOUND'],
  },
  myReminderSettings: {
    method: 'GET',
    path: '/v1/me/reminder-settings',
    summary: '到账提醒各类型的开关（没设过的为开）',
    auth: 'member',
    response: ReminderSettings,
    errors: [...SIGNED_IN, 'NOT_BOUND', 'ACCOUNT_NOT_FOUND'],
  },
  reminderSettings: {
    method: 'PUT',
    path: '/v1/me/reminder-settings',
    summary: '按类型开关到账提醒：只改传来的开关',
    auth: 'member',
    body: ReminderSettingsChange,
    response: ReminderSettings,
    errors: [...BAD_INPUT, ...SIGNED_IN, 'NOT_BOUND', 'ACCOUNT_NOT_FOUND'],
  },
  myRetirement: {
    method: 'GET',
    path: '/v1/me/retirement',
    summary: '离退休提取（免申即享）：按人社退休记录为您准备好的全部提取——金额（余额、销户结息、还贷）、收款卡（脱敏）、能做什么；没有时 status 为 NONE',
    auth: 'member',
    response: RetirementView,
    errors: [...SIGNED_IN, 'NOT_BOUND'],
  },
  confirmRetirement: {
    method: 'POST',
    path: '/v1/me/retirement/confirm',
    summary: '确认离退休提取（需人脸核验）：按今天重新计算销户结息，全部余额转到收款卡，到账后销户',
    auth: 'member',
    faceCheck: true,
    response: RetirementView,
    errors: [...SIGNED_IN, ...FACE_CHECKED, 'NOT_BOUND', 'ACCOUNT_NOT_FOUND', 'RETIREMENT_NOT_PREPARED', 'RETIREMENT_HELD', 'APPLICATION_IN_FLIGHT'],
  },
  declineRetirement: {
    method: 'POST',
    path: '/v1/me/retirement/decline',
    summary: '暂不在线提取，到柜台办理：之后不再自动准备或自动转账',
    auth: 'member',
    response: RetirementView,
    errors: [...SIGNED_IN, 'NOT_BOUND', 'RETIREMENT_NOT_PREPARED'],
  },
  changeRetirementCard: {
    method: 'POST',
    path: '/v1/me/retirement/card',
    summary: '更换离退休提取的收款银行卡（需人脸核验；只能是本人的卡）',
    auth: 'member',
    faceCheck: true,
    body: RetirementCardChange,
    response: RetirementView,
    errors: [...BAD_INPUT, ...SIGNED_IN, ...FACE_CHECKED, 'NOT_BOUND', 'RETIREMENT_NOT_PREPARED'],
  },
  myLoans: {
    method: 'GET',
    path: '/v1/me/loans',
    summary: '我的公积金贷款：剩余本金、本月应还和还款日、还款计划、还款记录、是否逾期，以及按月还贷（约定提取）的签约',
    auth: 'member',
    response: MyLoans,
    errors: [...SIGNED_IN, 'NOT_BOUND', 'ACCOUNT_NOT_FOUND'],
  },
  signRepaymentAgreement: {
    method: 'POST',
    path: '/v1/me/loans/agreement',
    summary: '签约用公积金按月还贷（约定提取，需人脸核验）：公积金贷款按月对冲，或合作银行的商业贷款自动划转；每月从公积金账户转出本月应还（保留最低余额），不足部分当天告诉您自己还',
    auth: 'member',
    faceCheck: true,
    body: SignAgreementRequest,
    response: MyLoans,
    errors: [...BAD_INPUT, ...SIGNED_IN, ...FACE_CHECKED, 'NOT_BOUND', 'ACCOUNT_NOT_FOUND', 'ACCOUNT_NOT_NORMAL', 'LOAN_NOT_FOUND', 'LOAN_NOT_OUTSTANDING', 'AGREEMENT_EXISTS', 'BANK_NOT_COOPERATING'],
  },
  cancelRepaymentAgreement: {
    method: 'POST',
    path: '/v1/me/loans/agreement/cancel',
    summary: '取消按月还贷签约：本月照常代还（已代还的不退），下月起不再从公积金账户还贷',
    auth: 'member',
    response: MyLoans,
    errors: [...SIGNED_IN, 'NOT_BOUND', 'ACCOUNT_NOT_FOUND', 'NO_ACTIVE_AGREEMENT'],
  },
  myMessages: {
    method: 'GET',
    path: '/v1/me/messages',
    summary: '消息：每一笔到账提醒（不论微信是否送达）',
    auth: 'member',
    response: MessageList,
    errors: [...SIGNED_IN, 'NOT_BOUND'],
  },
  myRatings: {
    method: 'GET',
    path: '/v1/me/ratings',
    summary: '好差评：我办过的服务（办结后可评价的期限内），评价过的带上评价和差评工单的进展',
    auth: 'member',
    response: MyRatings,
    errors: [...SIGNED_IN, 'NOT_BOUND'],
  },
  rateService: {
    method: 'POST',
    path: '/v1/me/ratings',
    summary: '评价一项服务（非常满意 … 非常不满意，可选理由和意见）：每项服务一次，重发同样的评价答同一条；差评即生成整改工单',
    auth: 'member',
    body: RateServiceRequest,
    response: RatingView,
    errors: [...BAD_INPUT, ...SIGNED_IN, 'NOT_BOUND', 'SERVICE_NOT_RATEABLE', 'RATING_WINDOW_CLOSED', 'ALREADY_RATED'],
  },
  declineRating: {
    method: 'POST',
    path: '/v1/me/ratings/{serviceId}/decline',
    summary: '不用了：这项服务不再提示评价（换一台手机也不再问）；之后仍可在“我的评价”里评价',
    auth: 'member',
    params: ServiceIdParam,
    response: RatingDeclined,
    errors: [...BAD_INPUT, ...SIGNED_IN, 'NOT_BOUND', 'SERVICE_NOT_RATEABLE'],
  },
  replyToRatingCase: {
    method: 'POST',
    path: '/v1/me/ratings/{serviceId}/reply',
    summary: '回访之后，评价人说明问题是否已解决（工单办结）',
    auth: 'member',
    params: ServiceIdParam,
    body: MemberReplyRequest,
    response: RatingView,
    errors: [...BAD_INPUT, ...SIGNED_IN, 'NOT_BOUND', 'SERVICE_NOT_RATEABLE', 'NOTHING_TO_REPLY'],
  },
  staffRatingCases: {
    method: 'GET',
    path: '/v1/staff/rating-cases',
    summary: '差评工单（按办理期限，最早到期的在前），可按状态筛选；按网点筛选时分页（limit、cursor）',
    auth: 'staff',
    roles: RATING_CASE_ROLES,
    query: RatingCaseQuery,
    response: RatingCaseList,
    errors: [...BAD_INPUT, ...STAFF_ONLY],
  },
  staffRatingCase: {
    method: 'GET',
    path: '/v1/staff/rating-cases/{caseId}',
    summary: '一个差评工单：评价、每一步办理和回访用的手机号（完整）',
    auth: 'staff',
    roles: RATING_CASE_ROLES,
    params: RatingCaseIdParam,
    response: RatingCaseDetail,
    errors: [...BAD_INPUT, ...STAFF_ONLY, 'RATING_CASE_NOT_FOUND'],
  },
  ratingCaseStep: {
    method: 'POST',
    path: '/v1/staff/rating-cases/{caseId}/steps',
    summary: '办理差评工单的一步：核实、整改、回访、申诉；申诉由另一位工作人员（审计）决定成立或不成立；与审计记录同一事务',
    auth: 'staff',
    roles: RATING_CASE_ROLES,
    params: RatingCaseIdParam,
    body: RatingCaseStepRequest,
    response: RatingCaseDetail,
    errors: [...BAD_INPUT, ...STAFF_ONLY, 'RATING_CASE_NOT_FOUND', 'CASE_STEP_NOT_ALLOWED', 'APPEAL_BY_ANOTHER'],
  },
  ratingFigures: {
    method: 'GET',
    path: '/v1/staff/rating-figures',
    summary: '好差评统计（按月）：每项服务、每个网点的办件数、评价数、评价率、满意率、差评和工单状态',
    auth: 'staff',
    roles: ['AUDITOR', 'ADMIN'],
    query: RatingMonthQuery,
    response: RatingFiguresResponse,
    errors: [...BAD_INPUT, ...STAFF_ONLY],
  },
  reconciliationDay: {
    method: 'GET',
    path: '/v1/staff/reconciliation/days/{date}',
    summary: '日清：这一天每个银行账户的对账结果（对账单与账上的发生额）、未达账项及说明、在途款项和日结状态',
    auth: 'staff',
    roles: RECONCILIATION_ROLES,
    params: ReconciliationDateParam,
    response: ReconciliationDayView,
    errors: [...BAD_INPUT, ...STAFF_ONLY],
  },
  reconciliationNote: {
    method: 'POST',
    path: '/v1/staff/reconciliation/days/{date}/notes',
    summary: '给一笔未达账项写明原因（与审计记录同一事务）；日结提交后不能再改',
    auth: 'staff',
    roles: RECONCILIATION_ROLES,
    params: ReconciliationDateParam,
    body: ReconciliationNoteRequest,
    response: ReconciliationDayView,
    errors: [...BAD_INPUT, ...STAFF_ONLY, 'UNMATCHED_ITEM_NOT_FOUND', 'DAY_CLOSED'],
  },
  proposeDayClose: {
    method: 'POST',
    path: '/v1/staff/reconciliation/days/{date}/close',
    summary: '提交日结：每个银行账户这一天都已对平，或每笔未达账项都写明了原因；由另一位工作人员复核',
    auth: 'staff',
    roles: RECONCILIATION_ROLES,
    params: ReconciliationDateParam,
    response: ReconciliationDayView,
    errors: [...BAD_INPUT, ...STAFF_ONLY, 'DAY_NOT_IMPORTED', 'DAY_NOT_EXPLAINED', 'DAY_CLOSED'],
  },
  approveDayClose: {
    method: 'POST',
    path: '/v1/staff/reconciliation/days/{date}/close/approve',
    summary: '复核日结（不能复核自己提交的）；日结后这一天不再接受补记',
    auth: 'staff',
    roles: RECONCILIATION_ROLES,
    params: ReconciliationDateParam,
    response: ReconciliationDayView,
    errors: [...BAD_INPUT, ...STAFF_ONLY, 'DAY_CLOSE_NOT_PROPOSED', 'DAY_CLOSE_SAME_PERSON'],
  },
  ratingExport: {
    method: 'GET',
    path: '/v1/staff/rating-export',
    summary: '好差评数据导出（按月），字段与政务服务好差评系统一致：事项、网点、渠道、评价等级、时间、差评处理结果；不含身份证号和手机号，评价内容只给政策 rating.commentRoles 所列岗位',
    auth: 'staff',
    roles: ['AUDITOR', 'ADMIN'],
    query: RatingMonthQuery,
    response: RatingExport,
    errors: [...BAD_INPUT, ...STAFF_ONLY],
  },
} as const satisfies Record<string, RouteSpec>;

export type RouteName = keyof typeof routes;
export type ResponseOf<N extends RouteName> = z.infer<(typeof routes)[N]['response']>;
export type BodyOf<N extends RouteName> = (typeof routes)[N] extends { body: infer B extends z.ZodMiniType }
  ? z.input<B>
  : never;
export type ParamsOf<N extends RouteName> = (typeof routes)[N] extends { params: infer P extends z.ZodMiniType } ? z.input<P> : never;
export type QueryOf<N extends RouteName> = (typeof routes)[N] extends { query: infer Q extends z.ZodMiniType } ? z.input<Q> : never;
