/**
 * 租房提取 from the phone: idempotent by the Idempotency-Key header, checked against the rules,
 * then recorded as APPROVED (秒办, no risk flag: the payout worker debits and pays it within
 * seconds) or PENDING_REVIEW (two-person review). The answer comes at once; the bank is never
 * called from here.
 */
import { randomBytes } from 'node:crypto';
import { assessRentApplication, chinaDate, DomainError, rentRefusal, routes } from '@hpf/shared';
import {
  createApplication,
  getApplication,
  getIdempotencyRecord,
  leaseSignals,
  applicationsNewestFirst,
  leaseUseItems,
  requestHash,
  type Application,
} from '../adapters/withdrawals-repository';
import { guardFaceCheck } from '../face/guard';
import { config } from '../platform/config';
import { newApplicationId } from '../platform/ids';
import { httpRoute } from '../platform/http';
import { log } from '../platform/log';
import { rentSituation } from './situation';
import { toWithdrawalView } from './view';

const SCOPE = 'RENT';
/** How long the sweep leaves a new APPROVED application to the stream before taking it up itself. */
const STREAM_GRACE_MS = 30_000;

async function replay(tableName: string, accountNo: string, key: string, hash: string) {
  const record = await getIdempotencyRecord(tableName, SCOPE, `${accountNo}#${key}`);
  if (!record) return undefined;
  if (record.requestHash !== hash) throw new DomainError('IDEMPOTENCY_KEY_REUSED');
  // the application as it is now: the payout worker carries an accepted one on by itself
  const application = await getApplication(tableName, record.applicationId, true);
  return application ? toWithdrawalView(application) : undefined;
}

function previousMonth(month: string): string {
  const [year, m] = month.split('-').map(Number);
  return m === 1 ? `${year - 1}-12` : `${year}-${String(m - 1).padStart(2, '0')}`;
}

/**
 * Earlier months in a row (before this one) in which the member was paid exactly the cap. Reads the
 * member's applications newest first and stops at the first month that breaks the run: an
 * application's month is the month it was made in (WRONG_MONTH), so nothing older can continue it.
 */
export async function monthsAtCapInARow(applications: AsyncIterable<Application>, capFen: number, month: string): Promise<number> {
  const paid = new Map<string, number>();
  let streak = 0;
  let wanted = previousMonth(month);
  const settle = () => {
    while (paid.get(wanted) === capFen) {
      streak += 1;
      wanted = previousMonth(wanted);
    }
  };
  for await (const application of applications) {
    if (application.month < wanted) {
      settle();
      if (application.month < wanted) break;
    }
    if (application.status === 'PAID') paid.set(application.month, application.amountFen);
  }
  settle();
  return streak;
}

export const handler = httpRoute(routes.submitRentWithdrawal, async ({ body, accountNo, session, idempotencyKey, faceCheckId, now, requestId }) => {
  const { tableName, policy } = config();
  const hash = requestHash(body);
  // every read at once (one round of parallel calls): an earlier attempt of this request, the
  // member's situation, the lease signals, the cap streak and the face check sent; an earlier
  // attempt wins over the rest (a retry of an accepted request acts no more, so needs no new check)
  const settled = <T,>(promise: Promise<T>) => promise.then((ok) => ({ ok }), (error: unknown) => ({ error }));
  const [earlier, reads, faceRead] = await Promise.all([
    replay(tableName, accountNo, idempotencyKey, hash),
    settled(
      Promise.all([
        rentSituation(accountNo, now),
        leaseSignals(tableName, body.lease, accountNo),
        monthsAtCapInARow(applicationsNewestFirst(tableName, accountNo), policy.rent.monthlyCapFen, chinaDate(now).slice(0, 7)),
      ]),
    ),
    settled(
      guardFaceCheck(
        { tableName, policy, checkId: faceCheckId, now, usedFor: `RENT#${idempotencyKey}` },
        { purpose: 'WITHDRAWAL', openid: session.subject, accountNo },
      ),
    ),
  ]);
  if (earlier) return earlier;
  if ('error' in reads) throw reads.error;
  if ('error' in faceRead) throw faceRead.error;
  const face = faceRead.ok;
  const [situation, signals, capStreak] = reads.ok;
  const assessment = assessRentApplication(situation, body, { ...signals, monthsAtCapInARow: capStreak }, policy);
  if (!assessment.ok) {
    // a twin of this very request (same key) may have been accepted while this one was checking
    const twin = await replay(tableName, accountNo, idempotencyKey, hash);
    if (twin) return twin;
    throw rentRefusal(assessment);
  }

  const automatic = assessment.flags.length === 0;
  const createdAt = now.toISOString();
  const application: Application = {
    applicationId: newApplicationId(accountNo, now, randomBytes(4)),
    accountNo,
    memberName: situation.account.name,
    kind: 'RENT',
    month: body.month,
    amountFen: body.amountFen,
    lease: body.lease,
    bankCard: assessment.bankCard,
    status: automatic ? 'APPROVED' : 'PENDING_REVIEW',
    flags: assessment.flags,
    timeline: [{ status: automatic ? 'APPROVED' : 'PENDING_REVIEW', at: createdAt, ...(automatic ? { note: '符合条件，自动审核通过' } : {}) }],
    createdAt,
    idempotencyKey,
    // the stream brings it to the payout worker at once; the sweep takes it up after this if not
    ...(automatic ? { nextAttemptAt: new Date(now.getTime() + STREAM_GRACE_MS).toISOString() } : {}),
  };
  // the lease's use is remembered in the same transaction: only by an application that was made
  // the face check is used up by the transaction that makes the application (its item comes right
  // after createApplication's four guarded ones), so two requests holding one check make one application
  let created: Awaited<ReturnType<typeof createApplication>>;
  try {
    created = await createApplication(
      tableName,
      application,
      { scope: SCOPE, key: `${accountNo}#${idempotencyKey}`, requestHash: hash },
      [...(face ? [face.item] : []), ...leaseUseItems(tableName, body.lease, accountNo, now)],
    );
  } catch (error) {
    throw (await face?.refusalFor(error, 4)) ?? error;
  }
  if (created === 'idempotent-replay') {
    // a double tap that lost the race to its twin: answer what the twin created
    const twin = await replay(tableName, accountNo, idempotencyKey, hash);
    if (twin) return twin;
    throw new DomainError('BUSY_RETRY');
  }
  if (created === 'in-flight') throw new DomainError('APPLICATION_IN_FLIGHT');
  if (created === 'month-taken') throw new DomainError('ALREADY_WITHDRAWN_THIS_MONTH');
  log('info', 'rent withdrawal submitted', { requestId, applicationId: application.applicationId, automatic, flags: assessment.flags.map((f) => f.code) });
  return toWithdrawalView(application);
});
