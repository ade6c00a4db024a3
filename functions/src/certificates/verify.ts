/**
 * 扫码即办: one signature check and one read. The code's own two-minute window is judged before
 * the read (a forwarded screenshot is refused without touching the table); then the certificate's
 * status. Every check that names a real certificate is recorded for the member's 查验记录.
 * Each caller has an allowance per minute (per source address, or per staff member): forged codes
 * cannot be tried at speed, and a refused check answers and records nothing.
 */
import {
  certificateStatus,
  CERTIFICATE_PURPOSE_LABELS,
  CERTIFICATE_TYPE_LABELS,
  DomainError,
  publicFacts,
  routes,
  VERIFY_EXPLANATIONS,
  VERIFY_RESULT_LABELS,
  type CertificateRecord,
  type VerifyResponse,
  type Policy,
  type VerifyResult,
} from '@hpf/shared';
import { takeAllowance } from '../adapters/attempts-repository';
import { getCertificate, recordVerification } from '../adapters/certificates-repository';
import { config } from '../platform/config';
import { httpRoute } from '../platform/http';
import { log } from '../platform/log';
import { keyRing } from './keys';
import { tokenFromVerifyUrl, verifyToken } from './token';

/** Allowance for a phone clock a little ahead of ours. */
const CLOCK_SKEW_SECONDS = 30;

function answer(result: VerifyResult, now: Date, view: 'staff' | 'public', record?: CertificateRecord): VerifyResponse {
  return {
    result,
    resultLabel: VERIFY_RESULT_LABELS[result],
    explanation: VERIFY_EXPLANATIONS[result],
    checkedAt: now.toISOString(),
    view,
    ...(record && result === 'valid'
      ? {
          certificate: {
            certificateId: record.certificateId,
            type: record.type,
            typeLabel: CERTIFICATE_TYPE_LABELS[record.type],
            purposeLabel: CERTIFICATE_PURPOSE_LABELS[record.purpose],
            issuedAt: record.issuedAt,
            expiresAt: record.expiresAt,
            facts: view === 'staff' ? record.facts : publicFacts(record.type, record.facts),
          },
        }
      : {}),
  };
}

async function withinAllowance(tableName: string, policy: Policy['verify'], caller: { staff?: string; sourceIp: string }, now: Date) {
  const allowance = caller.staff
    ? { subject: `STAFF#${caller.staff}`, max: policy.staffMaxPerWindow }
    : { subject: `IP#${caller.sourceIp}`, max: policy.publicMaxPerWindow };
  return takeAllowance(tableName, 'VERIFY', allowance.subject, { seconds: policy.windowSeconds, max: allowance.max }, now);
}

export const handler = httpRoute(routes.verifyCertificate, async ({ body, session, now, requestId, event }) => {
  const { tableName, certificateKeys, policy } = config();
  const view = session?.role === 'staff' ? 'staff' : 'public';
  const caller = { staff: session?.role === 'staff' ? session.subject : undefined, sourceIp: event.requestContext?.http?.sourceIp ?? 'unknown' };
  const token = tokenFromVerifyUrl(body.payload);
  const verified = token ? verifyToken(token, (kid) => keyRing(certificateKeys()).verifyKeys.get(kid)) : undefined;
  const nowSeconds = Math.floor(now.getTime() / 1000);
  const claims = verified?.ok ? verified.claims : undefined;
  const early = !claims ? 'invalid' : claims.notBefore > nowSeconds + CLOCK_SKEW_SECONDS ? 'invalid' : nowSeconds >= claims.expiresAt ? 'expired' : undefined;
  // the allowance and the certificate are read side by side (one round trip's latency); over the
  // allowance, nothing about the certificate is answered or recorded
  const [allowed, record] = await Promise.all([
    withinAllowance(tableName, policy.verify, caller, now),
    claims && !early ? getCertificate(tableName, claims.certificateId) : undefined,
  ]);
  if (!allowed) {
    log('warn', 'certificate check refused: over the allowance', { requestId, view });
    throw new DomainError('RATE_LIMITED');
  }
  if (!claims) {
    log('warn', 'certificate code refused', { requestId, reason: verified && !verified.ok ? verified.reason : 'not a code' });
    return answer('invalid', now, view);
  }
  let result: VerifyResult;
  if (early) result = early;
  else if (!record || record.type !== claims.type) result = 'invalid';
  else {
    const status = certificateStatus(record, now);
    result = status === 'ACTIVE' ? 'valid' : status === 'REVOKED' ? 'revoked' : 'expired';
  }
  await recordVerification(tableName, claims.certificateId, {
    checkedAt: now.toISOString(),
    checkedBy: session?.role === 'staff' ? session.subject : 'public',
    result,
  });
  return answer(result, now, view, result === 'valid' ? record : undefined);
});
