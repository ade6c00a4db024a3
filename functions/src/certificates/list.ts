/**
 * 我的证明: each certificate with what has changed since it was issued (worked out from the
 * records just read, so a member who just withdrew sees it at once), and which types they may ask for.
 */
import { factChanges, offerableCertificates, routes, toCertificateView, DomainError } from '@hpf/shared';
import { getAccount } from '../adapters/accounts-repository';
import { listCertificates, listLoans } from '../adapters/certificates-repository';
import { config } from '../platform/config';
import { httpRoute } from '../platform/http';

export const handler = httpRoute(routes.myCertificates, async ({ accountNo, now }) => {
  const { tableName } = config();
  const [records, account, loans] = await Promise.all([
    listCertificates(tableName, accountNo),
    getAccount(tableName, accountNo),
    listLoans(tableName, accountNo),
  ]);
  if (!account) throw new DomainError('ACCOUNT_NOT_FOUND');
  return {
    certificates: records.map((record) => toCertificateView(record, now, factChanges(record, account, loans))),
    offerable: offerableCertificates(account, loans),
  };
});
