/** 日清日结 for staff: one day's results per bank account, a note on an unmatched item, the close. */
import * as z from 'zod/mini';
import { plainText } from './text';

export const ReconciliationDateParam = z.object({
  date: z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/, { error: '日期格式应为 年-月-日' })),
});

export const ReconciliationNoteRequest = z.object({
  bankAccountNo: z.string().check(z.regex(/^\d{4,32}$/, { error: '银行账号不正确' })),
  /** The item as the day's view names it (`key`). */
  itemKey: z.string().check(z.minLength(1), z.maxLength(200)),
  text: plainText({ label: '说明', max: 300, min: { length: 2, message: '请写明这笔未达账项的原因' } }),
});
export type ReconciliationNoteRequest = z.infer<typeof ReconciliationNoteRequest>;

const Note = z.object({ text: z.string(), by: z.string(), byLabel: z.optional(z.string()), at: z.string() });

export const ReconciliationDayView = z.object({
  date: z.string(),
  close: z.nullable(
    z.object({
      status: z.enum(['PROPOSED', 'CLOSED']),
      statusLabel: z.string(),
      proposedBy: z.string(),
      /** 科室 and name, for the page; the usernames are what maker-checker compares. */
      proposedByLabel: z.string(),
      proposedAt: z.string(),
      closedBy: z.optional(z.string()),
      closedByLabel: z.optional(z.string()),
      closedAt: z.optional(z.string()),
    }),
  ),
  /** Whether every bank's day is imported and balances or is explained: the close may be proposed. */
  closable: z.boolean(),
  banks: z.array(
    z.object({
      bankAccountNo: z.string(),
      bank: z.string(),
      roleLabel: z.string(),
      imported: z.boolean(),
      status: z.optional(z.enum(['BALANCED', 'UNMATCHED'])),
      statusLabel: z.string(),
      openingFen: z.optional(z.int()),
      closingFen: z.optional(z.int()),
      matchedCount: z.int(),
      inTransit: z.array(z.object({ reference: z.string(), kindLabel: z.string(), direction: z.enum(['CREDIT', 'DEBIT']), amountFen: z.int(), bookedOn: z.string() })),
      unmatched: z.array(
        z.object({
          key: z.string(),
          cause: z.string(),
          causeLabel: z.string(),
          reference: z.optional(z.string()),
          bookFen: z.optional(z.int()),
          statementFen: z.optional(z.int()),
          ageDays: z.optional(z.int()),
          note: z.optional(Note),
        }),
      ),
    }),
  ),
});
export type ReconciliationDayView = z.infer<typeof ReconciliationDayView>;
