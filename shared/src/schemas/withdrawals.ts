import { CounterClosingSummary } from '../closing-withdrawal';
import * as z from 'zod/mini';
import { CalendarDate, FenAmount, YearMonth } from './common';
import { PageQuery } from './ledger';
import { REGISTERED_CONTRACT_NO } from '../text';
import { plainText } from './text';

export const LeaseFacts = z.object({
  address: plainText({ label: '租住房屋地址', min: { length: 5, message: '请填写租住房屋的详细地址' }, max: 100 }),
  landlordName: plainText({ label: '房东姓名或出租单位', min: { length: 2, message: '请填写房东姓名或出租单位' }, max: 60 }),
  /** The landlord's bank account that receives the rent (for the fake-lease ring check). */
  landlordAccount: z.string().check(z.regex(/^\d{8,30}$/, { error: '房东收款账号应为 8 到 30 位数字' })),
  monthlyRentFen: FenAmount.check(z.minimum(1, { error: '请填写月租金' }), z.maximum(100_000_000)),
  /** 备案合同编号, when the lease is registered. */
  registeredContractNo: z.optional(
    plainText({ label: '备案合同编号', max: 40 }).check(
      z.regex(REGISTERED_CONTRACT_NO, { error: '备案合同编号为 4 到 40 位汉字、字母、数字或“-”' }),
    ),
  ),
});
export type LeaseFacts = z.infer<typeof LeaseFacts>;

export const RentWithdrawalRequest = z
  .object({
    month: YearMonth,
    amountFen: FenAmount.check(z.minimum(1, { error: '提取金额应大于 0' })),
    lease: LeaseFacts,
    /** A card typed in full; the money goes only to the member's own card on file. */
    bankCard: z.optional(z.string().check(z.regex(/^\d{12,19}$/, { error: '银行卡号应为 12 到 19 位数字' }))),
    /** The card on file, chosen instead of typed: the phone never holds its number. */
    useCardOnFile: z.optional(z.literal(true)),
  })
  .check(
    z.refine((body) => (body.bankCard !== undefined) !== (body.useCardOnFile === true), {
      error: '请选择预留的银行卡，或输入完整卡号（二者选一）',
      path: ['bankCard'],
    }),
  );
export type RentWithdrawalRequest = z.infer<typeof RentWithdrawalRequest>;

export const WithdrawalStatus = z.enum([
  'PENDING_REVIEW', // 审核中 (a first decision may be recorded, awaiting the second)
  'APPROVED', // 已通过, about to be paid
  'PAYING', // 付款中
  'MANUAL_CHECK', // 付款核查中: the bank's answer unknown past the policy's limits, staff check it (人工核查)
  'PAID', // 已到账
  'REJECTED', // 未通过
  'CANCELLED', // 已撤回
  'PAYOUT_FAILED', // 付款失败，钱已退回账户
]);
export type WithdrawalStatus = z.infer<typeof WithdrawalStatus>;

export const WITHDRAWAL_STATUS_LABELS: Record<WithdrawalStatus, string> = {
  PENDING_REVIEW: '审核中',
  APPROVED: '已通过',
  PAYING: '付款中',
  MANUAL_CHECK: '付款核查中',
  PAID: '已到账',
  REJECTED: '未通过',
  CANCELLED: '已撤回',
  PAYOUT_FAILED: '付款失败，钱已退回公积金账户',
};

export const RiskFlag = z.object({ code: z.string(), reason: z.string() });
export type RiskFlag = z.infer<typeof RiskFlag>;

export const TimelineStep = z.object({ status: WithdrawalStatus, label: z.string(), at: z.string(), note: z.optional(z.string()) });

export const WithdrawalView = z.object({
  applicationId: z.string(),
  /** RENT: 租房提取; RETIREMENT: 离退休提取; CLOSING: a counter's 销户提取 (the whole account, closed once paid); LOAN_TRANSFER: 商贷自动划转, a month's repayment to a bank. */
  kind: z.enum(['RENT', 'RETIREMENT', 'CLOSING', 'LOAN_TRANSFER']),
  month: YearMonth,
  amountFen: FenAmount,
  status: WithdrawalStatus,
  statusLabel: z.string(),
  bankCardMasked: z.string(),
  /** Rent only. */
  leaseAddress: z.optional(z.string()),
  createdAt: z.string(),
  /** Why it was not approved, in plain words. */
  rejectionReason: z.optional(z.string()),
  /** Why the bank could not pay it and where the money is, in plain words (付款失败). */
  payoutFailure: z.optional(z.string()),
  /** When the bank paid it (the 已到账 step). */
  paidAt: z.optional(z.string()),
  timeline: z.array(TimelineStep),
  cancellable: z.boolean(),
});
export type WithdrawalView = z.infer<typeof WithdrawalView>;

/** Newest first; `nextCursor` when older applications follow. */
export const WithdrawalList = z.object({ withdrawals: z.array(WithdrawalView), nextCursor: z.optional(z.string()) });
export type WithdrawalList = z.infer<typeof WithdrawalList>;

export const RentEligibility = z.object({
  month: YearMonth,
  eligible: z.boolean(),
  /** What the member may withdraw this month now, in fen (0 when not eligible). */
  maxAmountFen: FenAmount,
  monthlyCapFen: FenAmount,
  /** Each rule with whether it is met and, if not, what to do. */
  checks: z.array(z.object({ code: z.string(), ok: z.boolean(), message: z.string() })),
});
export type RentEligibility = z.infer<typeof RentEligibility>;

export const ApplicationIdParam = z.object({
  applicationId: z.string().check(z.regex(/^[A-Za-z0-9]{10,40}$/, { error: '申请编号不正确' })),
});

export const ReviewRequest = z.object({
  decision: z.enum(['APPROVE', 'REJECT']),
  reason: plainText({ label: '审核意见', min: { length: 2, message: '请写明审核意见' }, max: 200 }),
});

export const ReviewQueueItem = z.object({
  applicationId: z.string(),
  accountNo: z.string(),
  memberName: z.string(),
  month: YearMonth,
  amountFen: FenAmount,
  createdAt: z.string(),
  flags: z.array(RiskFlag),
  /** Rent only. */
  lease: z.optional(LeaseFacts),
  /** A counter's 销户提取: what kind, who is paid, the documents the clerk saw, the figures. */
  closing: z.optional(CounterClosingSummary),
  firstDecision: z.optional(z.object({ by: z.string(), decision: z.enum(['APPROVE', 'REJECT']), reason: z.string(), at: z.string() })),
});
/** One page of the review queue, oldest first; `nextCursor` asks for the next page. */
export const ReviewQueue = z.object({ items: z.array(ReviewQueueItem), nextCursor: z.optional(z.string()) });

/** 提取锁 and the personal limit as saved, with the city's cap the limit may not exceed. */
export const WithdrawalSettings = z.object({
  /** 提取锁: no withdrawal at all while on. */
  locked: z.boolean(),
  /** A personal monthly limit at most the city's cap, in fen; absent = the city's cap. */
  personalMonthlyLimitFen: z.optional(FenAmount),
  /** The city's monthly cap (policy rent.monthlyCapFen). */
  monthlyCapFen: FenAmount,
});
export type WithdrawalSettings = z.infer<typeof WithdrawalSettings>;

const LIMIT_MESSAGE = '个人每月提取上限应为金额（以分计的整数），例如 100000 表示 1,000 元';

/**
 * A change to the withdrawal settings: only the fields sent change. `personalMonthlyLimitFen: null`
 * removes the personal limit (back to the city's cap); leaving it out keeps it.
 */
export const WithdrawalSettingsChange = z
  .object({
    locked: z.optional(z.boolean({ error: '提取锁应为开或关' })),
    personalMonthlyLimitFen: z.optional(
      z.nullable(
        z
          .int({ error: LIMIT_MESSAGE })
          .check(z.minimum(0, { error: '个人每月提取上限不能小于 0' }), z.maximum(1e13, { error: LIMIT_MESSAGE })),
      ),
    ),
  })
  .check(z.refine((change) => change.locked !== undefined || change.personalMonthlyLimitFen !== undefined, { error: '请至少修改一项设置' }));
export type WithdrawalSettingsChange = z.infer<typeof WithdrawalSettingsChange>;

/** One page of the member's applications, newest first. */
export const WithdrawalListQuery = z.object({
  limit: z.optional(
    z
      .pipe(
        z.string().check(z.regex(/^\d{1,2}$/, { error: '每页条数应为 1 到 50 的整数' })),
        z.transform((text) => Number(text)),
      )
      .check(z.refine((n) => n >= 1 && n <= 50, { error: '每页条数应为 1 到 50 的整数' })),
  ),
  cursor: z.optional(z.string().check(z.regex(/^[A-Za-z0-9_-]{1,200}$/, { error: '翻页标记无效，请从第一页重新加载' }))),
});
export type WithdrawalListQuery = z.infer<typeof WithdrawalListQuery>;

/** 人工核查: one payout whose outcome the bank has not told us within the payout policy's limits. */
export const ManualCheckItem = z.object({
  applicationId: z.string(),
  accountNo: z.string(),
  memberName: z.string(),
  kind: z.enum(['RENT', 'RETIREMENT', 'CLOSING', 'LOAN_TRANSFER']),
  amountFen: FenAmount,
  bankCardMasked: z.string(),
  /** When the money was debited and the payout started. */
  payingSince: z.string(),
  /** Sends and lookups so far. */
  attempts: z.int(),
  /** When the worker looks it up again by itself (it is never resent). */
  nextLookupAt: z.optional(z.string()),
});
export const ManualCheckList = z.object({ items: z.array(ManualCheckItem) });

/** What the bank confirmed to staff for a payout in 人工核查. */
export const ResolveManualCheckRequest = z.object({
  outcome: z.enum(['PAID', 'NOT_PAID'], { error: '请选择银行核实的结果：已转出或没有转出' }),
  reason: plainText({ label: '核实情况', min: { length: 2, message: '请写明与银行核实的情况' }, max: 200 }),
});

/** A staff list of applications in one state (processed history, payouts under way or failed). */
export const StaffWithdrawalQuery = z.object({
  status: z.enum(WithdrawalStatus.options, { error: '申请状态不正确' }),
  limit: z.optional(
    z
      .pipe(
        z.string().check(z.regex(/^\d{1,3}$/, { error: '每页条数应为 1 到 100 的整数' })),
        z.transform((text) => Number(text)),
      )
      .check(z.refine((n) => n >= 1 && n <= 100, { error: '每页条数应为 1 到 100 的整数' })),
  ),
  cursor: z.optional(z.string().check(z.regex(/^[A-Za-z0-9_-]{1,200}$/, { error: '翻页标记无效，请从第一页重新加载' }))),
  /** newest: 已办结 as reviewers read it, the latest first; the default is the queue's order. */
  order: z.optional(z.enum(['oldest', 'newest'], { error: '排序应为 oldest（最早的在前）或 newest（最新的在前）' })),
});

/**
 * The review queue narrowed the way reviewers work it: by stage (待初审 / 待复核), risk flags,
 * one applicant, and the days it was submitted on (China dates, both ends included). The server
 * applies them before paging, so a page is full and its cursor goes on within the same filter.
 */
export const ReviewQueueQuery = z
  .object({
    ...PageQuery.shape,
    stage: z.optional(z.enum(['first', 'second'], { error: '审核进度应为 first（待初审）或 second（待复核）' })),
    flagged: z.optional(z.enum(['true'], { error: '风险提示筛选只能为 true（只看有风险提示的）' })),
    accountNo: z.optional(z.string().check(z.regex(/^\d{12}$/, { error: '个人账号应为 12 位数字' }))),
    from: z.optional(CalendarDate),
    to: z.optional(CalendarDate),
  })
  .check(z.refine((query) => !query.from || !query.to || query.from <= query.to, { error: '开始日期不能晚于结束日期', path: ['from'] }));
export type ReviewQueueQuery = z.infer<typeof ReviewQueueQuery>;

/**
 * China dates (UTC+8, no daylight saving), both ends included, as the instants a time range of
 * ISO times runs over: `from` the start of its day, `until` the start of the day after `to`.
 */
export function chinaDaysAsInstants(range: { from?: string; to?: string }): { from?: string; until?: string } {
  const start = (date: string) => new Date(`${date}T00:00:00.000+08:00`);
  const dayAfter = (date: string) => new Date(start(date).getTime() + 24 * 3600_000);
  return {
    ...(range.from ? { from: start(range.from).toISOString() } : {}),
    ...(range.to ? { until: dayAfter(range.to).toISOString() } : {}),
  };
}

const StaffDecision = z.object({ by: z.string(), reason: z.string(), at: z.string() });

/** One application as staff lists see it: whose, how much, where it stands and since when. */
export const StaffWithdrawalSummary = z.object({
  applicationId: z.string(),
  accountNo: z.string(),
  memberName: z.string(),
  month: YearMonth,
  amountFen: FenAmount,
  status: WithdrawalStatus,
  statusLabel: z.string(),
  createdAt: z.string(),
  /** When it reached its present state (the timeline's last step). */
  updatedAt: z.string(),
  flagCount: z.int(),
  bankCardMasked: z.string(),
  /** Payout attempts so far (sends and lookups). */
  attempts: z.optional(z.int()),
  /** When the payout worker looks at it again by itself. */
  nextAttemptAt: z.optional(z.string()),
  rejectionReason: z.optional(z.string()),
  payoutFailure: z.optional(z.string()),
});
export type StaffWithdrawalSummary = z.infer<typeof StaffWithdrawalSummary>;

/** One page of a state's applications in the queue's order (oldest first); `nextCursor` asks for the next page. */
export const StaffWithdrawalList = z.object({ items: z.array(StaffWithdrawalSummary), nextCursor: z.optional(z.string()) });

/** The whole application for a reviewer: the lease, the risk flags, both decisions, every step, and the member's other applications. */
export const StaffWithdrawalDetail = z.object({
  ...StaffWithdrawalSummary.shape,
  /** Rent only (a retirement withdrawal has none). */
  lease: z.optional(LeaseFacts),
  /** A counter's 销户提取 only. */
  closing: z.optional(CounterClosingSummary),
  flags: z.array(RiskFlag),
  timeline: z.array(TimelineStep),
  firstDecision: z.optional(z.object({ ...StaffDecision.shape, decision: z.enum(['APPROVE', 'REJECT']) })),
  secondDecision: z.optional(StaffDecision),
  /** The member's other applications, newest first (up to 20). */
  history: z.array(StaffWithdrawalSummary),
});
export type StaffWithdrawalDetail = z.infer<typeof StaffWithdrawalDetail>;
