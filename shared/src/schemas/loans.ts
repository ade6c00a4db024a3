import * as z from 'zod/mini';
import { CalendarDate, FenAmount, YearMonth } from './common';

const InstalmentState = z.enum(['PAID', 'PART_PAID', 'OVERDUE', 'DUE', 'UPCOMING']);

export const InstalmentView = z.object({
  period: z.int(),
  dueDate: CalendarDate,
  paymentFen: FenAmount,
  principalFen: FenAmount,
  interestFen: FenAmount,
  balanceAfterFen: FenAmount,
  state: InstalmentState,
  stateLabel: z.string(),
});

export const RepaymentView = z.object({
  period: z.int(),
  dueDate: CalendarDate,
  dueFen: FenAmount,
  fromAccountFen: FenAmount,
  selfPaidFen: FenAmount,
  shortfallFen: FenAmount,
  paidOn: CalendarDate,
  /** 公积金账户代还 / 本人还款 / both, in words. */
  howPaid: z.string(),
});

export const LoanView = z.object({
  contractNo: z.string(),
  status: z.enum(['OUTSTANDING', 'PAID_OFF']),
  statusLabel: z.string(),
  amountFen: FenAmount,
  /** 3.25% as text: rates are never floats in our data. */
  rateText: z.optional(z.string()),
  months: z.optional(z.int()),
  methodLabel: z.optional(z.string()),
  startDate: CalendarDate,
  payoffDate: z.optional(CalendarDate),
  /** Principal still owed. */
  outstandingFen: FenAmount,
  thisMonth: z.optional(
    z.object({
      period: z.int(),
      dueDate: CalendarDate,
      paymentFen: FenAmount,
      principalFen: FenAmount,
      interestFen: FenAmount,
      paidFen: FenAmount,
      stateLabel: z.string(),
      /** 按月还贷 could not pay all of it: what the member must still pay, and by when. */
      shortfallText: z.optional(z.string()),
    }),
  ),
  overdue: z.object({ periods: z.int(), amountFen: FenAmount, days: z.int(), since: z.optional(CalendarDate) }),
  /** The loan's state in one plain sentence (正常还款 / 逾期 …). */
  summary: z.string(),
  schedule: z.array(InstalmentView),
  /** Newest first. */
  repayments: z.array(RepaymentView),
  /** 结清: the 贷款结清证明 can be issued (证明开具). */
  payoffCertificateAvailable: z.boolean(),
});
export type LoanView = z.infer<typeof LoanView>;

export const AgreementView = z.object({
  /** HPF_LOAN: 按月对冲还贷 of the member's HPF loan; COMMERCIAL: 商贷自动划转 to a cooperating bank. */
  target: z.enum(['HPF_LOAN', 'COMMERCIAL']),
  contractNo: z.string(),
  /** COMMERCIAL: the bank's name. */
  bankName: z.optional(z.string()),
  /** COMMERCIAL: what this month's transfer did, in words (none yet: absent). */
  thisMonthText: z.optional(z.string()),
  status: z.enum(['ACTIVE', 'CANCELLED']),
  statusLabel: z.string(),
  firstMonth: YearMonth,
  lastMonth: z.optional(YearMonth),
  /** What it does, in words. */
  text: z.string(),
});
export type AgreementView = z.infer<typeof AgreementView>;

export const MyLoans = z.object({
  loans: z.array(LoanView),
  agreement: z.optional(AgreementView),
  /** An outstanding HPF loan without an agreement that pays this month or later. */
  canSign: z.boolean(),
  /** No agreement pays this month or later: a mortgage at a cooperating bank may be signed for. */
  canSignCommercial: z.boolean(),
  /** The banks whose mortgages 商贷自动划转 repays. */
  cooperatingBanks: z.array(z.object({ code: z.string(), name: z.string() })),
  canCancel: z.boolean(),
  retainedMinimumFen: FenAmount,
});
export type MyLoans = z.infer<typeof MyLoans>;

export const SignAgreementRequest = z.object({
  target: z.enum(['HPF_LOAN', 'COMMERCIAL'], { error: '请选择要偿还的贷款' }),
  contractNo: z.string().check(z.regex(/^[A-Z0-9]{6,32}$/, { error: '贷款合同号不正确：请填合同上的 6 到 32 位字母或数字' })),
  /** COMMERCIAL: the cooperating bank's code (MyLoans.cooperatingBanks). */
  bankCode: z.optional(z.string().check(z.regex(/^[A-Z]{2,8}$/, { error: '请选择贷款银行' }))),
});
export type SignAgreementRequest = z.infer<typeof SignAgreementRequest>;
