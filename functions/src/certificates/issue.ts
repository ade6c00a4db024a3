/**
 * 开具证明: the facts are read from the account, its loans (and, for 异地贷款, its ledger) and
 * written with the certificate in one transaction that is refused if those records moved in
 * between. Idempotent by the Idempotency-Key header; asking again for the same type and purpose
 * while one such certificate is live and still true returns that one instead of a second.
 */
import {
  certificateFacts,
  certificateRequestKey,
  certificateStatus,
  DomainError,
  factChanges,
  housingWithdrawals,
  routes,
  toCertificateView,
  type CertificateRecord,
  type CertificateView,
} from '@hpf/shared';
import { allLedgerEntries, getAccount } from '../adapters/accounts-repository';
import { getCertificate, issueCertificateRecord, listCertificates, listLoans } from '../adapters/certificates-repository';
import { getIdempotencyRecord, requestHash } from '../adapters/idempotency';
import { guardFaceCheck } from '../face/guard';
import { config } from '../platform/config';
import { httpRoute } from '../platform/http';
import { newCertificateId } from './token';

const DAY_MS = 24 * 3600 * 1000;
const SCOPE = 'CERT';
/** A posting landing between the read and the write makes us read again; more than this is a storm. */
const MAX_ATTEMPTS = 4;

async function replay(tableName: string, scopeKey: string, hash: string, now: Date): Promise<CertificateView | undefined> {
  const earlier = await getIdempotencyRecord<{ certificateId: string }>(tableName, SCOPE, scopeKey);
  if (!earlier) return undefined;
  if (earlier.requestHash !== hash) throw new DomainError('IDEMPOTENCY_KEY_REUSED');
  const record = await getCertificate(tableName, earlier.certificateId);
  if (!record) throw new DomainError('CERT_NOT_FOUND');
  return toCertificateView(record, now);
}

export const handler = httpRoute(routes.issueCertificate, async ({ body, accountNo, session, now, idempotencyKey, faceCheckId }) => {
  const { tableName, policy } = config();
  const scopeKey = `${accountNo}#${idempotencyKey}`;
  const hash = requestHash(body);
  const earlier = await replay(tableName, scopeKey, hash, now);
  if (earlier) return earlier;
  const requestKey = certificateRequestKey(body);
  let face: Awaited<ReturnType<typeof guardFaceCheck>>;

  for (let attempt = 1; ; attempt += 1) {
    const [account, loans, issued] = await Promise.all([
      getAccount(tableName, accountNo, { consistent: true }),
      listLoans(tableName, accountNo),
      listCertificates(tableName, accountNo),
    ]);
    if (!account) throw new DomainError('ACCOUNT_NOT_FOUND');
    // the same certificate, live and still true, is handed back rather than piled up
    const twin = issued.find(
      (record) =>
        record.requestKey === requestKey && certificateStatus(record, now) === 'ACTIVE' && factChanges(record, account, loans).length === 0,
    );
    if (twin) return toCertificateView(twin, now, []);
    // a new certificate needs a face check (handing back a live one does not: nothing new is shown)
    face ??= await guardFaceCheck(
      { tableName, policy, checkId: faceCheckId, now, usedFor: `CERT#${idempotencyKey}` },
      { purpose: 'ISSUE_CERTIFICATE', openid: session.subject, accountNo },
    );

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
      holderIdNumber: result.holderIdNumber,
      ...(result.propertyAddress ? { propertyAddress: result.propertyAddress } : {}),
      requestKey,
    };
    const written = await issueCertificateRecord(
      tableName,
      record,
      { account, loans },
      { scope: SCOPE, key: scopeKey, requestHash: hash },
      now,
      face,
    );
    if (written === 'issued') return toCertificateView(record, now, []);
    if (written === 'replay') {
      const twinTry = await replay(tableName, scopeKey, hash, now);
      if (twinTry) return twinTry;
    }
    if (attempt >= MAX_ATTEMPTS) throw new DomainError('INTERNAL', '账户正在更新，请稍后再开具证明。');
  }
});
