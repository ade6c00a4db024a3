import * as z from 'zod/mini';
import { CalendarDate, FenAmount, YearMonth } from './common';

export const LedgerEntryKind = z.enum([
  'OPENING', // balance carried over when the account moved onto this system
  'DEPOSIT', // 月缴存 (unit + personal share)
  'INTEREST', // 年度结息
  'WITHDRAWAL', // 提取
  'REVERSAL', // 冲正: money returned after a failed payout
  'TRANSFER_IN', // 转入
  'LOAN_REPAYMENT', // 约定提取还贷: moved from the account to the member's HPF loan
]);
export type LedgerEntryKind = z.infer<typeof LedgerEntryKind>;

export const LEDGER_KIND_LABELS: Record<LedgerEntryKind, string> = {
  OPENING: '期初余额',
  DEPOSIT: '缴存',
  INTEREST: '结息',
  WITHDRAWAL: '提取',
  REVERSAL: '退回',
  TRANSFER_IN: '转入',
  LOAN_REPAYMENT: '还贷',
};

export const LedgerEntryView = z.object({
  entryId: z.string(),
  kind: LedgerEntryKind,
  kindLabel: z.string(),
  /** Signed fen: credits positive, debits negative. */
  amountFen: FenAmount,
  balanceAfterFen: FenAmount,
  valueDate: CalendarDate,
  postedAt: z.string(),
  description: z.string(),
  depositMonth: z.optional(YearMonth),
  unitShareFen: z.optional(FenAmount),
  personalShareFen: z.optional(FenAmount),
});
export type LedgerEntryView = z.infer<typeof LedgerEntryView>;

export const LedgerPage = z.object({
  entries: z.array(LedgerEntryView),
  nextCursor: z.optional(z.string()),
});
export type LedgerPage = z.infer<typeof LedgerPage>;

/** `?limit=&cursor=` of any paged list: the ledger, the review queue. */
export const PageQuery = z.object({
  limit: z.optional(
    z.pipe(
      z.string().check(z.regex(/^\d{1,3}$/, { error: '每页条数应为 1 到 100 的整数' })),
      z.transform((text) => Number(text)),
    ).check(z.refine((n) => n >= 1 && n <= 100, { error: '每页条数应为 1 到 100 的整数' })),
  ),
  cursor: z.optional(
    z.string().check(z.regex(/^[A-Za-z0-9_-]{1,200}$/, { error: '翻页标记无效，请从第一页重新加载' })),
  ),
});
export const LedgerQuery = PageQuery;
export type LedgerQuery = z.infer<typeof LedgerQuery>;
