import * as z from 'zod/mini';

/** RETIREMENT: a 离退休提取 prepared (and the notice before it pays itself); CLOSING: the 销户凭证 once it is paid. */
/** LOAN_REPAYMENT: 约定提取 repaid this month's instalment from the account; LOAN_TRANSFER: 商贷自动划转 paid the bank; LOAN_SHORTFALL: what the member must still pay themselves. */
export const ReminderKind = z.enum(['DEPOSIT', 'WITHDRAWAL', 'INTEREST', 'RETIREMENT', 'CLOSING', 'LOAN_REPAYMENT', 'LOAN_TRANSFER', 'LOAN_SHORTFALL']);
export type ReminderKind = z.infer<typeof ReminderKind>;

export const REMINDER_KIND_LABELS: Record<ReminderKind, string> = {
  DEPOSIT: '月缴存到账',
  WITHDRAWAL: '提取到账',
  INTEREST: '年度结息',
  RETIREMENT: '离退休提取',
  CLOSING: '销户凭证',
  LOAN_REPAYMENT: '已为您偿还公积金贷款',
  LOAN_TRANSFER: '已为您偿还商业贷款',
  LOAN_SHORTFALL: '本月还贷还差',
};

/** What wx.requestSubscribeMessage answered for each template id. */
export const SubscriptionReport = z.object({
  results: z
    .array(
      z.object({
        templateId: z.string().check(z.regex(/^[A-Za-z0-9_-]{1,64}$/, { error: '模板编号不正确' })),
        result: z.enum(['accept', 'reject', 'ban', 'filter']),
      }),
    )
    .check(z.minLength(1), z.maxLength(3, { error: '一次最多 3 个模板' })),
});
export type SubscriptionReport = z.infer<typeof SubscriptionReport>;

export const SubscriptionState = z.object({
  templateId: z.string(),
  /**
   * One-time consents not yet used: each reminder sent uses one, and WeChat refusing a send
   * (43101) sets it to 0. For a long-term template one consent keeps working (1 while it holds).
   */
  remaining: z.int(),
  longTerm: z.boolean(),
  /** Whether the member has ever accepted: 用完了 and 从未开启 read differently. */
  consented: z.boolean(),
});
export const SubscriptionStates = z.object({ subscriptions: z.array(SubscriptionState) });

export const ReminderSettings = z.object({
  deposit: z.boolean(),
  withdrawal: z.boolean(),
  interest: z.boolean(),
});
export type ReminderSettings = z.infer<typeof ReminderSettings>;

/** A change to the switches: only the switches sent change. */
export const ReminderSettingsChange = z
  .object({
    deposit: z.optional(z.boolean({ error: '提醒开关应为开或关' })),
    withdrawal: z.optional(z.boolean({ error: '提醒开关应为开或关' })),
    interest: z.optional(z.boolean({ error: '提醒开关应为开或关' })),
  })
  .check(z.refine((change) => Object.values(change).some((value) => value !== undefined), { error: '请至少修改一项设置' }));
export type ReminderSettingsChange = z.infer<typeof ReminderSettingsChange>;

export const ReminderOutcome = z.enum(['SENT', 'SKIPPED_NO_CONSENT', 'SKIPPED_SWITCHED_OFF', 'SKIPPED_REFUSED', 'PENDING']);
export type ReminderOutcome = z.infer<typeof ReminderOutcome>;

export const MessageView = z.object({
  messageId: z.string(),
  kind: ReminderKind,
  title: z.string(),
  amountText: z.string(),
  balanceText: z.string(),
  timeText: z.string(),
  /** Opens the matching ledger entry. */
  entryId: z.optional(z.string()),
  createdAt: z.string(),
  /** Whether WeChat also delivered it, and if not, why — the in-app list has it either way. */
  wechat: ReminderOutcome,
  wechatLabel: z.string(),
});
export const MessageList = z.object({ messages: z.array(MessageView) });
