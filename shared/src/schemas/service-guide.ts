import * as z from 'zod/mini';

/**
 * The withdrawal types a member asks about: RENT online, RETIREMENT online without an application
 * (免申即享); the account-closing ones (EMIGRATION, DISABILITY, DECEASED: 身后一件事) at a counter,
 * named as the counter's closing-withdrawal kinds are.
 */
export const WithdrawalKind = z.enum(['RENT', 'HOME_PURCHASE', 'LOAN_REPAYMENT', 'RETIREMENT', 'LEAVE_JOB', 'SERIOUS_ILLNESS', 'EMIGRATION', 'DISABILITY', 'DECEASED']);
export type WithdrawalKind = z.infer<typeof WithdrawalKind>;

const words = (max: number) => z.string().check(z.minLength(1), z.maxLength(max));

export const ServiceOffice = z.object({
  name: words(40),
  address: words(80),
  /** Opening hours in plain words, e.g. 周一至周五 9:00–17:00（法定节假日休息）. */
  hours: words(80),
  /** How to get there, when worth saying. */
  transit: z.optional(words(80)),
});
export type ServiceOffice = z.infer<typeof ServiceOffice>;

export const WithdrawalGuide = z.object({
  kind: WithdrawalKind,
  name: words(20),
  /** Who may apply, in plain words. */
  who: words(200),
  materials: z.array(words(80)).check(z.minLength(1)),
  /** Where and how it is done. */
  where: words(200),
  /** Handled in this mini program (else at a counter or a bank). */
  online: z.boolean(),
  /** How long it takes, in plain words (from handing in to the money on the card). */
  howLong: z.optional(words(120)),
});
export type WithdrawalGuide = z.infer<typeof WithdrawalGuide>;

/**
 * 服务指南 as city configuration (policy `service`): the 12329 hotline, the offices with their
 * hours, what each withdrawal type needs, common questions. GET /v1/service-guide answers it.
 */
export const ServiceGuide = z.object({
  /** Dialled as it is (tel: link, makePhoneCall). */
  hotline: z.string().check(z.regex(/^\d{3,12}$/, { error: '服务热线应为 3 到 12 位数字' })),
  hotlineHours: words(80),
  /** Said beside the number (e.g. the area code for phones from elsewhere). */
  hotlineNote: z.optional(words(80)),
  offices: z.array(ServiceOffice).check(z.minLength(1)),
  withdrawals: z.array(WithdrawalGuide).check(z.minLength(1)),
  faqs: z.array(z.object({ q: words(60), a: words(300) })),
  /** 离职提取: months the account must have been sealed, with no new employer depositing. */
  leaveJobSealedMonths: z.int().check(z.minimum(0), z.maximum(120)),
});
export type ServiceGuide = z.infer<typeof ServiceGuide>;
