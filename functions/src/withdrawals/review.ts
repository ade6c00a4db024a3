/**
 * 交叉复核: a first reviewer's decision is recorded; a different reviewer confirms it (and the
 * application is paid or refused) or disagrees (it goes back to the queue with both opinions).
 * The same person can never make both decisions — the condition is in the write itself.
 */
import { DomainError, routes } from '@hpf/shared';
import { recordAudit } from '../adapters/staff-repository';
import {
  applicationsInState,
  clearFirstDecision,
  getApplication,
  recordFirstDecision,
  transition,
} from '../adapters/withdrawals-repository';
import { config } from '../platform/config';
import { httpRoute } from '../platform/http';
import { approveAndPay, reconcile as reconcilePayout } from './payout';
import { REVIEW_APPROVED_NOTE, toWithdrawalView } from './view';

export const queue = httpRoute(routes.reviewQueue, async () => {
  const pending = await applicationsInState(config().tableName, 'PENDING_REVIEW');
  return {
    items: pending.map((a) => ({
      applicationId: a.applicationId,
      accountNo: a.accountNo,
      memberName: a.memberName,
      month: a.month,
      amountFen: a.amountFen,
      createdAt: a.createdAt,
      flags: a.flags,
      lease: a.lease,
      ...(a.firstDecision ? { firstDecision: a.firstDecision } : {}),
    })),
  };
});

export const decide = httpRoute(routes.reviewWithdrawal, async ({ params, body, session, now, requestId }) => {
  const { tableName, policy, bank } = config();
  const reviewer = session.subject;
  const application = await getApplication(tableName, params.applicationId, true);
  if (!application) throw new DomainError('APPLICATION_NOT_FOUND');
  if (application.status !== 'PENDING_REVIEW') throw new DomainError('NOT_REVIEWABLE');
  const first = application.firstDecision;
  let step: string;
  if (!first) {
    step = 'first';
    const recorded = await recordFirstDecision(tableName, application, { by: reviewer, decision: body.decision, reason: body.reason, at: now.toISOString() });
    if (!recorded) throw new DomainError('NOT_REVIEWABLE');
  } else if (first.by === reviewer) {
    throw new DomainError('SAME_REVIEWER');
  } else if (first.decision !== body.decision) {
    step = 'disagree';
    await clearFirstDecision(tableName, application, first.by, `初审与复核意见不一致，重新审核（初审：${first.reason}；复核：${body.reason}）`, now);
  } else if (body.decision === 'REJECT') {
    step = 'confirm';
    const reason = `审核未通过：${first.reason}`;
    const done = await transition(tableName, application, 'PENDING_REVIEW', 'REJECTED', now, {
      note: reason,
      set: { rejectionReason: reason, secondDecision: { by: reviewer, reason: body.reason, at: now.toISOString() } },
      secondReviewer: reviewer,
      release: true,
    });
    if (!done) throw new DomainError('NOT_REVIEWABLE');
  } else {
    step = 'confirm';
    // who decided stays in firstDecision and the audit record; the member's timeline says what was decided
    await approveAndPay({ tableName, bank: bank(), policy }, application, 'PENDING_REVIEW', REVIEW_APPROVED_NOTE, reviewer);
  }
  await recordAudit(
    tableName,
    { actor: reviewer, action: `withdrawal.review.${step}.${body.decision.toLowerCase()}`, target: application.applicationId, requestId, details: { reason: body.reason } },
    now,
  );
  return toWithdrawalView((await getApplication(tableName, application.applicationId, true))!);
});

export const reconcile = httpRoute(routes.reconcileWithdrawal, async ({ params }) => {
  const { tableName, policy, bank } = config();
  const application = await getApplication(tableName, params.applicationId, true);
  if (!application) throw new DomainError('APPLICATION_NOT_FOUND');
  await reconcilePayout({ tableName, bank: bank(), policy }, application);
  return toWithdrawalView((await getApplication(tableName, application.applicationId, true))!);
});
