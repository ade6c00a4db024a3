/** 好差评: what members send and see, and what staff read and do to a case. */
import * as z from 'zod/mini';
import { RATED_SERVICES, RATING_CASE_STEPS, RATING_CHANNELS, RATING_LEVELS, type RatingCaseStatus } from '../service-rating';
import { CalendarDate, YearMonth } from './common';
import { PageQuery } from './ledger';
import { plainText } from './text';

export const RatingLevelSchema = z.enum(RATING_LEVELS);
const CASE_STATUSES: [RatingCaseStatus, ...RatingCaseStatus[]] = ['OPEN', 'VERIFIED', 'RECTIFIED', 'FOLLOWED_UP', 'CLOSED', 'APPEALED', 'APPEAL_UPHELD'];
export const RatingCaseStatusSchema = z.enum(CASE_STATUSES);

/** `WD-<applicationId>` (a withdrawal) or `CS-<day><id>` (a counter service): the prefix names the kind (URL-safe: it goes in a path). */
export const ServiceIdParam = z.object({
  serviceId: z.string().check(z.regex(/^(WD-R[0-9A-Za-z]{8,40}|CS-\d{8}[0-9A-Za-z]{6,40})$/, { error: '服务编号不正确' })),
});
export const RatingCaseIdParam = z.object({
  caseId: z.string().check(z.regex(/^C[0-9A-Za-z]{10,40}$/, { error: '工单编号不正确' })),
});

export const RateServiceRequest = z.object({
  serviceId: ServiceIdParam.shape.serviceId,
  level: RatingLevelSchema,
  reasons: z.array(z.string().check(z.minLength(1), z.maxLength(20, { error: '理由太长' }))).check(z.maxLength(6, { error: '最多选 6 项理由' })),
  comment: z.optional(plainText({ label: '评价内容', max: 300 })),
});
export type RateServiceRequest = z.infer<typeof RateServiceRequest>;

export const MemberReplyRequest = z.object({
  resolved: z.boolean({ error: '请选择问题是否已解决' }),
  comment: z.optional(plainText({ label: '补充说明', max: 300 })),
});

const FollowUp = z.object({
  at: z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/, { error: '回访时间格式不正确' })),
  how: z.enum(['PHONE', 'SMS', 'VISIT', 'MESSAGE']),
  outcome: plainText({ label: '回访结果', max: 300, min: { length: 2, message: '请写明回访结果' } }),
});

export const RatingCaseStepRequest = z.object({
  step: z.enum(Object.keys(RATING_CASE_STEPS) as [keyof typeof RATING_CASE_STEPS, ...(keyof typeof RATING_CASE_STEPS)[]]),
  note: plainText({ label: '办理说明', max: 500, min: { length: 2, message: '请写明办理说明' } }),
  followUp: z.optional(FollowUp),
});
export type RatingCaseStepRequest = z.infer<typeof RatingCaseStepRequest>;

const CaseHistoryEntry = z.object({
  step: z.string(),
  stepLabel: z.string(),
  by: z.string(),
  at: z.string(),
  note: z.optional(z.string()),
  followUp: z.optional(FollowUp),
});

/** What the member sees of the case their bad rating opened. */
export const MemberCaseView = z.object({
  status: RatingCaseStatusSchema,
  statusLabel: z.string(),
  dueOn: CalendarDate,
  /** What the office found and changed, and how it contacted the member, once it has. */
  outcome: z.optional(z.string()),
  replyUntil: z.optional(z.string()),
  resolved: z.optional(z.boolean()),
});

export const RatingView = z.object({
  level: RatingLevelSchema,
  levelLabel: z.string(),
  reasons: z.array(z.string()),
  comment: z.optional(z.string()),
  ratedAt: z.string(),
  case: z.optional(MemberCaseView),
});
export type RatingView = z.infer<typeof RatingView>;

export const RateableService = z.object({
  serviceId: z.string(),
  service: z.enum(RATED_SERVICES),
  serviceLabel: z.string(),
  /** In plain words: 已到账 ¥1,500.00 / 未通过审核. */
  summary: z.string(),
  office: z.string(),
  deliveredAt: z.string(),
  rateUntil: z.string(),
  /** False once the window has passed with no rating. */
  canRate: z.boolean(),
  /** The member said 不用了 to the prompt (on any device): not asked again, though it may still be rated. */
  declined: z.optional(z.boolean()),
  rating: z.optional(RatingView),
});
export const MyRatings = z.object({
  services: z.array(RateableService),
  levels: z.array(z.object({ level: RatingLevelSchema, label: z.string() })),
  reasons: z.object({ good: z.array(z.string()), bad: z.array(z.string()) }),
});
export type MyRatings = z.infer<typeof MyRatings>;
export const RatingDeclined = z.object({ serviceId: z.string(), declined: z.literal(true) });

export const RatingCaseView = z.object({
  caseId: z.string(),
  status: RatingCaseStatusSchema,
  statusLabel: z.string(),
  service: z.enum(RATED_SERVICES),
  serviceLabel: z.string(),
  serviceId: z.string(),
  office: z.string(),
  level: RatingLevelSchema,
  levelLabel: z.string(),
  reasons: z.array(z.string()),
  /** The member's own words: personal data, shown only to the roles of policy `rating.commentRoles`. */
  comment: z.optional(z.string()),
  /** True when there is a comment this reader's role may not read (it is left out). */
  commentWithheld: z.optional(z.boolean()),
  memberName: z.string(),
  /** Masked; the 回访 call is made from the case detail. */
  phoneMasked: z.string(),
  openedAt: z.string(),
  dueOn: CalendarDate,
  overdue: z.boolean(),
  appealedBy: z.optional(z.string()),
  resolved: z.optional(z.boolean()),
  history: z.array(CaseHistoryEntry),
});
export const RatingCaseDetail = z.extend(RatingCaseView, {
  /** Whole, for the 回访 call: only the case handlers read it, and the read is the handling. */
  phone: z.string(),
});
export type RatingCaseDetail = z.infer<typeof RatingCaseDetail>;
export const RatingCaseList = z.object({
  cases: z.array(RatingCaseView),
  /** The offices that have had a case: the 网点 filter's choices. */
  offices: z.array(z.string()),
  /** With an office filter the list is paged (the earliest due first). */
  nextCursor: z.optional(z.string()),
});
export const RatingCaseQuery = z.extend(PageQuery, {
  status: z.optional(RatingCaseStatusSchema),
  office: z.optional(z.string().check(z.minLength(1), z.maxLength(40, { error: '网点名称太长' }))),
});

export const RatingMonthQuery = z.object({ month: YearMonth });
const RatingFigureRow = z.object({
  service: z.enum(RATED_SERVICES),
  serviceLabel: z.string(),
  office: z.string(),
  delivered: z.int(),
  rated: z.int(),
  satisfied: z.int(),
  bad: z.int(),
  byLevel: z.record(RatingLevelSchema, z.int()),
  ratingRateBasisPoints: z.nullable(z.int()),
  satisfactionRateBasisPoints: z.nullable(z.int()),
  ratingRate: z.string(),
  satisfactionRate: z.string(),
  /** Bad ratings' cases by state. */
  cases: z.record(z.string(), z.int()),
});
export const RatingFiguresResponse = z.object({ month: YearMonth, rows: z.array(RatingFigureRow), total: RatingFigureRow });
export type RatingFigureRow = z.infer<typeof RatingFigureRow>;

/** One line per rating in the fields the government's 好差评 system takes: no ID number or phone; the comment only for the roles of `rating.commentRoles`. */
export const RatingExport = z.object({
  month: YearMonth,
  rows: z.array(
    z.object({
      serviceItem: z.string(),
      office: z.string(),
      channel: z.enum(RATING_CHANNELS),
      channelLabel: z.string(),
      level: RatingLevelSchema,
      levelLabel: z.string(),
      ratedAt: z.string(),
      caseOutcome: z.string(),
      comment: z.optional(z.string()),
    }),
  ),
  /** Whether this reader's export carries the comments at all. */
  withComments: z.boolean(),
});
