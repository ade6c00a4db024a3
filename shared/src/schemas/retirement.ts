import * as z from 'zod/mini';
import { FenAmount } from './common';
import { RetirementStatus } from '../retirement';

/** What the retiree reads: what is coming, the figures, the card, and what they can do now. */
export const RetirementView = z.object({
  /** NONE: nothing prepared for this member (not recorded as retired, or no money). */
  status: z.union([RetirementStatus, z.literal('NONE')]),
  statusLabel: z.string(),
  retiredOn: z.optional(z.string()),
  /** The figures as of the day shown (the closing interest runs to the day it is paid). */
  balanceFen: z.optional(FenAmount),
  closingInterestFen: z.optional(FenAmount),
  loanRepaymentFen: z.optional(FenAmount),
  payoutFen: z.optional(FenAmount),
  bankCardMasked: z.optional(z.string()),
  /** Why it cannot be paid yet, and what to do (HELD). */
  holdMessage: z.optional(z.string()),
  /** 免申即享: the day it is paid to the card on file unless the member acts first. */
  autoPayOn: z.optional(z.string()),
  /** The withdrawal in the payout pipeline once confirmed (its progress at /v1/me/withdrawals/{id}). */
  applicationId: z.optional(z.string()),
  closedOn: z.optional(z.string()),
  steps: z.array(z.string()),
  canConfirm: z.boolean(),
  canDecline: z.boolean(),
  canChangeCard: z.boolean(),
});
export type RetirementView = z.infer<typeof RetirementView>;

export const RetirementCardChange = z.object({
  bankCard: z.string().check(z.regex(/^\d{12,19}$/, { error: '银行卡号应为 12 到 19 位数字' })),
});
