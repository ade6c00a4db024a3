/** 查验记录: who checked the member's certificate and when — named by agency and office, never by login. */
import { checkResultAt, routes, VERIFY_RESULT_LABELS } from '@hpf/shared';
import { listVerifications } from '../adapters/certificates-repository';
import { config } from '../platform/config';
import { httpRoute } from '../platform/http';
import { ownCertificate } from './owned';

export const handler = httpRoute(routes.certificateVerifications, async ({ params, accountNo }) => {
  const { tableName } = config();
  const record = await ownCertificate(tableName, params.certificateId, accountNo);
  const entries = await listVerifications(tableName, params.certificateId);
  return {
    verifications: entries.map((entry) => {
      const result = checkResultAt(entry, record);
      return {
        checkedAt: entry.checkedAt,
        checkedBy: entry.checkedByLabel,
        checkerKind: entry.checkerKind,
        result,
        resultLabel: VERIFY_RESULT_LABELS[result],
      };
    }),
  };
});
