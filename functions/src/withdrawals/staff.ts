/**
 * What staff read of withdrawals beyond the review queue: the applications in one state (processed
 * history, payouts under way or failed) and one application whole, with the member's other
 * applications beside it. Reads only: nothing here changes an application.
 */
import { DomainError, isFinalWithdrawalStatus, maskBankCard, routes, WITHDRAWAL_STATUS_LABELS, type StaffWithdrawalSummary } from '@hpf/shared';
import { decodeQueueCursor, encodeQueueCursor, getApplication, listApplications, queuePage, type Application } from '../adapters/withdrawals-repository';
import { config } from '../platform/config';
import { httpRoute } from '../platform/http';
import { counterClosingSummary } from '../closing/view';
import { toWithdrawalView } from './view';

const PAGE_SIZE = 50;
const HISTORY_SIZE = 20;

function summary(a: Application): StaffWithdrawalSummary {
  return {
    applicationId: a.applicationId,
    accountNo: a.accountNo,
    memberName: a.memberName,
    month: a.month,
    amountFen: a.amountFen,
    status: a.status,
    statusLabel: WITHDRAWAL_STATUS_LABELS[a.status],
    createdAt: a.createdAt,
    updatedAt: a.timeline.at(-1)?.at ?? a.createdAt,
    flagCount: a.flags.length,
    bankCardMasked: maskBankCard(a.bankCard),
    ...(a.attempts !== undefined ? { attempts: a.attempts } : {}),
    ...(a.nextAttemptAt && !isFinalWithdrawalStatus(a.status) ? { nextAttemptAt: a.nextAttemptAt } : {}),
    ...(a.rejectionReason ? { rejectionReason: a.rejectionReason } : {}),
    ...(a.payoutFailure ? { payoutFailure: a.payoutFailure } : {}),
  };
}

export const list = httpRoute(routes.staffWithdrawals, async ({ query }) => {
  const page = await queuePage(config().tableName, query.status, {
    limit: query.limit ?? PAGE_SIZE,
    ...(query.cursor ? { cursor: decodeQueueCursor(query.cursor) } : {}),
    ...(query.order === 'newest' ? { newestFirst: true } : {}),
  });
  return { items: page.applications.map(summary), ...(page.nextAfter ? { nextCursor: encodeQueueCursor(page.nextAfter) } : {}) };
});

export const detail = httpRoute(routes.staffWithdrawal, async ({ params }) => {
  const { tableName } = config();
  const application = await getApplication(tableName, params.applicationId, true);
  if (!application) throw new DomainError('APPLICATION_NOT_FOUND');
  // one more than shown, so the application itself can be left out of its own history
  const others = await listApplications(tableName, application.accountNo, { limit: HISTORY_SIZE + 1 });
  return {
    ...summary(application),
    ...(application.lease ? { lease: application.lease } : {}),
    ...(counterClosingSummary(application) ? { closing: counterClosingSummary(application) } : {}),
    flags: application.flags,
    // the member's steps with staff's notes (a disagreement's opinions stay in the note)
    timeline: toWithdrawalView(application).timeline,
    ...(application.firstDecision ? { firstDecision: application.firstDecision } : {}),
    ...(application.secondDecision ? { secondDecision: application.secondDecision } : {}),
    history: others.applications
      .filter((other) => other.applicationId !== application.applicationId)
      .slice(0, HISTORY_SIZE)
      .map(summary),
  };
});
