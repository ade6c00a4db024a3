/**
 * 商贷自动划转 as pure rules: a member's repayment agreement for a mortgage at a cooperating bank.
 * Each month the bank tells us the instalment due (and what the member already paid there); the
 * HPF account pays min(still due, balance − retained minimum) to the loan's repayment account —
 * the account the bank names for the contract, never one the member typed — through the payout
 * pipeline. One month run per contract and month, with its own small state machine below.
 */
import { formatCurrency, type Fen } from './money';
import { agreementCovers, type LoanPolicy, type RepaymentAgreement } from './loans';
import { repaymentFromAccount } from './loan-schedule';

/** What the bank says of one contract's instalment in one month. */
export interface CommercialInstalment {
  contractNo: string;
  month: string;
  dueFen: Fen;
  /** Already repaid at the bank this month (the member's own deposit, or our earlier transfer). */
  paidFen: Fen;
  dueDate: string;
  borrowerName: string;
  /** Whole: compared with the account's own, never shown or logged. */
  borrowerIdNumber: string;
  /** Where the repayment goes (the bank's loan repayment account for the contract). */
  repaymentAccount: string;
}

/**
 * The month run of a commercial agreement (`REPAYRUN#<contract>#<month>`), declared once:
 * - (none) → SENT: a transfer made (an application in APPROVED, created with the run);
 * - (none) → SHORT: the account could pay nothing above its retained minimum;
 * - (none) → NOT_THEIRS: the bank's borrower is not this member (nothing paid; the member told);
 * - (none) → NOT_FOUND: the bank has no such contract (nothing paid; the 贷款 page says check it);
 * - SENT → PAID: the bank accepted the transfer;
 * - SENT → REFUSED: the bank refused it, or the debit did (money back, the member told);
 * - REFUSED → SENT: tried again on a later day of the month, while the policy's tries last.
 */
export type CommercialRunStatus = 'SENT' | 'PAID' | 'REFUSED' | 'SHORT' | 'NOT_THEIRS' | 'NOT_FOUND';

export const COMMERCIAL_RUN_TRANSITIONS: readonly { from: CommercialRunStatus | null; to: CommercialRunStatus }[] = [
  { from: null, to: 'SENT' },
  { from: null, to: 'SHORT' },
  { from: null, to: 'NOT_THEIRS' },
  { from: null, to: 'NOT_FOUND' },
  { from: 'SENT', to: 'PAID' },
  { from: 'SENT', to: 'REFUSED' },
  { from: 'REFUSED', to: 'SENT' },
];

export function commercialRunMayMove(from: CommercialRunStatus | null, to: CommercialRunStatus): boolean {
  return COMMERCIAL_RUN_TRANSITIONS.some((t) => t.from === from && t.to === to);
}

export interface CommercialRunState {
  status: CommercialRunStatus;
  tries: number;
  /** The China date of its last change: a refused month is tried again on a later day, not the same one. */
  updatedOn: string;
}

export type CommercialTransferPlan =
  | { kind: 'SEND'; from: null | 'REFUSED'; tries: number; dueFen: Fen; fromAccountFen: Fen; shortfallFen: Fen; dueDate: string }
  | { kind: 'SHORT'; dueFen: Fen; shortfallFen: Fen; dueDate: string }
  | { kind: 'NOT_THEIRS'; dueFen: Fen; dueDate: string }
  | { kind: 'SKIP'; reason: 'NO_AGREEMENT' | 'NOTHING_DUE' | 'ALREADY_RUN' | 'TRIES_USED' | 'REFUSED_TODAY' };

/**
 * This month's transfer for `agreement`, from the bank's instalment, the balance and the month's
 * run so far. A borrower who is not the account's member is never paid for: the HPF money of one
 * member repays only that member's own loan.
 */
export function commercialTransfer(input: {
  agreement: RepaymentAgreement | undefined;
  instalment: CommercialInstalment;
  member: { idNumber: string };
  balanceFen: Fen;
  policy: LoanPolicy;
  /** YYYY-MM-DD, China. */
  today: string;
  run: CommercialRunState | undefined;
}): CommercialTransferPlan {
  const { agreement, instalment, run, policy } = input;
  const month = input.today.slice(0, 7);
  if (!agreement || agreement.target !== 'COMMERCIAL' || agreement.contractNo !== instalment.contractNo || !agreementCovers(agreement, month)) {
    return { kind: 'SKIP', reason: 'NO_AGREEMENT' };
  }
  if (run) {
    if (run.status !== 'REFUSED') return { kind: 'SKIP', reason: 'ALREADY_RUN' };
    if (run.tries >= policy.commercialTriesPerMonth) return { kind: 'SKIP', reason: 'TRIES_USED' };
    if (run.updatedOn >= input.today) return { kind: 'SKIP', reason: 'REFUSED_TODAY' };
  }
  const dueFen = instalment.dueFen - instalment.paidFen;
  if (dueFen <= 0) return { kind: 'SKIP', reason: 'NOTHING_DUE' };
  if (instalment.borrowerIdNumber.toUpperCase() !== input.member.idNumber.toUpperCase()) {
    // a refused month already told the member; a stranger's loan is refused before any try
    return run ? { kind: 'SKIP', reason: 'ALREADY_RUN' } : { kind: 'NOT_THEIRS', dueFen, dueDate: instalment.dueDate };
  }
  const split = repaymentFromAccount({ dueFen, balanceFen: input.balanceFen, retainedMinimumFen: policy.retainedMinimumFen });
  if (split.fromAccountFen === 0) {
    // a retry finding nothing to pay leaves the refused run as it is (the member was told then)
    return run ? { kind: 'SKIP', reason: 'ALREADY_RUN' } : { kind: 'SHORT', dueFen, shortfallFen: split.shortfallFen, dueDate: instalment.dueDate };
  }
  return { kind: 'SEND', from: run ? 'REFUSED' : null, tries: (run?.tries ?? 0) + 1, dueFen, dueDate: instalment.dueDate, ...split };
}

export function cooperatingBankName(policy: LoanPolicy, bankCode: string | undefined): string | undefined {
  return policy.cooperatingBanks.find((bank) => bank.code === bankCode)?.name;
}

function monthDay(date: string): string {
  return `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;
}

/** The ledger entry's description of a transfer. */
export function commercialTransferDescription(bankName: string, contractNo: string, month: string): string {
  return `商贷自动划转 偿还${bankName}商业贷款 ${month}（合同 ${contractNo}）`;
}

/** The member's words for a transfer the bank (or the debit) refused: where the money is, what to pay, whether we try again. */
export function commercialRefusedText(input: { reason: string; amountFen: Fen; shortfallFen: Fen; dueDate: string; triesLeft: number }): string {
  const owed = formatCurrency(input.amountFen + input.shortfallFen);
  const again = input.triesLeft > 0 ? '明天会再划转一次；' : '本月不再划转；';
  return `这次没能把钱转到您的商贷还款账户（${input.reason}），钱已退回公积金账户。${again}为免逾期，请在${monthDay(input.dueDate)}前自己存入 ${owed}。`;
}

/** What the 贷款 page says of this month's run. */
export function commercialRunText(run: { status: CommercialRunStatus; fromAccountFen: Fen; shortfallFen: Fen; dueFen: Fen; dueDate: string; reason?: string } | undefined): string | undefined {
  if (!run) return undefined;
  const by = monthDay(run.dueDate);
  switch (run.status) {
    case 'SENT':
      return `本月正在从公积金账户划转 ${formatCurrency(run.fromAccountFen)} 到您的商贷还款账户。`;
    case 'PAID':
      return run.shortfallFen > 0
        ? `本月已划转 ${formatCurrency(run.fromAccountFen)}，还差 ${formatCurrency(run.shortfallFen)}，请在${by}前自己存入还款账户。`
        : `本月已从公积金账户划转 ${formatCurrency(run.fromAccountFen)}，还清了本月应还。`;
    case 'REFUSED':
      return `本月划转没有成功${run.reason ? `（${run.reason}）` : ''}，钱已退回公积金账户。请在${by}前自己存入 ${formatCurrency(run.dueFen)}。`;
    case 'SHORT':
      return `公积金账户余额不足，本月没有划转，请在${by}前自己存入 ${formatCurrency(run.shortfallFen)}。`;
    case 'NOT_FOUND':
      return '银行没有查到这笔商业贷款，本月没有划转。请核对贷款银行和合同号，取消后重新签约。';
    case 'NOT_THEIRS':
      return '银行说这笔商业贷款的借款人不是您本人，不能用您的公积金还，本月没有划转。请核对合同号，取消后重新签约。';
  }
}
