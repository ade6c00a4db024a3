/**
 * 扫码即办: one signature check, then one round trip with one write. A code that cannot be
 * genuine counts against its caller's allowance (per address, or per staff member / agency office)
 * and nothing is read or recorded. A genuine code is recorded (查验记录) on the certificate item in
 * a conditional write that also counts it against the certificate's allowance for the minute and
 * returns the certificate as it stands; over the allowance, nothing is recorded or answered. The code's own two-minute window is judged first (a
 * forwarded screenshot is refused without reading the certificate). The record is written before
 * any fact is returned, so no reader — least of all one shown whole values — goes unrecorded.
 * Whether the facts have changed since issue is kept on the certificate by the freshness worker.
 */
import { randomUUID } from 'node:crypto';
import {
  certificateStatus,
  chinaDate,
  counterService,
  changedExplanation,
  CERTIFICATE_PURPOSE_LABELS,
  CERTIFICATE_TYPE_LABELS,
  DomainError,
  readerFacts,
  routes,
  VERIFY_EXPLANATIONS,
  VERIFY_RESULT_LABELS,
  wholeValuesFor,
  type CertificateReader,
  type CertificateRecord,
  type Policy,
  type VerifyResponse,
  type VerifyResult,
} from '@hpf/shared';
import { takeAllowance } from '../adapters/attempts-repository';
import { recordCounterService } from '../adapters/ratings-repository';
import { archiveChecksIfDue, recordCheck, type VerificationEntry } from '../adapters/certificates-repository';
import { config } from '../platform/config';
import { certificateCheckServiceId } from '../platform/ids';
import { httpRoute } from '../platform/http';
import { log } from '../platform/log';
import type { Session } from '../platform/session';
import { verifyKeysOf } from './keys';
import { tokenFromVerifyUrl, verifyToken } from './token';

/** Allowance for a phone clock a little ahead of ours. */
const CLOCK_SKEW_SECONDS = 30;

interface Caller {
  reader: CertificateReader;
  /** For the allowance and the audit: `public`, the staff username, or `agency:<login>`. */
  id: string;
  kind: VerificationEntry['checkerKind'];
  label: string;
}

function callerOf(session: Session | undefined): Caller {
  if (session?.role === 'staff') {
    return { reader: { kind: 'staff', roles: session.roles ?? [] }, id: session.subject, kind: 'staff', label: session.reader?.label ?? '本中心 工作人员' };
  }
  if (session?.role === 'agency') {
    return {
      reader: { kind: 'agency', certificateTypes: session.reader?.certificateTypes ?? [] },
      id: `agency:${session.subject}`,
      kind: 'agency',
      label: session.reader?.label ?? '查验机构',
    };
  }
  return { reader: { kind: 'public' }, id: 'public', kind: 'public', label: '公众扫码' };
}

function answer(result: VerifyResult, now: Date, caller: Caller, record?: CertificateRecord): VerifyResponse {
  const shown = record ? readerFacts(caller.reader, record) : undefined;
  const changes = record?.changes ?? [];
  return {
    result,
    resultLabel: VERIFY_RESULT_LABELS[result],
    explanation: result === 'changed' ? changedExplanation(changes) : VERIFY_EXPLANATIONS[result],
    checkedAt: now.toISOString(),
    view: shown?.view ?? caller.kind,
    ...(caller.kind !== 'public' ? { checkedBy: caller.label } : {}),
    ...(record && shown
      ? {
          certificate: {
            certificateId: record.certificateId,
            type: record.type,
            typeLabel: CERTIFICATE_TYPE_LABELS[record.type],
            purposeLabel: CERTIFICATE_PURPOSE_LABELS[record.purpose],
            issuedAt: record.issuedAt,
            factsAsOf: record.issuedAt,
            expiresAt: record.expiresAt,
            facts: shown.facts,
            changes,
          },
        }
      : {}),
  };
}

function withinAllowance(tableName: string, policy: Policy['verify'], caller: Caller, sourceIp: string, now: Date) {
  const allowance =
    caller.kind === 'public'
      ? { subject: `IP#${sourceIp}`, max: policy.publicMaxPerWindow }
      : { subject: `${caller.kind === 'staff' ? 'STAFF' : 'AGENCY'}#${caller.id}`, max: policy.staffMaxPerWindow };
  return takeAllowance(tableName, 'VERIFY', allowance.subject, { seconds: policy.windowSeconds, max: allowance.max }, now);
}

export const handler = httpRoute(routes.verifyCertificate, async ({ body, session, now, requestId, event }) => {
  const { tableName, certificatePublicKeys, policy } = config();
  const caller = callerOf(session);
  const sourceIp = event.requestContext?.http?.sourceIp ?? 'unknown';
  const token = tokenFromVerifyUrl(body.payload);
  const verified = token ? verifyToken(token, (kid) => verifyKeysOf(certificatePublicKeys()).get(kid)) : undefined;
  const claims = verified?.ok ? verified.claims : undefined;

  const nowSeconds = Math.floor(now.getTime() / 1000);
  if (!claims || claims.notBefore > nowSeconds + CLOCK_SKEW_SECONDS) {
    // nothing genuine named: only the caller's allowance is counted, nothing is read or recorded
    if (!(await withinAllowance(tableName, policy.verify, caller, sourceIp, now))) throw new DomainError('RATE_LIMITED');
    log('warn', 'certificate code refused', { requestId, reason: !claims ? (verified && !verified.ok ? verified.reason : 'not a code') : 'shown in the future' });
    return answer('invalid', now, caller);
  }
  const codeExpired = nowSeconds >= claims.expiresAt;
  const entry: VerificationEntry = {
    checkedAt: now.toISOString(),
    checkedBy: caller.id,
    checkerKind: caller.kind,
    checkedByLabel: caller.label,
    claimedType: claims.type,
    codeExpired,
    disclosed: codeExpired ? [] : wholeValuesFor(caller.reader, claims.type),
    requestId,
    checkId: randomUUID(),
  };
  const written = await recordCheck(tableName, claims.certificateId, entry, {
    seconds: policy.verify.windowSeconds,
    max: policy.verify.certificateMaxPerWindow,
  });
  if (written.outcome === 'over-allowance') {
    log('warn', 'certificate check refused: over the certificate allowance', { requestId, view: caller.kind });
    throw new DomainError('RATE_LIMITED');
  }
  const record = written.outcome === 'recorded' ? written.record : undefined;
  if (written.outcome === 'recorded') {
    // housekeeping once in RECENT_CHECKS_KEPT checks; the check itself is already recorded
    await archiveChecksIfDue(tableName, claims.certificateId, written).catch((error: unknown) =>
      log('warn', 'moving recent certificate checks failed; the next check tries again', { requestId, errorName: (error as Error)?.name }),
    );
  }
  let result: VerifyResult;
  if (codeExpired) result = 'expired';
  else if (!record || record.type !== claims.type) result = 'invalid';
  else {
    const status = certificateStatus(record, now);
    result = status === 'REVOKED' ? 'revoked' : status === 'EXPIRED' ? 'expired' : record.changes?.length ? 'changed' : 'valid';
  }
  const shows = result === 'valid' || result === 'changed';
  if (shows && record && caller.kind === 'staff') {
    // a check at our own counter is a service the certificate's holder may rate (好差评); after
    // the check is recorded, and its failure never fails the check itself
    await recordCounterService(
      tableName,
      counterService('CERTIFICATE_CHECK', record.accountNo, caller.label, now, certificateCheckServiceId(record.certificateId), chinaDate(now)),
    ).catch((error: unknown) => log('warn', 'recording the counter service of a check failed', { requestId, errorName: (error as Error)?.name }));
  }
  return answer(result, now, caller, shows ? record : undefined);
});
