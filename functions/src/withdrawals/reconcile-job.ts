/**
 * Every few minutes: payouts left PAYING (the bank did not answer in time) are reconciled by
 * asking the bank what happened — never by sending blind.
 */
import { applicationsInState } from '../adapters/withdrawals-repository';
import { config } from '../platform/config';
import { log } from '../platform/log';
import { approveAndPay, reconcile } from './payout';

/** Leave a payout this long before asking: its own request may still be on its way. */
const SETTLE_MS = 2 * 60 * 1000;

export async function reconcileStalePayouts(now: Date): Promise<Record<string, number>> {
  const { tableName, policy, bank } = config();
  const outcomes: Record<string, number> = {};
  const deps = { tableName, bank: bank(), policy };
  const stale = (application: { timeline: { at: string }[] }) =>
    now.getTime() - Date.parse(application.timeline[application.timeline.length - 1].at) >= SETTLE_MS;
  for (const application of await applicationsInState(tableName, 'PAYING')) {
    if (!stale(application)) continue;
    const status = await reconcile(deps, application);
    outcomes[status] = (outcomes[status] ?? 0) + 1;
  }
  // accepted automatically but never debited (the request died in between): carry on
  for (const application of await applicationsInState(tableName, 'APPROVED')) {
    if (!stale(application)) continue;
    const { status } = await approveAndPay(deps, application, 'APPROVED', '继续付款');
    outcomes[status] = (outcomes[status] ?? 0) + 1;
  }
  return outcomes;
}

export const handler = async (): Promise<void> => {
  const outcomes = await reconcileStalePayouts(new Date());
  log('info', 'payout reconciliation', { outcomes });
};
