/**
 * 账户查询 by name or ID number. The ID number is hashed here with the deployment's key and looked
 * up as the real-name lookup item (`IDNO#<hash>`, one account per person); it is never stored,
 * logged or answered whole. Names by their search entry (`NAME#…`), the whole name or its start.
 */
import { routes, toStaffAccountView, type AccountRecord } from '@hpf/shared';
import { findAccountNosByName, getAccounts } from '../adapters/accounts-repository';
import { findAccountNoByIdHash } from '../adapters/bindings-repository';
import { config } from '../platform/config';
import { httpRoute } from '../platform/http';
import { hashIdNumber } from '../platform/id-hash';

/** A counter looks for one person: more than this means the name typed is too short. */
const MAX_HITS = 20;

export const handler = httpRoute(routes.searchAccounts, async ({ body }) => {
  const { tableName, idHashKey } = config();
  let found: { accountNos: string[]; more: boolean };
  if (body.idNumber !== undefined) {
    const accountNo = await findAccountNoByIdHash(tableName, hashIdNumber(body.idNumber, idHashKey));
    found = { accountNos: accountNo ? [accountNo] : [], more: false };
  } else {
    found = await findAccountNosByName(tableName, body.name!, MAX_HITS);
  }
  const accounts = await getAccounts(tableName, found.accountNos);
  const items = found.accountNos
    .map((accountNo) => accounts.get(accountNo))
    .filter((account): account is AccountRecord => account !== undefined)
    .map((account) => {
      const { accountNo, name, idNumberMasked, employer, status, frozen } = toStaffAccountView(account);
      return { accountNo, name, idNumberMasked, employer, status, frozen };
    });
  return { items, more: found.more };
});
