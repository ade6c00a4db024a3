/**
 * 好差评 for staff: the 差评 cases by deadline, each step of one (核实, 整改, 回访, 申诉 — an appeal
 * decided by an auditor who did not make it), the month's figures and the export the national
 * system takes. Every step is one transaction with its audit record.
 */
import {
  chinaDate,
  caseOutcomeText,
  DomainError,
  formatRate,
  isCaseOverdue,
  mayDecideAppeal,
  mayReadRatingComment,
  RATED_SERVICE_LABELS,
  RATED_SERVICES,
  RATING_CASE_OPEN_STATES,
  RATING_CASE_ACTOR_ROLES,
  RATING_CASE_STATUS_LABELS,
  RATING_CASE_STEPS,
  RATING_CHANNEL_LABELS,
  RATING_LEVEL_LABELS,
  ratingFigures,
  routes,
  type RatedService,
  type RatingCaseDetail,
  type RatingCaseStatus,
  type RatingFigureRow,
} from '@hpf/shared';
import { getAccount } from '../adapters/accounts-repository';
import {
  caseOffices,
  casesIn,
  changeCase,
  counterServicesOfMonth,
  getRatingCase,
  officeCases,
  ratingsOfMonth,
  withdrawalsDeliveredIn,
  type RatingCase,
  type RatingRecord,
} from '../adapters/ratings-repository';
import { config } from '../platform/config';
import { httpRoute } from '../platform/http';
import { log } from '../platform/log';

const OFFICE_PAGE = 50;
const ALL_STATES: readonly RatingCaseStatus[] = ['OPEN', 'VERIFIED', 'RECTIFIED', 'APPEALED', 'FOLLOWED_UP', 'CLOSED', 'APPEAL_UPHELD'];

interface Reader {
  roles: readonly string[];
  commentRoles: readonly string[];
}

function readerOf(session: { roles?: readonly string[] }): Reader {
  return { roles: session.roles ?? [], commentRoles: config().policy.rating.commentRoles };
}

/** The member's comment as this reader may see it: whole for the policy's roles, otherwise only that there is one. */
function commentFor(comment: string | undefined, reader: Reader): { comment?: string; commentWithheld?: true } {
  if (!comment) return {};
  return mayReadRatingComment(reader.roles, reader.commentRoles) ? { comment } : { commentWithheld: true };
}

function toCaseView(record: RatingCase, today: string, reader: Reader): Omit<RatingCaseDetail, 'phone'> {
  return {
    caseId: record.caseId,
    status: record.status,
    statusLabel: RATING_CASE_STATUS_LABELS[record.status],
    service: record.service,
    serviceLabel: RATED_SERVICE_LABELS[record.service],
    serviceId: record.serviceId,
    office: record.office,
    level: record.level,
    levelLabel: RATING_LEVEL_LABELS[record.level],
    reasons: record.reasons,
    ...commentFor(record.comment, reader),
    memberName: record.memberName,
    phoneMasked: record.phoneMasked,
    openedAt: record.openedAt,
    dueOn: record.dueOn,
    overdue: isCaseOverdue(record.status, record.dueOn, today),
    ...(record.appealedBy ? { appealedBy: record.appealedBy } : {}),
    ...(record.resolved !== undefined ? { resolved: record.resolved } : {}),
    history: record.history,
  };
}

async function detailOf(tableName: string, record: RatingCase, today: string, reader: Reader): Promise<RatingCaseDetail> {
  // the whole number is for the 回访 call, read from the account as it is now
  const account = await getAccount(tableName, record.accountNo);
  return { ...toCaseView(record, today, reader), phone: account?.phone ?? '' };
}

export const list = httpRoute(routes.staffRatingCases, async ({ query, session, now }) => {
  const { tableName } = config();
  const today = chinaDate(now);
  const reader = readerOf(session);
  if (query.office) {
    // one office's cases come from its own list, a page at a time, in the order below
    const [page, offices] = await Promise.all([
      officeCases(tableName, query.office, { limit: query.limit ?? OFFICE_PAGE, cursor: query.cursor, status: query.status }),
      caseOffices(tableName),
    ]);
    return { cases: page.cases.map((record) => toCaseView(record, today, reader)), offices, ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
  }
  const [cases, offices] = await Promise.all([casesIn(tableName, query.status ? [query.status] : ALL_STATES), caseOffices(tableName)]);
  // what is due first comes first; cases no longer owed anything come after
  const owed = (record: RatingCase) => RATING_CASE_OPEN_STATES.includes(record.status);
  cases.sort((a, b) => Number(owed(b)) - Number(owed(a)) || a.dueOn.localeCompare(b.dueOn) || a.caseId.localeCompare(b.caseId));
  return { cases: cases.map((record) => toCaseView(record, today, reader)), offices };
});

export const detail = httpRoute(routes.staffRatingCase, async ({ params, session, now }) => {
  const { tableName } = config();
  const record = await getRatingCase(tableName, params.caseId);
  if (!record) throw new DomainError('RATING_CASE_NOT_FOUND');
  return detailOf(tableName, record, chinaDate(now), readerOf(session));
});

export const step = httpRoute(routes.ratingCaseStep, async ({ params, body, session, requestId, now }) => {
  const { tableName, policy } = config();
  const record = await getRatingCase(tableName, params.caseId);
  if (!record) throw new DomainError('RATING_CASE_NOT_FOUND');
  const rule = RATING_CASE_STEPS[body.step];
  const roles = session.roles ?? [];
  const mayAct = (RATING_CASE_ACTOR_ROLES[rule.actor] as readonly string[]).some((role) => roles.includes(role as (typeof roles)[number]));
  if (!mayAct) throw new DomainError('FORBIDDEN');
  if (record.status !== rule.from) throw new DomainError('CASE_STEP_NOT_ALLOWED');
  if (rule.actor === 'REVIEWER' && !mayDecideAppeal(record.appealedBy ?? '', session.subject)) throw new DomainError('APPEAL_BY_ANOTHER');
  if (body.step === 'FOLLOW_UP' && !body.followUp) {
    throw new DomainError('INVALID_REQUEST', '回访要写明回访时间、方式和结果', [{ path: 'followUp', message: '请填写回访时间、方式和结果' }]);
  }
  const at = now.toISOString();
  const history = [
    ...record.history,
    { step: body.step, stepLabel: rule.label, by: session.reader?.label ?? session.subject, at, note: body.note, ...(body.step === 'FOLLOW_UP' ? { followUp: body.followUp } : {}) },
  ];
  const replyUntil = body.step === 'FOLLOW_UP' ? new Date(now.getTime() + policy.rating.memberReplyDays * 86_400_000).toISOString() : record.replyUntil;
  const next: RatingCase = {
    ...record,
    status: rule.to,
    history,
    ...(body.step === 'APPEAL' ? { appealedBy: session.subject } : {}),
    ...(replyUntil ? { replyUntil } : {}),
  };
  const moved = await changeCase(
    tableName,
    {
      from: rule.from,
      next,
      mirror: {
        caseStatus: rule.to,
        caseOutcome: caseOutcomeText(history),
        replyUntil,
        ...(rule.to === 'APPEAL_UPHELD' ? { appealUpheld: true } : {}),
      },
      audit: { actor: session.subject, action: `rating-case.${body.step.toLowerCase()}`, target: record.caseId, requestId, details: { note: body.note } },
    },
    now,
  );
  if (!moved) throw new DomainError('CASE_STEP_NOT_ALLOWED');
  return detailOf(tableName, next, chinaDate(now), readerOf(session));
});

type Group = { service: RatedService; office: string; ratings: RatingRecord[]; delivered: number };

function figureRow(group: Group): RatingFigureRow {
  const counted = group.ratings.map((rating) => ({ level: rating.level, upheldAppeal: rating.appealUpheld === true }));
  const figures = ratingFigures(group.delivered, counted);
  const cases: Record<string, number> = {};
  for (const rating of group.ratings) if (rating.caseStatus) cases[rating.caseStatus] = (cases[rating.caseStatus] ?? 0) + 1;
  return {
    service: group.service,
    serviceLabel: RATED_SERVICE_LABELS[group.service],
    office: group.office,
    ...figures,
    ratingRate: formatRate(figures.ratingRateBasisPoints),
    satisfactionRate: formatRate(figures.satisfactionRateBasisPoints),
    cases,
  };
}

export const figures = httpRoute(routes.ratingFigures, async ({ query }) => {
  const { tableName, policy } = config();
  const [ratings, deliveredWithdrawals, counterServices] = await Promise.all([
    ratingsOfMonth(tableName, query.month),
    withdrawalsDeliveredIn(tableName, query.month),
    counterServicesOfMonth(tableName, query.month),
  ]);
  const groups = new Map<string, Group>();
  const groupOf = (service: RatedService, office: string) => {
    const key = `${service}\u0000${office}`;
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { service, office, ratings: [], delivered: 0 }));
    return group;
  };
  groupOf('RENT_WITHDRAWAL', policy.rating.onlineOffice).delivered = deliveredWithdrawals;
  for (const service of counterServices) groupOf(service.service, service.office).delivered += 1;
  for (const rating of ratings) groupOf(rating.service, rating.office).ratings.push(rating);
  for (const group of groups.values()) {
    if (group.delivered < group.ratings.length) {
      // every rating is of a service that ended in the month; fewer ended ones means a record is missing
      log('warn', 'rating figures: more ratings than services delivered', { month: query.month, service: group.service, rated: group.ratings.length, delivered: group.delivered });
      group.delivered = group.ratings.length;
    }
  }
  const ordered = [...groups.values()].sort((a, b) => RATED_SERVICES.indexOf(a.service) - RATED_SERVICES.indexOf(b.service) || a.office.localeCompare(b.office));
  const total = figureRow({
    service: 'RENT_WITHDRAWAL',
    office: '全部',
    ratings: ordered.flatMap((group) => group.ratings),
    delivered: ordered.reduce((sum, group) => sum + group.delivered, 0),
  });
  return { month: query.month, rows: ordered.map(figureRow), total: { ...total, serviceLabel: '全部事项' } };
});

export const exportMonth = httpRoute(routes.ratingExport, async ({ query, session }) => {
  const { tableName, policy } = config();
  // the comment is the member's own words: only the policy's roles take it out of the system
  const withComments = mayReadRatingComment(session.roles ?? [], policy.rating.commentRoles);
  const ratings = await ratingsOfMonth(tableName, query.month);
  ratings.sort((a, b) => a.ratedAt.localeCompare(b.ratedAt) || a.serviceId.localeCompare(b.serviceId));
  return {
    month: query.month,
    rows: ratings.map((rating) => ({
      serviceItem: RATED_SERVICE_LABELS[rating.service],
      office: rating.office,
      channel: rating.channel,
      channelLabel: RATING_CHANNEL_LABELS[rating.channel],
      level: rating.level,
      levelLabel: RATING_LEVEL_LABELS[rating.level],
      ratedAt: rating.ratedAt,
      caseOutcome: rating.caseStatus ? RATING_CASE_STATUS_LABELS[rating.caseStatus] + (rating.resolved === false ? '（评价人表示未解决）' : '') : '无需处理',
      ...(withComments && rating.comment ? { comment: rating.comment } : {}),
    })),
    withComments,
  };
});
