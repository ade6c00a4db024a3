/**
 * Pure rules for changes to an account: what a posting does to the balance and to the months
 * deposited (from which 缴至年月 and 连续缴存月数 follow), and which life-cycle moves are allowed. The repository turns
 * a plan into one DynamoDB transaction conditioned on the version the plan was made from.
 */
import { monthlyDeposit, type AccountRecord } from './account';
import { depositedMonthsOf, depositFacts, hasMonth, withMonth, type MonthRange } from './deposit-months';
import { DomainError, type ErrorCode } from './errors';
import { formatCurrency, type Fen } from './money';
import type { Policy } from './policy';
import type { LedgerEntryKind } from './schemas/ledger';

export interface EntryDraft {
  kind: LedgerEntryKind;
  amountFen: Fen;
  valueDate: string;
  description: string;
  depositMonth?: string;
  unitShareFen?: Fen;
  personalShareFen?: Fen;
}

/** The account after the posting; `version` is also the new entry's sequence number. */
export interface AccountChange {
  balanceFen: Fen;
  version: number;
  /** A deposit's: the months deposited with its month added, and the facts they give. */
  depositedMonths?: MonthRange[];
  paidUpTo?: string;
  continuousMonths?: number;
  missedMonths?: number;
  /** A closing debit seals an account still open: from then on no deposit posts to it. */
  status?: 'SEALED';
}

export interface PostingPlan {
  entry: EntryDraft;
  /**
   * Entries posted before `entry` in the same transaction (a closing: 销户结息 credited, the loan
   * repaid, then the payout). Each takes the next sequence number and chain link; the account's
   * version and balance are those after the last one.
   */
  preceding?: EntryDraft[];
  account: AccountChange;
}

export type PlanResult = { ok: true; plan: PostingPlan } | { ok: false; code: ErrorCode };

/** The calendar date in China (UTC+8, no daylight saving), which is what value dates mean here. */
export function chinaDate(now: Date): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

export function nextMonth(month: string): string {
  const [year, m] = month.split('-').map(Number);
  return m === 12 ? `${year + 1}-01` : `${year}-${String(m + 1).padStart(2, '0')}`;
}

/** Applies a signed amount; a balance may never go below zero. */
export function applyAmount(account: Pick<AccountRecord, 'balanceFen' | 'version'>, amountFen: Fen): AccountChange {
  if (!Number.isSafeInteger(amountFen)) throw new RangeError('amount must be whole fen');
  const balanceFen = account.balanceFen + amountFen;
  if (balanceFen < 0) throw new DomainError('INTERNAL', 'posting would make the balance negative');
  return { balanceFen, version: account.version + 1 };
}

export interface DepositLineFacts {
  month: string;
  unitFen: Fen;
  personalFen: Fen;
  name?: string;
}

/**
 * A monthly deposit (汇缴 or 补缴) for one account. The amounts must be what the registered base
 * and rates give (核定). The month joins the months deposited and 缴至年月, 连续缴存月数 and the
 * missed months are derived from that set (`depositFacts`), so they do not depend on the order
 * months are posted in: arrears never move 缴至年月 back, and arrears that fill a gap join the
 * runs on either side. A month already deposited is refused (the month marker normally stops it
 * first; this covers months carried over from before the markers).
 */
export function planDeposit(account: AccountRecord, line: DepositLineFacts, policy: Policy, now: Date): PlanResult {
  if (account.status === 'SEALED') return { ok: false, code: 'ACCOUNT_SEALED' };
  if (account.status === 'CLOSED') return { ok: false, code: 'ACCOUNT_CLOSED' };
  if (line.name !== undefined && line.name.trim() !== account.name) return { ok: false, code: 'NAME_MISMATCH' };
  const today = chinaDate(now);
  if (line.month > today.slice(0, 7)) return { ok: false, code: 'MONTH_IN_FUTURE' };
  if (line.month < account.openedOn.slice(0, 7)) return { ok: false, code: 'MONTH_BEFORE_OPENING' };
  const due = monthlyDeposit(account, policy);
  if (line.unitFen !== due.unitFen || line.personalFen !== due.personalFen) return { ok: false, code: 'AMOUNT_MISMATCH' };
  const before = depositedMonthsOf(account);
  if (hasMonth(before, line.month)) return { ok: false, code: 'MONTH_ALREADY_DEPOSITED' };

  const amountFen = line.unitFen + line.personalFen;
  const depositedMonths = withMonth(before, line.month);
  return {
    ok: true,
    plan: {
      entry: {
        kind: 'DEPOSIT',
        amountFen,
        valueDate: today,
        description: depositDescription(line.month, line.unitFen, line.personalFen),
        depositMonth: line.month,
        unitShareFen: line.unitFen,
        personalShareFen: line.personalFen,
      },
      account: { ...applyAmount(account, amountFen), depositedMonths, ...depositFacts(depositedMonths) },
    },
  };
}

export function depositDescription(month: string, unitFen: Fen, personalFen: Fen): string {
  return `缴存 ${month} 单位 ${formatCurrency(unitFen)} 个人 ${formatCurrency(personalFen)}`;
}

export type LifeCycleAction = 'seal' | 'unseal' | 'close';

/** Which account states each staff action may start from, and where it leads. */
export function lifeCycleTransition(
  account: Pick<AccountRecord, 'status' | 'frozen' | 'balanceFen'>,
  action: LifeCycleAction,
): { ok: true; status: AccountRecord['status'] } | { ok: false; code: ErrorCode } {
  if (account.status === 'CLOSED') return { ok: false, code: 'ACCOUNT_CLOSED' };
  switch (action) {
    case 'seal':
      return account.status === 'NORMAL' ? { ok: true, status: 'SEALED' } : { ok: false, code: 'ACCOUNT_NOT_NORMAL' };
    case 'unseal':
      return account.status === 'SEALED' ? { ok: true, status: 'NORMAL' } : { ok: false, code: 'ACCOUNT_NOT_SEALED' };
    case 'close':
      if (account.frozen) return { ok: false, code: 'ACCOUNT_FROZEN' };
      if (account.balanceFen !== 0) return { ok: false, code: 'BALANCE_NOT_ZERO' };
      return { ok: true, status: 'CLOSED' };
  }
}
