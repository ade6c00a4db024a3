/** 亮码: a freshly signed code for the member's certificate, valid two minutes, refreshed every minute. */
import { certificateStatus, DomainError, routes } from '@hpf/shared';
import { config } from '../platform/config';
import { httpRoute } from '../platform/http';
import { keyRing } from './keys';
import { ownCertificate } from './owned';
import { buildVerifyUrl, DISPLAY_WINDOW_SECONDS, REFRESH_SECONDS, signToken } from './token';

export const handler = httpRoute(routes.certificateCode, async ({ params, accountNo, now }) => {
  const { tableName, verifyBaseUrl, certificateKeys } = config();
  const record = await ownCertificate(tableName, params.certificateId, accountNo);
  const status = certificateStatus(record, now);
  if (status === 'REVOKED') throw new DomainError('CERT_REVOKED');
  if (status === 'EXPIRED') throw new DomainError('CERT_EXPIRED');
  const shownAt = Math.floor(now.getTime() / 1000);
  // a code never outlives its certificate
  const expiresAt = Math.min(shownAt + DISPLAY_WINDOW_SECONDS, Math.floor(Date.parse(record.expiresAt) / 1000));
  const token = signToken(
    { certificateId: record.certificateId, type: record.type, issuedAt: shownAt, notBefore: shownAt, expiresAt },
    keyRing(certificateKeys()).signer,
  );
  return {
    payload: buildVerifyUrl(verifyBaseUrl, token),
    shownAt: new Date(shownAt * 1000).toISOString(),
    validUntil: new Date(expiresAt * 1000).toISOString(),
    refreshAfterSeconds: REFRESH_SECONDS,
  };
});
