import * as z from 'zod/mini';
import { CalendarDate, FenAmount, YearMonth } from './common';
import { AccountStatus, SealReason } from './account';
import { plainText } from './text';
import { idNumberProblem } from '../identity';

/** What a staff member may do; a route names the roles it needs. */
export const StaffRole = z.enum(['DEPOSIT_CLERK', 'ACCOUNT_CLERK', 'REVIEWER', 'AUDITOR', 'ADMIN']);
export type StaffRole = z.infer<typeof StaffRole>;

export const StaffLoginRequest = z.object({
  username: z.string().check(z.trim(), z.regex(/^[a-z0-9_.-]{3,32}$/, { error: '用户名为 3 到 32 位小写字母、数字' })),
  password: z.string().check(z.minLength(1, { error: '请填写密码' }), z.maxLength(128, { error: '密码太长了' })),
});
export type StaffLoginRequest = z.infer<typeof StaffLoginRequest>;

export const StaffSessionResponse = z.object({
  token: z.string(),
  expiresAt: z.string(),
  username: z.string(),
  displayName: z.string(),
  roles: z.array(StaffRole),
});

export const AccountNoParam = z.object({
  accountNo: z.string().check(z.regex(/^\d{12}$/, { error: '个人账号应为 12 位数字' })),
});

export const OpenAccountRequest = z.object({
  accountNo: z.string().check(z.regex(/^\d{12}$/, { error: '个人账号应为 12 位数字' })),
  name: plainText({ label: '姓名', min: { length: 2, message: '请填写姓名' }, max: 30 }),
  idNumber: z.string().check(z.trim(), z.length(18, { error: '身份证号应为 18 位' })),
  phone: z.string().check(z.regex(/^1[3-9]\d{9}$/, { error: '手机号应为 11 位数字' })),
  bankCard: z.optional(z.string().check(z.regex(/^\d{12,19}$/, { error: '银行卡号应为 12 到 19 位数字' }))),
  employer: plainText({ label: '单位名称', min: { length: 2, message: '请填写单位名称' }, max: 60 }),
  openedOn: CalendarDate,
  depositBaseFen: FenAmount.check(z.minimum(0)),
  unitRateBasisPoints: z.int(),
  personalRateBasisPoints: z.int(),
});
export type OpenAccountRequest = z.infer<typeof OpenAccountRequest>;

export const AccountChangeRequest = z.object({
  reason: plainText({ label: '办理原因', min: { length: 2, message: '请写明办理原因' }, max: 200 }),
  /** Sealing: why (退休 / 离职 / 单位停缴), which decides what the member is advised. */
  sealReason: z.optional(SealReason),
  /** Unsealing at a new employer: the new employer and its deposit base and rates. */
  employer: z.optional(plainText({ label: '单位名称', min: { length: 2, message: '请填写单位名称' }, max: 60 })),
  depositBaseFen: z.optional(FenAmount.check(z.minimum(0))),
  unitRateBasisPoints: z.optional(z.int()),
  personalRateBasisPoints: z.optional(z.int()),
});
export type AccountChangeRequest = z.infer<typeof AccountChangeRequest>;

export const StaffAccountView = z.object({
  accountNo: z.string(),
  name: z.string(),
  idNumberMasked: z.string(),
  employer: z.string(),
  status: AccountStatus,
  sealReason: z.optional(SealReason),
  sealedOn: z.optional(CalendarDate),
  frozen: z.boolean(),
  balanceFen: FenAmount,
  depositBaseFen: FenAmount,
  unitRateBasisPoints: z.int(),
  personalRateBasisPoints: z.int(),
  paidUpTo: z.optional(YearMonth),
  continuousMonths: z.int(),
  /** Months missed between the first deposit and paidUpTo (中断, which 补缴 can fill). */
  missedMonths: z.int(),
  /** The months deposited, as inclusive ranges oldest first; a gap between two ranges is missed. */
  depositedMonths: z.array(z.tuple([YearMonth, YearMonth])),
  version: z.int(),
});
export type StaffAccountView = z.infer<typeof StaffAccountView>;

/**
 * 账户查询 by name (the whole name, or its first characters) or by ID number — exactly one of the
 * two. The ID number is sent in the body, never in a URL (URLs end up in access logs), and is only
 * ever used hashed.
 */
const IdNumberSearch = z.string().check(
  z.refine((text) => idNumberProblem(text) === undefined, { error: (issue) => idNumberProblem(String(issue.input)) ?? '身份证号不正确' }),
);

export const AccountSearchRequest = z
  .object({
    name: z.optional(plainText({ label: '姓名', min: { length: 1, message: '请填写姓名' }, max: 30 })),
    idNumber: z.optional(IdNumberSearch),
  })
  .check(z.refine((search) => (search.name === undefined) !== (search.idNumber === undefined), { error: '请只按姓名或只按身份证号查询' }));
export type AccountSearchRequest = z.infer<typeof AccountSearchRequest>;

/**
 * 电子证明 look-up without a code: a member's issued certificates by account number or by ID number
 * (hashed, as account search does; in the body, never in a URL), exactly one of the two.
 */
export const CertificateSearchRequest = z
  .object({
    accountNo: z.optional(z.string().check(z.trim(), z.regex(/^\d{12}$/, { error: '个人账号应为 12 位数字' }))),
    idNumber: z.optional(IdNumberSearch),
  })
  .check(z.refine((search) => (search.accountNo === undefined) !== (search.idNumber === undefined), { error: '请只按个人账号或只按身份证号查询' }));
export type CertificateSearchRequest = z.infer<typeof CertificateSearchRequest>;

/** One account found, as a list shows it: the ID number masked, no phone, no card. */
export const AccountSearchHit = z.object({
  accountNo: z.string(),
  name: z.string(),
  idNumberMasked: z.string(),
  employer: z.string(),
  status: AccountStatus,
  frozen: z.boolean(),
});
export const AccountSearchResponse = z.object({
  items: z.array(AccountSearchHit),
  /** More accounts match than were listed: type more of the name. */
  more: z.boolean(),
});
export type AccountSearchResponse = z.infer<typeof AccountSearchResponse>;

/** One record of an account's audit trail: when, who (the staff login), what in words, and why. */
export const AccountAuditRecord = z.object({
  time: z.string(),
  actor: z.string(),
  action: z.string(),
  label: z.string(),
  /** The reason the staff member wrote. */
  reason: z.optional(z.string()),
  /** What else the record says (封存原因, the employer at opening), in words. */
  note: z.optional(z.string()),
});
export type AccountAuditRecord = z.infer<typeof AccountAuditRecord>;
export const AccountAuditList = z.object({ records: z.array(AccountAuditRecord), nextCursor: z.optional(z.string()) });

export const DepositLineOutcome = z.enum(['posted', 'duplicate', 'rejected', 'pending']);
export const DepositLineResult = z.object({
  lineNo: z.int(),
  accountNo: z.string(),
  outcome: DepositLineOutcome,
  entryId: z.optional(z.string()),
  code: z.optional(z.string()),
  message: z.optional(z.string()),
});
export type DepositLineResult = z.infer<typeof DepositLineResult>;

export const DepositBatchResponse = z.object({
  batchId: z.string(),
  /** False when the time budget ran out: post the same batch again to finish the pending lines. */
  complete: z.boolean(),
  counts: z.object({ posted: z.int(), duplicate: z.int(), rejected: z.int(), pending: z.int() }),
  results: z.array(DepositLineResult),
});
export type DepositBatchResponse = z.infer<typeof DepositBatchResponse>;

/**
 * The accounts are listed in this many parts (the account listing's shards): a settlement, or its
 * preview, may run one part at a time, so the console shows its progress and each call stays well
 * inside one invocation's time.
 */
export const ACCOUNT_LIST_PARTS = 8;

export const InterestSettlementRequest = z.object({
  year: z.int().check(z.minimum(2000), z.maximum(2100)),
  /** One part of the accounts (0 .. ACCOUNT_LIST_PARTS − 1); without it, all of them. */
  part: z.optional(z.int().check(z.minimum(0, { error: '分段应为 0 到 7' }), z.maximum(ACCOUNT_LIST_PARTS - 1, { error: '分段应为 0 到 7' }))),
});
export const InterestSettlementResponse = z.object({
  year: z.int(),
  part: z.optional(z.int()),
  parts: z.int(),
  complete: z.boolean(),
  counts: z.object({ posted: z.int(), duplicate: z.int(), skipped: z.int(), pending: z.int() }),
  totalInterestFen: FenAmount,
});

export const InterestOutcome = z.enum(['due', 'settled', 'closed', 'zero']);
/** 积数 in fen·days, as decimal text: a large balance over a year passes 2^53. */
const FenDays = z.string().check(z.regex(/^\d+$/));
export const InterestPreviewRow = z.object({
  accountNo: z.string(),
  name: z.string(),
  outcome: InterestOutcome,
  /** Absent when already settled or closed (nothing is computed for them). */
  balanceIntegralFenDays: z.optional(FenDays),
  /** Due: what the run will credit; settled: what was credited. */
  interestFen: z.optional(FenAmount),
});
export const InterestPreviewResponse = z.object({
  year: z.int(),
  part: z.optional(z.int()),
  parts: z.int(),
  periodStart: CalendarDate,
  periodEnd: CalendarDate,
  rateBasisPoints: z.int(),
  /** False when the time budget ran out before every account was read: ask again. */
  complete: z.boolean(),
  counts: z.object({ due: z.int(), settled: z.int(), closed: z.int(), zero: z.int(), pending: z.int() }),
  /** Σ 积数 and Σ interest of the accounts the run will credit. */
  dueIntegralFenDays: FenDays,
  dueInterestFen: FenAmount,
  /** The accounts read, by account number; at most PREVIEW_ROWS of them (the counts and sums cover all). */
  rows: z.array(InterestPreviewRow),
  rowsTruncated: z.boolean(),
});
export type InterestPreviewResponse = z.infer<typeof InterestPreviewResponse>;
