import * as z from 'zod/mini';
import { CalendarDate, FenAmount, YearMonth } from './common';

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

export const ACCOUNT_STATE_HINTS: Record<AccountState, string> = {
  NORMAL: '单位正在为您按月缴存。',
  SEALED: '账户已封存：单位暂停缴存（例如离职）。换新单位后可启封继续缴存，余额不受影响。',
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
