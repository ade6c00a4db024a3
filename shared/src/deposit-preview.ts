/**
 * 入账预检: what posting a batch would do to each line, worked out before anything is posted,
 * from the accounts as they stand — the same rule the posting applies (`planDeposit`), the 核定
 * amount beside the given one, and a month the same file brings twice. Pure: the handler reads
 * the accounts; the console shows the answer beside each row.
 */
import * as z from 'zod/mini';
import { monthlyDeposit, type AccountRecord } from './account';
import type { DepositLine } from './deposit-batch';
import { ERROR_MESSAGES, type ErrorCode } from './errors';
import type { Policy } from './policy';
import { planDeposit } from './posting';
import { FenAmount } from './schemas/common';

export const DepositPreviewLine = z.object({
  lineNo: z.int(),
  accountNo: z.string(),
  /** `ready`: would post; `already`: the month is already deposited (a re-posted batch); `refused`: would not post. */
  outcome: z.enum(['ready', 'already', 'refused']),
  code: z.optional(z.string()),
  message: z.optional(z.string()),
  /** The holder's name on the account (absent for an unknown account). */
  holderName: z.optional(z.string()),
  /** 核定: what the account's base and rates make due for a month. */
  dueUnitFen: z.optional(FenAmount),
  duePersonalFen: z.optional(FenAmount),
});
export type DepositPreviewLine = z.infer<typeof DepositPreviewLine>;

export const DepositPreviewResponse = z.object({
  batchId: z.string(),
  counts: z.object({ ready: z.int(), already: z.int(), refused: z.int() }),
  /** Σ of the ready lines (unit + personal), fen. */
  readyTotalFen: FenAmount,
  lines: z.array(DepositPreviewLine),
});
export type DepositPreviewResponse = z.infer<typeof DepositPreviewResponse>;

const refused = (line: DepositLine, code: ErrorCode | 'DUPLICATE_IN_FILE', message: string) => ({
  lineNo: line.lineNo,
  accountNo: line.accountNo,
  outcome: 'refused' as const,
  code,
  message,
});

export function previewDepositBatch(
  batchId: string,
  lines: readonly DepositLine[],
  accounts: ReadonlyMap<string, AccountRecord>,
  policy: Policy,
  now: Date,
): DepositPreviewResponse {
  const firstLineOf = new Map<string, number>();
  const results: DepositPreviewLine[] = lines.map((line) => {
    const account = accounts.get(line.accountNo);
    if (!account) return refused(line, 'ACCOUNT_NOT_FOUND', `没有个人账号为 ${line.accountNo} 的账户。`);
    const due = monthlyDeposit(account, policy);
    const known = { holderName: account.name, dueUnitFen: due.unitFen, duePersonalFen: due.personalFen };
    const key = `${line.accountNo}#${line.month}`;
    const earlier = firstLineOf.get(key);
    if (earlier !== undefined) return { ...refused(line, 'DUPLICATE_IN_FILE', `与第 ${earlier} 行是同一账户的同一月份，只会入账一次。`), ...known };
    firstLineOf.set(key, line.lineNo);
    const plan = planDeposit(account, line, policy, now);
    if (plan.ok) return { lineNo: line.lineNo, accountNo: line.accountNo, outcome: 'ready' as const, ...known };
    if (plan.code === 'MONTH_ALREADY_DEPOSITED') {
      return { lineNo: line.lineNo, accountNo: line.accountNo, outcome: 'already' as const, code: plan.code, message: `${line.month} 已经入账，不会重复入账。`, ...known };
    }
    return { ...refused(line, plan.code, ERROR_MESSAGES[plan.code]), ...known };
  });
  const counts = { ready: 0, already: 0, refused: 0 };
  let readyTotalFen = 0;
  lines.forEach((line, index) => {
    counts[results[index].outcome] += 1;
    if (results[index].outcome === 'ready') readyTotalFen += line.unitFen + line.personalFen;
  });
  return { batchId, counts, readyTotalFen, lines: results };
}
