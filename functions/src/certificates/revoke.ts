import { DomainError, routes, toCertificateView } from '@hpf/shared';
import { getCertificate, revokeCertificate } from '../adapters/certificates-repository';
import { config } from '../platform/config';
import { httpRoute } from '../platform/http';
import { ownCertificate } from './owned';

export const byMember = httpRoute(routes.revokeMyCertificate, async ({ params, accountNo, session, now }) => {
  const { tableName } = config();
  await ownCertificate(tableName, params.certificateId, accountNo);
  const revoked = await revokeCertificate(tableName, params.certificateId, { actor: `member:${session.subject}`, reason: '本人撤销', ownerAccountNo: accountNo }, now);
  if (!revoked) throw new DomainError('CERT_REVOKED');
  return toCertificateView(revoked, now);
});

export const byStaff = httpRoute(routes.staffRevokeCertificate, async ({ params, body, session, requestId, now }) => {
  const { tableName } = config();
  const audit = { actor: session.subject, action: 'certificate.revoke', target: params.certificateId, requestId, details: { reason: body.reason } };
  const revoked = await revokeCertificate(tableName, params.certificateId, { actor: session.subject, reason: body.reason, audit }, now);
  if (!revoked) {
    throw new DomainError((await getCertificate(tableName, params.certificateId)) ? 'CERT_REVOKED' : 'CERT_NOT_FOUND');
  }
  return toCertificateView(revoked, now);
});
