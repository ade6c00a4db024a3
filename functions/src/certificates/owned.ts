import { DomainError, type CertificateRecord } from '@hpf/shared';
import { getCertificate } from '../adapters/certificates-repository';

/** The member's own certificate; another member's answers exactly as a missing one does. */
export async function ownCertificate(tableName: string, certificateId: string, accountNo: string): Promise<CertificateRecord> {
  const record = await getCertificate(tableName, certificateId);
  if (!record || record.accountNo !== accountNo) throw new DomainError('CERT_NOT_FOUND');
  return record;
}
