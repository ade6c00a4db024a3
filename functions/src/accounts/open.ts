import { openAccountRecord, routes, toStaffAccountView } from '@hpf/shared';
import { createAccount } from '../adapters/account-admin-repository';
import { config } from '../platform/config';
import { httpRoute } from '../platform/http';
import { hashIdNumber } from '../platform/id-hash';

export const handler = httpRoute(routes.openAccount, async ({ body, session, requestId, now }) => {
  const { tableName, policy, idHashKey } = config();
  const account = openAccountRecord(body, policy);
  await createAccount(
    tableName,
    account,
    hashIdNumber(account.idNumber, idHashKey),
    { actor: session.subject, action: 'account.open', target: account.accountNo, accountNo: account.accountNo, requestId, details: { employer: account.employer } },
    now,
  );
  return toStaffAccountView(account);
});
