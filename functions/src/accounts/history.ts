/** An account's ledger and audit trail for staff: reads only, a page at a time, newest first. */
import { DomainError, routes, toAccountAuditRecord, toLedgerEntryView } from '@hpf/shared';
import { getAccountName, listLedger } from '../adapters/accounts-repository';
import { listAccountAudit } from '../adapters/staff-repository';
import { config } from '../platform/config';
import { httpRoute } from '../platform/http';

const DEFAULT_PAGE_SIZE = 20;

export const ledger = httpRoute(routes.staffAccountLedger, async ({ params, query }) => {
  const { tableName } = config();
  // an empty page of an account that does not exist would read as an account with no entries
  if ((await getAccountName(tableName, params.accountNo)) === undefined) throw new DomainError('ACCOUNT_NOT_FOUND');
  const page = await listLedger(tableName, params.accountNo, { limit: query.limit ?? DEFAULT_PAGE_SIZE, ...(query.cursor ? { cursor: query.cursor } : {}) });
  return { entries: page.entries.map(toLedgerEntryView), ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
});

export const audit = httpRoute(routes.accountAuditTrail, async ({ params, query }) => {
  const page = await listAccountAudit(config().tableName, params.accountNo, { limit: query.limit ?? DEFAULT_PAGE_SIZE, ...(query.cursor ? { cursor: query.cursor } : {}) });
  return { records: page.records.map(toAccountAuditRecord), ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
});
