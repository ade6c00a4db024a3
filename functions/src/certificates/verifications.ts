import { routes, VERIFY_RESULT_LABELS } from '@hpf/shared';
import { listVerifications } from '../adapters/certificates-repository';
import { config } from '../platform/config';
import { httpRoute } from '../platform/http';
import { ownCertificate } from './owned';

export const handler = httpRoute(routes.certificateVerifications, async ({ params, accountNo }) => {
  const { tableName } = config();
  await ownCertificate(tableName, params.certificateId, accountNo);
  const entries = await listVerifications(tableName, params.certificateId);
  return {
    verifications: entries.map((entry) => ({
      checkedAt: entry.checkedAt,
      // the member learns that staff (and which counter account) or the public checked, no more
      checkedBy: entry.checkedBy === 'public' ? '公众扫码' : `工作人员 ${entry.checkedBy}`,
      result: entry.result,
      resultLabel: VERIFY_RESULT_LABELS[entry.result],
    })),
  };
});
