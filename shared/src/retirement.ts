/**
 * 离退休提取「免申即享」 as a pure rule: what a retired member's account pays out when it is closed.
 * The whole balance and the closing interest (销户结息, interest.ts computeClosingInterest) go to
 * the card on file; an outstanding HPF loan is repaid from them first, or holds the withdrawal
 * back, as the centre's policy says (both are in use); an account frozen by a court pays nothing.
 * The job that finds newly retired members, the notice and the payout are built on this.
 */
import * as z from 'zod/mini';
import type { AccountRecord } from './account';
import { assertFen, type Fen } from './money';

export const RetirementPolicy = z.object({
  /** An outstanding HPF loan: repaid from the account first and the rest paid out, or the withdrawal waits until it is paid off. */
  outstandingLoan: z.enum(['REPAY_FIRST', 'BLOCK']),
  /**
   * True 免申即享: paid to the card on file this many days after the notice unless the member
   * changes the card or declines; null: paid when the member confirms (one tap and a face check).
   */
  autoPayAfterDays: z.nullable(z.int().check(z.minimum(1), z.maximum(90))),
});
export type RetirementPolicy = z.infer<typeof RetirementPolicy>;

export const DEFAULT_RETIREMENT_POLICY: RetirementPolicy = { outstandingLoan: 'REPAY_FIRST', autoPayAfterDays: null };

export type RetirementHold = 'CLOSED' | 'FROZEN' | 'LOAN_OUTSTANDING' | 'LOAN_EXCEEDS_BALANCE' | 'NO_CARD' | 'NOTHING_TO_PAY';

/** What the member is told when nothing can be paid yet, in plain words, with what to do. */
export const RETIREMENT_HOLD_MESSAGES: Record<RetirementHold, string> = {
  CLOSED: '您的账户已销户，没有可以提取的余额。',
  FROZEN: '您的账户已被冻结（如法院冻结），冻结解除前不能提取。解除后我们会再通知您。',
  LOAN_OUTSTANDING: '您还有未还清的公积金贷款，按本中心规定，还清后才能全部提取。还清后我们会通知您。',
  LOAN_EXCEEDS_BALANCE: '您账户里的钱不足以还清公积金贷款，请到柜台办理：可以先用余额还一部分贷款。',
  NO_CARD: '还没有您本人的收款银行卡，请先添加银行卡，钱会打到这张卡上。',
  NOTHING_TO_PAY: '您的账户里没有余额，无需提取。',
};

export type RetirementPlan =
  | {
      kind: 'PAY';
      balanceFen: Fen;
      closingInterestFen: Fen;
      /** Repaid to the member's HPF loan from the account before the rest is paid out. */
      loanRepaymentFen: Fen;
      /** To the card on file. */
      payoutFen: Fen;
    }
  | { kind: 'HOLD'; hold: RetirementHold; message: string };

function hold(reason: RetirementHold): RetirementPlan {
  return { kind: 'HOLD', hold: reason, message: RETIREMENT_HOLD_MESSAGES[reason] };
}

export function retirementPlan(input: {
  account: Pick<AccountRecord, 'status' | 'frozen' | 'balanceFen'> & { bankCard?: string };
  /** Σ principal still owed on the member's outstanding HPF loans. */
  loanOutstandingFen: Fen;
  closingInterestFen: Fen;
  policy: RetirementPolicy;
}): RetirementPlan {
  const { account, policy } = input;
  const balanceFen = assertFen(account.balanceFen, 'balance');
  const loanOutstandingFen = assertFen(input.loanOutstandingFen, 'loan outstanding');
  const closingInterestFen = assertFen(input.closingInterestFen, 'closing interest');
  if (balanceFen < 0 || loanOutstandingFen < 0 || closingInterestFen < 0) throw new RangeError('balances and interest are not negative');
  if (account.status === 'CLOSED') return hold('CLOSED');
  if (account.frozen) return hold('FROZEN');
  const total = balanceFen + closingInterestFen;
  if (total === 0) return hold('NOTHING_TO_PAY');
  if (loanOutstandingFen > 0 && policy.outstandingLoan === 'BLOCK') return hold('LOAN_OUTSTANDING');
  if (loanOutstandingFen > total) return hold('LOAN_EXCEEDS_BALANCE');
  const payoutFen = total - loanOutstandingFen;
  // a payout needs the member's own card; an account that only repays the loan needs none
  if (payoutFen > 0 && !account.bankCard) return hold('NO_CARD');
  return { kind: 'PAY', balanceFen, closingInterestFen, loanRepaymentFen: loanOutstandingFen, payoutFen };
}

/**
 * The retirement withdrawal the daily job prepares, one per account (its key is the account's):
 * PREPARED (the member told; confirm, change the card or decline) or HELD (what stops it, in
 * words; the job looks again each day); CONFIRMED once the member confirmed or the policy's days
 * ran out — the withdrawal is then in the payout pipeline; PAID when it was paid and the account
 * closed. DECLINED stays: the job never prepares it again (the member goes to a counter).
 */
export const RetirementStatus = z.enum(['PREPARED', 'HELD', 'CONFIRMED', 'DECLINED', 'PAID']);
export type RetirementStatus = z.infer<typeof RetirementStatus>;

export const RETIREMENT_STATUS_LABELS: Record<RetirementStatus, string> = {
  PREPARED: '可以全部提取，等您确认',
  HELD: '暂时不能提取',
  CONFIRMED: '已确认，正在付款',
  DECLINED: '您已选择到柜台办理',
  PAID: '已到账，账户已销户',
};

const MS_PER_DAY = 86_400_000;

/** date + days, both 'YYYY-MM-DD' (UTC date arithmetic: no time zone can shift a day). */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * MS_PER_DAY).toISOString().slice(0, 10);
}

/**
 * The last settlement year credited: the latest year an INTEREST entry was posted for, or, for an
 * account never settled, the settlement year that ended before it was opened (nothing to credit).
 */
export function settledThroughYearOf(openedOn: string, interestYears: readonly number[]): number {
  const opened = Number(openedOn.slice(0, 4));
  const beforeOpening = openedOn.slice(5) >= '07-01' ? opened : opened - 1;
  return Math.max(beforeOpening, ...interestYears);
}

/**
 * 免申即享 after N days: what the daily job does with a PREPARED withdrawal today — pay it to the
 * card on file (its day has come), tell the member it will be paid tomorrow (the notice before),
 * or nothing. Never anything without the policy's days.
 */
export function autoPayStep(input: { today: string; autoPayOn?: string; noticeSent: boolean }): 'PAY' | 'NOTICE' | 'WAIT' {
  if (!input.autoPayOn) return 'WAIT';
  if (input.today >= input.autoPayOn) return 'PAY';
  if (!input.noticeSent && input.today >= addDays(input.autoPayOn, -1)) return 'NOTICE';
  return 'WAIT';
}

/** The earliest statutory retirement age in use (women workers, before the reform's steps). */
const EARLIEST_RETIREMENT_AGE = 50;

/**
 * Whether to ask 人社 about this member at all: an account sealed on retirement, or a holder at
 * least 50 by the ID number's birth date. Only a hint that keeps the daily look-ups few — the
 * retirement record itself is the trigger, never the age.
 */
export function mayHaveRetired(account: { idNumber: string; sealReason?: string }, today: string): boolean {
  if (account.sealReason === 'RETIRED') return true;
  const birth = /^\d{6}(\d{4})(\d{2})(\d{2})/.exec(account.idNumber);
  if (!birth) return false;
  const [year, month, day] = [Number(birth[1]), birth[2], birth[3]];
  return `${year + EARLIEST_RETIREMENT_AGE}-${month}-${day}` <= today;
}
