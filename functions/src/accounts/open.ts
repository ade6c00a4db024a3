import { chinaDate, COUNTER_ACCOUNT_SERVICES, counterService, openAccountRecord, routes, toStaffAccountView } from '@hpf/shared';
import { createAccount } from '../adapters/account-admin-repository';
import { counterServiceItem } from '../adapters/ratings-repository';
import { counterServiceId } from '../platform/ids';
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
    // 开户 at the counter is a service the member may rate once they bind (好差评)
    [counterServiceItem(counterService(COUNTER_ACCOUNT_SERVICES.open, account.accountNo, session.reader?.label ?? '本中心 柜台', now, counterServiceId(), chinaDate(now)))],
  );
  return toStaffAccountView(account);
});
