/**
 * 好差评 for members: the services they received and may rate (once each, within the policy's
 * window), the rating itself — a bad one opens a case for the office in the same transaction — and
 * their answer after the office's 回访.
 */
import { randomBytes } from 'node:crypto';
import {
  addWorkingDays,
  chinaDate,
  deliveredWithdrawal,
  DomainError,
  formatCurrency,
  isBadRating,
  isCounterServiceId,
  maskPhone,
  RATED_SERVICE_LABELS,
  RATING_CASE_STATUS_LABELS,
  RATING_LEVEL_LABELS,
  RATING_LEVELS,
  rateUntil,
  routes,
  type DeliveredService,
  type RateServiceRequest,
  type RatingView,
} from '@hpf/shared';
import { getAccount } from '../adapters/accounts-repository';
import {
  changeCase,
  getCounterService,
  getRating,
  getRatingCase,
  memberCounterServices,
  memberDeclines,
  memberRatings,
  recordDecline,
  recordRating,
  type RatingCase,
  type RatingRecord,
  type ServiceGuard,
} from '../adapters/ratings-repository';
import { getApplication, listApplications, type Application } from '../adapters/withdrawals-repository';
import { config } from '../platform/config';
import { httpRoute } from '../platform/http';

/** How many of the member's latest applications are looked at: a rating window is days, applications are monthly. */
const RECENT_APPLICATIONS = 24;

export function toRatingView(rating: RatingRecord): RatingView {
  return {
    level: rating.level,
    levelLabel: RATING_LEVEL_LABELS[rating.level],
    reasons: rating.reasons,
    ...(rating.comment ? { comment: rating.comment } : {}),
    ratedAt: rating.ratedAt,
    ...(rating.caseStatus && rating.caseDueOn
      ? {
          case: {
            status: rating.caseStatus,
            statusLabel: RATING_CASE_STATUS_LABELS[rating.caseStatus],
            dueOn: rating.caseDueOn,
            ...(rating.caseOutcome ? { outcome: rating.caseOutcome } : {}),
            ...(rating.replyUntil ? { replyUntil: rating.replyUntil } : {}),
            ...(rating.resolved !== undefined ? { resolved: rating.resolved } : {}),
          },
        }
      : {}),
  };
}

function summaryOf(application: Application, service: DeliveredService): string {
  if (service.outcome === 'PAID') return `租房提取 ${formatCurrency(application.amountFen)} 已到账`;
  if (service.outcome === 'REJECTED') return `租房提取 ${formatCurrency(application.amountFen)} 未通过审核`;
  return `租房提取 ${formatCurrency(application.amountFen)} 转账没有成功，钱已退回公积金账户`;
}

/** A service as the member is offered it, from whatever delivered it. */
interface Offered {
  serviceId: string;
  service: DeliveredService['service'];
  summary: string;
  office: string;
  deliveredAt: string;
  month: string;
}

export const list = httpRoute(routes.myRatings, async ({ accountNo, now }) => {
  const { tableName, policy } = config();
  const [{ applications }, counter, ratings, declined] = await Promise.all([
    listApplications(tableName, accountNo, { limit: RECENT_APPLICATIONS }),
    memberCounterServices(tableName, accountNo),
    memberRatings(tableName, accountNo),
    memberDeclines(tableName, accountNo),
  ]);
  const byService = new Map(ratings.map((rating) => [rating.serviceId, rating]));
  const delivered: Offered[] = [
    ...applications.flatMap((application) => {
      const service = deliveredWithdrawal(application);
      return service ? [{ ...service, summary: summaryOf(application, service), office: policy.rating.onlineOffice }] : [];
    }),
    ...counter,
  ];
  delivered.sort((a, b) => b.deliveredAt.localeCompare(a.deliveredAt));
  const services = delivered.flatMap((service) => {
    const rating = byService.get(service.serviceId);
    const until = rateUntil(service.deliveredAt, policy.rating.windowDays);
    const open = now.toISOString() <= until;
    // a service neither rated nor still rateable is no longer offered
    if (!rating && !open) return [];
    return [
      {
        serviceId: service.serviceId,
        service: service.service,
        serviceLabel: RATED_SERVICE_LABELS[service.service],
        summary: service.summary,
        office: service.office,
        deliveredAt: service.deliveredAt,
        rateUntil: until,
        canRate: !rating && open,
        ...(declined.has(service.serviceId) ? { declined: true } : {}),
        ...(rating ? { rating: toRatingView(rating) } : {}),
      },
    ];
  });
  return {
    services,
    levels: RATING_LEVELS.map((level) => ({ level, label: RATING_LEVEL_LABELS[level] })),
    reasons: policy.rating.reasons,
  };
});

/** The service a member names, if it is theirs and has been delivered: with what must still stand when the rating lands. */
async function deliveredService(tableName: string, onlineOffice: string, accountNo: string, serviceId: string): Promise<{ service: Offered; memberName?: string; guard: ServiceGuard } | undefined> {
  if (isCounterServiceId(serviceId)) {
    const record = await getCounterService(tableName, accountNo, serviceId);
    return record ? { service: record, guard: { counterService: true } } : undefined;
  }
  const applicationId = applicationOf(serviceId, accountNo);
  const application = applicationId ? await getApplication(tableName, applicationId, true) : undefined;
  const service = application && application.accountNo === accountNo ? deliveredWithdrawal(application) : undefined;
  if (!application || !service || service.serviceId !== serviceId) return undefined;
  return {
    service: { ...service, summary: summaryOf(application, service), office: onlineOffice },
    memberName: application.memberName,
    guard: { withdrawal: { applicationId: application.applicationId, status: application.status } },
  };
}

/** The same rating sent again (a retry) is answered with what was recorded; a different one is refused. */
function sameRating(existing: RatingRecord, body: RateServiceRequest): boolean {
  return existing.level === body.level && existing.reasons.join('\u0000') === body.reasons.join('\u0000') && (existing.comment ?? '') === (body.comment ?? '');
}

function applicationOf(serviceId: string, accountNo: string): string | undefined {
  const applicationId = serviceId.slice('WD-'.length);
  // an application id carries its account number: another member's id is simply not found
  return applicationId.startsWith(`R${accountNo}`) ? applicationId : undefined;
}

export const rate = httpRoute(routes.rateService, async ({ body, accountNo, now }) => {
  const { tableName, policy } = config();
  const allowed = new Set([...policy.rating.reasons.good, ...policy.rating.reasons.bad]);
  const unknown = body.reasons.find((reason) => !allowed.has(reason));
  if (unknown) throw new DomainError('INVALID_REQUEST', `没有“${unknown}”这个理由，请从列出的理由中选择`, [{ path: 'reasons', message: '请从列出的理由中选择' }]);

  // one round: an earlier rating of the service (a retry) and the service itself
  const [earlier, found] = await Promise.all([
    getRating(tableName, accountNo, body.serviceId),
    deliveredService(tableName, policy.rating.onlineOffice, accountNo, body.serviceId),
  ]);
  if (earlier) {
    if (sameRating(earlier, body)) return toRatingView(earlier);
    throw new DomainError('ALREADY_RATED');
  }
  if (!found) throw new DomainError('SERVICE_NOT_RATEABLE');
  const { service, guard } = found;
  if (now.toISOString() > rateUntil(service.deliveredAt, policy.rating.windowDays)) throw new DomainError('RATING_WINDOW_CLOSED');

  const ratedAt = now.toISOString();
  // the office that served: the online hall for what was done online, the counter's own office otherwise
  const office = service.office;
  let opened: RatingCase | undefined;
  if (isBadRating(body.level)) {
    const account = await getAccount(tableName, accountNo);
    opened = {
      caseId: `C${now.getTime().toString(36)}${randomBytes(5).toString('hex')}`,
      status: 'OPEN',
      accountNo,
      serviceId: service.serviceId,
      service: service.service,
      office,
      level: body.level,
      reasons: body.reasons,
      ...(body.comment ? { comment: body.comment } : {}),
      memberName: found.memberName ?? account?.name ?? '',
      phoneMasked: account ? maskPhone(account.phone) : '',
      openedAt: ratedAt,
      dueOn: addWorkingDays(chinaDate(now), policy.rating.caseWorkingDays, policy.rating.calendar),
      history: [{ step: 'OPEN', stepLabel: '收到差评', by: '评价人', at: ratedAt }],
    };
  }
  const rating: RatingRecord = {
    accountNo,
    serviceId: service.serviceId,
    service: service.service,
    office,
    channel: 'MINIPROGRAM',
    month: service.month,
    deliveredAt: service.deliveredAt,
    level: body.level,
    reasons: body.reasons,
    ...(body.comment ? { comment: body.comment } : {}),
    ratedAt,
    ...(opened ? { caseId: opened.caseId, caseStatus: opened.status, caseDueOn: opened.dueOn } : {}),
  };
  const outcome = await recordRating(tableName, rating, guard, opened);
  if (outcome.kind === 'exists') {
    // a double tap: the twin that won recorded it
    if (sameRating(outcome.existing, body)) return toRatingView(outcome.existing);
    throw new DomainError('ALREADY_RATED');
  }
  if (outcome.kind === 'service-moved') throw new DomainError('SERVICE_NOT_RATEABLE');
  return toRatingView(rating);
});

/** 不用了: kept for the member, so no device of theirs asks about the service again. */
export const decline = httpRoute(routes.declineRating, async ({ params, accountNo, now }) => {
  const { tableName, policy } = config();
  const found = await deliveredService(tableName, policy.rating.onlineOffice, accountNo, params.serviceId);
  if (!found) throw new DomainError('SERVICE_NOT_RATEABLE');
  await recordDecline(tableName, accountNo, params.serviceId, now.toISOString());
  return { serviceId: params.serviceId, declined: true as const };
});

export const reply = httpRoute(routes.replyToRatingCase, async ({ params, body, accountNo, now }) => {
  const { tableName } = config();
  const rating = await getRating(tableName, accountNo, params.serviceId);
  if (!rating) throw new DomainError('SERVICE_NOT_RATEABLE');
  const found = rating.caseId ? await getRatingCase(tableName, rating.caseId) : undefined;
  if (!found || found.status !== 'FOLLOWED_UP') throw new DomainError('NOTHING_TO_REPLY');
  const at = now.toISOString();
  const next: RatingCase = {
    ...found,
    status: 'CLOSED',
    resolved: body.resolved,
    history: [...found.history, { step: 'MEMBER_REPLY', stepLabel: body.resolved ? '评价人确认已解决' : '评价人表示未解决', by: '评价人', at, ...(body.comment ? { note: body.comment } : {}) }],
  };
  const moved = await changeCase(tableName, { from: 'FOLLOWED_UP', next, mirror: { caseStatus: 'CLOSED', resolved: body.resolved } }, now);
  if (!moved) throw new DomainError('NOTHING_TO_REPLY');
  return toRatingView({ ...rating, caseStatus: 'CLOSED', resolved: body.resolved });
});
