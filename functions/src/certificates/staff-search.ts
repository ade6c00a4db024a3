/**
 * 电子证明 look-up without a code, for staff at the counter whose visitor has no QR in hand: a
 * member's issued certificates by account number, or by ID number hashed with the deployment's
 * key and looked up as account search does (never stored, logged or answered whole). Each one
 * with its state as a verifier would see it now, and why and by whom it was revoked.
 */
import { routes, toCertificateView, toStaffAccountView } from '@hpf/shared';
import { getAccount } from '../adapters/accounts-repository';
import { findAccountNoByIdHash } from '../adapters/bindings-repository';
import { listCertificates } from '../adapters/certificates-repository';
import { config } from '../platform/config';
import { httpRoute } from '../platform/http';
import { hashIdNumber } from '../platform/id-hash';

export const handler = httpRoute(routes.staffCertificates, async ({ body, now }) => {
  const { tableName, idHashKey } = config();
  const accountNo = body.accountNo ?? (await findAccountNoByIdHash(tableName, hashIdNumber(body.idNumber!, idHashKey)));
  if (!accountNo) return { certificates: [] };
  const [account, records] = await Promise.all([getAccount(tableName, accountNo), listCertificates(tableName, accountNo)]);
  if (!account) return { certificates: [] };
  const { name, idNumberMasked } = toStaffAccountView(account);
  return {
    holder: { accountNo, name, idNumberMasked },
    certificates: records.map((record) => ({
      ...toCertificateView(record, now),
      // a member's own revocation names their WeChat session, which staff have no use for
      ...(record.revokedBy ? { revokedBy: record.revokedBy.startsWith('member:') ? '职工本人' : record.revokedBy } : {}),
      ...(record.revokeReason ? { revokeReason: record.revokeReason } : {}),
    })),
  };
});
