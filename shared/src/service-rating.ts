/**
 * 政务服务「好差评」 as pure rules: the national five levels, which ratings open a case, the case's
 * life cycle (评价－分析－反馈－整改－回访, with 申诉 decided by another person), and the figures the
 * console reports — 评价率 (services rated ÷ services delivered) and 满意率 (the two top levels ÷
 * ratings, as the national system counts them).
 */
import * as z from 'zod/mini';
import { WorkingCalendarSchema, type WorkingCalendar } from './working-days';

export const RATING_LEVELS = ['VERY_SATISFIED', 'SATISFIED', 'BASICALLY_SATISFIED', 'DISSATISFIED', 'VERY_DISSATISFIED'] as const;
export type RatingLevel = (typeof RATING_LEVELS)[number];

export const RATING_LEVEL_LABELS: Record<RatingLevel, string> = {
  VERY_SATISFIED: '非常满意',
  SATISFIED: '满意',
  BASICALLY_SATISFIED: '基本满意',
  DISSATISFIED: '不满意',
  VERY_DISSATISFIED: '非常不满意',
};

/** 差评: each one opens a case for the office that served. */
export function isBadRating(level: RatingLevel): boolean {
  return level === 'DISSATISFIED' || level === 'VERY_DISSATISFIED';
}

/** Counted as satisfied in 满意率. */
export function isSatisfied(level: RatingLevel): boolean {
  return level === 'VERY_SATISFIED' || level === 'SATISFIED';
}

export type RatingCaseStatus =
  | 'OPEN' // the bad rating came in; the office has it
  | 'VERIFIED' // 核实: what happened, in the office's words
  | 'RECTIFIED' // 整改: what was changed
  | 'FOLLOWED_UP' // 回访: the member was contacted (when, how, outcome)
  | 'CLOSED' // the member saw the outcome (and said whether it was resolved), or the window to say so passed
  | 'APPEALED' // 申诉: the office believes the rating unfair
  | 'APPEAL_UPHELD'; // another person agreed: the rating no longer counts against the office

export type RatingCaseActor = 'OFFICE' | 'REVIEWER' | 'MEMBER' | 'SYSTEM';

export interface RatingCaseTransition {
  from: RatingCaseStatus;
  to: RatingCaseStatus;
  by: readonly RatingCaseActor[];
  when: string;
}

/** Who may move a case where, declared once (every write is conditioned on the state it leaves). */
export const RATING_CASE_LIFE_CYCLE: readonly RatingCaseTransition[] = [
  { from: 'OPEN', to: 'VERIFIED', by: ['OFFICE'], when: '核实: the office records what happened' },
  { from: 'OPEN', to: 'APPEALED', by: ['OFFICE'], when: '申诉: the office believes the rating unfair, with its reasons' },
  { from: 'VERIFIED', to: 'RECTIFIED', by: ['OFFICE'], when: '整改: the office records what it changed' },
  { from: 'RECTIFIED', to: 'FOLLOWED_UP', by: ['OFFICE'], when: '回访: the member was contacted — when, how, what they said' },
  { from: 'FOLLOWED_UP', to: 'CLOSED', by: ['MEMBER', 'SYSTEM'], when: 'the member saw the outcome and said whether it was resolved, or the time to say so passed' },
  { from: 'APPEALED', to: 'APPEAL_UPHELD', by: ['REVIEWER'], when: 'another person agrees the rating was unfair (never the one who appealed)' },
  { from: 'APPEALED', to: 'VERIFIED', by: ['REVIEWER'], when: 'the appeal is refused: the case goes on to 整改 (never decided by the one who appealed)' },
];

export function ratingCaseTransition(from: RatingCaseStatus, to: RatingCaseStatus, by: RatingCaseActor): RatingCaseTransition | undefined {
  return RATING_CASE_LIFE_CYCLE.find((t) => t.from === from && t.to === to && t.by.includes(by));
}

/** An appeal is decided by another person than the one who made it. */
export function mayDecideAppeal(appealedBy: string, decidedBy: string): boolean {
  return appealedBy !== decidedBy;
}

export interface RatingFigures {
  delivered: number;
  rated: number;
  satisfied: number;
  bad: number;
  byLevel: Record<RatingLevel, number>;
  /** rated ÷ delivered, in basis points of a percent (99.00% = 9900); null when nothing was delivered. */
  ratingRateBasisPoints: number | null;
  /** satisfied ÷ rated, in basis points; null when nothing was rated. */
  satisfactionRateBasisPoints: number | null;
}

/** Rounded half up to a basis point, in integers: no float decides a reported percentage. */
function basisPoints(part: number, whole: number): number | null {
  if (whole === 0) return null;
  return Math.floor((part * 20_000 + whole) / (2 * whole));
}

/** The figures of a set of services (per service, office or month: the caller groups). */
export function ratingFigures(delivered: number, ratings: readonly { level: RatingLevel; upheldAppeal?: boolean }[]): RatingFigures {
  if (!Number.isInteger(delivered) || delivered < ratings.length) throw new RangeError('more ratings than services delivered');
  const byLevel = Object.fromEntries(RATING_LEVELS.map((level) => [level, 0])) as Record<RatingLevel, number>;
  // a rating whose appeal was upheld is not counted (nationally it is withdrawn from the figures)
  const counted = ratings.filter((rating) => !rating.upheldAppeal);
  for (const rating of counted) byLevel[rating.level] += 1;
  const satisfied = counted.filter((rating) => isSatisfied(rating.level)).length;
  const bad = counted.filter((rating) => isBadRating(rating.level)).length;
  return {
    delivered,
    rated: counted.length,
    satisfied,
    bad,
    byLevel,
    ratingRateBasisPoints: basisPoints(counted.length, delivered),
    satisfactionRateBasisPoints: basisPoints(satisfied, counted.length),
  };
}

/** "99.12%" from basis points; "—" when there is nothing to count. */
export function formatRate(basisPointsValue: number | null): string {
  if (basisPointsValue === null) return '—';
  return `${Math.floor(basisPointsValue / 100)}.${String(basisPointsValue % 100).padStart(2, '0')}%`;
}

/**
 * The services a member may rate, as the national system names its 事项: a rent withdrawal that
 * ended, a certificate checked at a counter, and the account actions a counter does for a member.
 */
export const RATED_SERVICES = ['RENT_WITHDRAWAL', 'CERTIFICATE_CHECK', 'ACCOUNT_OPEN', 'ACCOUNT_SEAL', 'ACCOUNT_UNSEAL', 'ACCOUNT_CLOSE'] as const;
export type RatedService = (typeof RATED_SERVICES)[number];

export const RATED_SERVICE_LABELS: Record<RatedService, string> = {
  RENT_WITHDRAWAL: '租房提取住房公积金',
  CERTIFICATE_CHECK: '住房公积金证明柜台查验',
  ACCOUNT_OPEN: '住房公积金个人账户设立',
  ACCOUNT_SEAL: '住房公积金个人账户封存',
  ACCOUNT_UNSEAL: '住房公积金个人账户启封',
  ACCOUNT_CLOSE: '住房公积金个人账户销户',
};

/** The counter's account actions, each a rated service of its own. */
export const COUNTER_ACCOUNT_SERVICES = { open: 'ACCOUNT_OPEN', seal: 'ACCOUNT_SEAL', unseal: 'ACCOUNT_UNSEAL', close: 'ACCOUNT_CLOSE' } as const satisfies Record<string, RatedService>;
export type CounterService = Exclude<RatedService, 'RENT_WITHDRAWAL'>;

const COUNTER_SUMMARIES: Record<CounterService, string> = {
  CERTIFICATE_CHECK: '柜台查验了您的电子证明',
  ACCOUNT_OPEN: '柜台为您开立了公积金账户',
  ACCOUNT_SEAL: '柜台为您办理了账户封存',
  ACCOUNT_UNSEAL: '柜台为您办理了账户启封',
  ACCOUNT_CLOSE: '柜台为您办理了账户销户',
};

/** A service delivered at a counter, recorded in the member's partition when it is done. */
export interface CounterServiceRecord {
  /** `CS-<China date, 8 digits><unique part>`: sorts by day, and is the rating's key. */
  serviceId: string;
  service: CounterService;
  accountNo: string;
  /** The office that served (the staff member's, never their login). */
  office: string;
  month: string;
  deliveredAt: string;
  summary: string;
}

/**
 * The record of a counter service. `unique` makes the id: for a certificate check it is derived
 * from the certificate, so checks of one certificate on one day are one service (asked about once);
 * for an account action it is random (each action is its own service).
 */
export function counterService(service: CounterService, accountNo: string, office: string, at: Date, unique: string, chinaDay: string): CounterServiceRecord {
  if (!/^[0-9A-Za-z]{6,40}$/.test(unique)) throw new RangeError('a counter service id part is 6-40 letters or digits');
  return {
    serviceId: `CS-${chinaDay.replaceAll('-', '')}${unique}`,
    service,
    accountNo,
    office,
    month: chinaDay.slice(0, 7),
    deliveredAt: at.toISOString(),
    summary: COUNTER_SUMMARIES[service],
  };
}

export function isCounterServiceId(serviceId: string): boolean {
  return serviceId.startsWith('CS-');
}

/** 评价渠道, as the national system takes it. */
export const RATING_CHANNELS = ['MINIPROGRAM'] as const;
export type RatingChannel = (typeof RATING_CHANNELS)[number];
export const RATING_CHANNEL_LABELS: Record<RatingChannel, string> = { MINIPROGRAM: '微信小程序' };

/** A withdrawal is a delivered service once it ends in one of these (paid, or refused with a reason). */
const RATEABLE_WITHDRAWAL_ENDS = ['PAID', 'REJECTED', 'PAYOUT_FAILED'] as const;

export interface DeliveredService {
  /** Stable: the rating's key, so one service is rated once. */
  serviceId: string;
  service: RatedService;
  /** The month the service belongs to in the figures (the application's month). */
  month: string;
  deliveredAt: string;
  outcome: (typeof RATEABLE_WITHDRAWAL_ENDS)[number];
}

/** The service a withdrawal delivered, if it has ended in a way the member can rate. */
export function deliveredWithdrawal(application: {
  applicationId: string;
  kind?: string;
  month: string;
  status: string;
  timeline: readonly { status: string; at: string }[];
}): DeliveredService | undefined {
  const outcome = RATEABLE_WITHDRAWAL_ENDS.find((status) => status === application.status);
  if (!outcome || (application.kind ?? 'RENT') !== 'RENT') return undefined;
  const step = [...application.timeline].reverse().find((entry) => entry.status === outcome);
  if (!step) return undefined;
  return { serviceId: `WD-${application.applicationId}`, service: 'RENT_WITHDRAWAL', month: application.month, deliveredAt: step.at, outcome };
}

export function isRateableWithdrawalEnd(status: string): boolean {
  return (RATEABLE_WITHDRAWAL_ENDS as readonly string[]).includes(status);
}

export const RATEABLE_WITHDRAWAL_STATES = RATEABLE_WITHDRAWAL_ENDS;

/** The last moment a service may be rated: `windowDays` whole days after it was delivered. */
export function rateUntil(deliveredAt: string, windowDays: number): string {
  return new Date(Date.parse(deliveredAt) + windowDays * 86_400_000).toISOString();
}

/** What staff do to a case, each one step of the life cycle above. */
export const RATING_CASE_STEPS = {
  VERIFY: { from: 'OPEN', to: 'VERIFIED', actor: 'OFFICE', label: '核实' },
  RECTIFY: { from: 'VERIFIED', to: 'RECTIFIED', actor: 'OFFICE', label: '整改' },
  FOLLOW_UP: { from: 'RECTIFIED', to: 'FOLLOWED_UP', actor: 'OFFICE', label: '回访' },
  APPEAL: { from: 'OPEN', to: 'APPEALED', actor: 'OFFICE', label: '申诉' },
  UPHOLD_APPEAL: { from: 'APPEALED', to: 'APPEAL_UPHELD', actor: 'REVIEWER', label: '申诉成立' },
  REFUSE_APPEAL: { from: 'APPEALED', to: 'VERIFIED', actor: 'REVIEWER', label: '申诉不成立' },
} as const satisfies Record<string, { from: RatingCaseStatus; to: RatingCaseStatus; actor: RatingCaseActor; label: string }>;
export type RatingCaseStep = keyof typeof RATING_CASE_STEPS;

/** The staff roles that act for each case actor: office staff do the office's steps, only an auditor decides an appeal (the API checks these; the console offers only these). */
export const RATING_CASE_ACTOR_ROLES = { OFFICE: ['REVIEWER', 'ACCOUNT_CLERK'], REVIEWER: ['AUDITOR'] } as const satisfies Partial<Record<RatingCaseActor, readonly string[]>>;

export const RATING_CASE_STATUS_LABELS: Record<RatingCaseStatus, string> = {
  OPEN: '待核实',
  VERIFIED: '已核实，待整改',
  RECTIFIED: '已整改，待回访',
  FOLLOWED_UP: '已回访，待评价人确认',
  CLOSED: '已办结',
  APPEALED: '申诉中',
  APPEAL_UPHELD: '申诉成立，不计入差评',
};

/** States in which the office still owes work: each has a deadline that can pass. */
export const RATING_CASE_OPEN_STATES: readonly RatingCaseStatus[] = ['OPEN', 'VERIFIED', 'RECTIFIED', 'APPEALED'];

export const RatingPolicy = z.object({
  /** Days after a service is delivered in which the member may rate it. */
  windowDays: z.int().check(z.minimum(1), z.maximum(90)),
  /** Working days an office has from a 差评 to its 回访 (核实, 整改 and the call all inside). */
  caseWorkingDays: z.int().check(z.minimum(1), z.maximum(60)),
  /** Days the member has after the 回访 to say whether it was resolved; then the case closes by itself. */
  memberReplyDays: z.int().check(z.minimum(1), z.maximum(60)),
  /** The office named on online services (a counter service names its own). */
  onlineOffice: z.string().check(z.minLength(2), z.maxLength(40)),
  /**
   * The staff roles that read the member's own words (评价内容, personal data) — in a case and in
   * the month's export. Everyone else who sees the case is told only that there is a comment.
   */
  commentRoles: z.array(z.enum(['DEPOSIT_CLERK', 'ACCOUNT_CLERK', 'REVIEWER', 'AUDITOR', 'ADMIN'])),
  /** Reasons to tick, for a good and for a bad rating. */
  reasons: z.object({ good: z.array(z.string().check(z.minLength(2), z.maxLength(20))), bad: z.array(z.string().check(z.minLength(2), z.maxLength(20))) }),
  calendar: WorkingCalendarSchema,
});
export type RatingPolicy = z.infer<typeof RatingPolicy>;

/**
 * 2026 as the State Council's notice set it (days off, and the weekend days worked instead). The
 * notice for each next year comes out in the autumn: a centre keeps POLICY_JSON.rating.calendar
 * current, and a deadline past the last listed year counts weekends only.
 */
export const CALENDAR_2026 = {
  holidays: [
    '2026-01-01', '2026-01-02', '2026-01-03',
    '2026-02-15', '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20', '2026-02-21', '2026-02-22', '2026-02-23',
    '2026-04-04', '2026-04-05', '2026-04-06',
    '2026-05-01', '2026-05-02', '2026-05-03', '2026-05-04', '2026-05-05',
    '2026-06-19', '2026-06-20', '2026-06-21',
    '2026-09-25', '2026-09-26', '2026-09-27',
    '2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05', '2026-10-06', '2026-10-07',
  ],
  workingWeekends: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'],
} satisfies WorkingCalendar;

export const DEFAULT_RATING_POLICY: RatingPolicy = {
  windowDays: 15,
  caseWorkingDays: 15,
  memberReplyDays: 7,
  onlineOffice: '网上服务大厅',
  // the office staff who 核实 and 回访 need the member's words; statistics and appeals do without them
  commentRoles: ['REVIEWER', 'ACCOUNT_CLERK'],
  reasons: {
    good: ['办理快', '材料少', '流程清楚', '提示明白', '不用跑腿'],
    bad: ['办理慢', '材料多', '流程不清楚', '结果看不懂', '被退回没说明白', '系统出错'],
  },
  calendar: CALENDAR_2026,
};

/** Whether a staff member with these roles reads the member's comment (policy `rating.commentRoles`). */
export function mayReadRatingComment(roles: readonly string[], commentRoles: readonly string[]): boolean {
  return roles.some((role) => commentRoles.includes(role));
}

/** What the member is told the office did: its 整改 and what was said at the 回访, in order. */
export function caseOutcomeText(history: readonly { step: string; note?: string; followUp?: { outcome: string } }[]): string | undefined {
  const parts = history.flatMap((entry) => {
    if (entry.step === 'RECTIFY' && entry.note) return [`整改：${entry.note}`];
    if (entry.step === 'FOLLOW_UP') return [`回访：${entry.followUp?.outcome ?? entry.note ?? ''}`];
    if (entry.step === 'UPHOLD_APPEAL' && entry.note) return [`经复核，这次评价不计入差评：${entry.note}`];
    return [];
  });
  return parts.length > 0 ? parts.join('\n') : undefined;
}

/** A case whose office work is not done by the day it is due (today, China date, after `dueOn`). */
export function isCaseOverdue(status: RatingCaseStatus, dueOn: string, today: string): boolean {
  return RATING_CASE_OPEN_STATES.includes(status) && today > dueOn;
}
