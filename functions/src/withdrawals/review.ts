/**
 * 交叉复核: a first reviewer's decision is recorded; a different reviewer confirms it (the
 * application is approved for the payout worker, or refused) or disagrees (it goes back to the
 * queue with both opinions). The same person can never make both decisions — the condition is in
 * the write itself — and a confirming decision carries its audit record in its own transaction.
 * Nothing here calls the bank: an approval answers at once with APPROVED.
 */
import { chinaDaysAsInstants, DomainError, maskBankCard, routes } from '@hpf/shared';
import { auditItem, recordAudit, type AuditEvent } from '../adapters/staff-repository';
import {
  applicationsInState,
  decodeQueueCursor,
  encodeQueueCursor,
  queuePage,
  clearFirstDecision,
  getApplication,
  recordFirstDecision,
  requestAttemptNow,
  transition,
  type Application,
} from '../adapters/withdrawals-repository';
import { config } from '../platform/config';
import { httpRoute } from '../platform/http';
import { retirementClaimReleaseItems } from '../closing/retirement-claim';
import { counterClosingSummary } from '../closing/view';
import { paid, reverse } from './payout-worker';
import { REVIEW_APPROVED_NOTE, toWithdrawalView } from './view';

/** How long the sweep leaves a just-approved application to the stream. */
const STREAM_GRACE_MS = 30_000;

function auditPut(tableName: string, event: AuditEvent, now: Date) {
  return { Put: { TableName: tableName, Item: auditItem(event, now), ConditionExpression: 'attribute_not_exists(pk)' } };
}

/** What every staff list says of an application: which one, whose, how much. */
const listed = (a: Application) => ({ applicationId: a.applicationId, accountNo: a.accountNo, memberName: a.memberName, amountFen: a.amountFen });

const QUEUE_PAGE_SIZE = 50;

export const queue = httpRoute(routes.reviewQueue, async ({ query }) => {
  const page = await queuePage(config().tableName, 'PENDING_REVIEW', {
    limit: query.limit ?? QUEUE_PAGE_SIZE,
    ...(query.cursor ? { cursor: decodeQueueCursor(query.cursor) } : {}),
    filter: {
      ...(query.stage ? { stage: query.stage } : {}),
      ...(query.flagged ? { flagged: true } : {}),
      ...(query.accountNo ? { accountNo: query.accountNo } : {}),
    },
    // the review queue's time is the submission's
    ...chinaDaysAsInstants(query),
  });
  return {
    ...(page.nextAfter ? { nextCursor: encodeQueueCursor(page.nextAfter) } : {}),
    items: page.applications.map((a) => ({
      ...listed(a),
      month: a.month,
      createdAt: a.createdAt,
      flags: a.flags,
      // a rent application carries its lease; a counter closing its kind, payee and documents
      ...(a.lease ? { lease: a.lease } : {}),
      ...(counterClosingSummary(a) ? { closing: counterClosingSummary(a) } : {}),
      ...(a.firstDecision ? { firstDecision: a.firstDecision } : {}),
    })),
  };
});

async function staffApplication(applicationId: string): Promise<Application> {
  const application = await getApplication(config().tableName, applicationId, true);
  if (!application) throw new DomainError('APPLICATION_NOT_FOUND');
  return application;
}

export const decide = httpRoute(routes.reviewWithdrawal, async ({ params, body, session, now, requestId }) => {
  const { tableName } = config();
  const reviewer = session.subject;
  const application = await staffApplication(params.applicationId);
  if (application.status !== 'PENDING_REVIEW') throw new DomainError('NOT_REVIEWABLE');
  const first = application.firstDecision;
  const audit = (step: string): AuditEvent => ({
    actor: reviewer,
    action: `withdrawal.review.${step}.${body.decision.toLowerCase()}`,
    target: application.applicationId,
    accountNo: application.accountNo,
    requestId,
    details: { reason: body.reason },
  });
  // maker-checker: whoever started a counter closing decides neither step of its review
  if (application.counterClosing?.startedBy === reviewer) throw new DomainError('SAME_REVIEWER', '发起这笔销户提取的工作人员不能审核它，请由另外两位审核人员初审和复核。');
  if (!first) {
    const recorded = await recordFirstDecision(tableName, application, { by: reviewer, decision: body.decision, reason: body.reason, at: now.toISOString() });
    if (!recorded) throw new DomainError('NOT_REVIEWABLE');
    await recordAudit(tableName, audit('first'), now);
  } else if (first.by === reviewer) {
    throw new DomainError('SAME_REVIEWER');
  } else if (first.decision !== body.decision) {
    await clearFirstDecision(tableName, application, first.by, `初审与复核意见不一致，重新审核（初审：${first.reason}；复核：${body.reason}）`, now);
    await recordAudit(tableName, audit('disagree'), now);
  } else {
    // the confirming decision and its audit record commit together, or neither does
    const secondDecision = { by: reviewer, reason: body.reason, at: now.toISOString() };
    const refused = body.decision === 'REJECT';
    const reason = `审核未通过：${first.reason}`;
    const done = await transition(tableName, application, 'PENDING_REVIEW', refused ? 'REJECTED' : 'APPROVED', 'REVIEWER', now, {
      // who decided stays in firstDecision and the audit record; the member's timeline says what was decided
      note: refused ? reason : REVIEW_APPROVED_NOTE,
      set: refused ? { rejectionReason: reason, secondDecision } : { secondDecision },
      secondReviewer: reviewer,
      release: refused,
      ...(refused ? {} : { nextAttemptAt: new Date(now.getTime() + STREAM_GRACE_MS).toISOString() }),
      // a refused 离退休提取 凭退休证明 lets go of the account's retirement record with it
      with: [auditPut(tableName, audit('confirm'), now), ...(refused ? retirementClaimReleaseItems(tableName, application) : [])],
    });
    if (!done) throw new DomainError('NOT_REVIEWABLE');
  }
  return toWithdrawalView((await getApplication(tableName, application.applicationId, true))!);
});

/** Asks the payout worker to look at this payout at its next sweep (a lookup first, never a blind resend). */
export const reconcile = httpRoute(routes.reconcileWithdrawal, async ({ params, now }) => {
  const { tableName } = config();
  const application = await staffApplication(params.applicationId);
  await requestAttemptNow(tableName, application, now);
  return toWithdrawalView((await getApplication(tableName, application.applicationId, true))!);
});

/** 人工核查: payouts whose outcome the bank has not told us within the policy's limits, oldest first. */
export const manualChecks = httpRoute(routes.manualChecks, async () => {
  const items = await applicationsInState(config().tableName, 'MANUAL_CHECK', 1000);
  return {
    items: items.map((a) => ({
      ...listed(a),
      kind: a.kind,
      bankCardMasked: maskBankCard(a.bankCard),
      payingSince: a.payingSince ?? a.createdAt,
      attempts: a.attempts ?? 0,
      ...(a.nextAttemptAt ? { nextLookupAt: a.nextAttemptAt } : {}),
    })),
  };
});

/**
 * Staff record what the bank confirmed for a payout in 人工核查: paid, or never paid (the money
 * goes back). The decision, the state change and (for a reversal) the money move in one
 * transaction with the audit record.
 */
export const resolve = httpRoute(routes.resolveManualCheck, async ({ params, body, session, now, requestId }) => {
  const { tableName } = config();
  const application = await staffApplication(params.applicationId);
  if (application.status !== 'MANUAL_CHECK') throw new DomainError('NOT_IN_MANUAL_CHECK');
  const audit = auditPut(
    tableName,
    { actor: session.subject, action: `withdrawal.manual-check.${body.outcome.toLowerCase()}`, target: application.applicationId, accountNo: application.accountNo, requestId, details: { reason: body.reason } },
    now,
  );
  const done =
    body.outcome === 'PAID'
      ? await paid(tableName, application, 'MANUAL_CHECK', 'REVIEWER', now, '钱已转到您的银行卡（已与银行核实）', [audit])
      : (await reverse({ tableName }, application, 'MANUAL_CHECK', '银行确认没有转出', 'REVIEWER', now, [audit])) === 'PAYOUT_FAILED';
  if (!done) throw new DomainError('NOT_IN_MANUAL_CHECK');
  return toWithdrawalView((await getApplication(tableName, application.applicationId, true))!);
});
