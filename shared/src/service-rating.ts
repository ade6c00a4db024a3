/**
 * 政务服务「好差评」 as pure rules: the national five levels, which ratings open a case, the case's
 * life cycle (评价－分析－反馈－整改－回访, with 申诉 decided by another person), and the figures the
 * console reports — 评价率 (services rated ÷ services delivered) and 满意率 (the two top levels ÷
 * ratings, as the national system counts them).
 */

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
