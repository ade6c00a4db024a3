import { previewDepositBatch, routes } from '@hpf/shared';
import { getAccounts } from '../adapters/accounts-repository';
import { config } from '../platform/config';
import { httpRoute } from '../platform/http';

/** 入账预检: reads the batch's accounts and says what posting would do to each line; writes nothing. */
export const handler = httpRoute(routes.previewDepositBatch, async ({ body, now }) => {
  const { tableName, policy } = config();
  const accounts = await getAccounts(tableName, body.lines.map((line) => line.accountNo));
  return previewDepositBatch(body.batchId, body.lines, accounts, policy, now);
});
