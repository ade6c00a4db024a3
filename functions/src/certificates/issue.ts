import { certificateFacts, DomainError, housingWithdrawals, routes, toCertificateView, type CertificateRecord } from '@hpf/shared';
import { allLedgerEntries, getAccount } from '../adapters/accounts-repository';
import { listLoans, putCertificate } from '../adapters/certificates-repository';
import { config } from '../platform/config';
import { httpRoute } from '../platform/http';
import { newCertificateId } from './token';

const DAY_MS = 24 * 3600 * 1000;

export const handler = httpRoute(routes.issueCertificate, async ({ body, accountNo, now }) => {
  const { tableName, policy } = config();
  const [account, loans] = await Promise.all([getAccount(tableName, accountNo), listLoans(tableName, accountNo)]);
  if (!account) throw new DomainError('ACCOUNT_NOT_FOUND');
  // the ledger is read only where the certificate states housing withdrawals used
  const withdrawals = body.type === 'LOAN_USE' ? housingWithdrawals(await allLedgerEntries(tableName, accountNo)) : { count: 0, totalFen: 0 };
  const result = certificateFacts(body, account, loans, withdrawals, policy);
  if (!result.ok) throw new DomainError(result.code);
  const record: CertificateRecord = {
    certificateId: newCertificateId(),
    accountNo,
    type: body.type,
    purpose: body.purpose,
    status: 'ACTIVE',
    issuedAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + policy.certificate.validDays * DAY_MS).toISOString(),
    facts: result.facts,
  };
  await putCertificate(tableName, record);
  return toCertificateView(record, now);
});
