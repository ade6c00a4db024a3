/**
 * 公积金贷款 as the member sees it, and 约定提取还贷 (按月对冲还贷), as pure rules: the loan's
 * schedule from its terms (loan-schedule.ts, rounded as the contract states), which instalments
 * are repaid, due or overdue, this month's instalment, and how much the HPF account pays for it
 * under a repayment agreement. The repository stores terms and repayments; nothing here reads a table.
 */
import * as z from 'zod/mini';
import type { LoanRecord } from './certificates';
import type { LoanView, MyLoans } from './schemas/loans';
import { formatCurrency, type Fen } from './money';
import { commercialRunText, cooperatingBankName } from './commercial-transfer';
import {
  loanSchedule,
  repaymentFromAccount,
  REPAYMENT_METHOD_LABELS,
  type FenRounding,
  type LoanSchedule,
  type RepaymentMethod,
} from './loan-schedule';

export const LoanPolicy = z.object({
  /** How each month's interest and the level instalment are rounded to the fen (the contract states it). */
  rounding: z.enum(['HALF_UP', 'HALF_EVEN', 'DOWN']),
  /** 约定提取还贷 leaves at least this much in the HPF account (the usual rule: the account is not emptied). */
  retainedMinimumFen: z.int().check(z.minimum(0)),
  /** Whether rent withdrawals are refused while a repayment agreement is active (the centres' usual rule). */
  agreementBlocksRent: z.boolean(),
  /** 商贷自动划转: the banks whose mortgages the centre repays (each reached through the bank adapter under its code). */
  cooperatingBanks: z.array(z.object({ code: z.string().check(z.regex(/^[A-Z]{2,8}$/)), name: z.string().check(z.minLength(2)) })),
  /** How many transfers to the bank one month may take (a refused one is tried again on a later day of the month). */
  commercialTriesPerMonth: z.int().check(z.minimum(1), z.maximum(10)),
});
export type LoanPolicy = z.infer<typeof LoanPolicy>;

export const DEFAULT_LOAN_POLICY: LoanPolicy = {
  rounding: 'HALF_UP',
  retainedMinimumFen: 1_000,
  agreementBlocksRent: true,
  cooperatingBanks: [
    { code: 'ICBC', name: '中国工商银行' },
    { code: 'CCB', name: '中国建设银行' },
    { code: 'BOC', name: '中国银行' },
    { code: 'ABC', name: '中国农业银行' },
    { code: 'BOCOM', name: '交通银行' },
  ],
  commercialTriesPerMonth: 3,
};

/** The terms a loan item carries (the loan system's contract); the schedule is computed from them, never stored. */
export interface LoanTermsRecord {
  annualRateBasisPoints: number;
  months: number;
  method: RepaymentMethod;
  /** The contract's rounding, copied from the policy when the loan was made: a later policy change does not move it. */
  rounding: FenRounding;
}

export type HpfLoan = LoanRecord & Partial<LoanTermsRecord> & { outstandingFen?: Fen };

/** One instalment repaid (or partly): who paid what, on which day. */
export interface LoanRepayment {
  contractNo: string;
  period: number;
  dueDate: string;
  dueFen: Fen;
  /** Paid from the HPF account by the agreement (one ledger entry). */
  fromAccountFen: Fen;
  /** Paid by the member themselves at the lending bank (the loan system's record). */
  selfPaidFen: Fen;
  /** Left for the member to pay when the account could not cover it. */
  shortfallFen: Fen;
  paidOn: string;
  entryId?: string;
}

/**
 * 约定提取: one agreement per member — for the member's HPF loan (an internal transfer, two ledger
 * entries in one transaction), or 商贷自动划转 for a mortgage at a cooperating bank (`COMMERCIAL`:
 * the bank's contract, paid to the loan's repayment account through the payout pipeline).
 */
export const RepaymentTarget = z.enum(['HPF_LOAN', 'COMMERCIAL']);
export type RepaymentTarget = z.infer<typeof RepaymentTarget>;

export interface RepaymentAgreement {
  accountNo: string;
  target: RepaymentTarget;
  contractNo: string;
  /** COMMERCIAL: the cooperating bank (policy `loan.cooperatingBanks`). */
  bankCode?: string;
  status: 'ACTIVE' | 'CANCELLED';
  signedAt: string;
  /** The first month it pays. */
  firstMonth: string;
  cancelledAt?: string;
  /** Cancelled: the last month it still pays (the month it was cancelled in); from the next month it does not. */
  lastMonth?: string;
}

/** Whether the agreement pays (and holds its rules, e.g. no rent withdrawal) in `month` (YYYY-MM). */
export function agreementCovers(agreement: RepaymentAgreement | undefined, month: string): boolean {
  if (!agreement || month < agreement.firstMonth) return false;
  return agreement.status === 'ACTIVE' || (agreement.lastMonth !== undefined && month <= agreement.lastMonth);
}

export function scheduleOf(loan: HpfLoan, policy: LoanPolicy): LoanSchedule | undefined {
  if (loan.annualRateBasisPoints === undefined || loan.months === undefined || loan.method === undefined) return undefined;
  return loanSchedule(
    { principalFen: loan.amountFen, annualRateBasisPoints: loan.annualRateBasisPoints, months: loan.months, method: loan.method, startDate: loan.startDate },
    loan.rounding ?? policy.rounding,
  );
}

/** An instalment is settled once what was paid for it covers it. */
function settled(repayment: LoanRepayment | undefined): boolean {
  return repayment !== undefined && repayment.fromAccountFen + repayment.selfPaidFen >= repayment.dueFen;
}

/** The period whose due date falls in `month`, if the loan has one. */
export function periodDueIn(schedule: LoanSchedule, month: string): number | undefined {
  return schedule.instalments.find((instalment) => instalment.dueDate.slice(0, 7) === month)?.period;
}

export type InstalmentState = 'PAID' | 'PART_PAID' | 'OVERDUE' | 'DUE' | 'UPCOMING';

export const INSTALMENT_STATE_LABELS: Record<InstalmentState, string> = {
  PAID: '已还',
  PART_PAID: '还了一部分',
  OVERDUE: '逾期未还',
  DUE: '本月应还',
  UPCOMING: '待还',
};

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export interface LoanFacts {
  schedule: LoanSchedule;
  states: InstalmentState[];
  /** Principal still owed: the schedule's balance after the last instalment settled in order. */
  outstandingFen: Fen;
  thisMonth?: { period: number; dueDate: string; paymentFen: Fen; principalFen: Fen; interestFen: Fen; paidFen: Fen; state: InstalmentState };
  overdue: { periods: number[]; amountFen: Fen; since?: string; days: number };
}

/** What the schedule and the repayments say on `today` (YYYY-MM-DD, China). */
export function loanFacts(loan: HpfLoan, repayments: readonly LoanRepayment[], policy: LoanPolicy, today: string): LoanFacts | undefined {
  const schedule = scheduleOf(loan, policy);
  if (!schedule) return undefined;
  const byPeriod = new Map(repayments.filter((r) => r.contractNo === loan.contractNo).map((r) => [r.period, r]));
  const month = today.slice(0, 7);
  let outstandingFen = loan.amountFen;
  let inOrder = true;
  const overduePeriods: number[] = [];
  let overdueFen = 0;
  const states = schedule.instalments.map((instalment): InstalmentState => {
    const repayment = byPeriod.get(instalment.period);
    const done = loan.status === 'PAID_OFF' || settled(repayment);
    if (done && inOrder) outstandingFen = instalment.balanceAfterFen;
    else inOrder = false;
    if (done) return 'PAID';
    const paid = repayment ? repayment.fromAccountFen + repayment.selfPaidFen : 0;
    if (instalment.dueDate < today) {
      overduePeriods.push(instalment.period);
      overdueFen += instalment.paymentFen - paid;
      return 'OVERDUE';
    }
    if (paid > 0) return 'PART_PAID';
    return instalment.dueDate.slice(0, 7) === month ? 'DUE' : 'UPCOMING';
  });
  if (loan.status === 'PAID_OFF') outstandingFen = 0;
  const period = periodDueIn(schedule, month);
  const current = period === undefined ? undefined : schedule.instalments[period - 1];
  const currentRepayment = period === undefined ? undefined : byPeriod.get(period);
  const since = overduePeriods.length > 0 ? schedule.instalments[overduePeriods[0] - 1].dueDate : undefined;
  return {
    schedule,
    states,
    outstandingFen,
    ...(current
      ? {
          thisMonth: {
            period: current.period,
            dueDate: current.dueDate,
            paymentFen: current.paymentFen,
            principalFen: current.principalFen,
            interestFen: current.interestFen,
            paidFen: currentRepayment ? currentRepayment.fromAccountFen + currentRepayment.selfPaidFen : 0,
            state: states[current.period - 1],
          },
        }
      : {}),
    overdue: { periods: overduePeriods, amountFen: overdueFen, ...(since ? { since } : {}), days: since ? daysBetween(since, today) : 0 },
  };
}

export type MonthlyRepaymentPlan =
  | { kind: 'PAY'; period: number; dueDate: string; dueFen: Fen; fromAccountFen: Fen; shortfallFen: Fen }
  | { kind: 'SKIP'; reason: 'NO_AGREEMENT' | 'LOAN_CLOSED' | 'NO_TERMS' | 'NOTHING_DUE' | 'ALREADY_PAID' };

/**
 * 约定提取 for `month`: this month's instalment (what is still unpaid of it), and how much of it
 * the HPF account pays — min(instalment due, balance − retained minimum); the rest is the
 * member's to pay themselves, told the same day. Earlier overdue instalments are the loan
 * system's business (the counter), not this job's.
 */
export function monthlyRepayment(input: {
  loan: HpfLoan;
  repayments: readonly LoanRepayment[];
  agreement: RepaymentAgreement | undefined;
  balanceFen: Fen;
  policy: LoanPolicy;
  month: string;
}): MonthlyRepaymentPlan {
  const { loan, agreement, month, policy } = input;
  if (!agreementCovers(agreement, month) || agreement!.contractNo !== loan.contractNo) return { kind: 'SKIP', reason: 'NO_AGREEMENT' };
  if (loan.status !== 'OUTSTANDING') return { kind: 'SKIP', reason: 'LOAN_CLOSED' };
  const schedule = scheduleOf(loan, policy);
  if (!schedule) return { kind: 'SKIP', reason: 'NO_TERMS' };
  const period = periodDueIn(schedule, month);
  if (period === undefined) return { kind: 'SKIP', reason: 'NOTHING_DUE' };
  const instalment = schedule.instalments[period - 1];
  const repayment = input.repayments.find((r) => r.contractNo === loan.contractNo && r.period === period);
  const dueFen = instalment.paymentFen - (repayment ? repayment.fromAccountFen + repayment.selfPaidFen : 0);
  if (dueFen <= 0) return { kind: 'SKIP', reason: 'ALREADY_PAID' };
  const split = repaymentFromAccount({ dueFen, balanceFen: input.balanceFen, retainedMinimumFen: policy.retainedMinimumFen });
  return { kind: 'PAY', period, dueDate: instalment.dueDate, dueFen, ...split };
}

function monthDay(date: string): string {
  return `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;
}

/** The ledger entry's description of a repayment from the account. */
export function repaymentDescription(contractNo: string, period: number): string {
  return `约定提取 偿还公积金贷款 第${period}期（合同 ${contractNo}）`;
}

/** The shortfall told the same day: what the member must pay themselves, and by when. */
export function shortfallText(plan: { shortfallFen: Fen; fromAccountFen: Fen; dueDate: string }): string {
  const paid = plan.fromAccountFen > 0 ? `公积金账户已代还 ${formatCurrency(plan.fromAccountFen)}，` : '公积金账户余额不足，本月没有代还，';
  return `${paid}还差 ${formatCurrency(plan.shortfallFen)}，请在${monthDay(plan.dueDate)}前存入您的还款银行卡，以免逾期。`;
}

export const LOAN_STATUS_LABELS: Record<LoanRecord['status'], string> = { OUTSTANDING: '还款中', PAID_OFF: '已结清' };

export { REPAYMENT_METHOD_LABELS };

function rateText(basisPoints: number): string {
  return `${Math.floor(basisPoints / 100)}.${String(basisPoints % 100).padStart(2, '0')}%`;
}

function howPaid(repayment: LoanRepayment): string {
  if (repayment.fromAccountFen > 0 && repayment.selfPaidFen > 0) return `公积金账户代还 ${formatCurrency(repayment.fromAccountFen)}，本人还款 ${formatCurrency(repayment.selfPaidFen)}`;
  if (repayment.fromAccountFen > 0) return repayment.shortfallFen > 0 ? `公积金账户代还 ${formatCurrency(repayment.fromAccountFen)}，还差 ${formatCurrency(repayment.shortfallFen)}` : '公积金账户代还';
  if (repayment.selfPaidFen > 0) return '本人还款';
  return `公积金账户余额不足，还差 ${formatCurrency(repayment.shortfallFen)}`;
}

function loanSummary(loan: HpfLoan, facts: LoanFacts | undefined): string {
  if (loan.status === 'PAID_OFF') return loan.payoffDate ? `这笔贷款已于${loan.payoffDate}结清，可以开具贷款结清证明。` : '这笔贷款已结清，可以开具贷款结清证明。';
  if (!facts) return '还款计划正在整理，请以贷款合同为准。';
  if (facts.overdue.periods.length > 0) {
    return `您有 ${facts.overdue.periods.length} 期没有按时还上，共 ${formatCurrency(facts.overdue.amountFen)}，已逾期 ${facts.overdue.days} 天。请尽快存入还款银行卡，或到柜台办理，以免影响个人征信。`;
  }
  return '按时还款，没有逾期。';
}

function thisMonthView(month: NonNullable<LoanFacts['thisMonth']>, repayment: LoanRepayment | undefined): NonNullable<LoanView['thisMonth']> {
  const { state, ...figures } = month;
  const short = repayment && repayment.shortfallFen > 0 && repayment.fromAccountFen + repayment.selfPaidFen < repayment.dueFen;
  return {
    ...figures,
    stateLabel: INSTALMENT_STATE_LABELS[state],
    ...(short ? { shortfallText: shortfallText({ shortfallFen: repayment.shortfallFen, fromAccountFen: repayment.fromAccountFen, dueDate: month.dueDate }) } : {}),
  };
}

/** The loan as the 贷款 page shows it. */
export function toLoanView(loan: HpfLoan, repayments: readonly LoanRepayment[], policy: LoanPolicy, today: string): LoanView {
  const facts = loan.status === 'OUTSTANDING' ? loanFacts(loan, repayments, policy, today) : undefined;
  const own = repayments.filter((r) => r.contractNo === loan.contractNo).sort((a, b) => b.period - a.period);
  return {
    contractNo: loan.contractNo,
    status: loan.status,
    statusLabel: LOAN_STATUS_LABELS[loan.status],
    amountFen: loan.amountFen,
    ...(loan.annualRateBasisPoints !== undefined ? { rateText: rateText(loan.annualRateBasisPoints) } : {}),
    ...(loan.months !== undefined ? { months: loan.months } : {}),
    ...(loan.method ? { methodLabel: REPAYMENT_METHOD_LABELS[loan.method] } : {}),
    startDate: loan.startDate,
    ...(loan.payoffDate ? { payoffDate: loan.payoffDate } : {}),
    outstandingFen: loan.status === 'PAID_OFF' ? 0 : (facts?.outstandingFen ?? loan.outstandingFen ?? loan.amountFen),
    ...(facts?.thisMonth ? { thisMonth: thisMonthView(facts.thisMonth, own.find((r) => r.period === facts.thisMonth!.period)) } : {}),
    overdue: {
      periods: facts?.overdue.periods.length ?? 0,
      amountFen: facts?.overdue.amountFen ?? 0,
      days: facts?.overdue.days ?? 0,
      ...(facts?.overdue.since ? { since: facts.overdue.since } : {}),
    },
    summary: loanSummary(loan, facts),
    schedule: facts
      ? facts.schedule.instalments.map((instalment, index) => ({ ...instalment, state: facts.states[index], stateLabel: INSTALMENT_STATE_LABELS[facts.states[index]] }))
      : [],
    repayments: own.map((r) => ({
      period: r.period,
      dueDate: r.dueDate,
      dueFen: r.dueFen,
      fromAccountFen: r.fromAccountFen,
      selfPaidFen: r.selfPaidFen,
      shortfallFen: r.shortfallFen,
      paidOn: r.paidOn,
      howPaid: howPaid(r),
    })),
    payoffCertificateAvailable: loan.status === 'PAID_OFF',
  };
}

const AGREEMENT_STATUS_LABELS: Record<RepaymentAgreement['status'], string> = { ACTIVE: '已签约', CANCELLED: '已取消' };

/** The 贷款 page: every loan, the agreement and what the member may do about it this month. */
export function toMyLoans(
  loans: readonly HpfLoan[],
  repayments: readonly LoanRepayment[],
  agreement: RepaymentAgreement | undefined,
  policy: LoanPolicy,
  today: string,
  /** 商贷自动划转: this month's run, when the agreement is commercial and has run. */
  commercialRun?: Parameters<typeof commercialRunText>[0],
): MyLoans {
  const month = today.slice(0, 7);
  const pays = agreementCovers(agreement, month) || (agreement?.status === 'ACTIVE');
  const outstanding = loans.filter((loan) => loan.status === 'OUTSTANDING');
  const bankName = agreement?.target === 'COMMERCIAL' ? (cooperatingBankName(policy, agreement.bankCode) ?? agreement.bankCode) : undefined;
  const thisMonthText = agreement?.target === 'COMMERCIAL' ? commercialRunText(commercialRun) : undefined;
  const agreementText = !agreement
    ? undefined
    : agreement.status === 'ACTIVE'
      ? agreement.target === 'COMMERCIAL'
        ? `每月按${bankName}告诉我们的本月应还，从您的公积金账户划转到这笔商业贷款的还款账户（账户至少留 ${formatCurrency(policy.retainedMinimumFen)}），不够的部分当天告诉您自己还。`
        : `每月从您的公积金账户转出当月应还的钱还贷（账户至少留 ${formatCurrency(policy.retainedMinimumFen)}），不够的部分当天告诉您自己还。`
      : agreement.lastMonth && agreement.lastMonth >= month
        ? `已取消：${Number(agreement.lastMonth.slice(5))}月照常代还，下月起不再从公积金账户还贷。`
        : '已取消，不再从公积金账户还贷。可以重新签约。';
  return {
    loans: [...loans].sort((a, b) => (a.status === b.status ? b.startDate.localeCompare(a.startDate) : a.status === 'OUTSTANDING' ? -1 : 1)).map((loan) => toLoanView(loan, repayments, policy, today)),
    ...(agreement
      ? {
          agreement: {
            target: agreement.target,
            contractNo: agreement.contractNo,
            ...(bankName ? { bankName } : {}),
            ...(thisMonthText ? { thisMonthText } : {}),
            status: agreement.status,
            statusLabel: AGREEMENT_STATUS_LABELS[agreement.status],
            firstMonth: agreement.firstMonth,
            ...(agreement.lastMonth ? { lastMonth: agreement.lastMonth } : {}),
            text: agreementText!,
          },
        }
      : {}),
    canSign: outstanding.length > 0 && !pays,
    canSignCommercial: !pays && policy.cooperatingBanks.length > 0,
    cooperatingBanks: policy.cooperatingBanks.map(({ code, name }) => ({ code, name })),
    canCancel: agreement?.status === 'ACTIVE',
    retainedMinimumFen: policy.retainedMinimumFen,
  };
}
