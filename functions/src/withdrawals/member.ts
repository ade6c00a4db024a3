/** The member's own applications: history, one application's progress, cancel (before approval), and withdrawal settings. */
import { DomainError, formatCurrency, routes, settingsFacePurpose } from '@hpf/shared';
import { accountNoOf, getApplication, listApplications, transition } from '../adapters/withdrawals-repository';
import { readWithdrawalSettings, updateWithdrawalSettings } from '../adapters/settings-repository';
import { guardFaceCheck } from '../face/guard';
import { config } from '../platform/config';
import { httpRoute } from '../platform/http';
import { toWithdrawalView } from './view';

export const list = httpRoute(routes.myWithdrawals, async ({ accountNo, query }) => {
  const page = await listApplications(config().tableName, accountNo, {
    ...(query.limit ? { limit: query.limit } : {}),
    ...(query.cursor ? { cursor: query.cursor } : {}),
  });
  return { withdrawals: page.applications.map(toWithdrawalView), ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
});

/** Another member's id answers exactly like one that does not exist. */
async function ownApplication(applicationId: string, accountNo: string) {
  if (accountNoOf(applicationId) !== accountNo) throw new DomainError('APPLICATION_NOT_FOUND');
  const application = await getApplication(config().tableName, applicationId, true);
  if (!application || application.accountNo !== accountNo) throw new DomainError('APPLICATION_NOT_FOUND');
  return application;
}

export const detail = httpRoute(routes.myWithdrawal, async ({ params, accountNo }) =>
  toWithdrawalView(await ownApplication(params.applicationId, accountNo)),
);

export const cancel = httpRoute(routes.cancelWithdrawal, async ({ params, accountNo, now }) => {
  const { tableName } = config();
  const application = await ownApplication(params.applicationId, accountNo);
  const done = application.status === 'PENDING_REVIEW' && (await transition(tableName, application, 'PENDING_REVIEW', 'CANCELLED', 'MEMBER', now, { note: '本人撤回', release: true }));
  if (!done) throw new DomainError('NOT_CANCELLABLE');
  return toWithdrawalView((await getApplication(tableName, params.applicationId, true))!);
});

export const getSettings = httpRoute(routes.myWithdrawalSettings, async ({ accountNo }) => {
  const { tableName, policy } = config();
  return { ...(await readWithdrawalSettings(tableName, accountNo)), monthlyCapFen: policy.rent.monthlyCapFen };
});

export const settings = httpRoute(routes.withdrawalSettings, async ({ body, accountNo, session, faceCheckId, now }) => {
  const { tableName, policy } = config();
  const capFen = policy.rent.monthlyCapFen;
  if (typeof body.personalMonthlyLimitFen === 'number' && body.personalMonthlyLimitFen > capFen) {
    throw new DomainError(
      'LIMIT_ABOVE_CITY_CAP',
      `个人每月提取上限不能超过本市每月上限 ${formatCurrency(capFen)}，请填写更小的金额，或点“改回按本市上限”。`,
      [{ path: 'personalMonthlyLimitFen', message: `不能超过 ${formatCurrency(capFen)}` }],
    );
  }
  // loosening a switch (提取锁 off, a higher limit) needs a face check; tightening one never does
  const current = await readWithdrawalSettings(tableName, accountNo);
  const purpose = settingsFacePurpose(current, body, capFen);
  const face = purpose
    ? await guardFaceCheck({ tableName, policy, checkId: faceCheckId, now, usedFor: 'SETTINGS' }, { purpose, openid: session.subject, accountNo })
    : undefined;
  return { ...(await updateWithdrawalSettings(tableName, accountNo, body, face ? { face, current } : undefined)), monthlyCapFen: capFen };
});
