/**
 * Every few minutes: payouts left PAYING (the bank did not answer in time) are reconciled by
 * asking the bank what happened — never by sending blind.
 */
import { applicationsInState } from '../adapters/withdrawals-repository';
import { config } from '../platform/config';
import { log } from '../platform/log';
import { reconcile } from './payout';

/** Leave a payout this long before asking: its own request may still be on its way. */
const SETTLE_MS = 2 * 60 * 1000;

export async function reconcileStalePayouts(now: Date): Promise<Record<string, number>> {
  const { tableName, policy, bank } = config();
  const outcomes: Record<string, number> = {};
  for (const application of await applicationsInState(tableName, 'PAYING')) {
    const lastStep = application.timeline[application.timeline.length - 1];
    if (now.getTime() - Date.parse(lastStep.at) < SETTLE_MS) continue;
    const status = await reconcile({ tableName, bank: bank(), policy }, application);
    outcomes[status] = (outcomes[status] ?? 0) + 1;
  }
  return outcomes;
}

export const handler = async (): Promise<void> => {
  const outcomes = await reconcileStalePayouts(new Date());
  log('info', 'payout reconciliation', { outcomes });
};
