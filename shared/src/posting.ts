/**
 * Pure rules for changes to an account: what a posting does to the balance, the paid-up month
 * and the continuous-deposit count, and which life-cycle moves are allowed. The repository turns
 * a plan into one DynamoDB transaction conditioned on the version the plan was made from.
 */
import { monthlyDeposit, type AccountRecord } from './account';
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
  paidUpTo?: string;
  continuousMonths?: number;
}

export interface PostingPlan {
  entry: EntryDraft;
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
 * A monthly deposit (汇缴) for one account. The amounts must be what the registered base and
 * rates give (核定); arrears for an earlier month post without moving 缴至年月 back.
 * Continuous months grow by one when the month follows the paid-up month, restart at one after
 * a gap, and stay as they are for arrears.
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

  const amountFen = line.unitFen + line.personalFen;
  const change = applyAmount(account, amountFen);
  const paidUpTo = account.paidUpTo;
  let continuousMonths = account.continuousMonths;
  if (!paidUpTo || line.month === nextMonth(paidUpTo)) continuousMonths += 1;
  else if (line.month > nextMonth(paidUpTo)) continuousMonths = 1;
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
      account: {
        ...change,
        paidUpTo: !paidUpTo || line.month > paidUpTo ? line.month : paidUpTo,
        continuousMonths,
      },
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
