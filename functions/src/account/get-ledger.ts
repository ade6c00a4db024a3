import { routes, toLedgerEntryView } from '@hpf/shared';
import { listLedger } from '../adapters/accounts-repository';
import { config } from '../platform/config';
import { httpRoute } from '../platform/http';

const DEFAULT_PAGE_SIZE = 20;

export const handler = httpRoute(routes.myLedger, async ({ accountNo, query }) => {
  const page = await listLedger(config().tableName, accountNo, {
    limit: query.limit ?? DEFAULT_PAGE_SIZE,
    ...(query.cursor ? { cursor: query.cursor } : {}),
  });
  return { entries: page.entries.map(toLedgerEntryView), ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
});
