import * as z from 'zod/mini';
import { CalendarDate, FenAmount, YearMonth } from './common';
import { WithdrawalKind } from './service-guide';

/** 正常 / 封存 / 销户; 冻结 is a separate flag (a court order can freeze a sealed account too). */
export const AccountStatus = z.enum(['NORMAL', 'SEALED', 'CLOSED']);
export type AccountStatus = z.infer<typeof AccountStatus>;

/** What the member sees as one state: a freeze shows over the status. */
export const AccountState = z.enum(['NORMAL', 'SEALED', 'FROZEN', 'CLOSED']);
export type AccountState = z.infer<typeof AccountState>;

export const ACCOUNT_STATE_LABELS: Record<AccountState, string> = {
  NORMAL: '正常',
  SEALED: '封存',
  FROZEN: '冻结',
  CLOSED: '销户',
};

/**
 * Why an account is sealed (封存), recorded when it is sealed: the advice differs — a retiree
 * withdraws everything, a member who left a job waits for a new employer or for 离职提取, a member
 * whose employer stopped paying asks the employer. Absent on accounts sealed before it was kept.
 */
export const SealReason = z.enum(['RETIRED', 'LEFT_JOB', 'EMPLOYER']);
export type SealReason = z.infer<typeof SealReason>;

export const SEAL_REASON_LABELS: Record<SealReason, string> = {
  RETIRED: '退休',
  LEFT_JOB: '离职',
  EMPLOYER: '单位停缴',
};

/** The member's situation as the advice sees it. */
export const MemberSituation = z.enum(['WORKING', 'BORROWER', 'RETIRED', 'LEFT_JOB', 'EMPLOYER_STOPPED', 'SEALED', 'FROZEN', 'CLOSED']);
export type MemberSituation = z.infer<typeof MemberSituation>;

/** What applies to this member now, in plain words (`memberAdvice`). */
export const MemberAdvice = z.object({
  situation: MemberSituation,
  title: z.string(),
  /** One sentence on the account's state (also the view's stateHint). */
  summary: z.string(),
  /** What to do, where, what to bring. */
  steps: z.array(z.string()),
  /** Rent withdrawal can apply: the rent form is offered. */
  rentApplies: z.boolean(),
  /** The 服务指南 withdrawal types worth reading, most relevant first. */
  guideKinds: z.array(WithdrawalKind),
});
export type MemberAdvice = z.infer<typeof MemberAdvice>;

export const ACCOUNT_STATE_HINTS: Record<AccountState, string> = {
  NORMAL: '单位正在为您按月缴存。',
  SEALED: '账户已封存：单位暂停为您缴存，钱还在账户里，照常计息。',
  FROZEN: '账户已冻结：暂时不能提取。请携带身份证到服务网点咨询。',
  CLOSED: '账户已销户，不再缴存和提取。',
};

export function displayState(status: AccountStatus, frozen: boolean): AccountState {
  return frozen && status !== 'CLOSED' ? 'FROZEN' : status;
}

/** GET /v1/me/account — the member's own account, real-name data masked. */
export const AccountView = z.object({
  accountNo: z.string(),
  name: z.string(),
  idNumberMasked: z.string(),
  phoneMasked: z.string(),
  bankCardMasked: z.optional(z.string()),
  /** 工商银行 尾号 0012: the card on file as the member chooses it (no more digits than the mask). */
  bankCardLabel: z.optional(z.string()),
  employer: z.string(),
  openedOn: CalendarDate,
  state: AccountState,
  stateLabel: z.string(),
  stateHint: z.string(),
  advice: MemberAdvice,
  balanceFen: FenAmount,
  depositBaseFen: FenAmount,
  unitRateBasisPoints: z.int(),
  personalRateBasisPoints: z.int(),
  monthlyUnitFen: FenAmount,
  monthlyPersonalFen: FenAmount,
  monthlyTotalFen: FenAmount,
  paidUpTo: z.optional(YearMonth),
  continuousMonths: z.int(),
  asOf: z.string(),
});
export type AccountView = z.infer<typeof AccountView>;
