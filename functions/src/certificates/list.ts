import { routes, toCertificateView } from '@hpf/shared';
import { listCertificates } from '../adapters/certificates-repository';
import { config } from '../platform/config';
import { httpRoute } from '../platform/http';

export const handler = httpRoute(routes.myCertificates, async ({ accountNo, now }) => {
  const records = await listCertificates(config().tableName, accountNo);
  return { certificates: records.map((record) => toCertificateView(record, now)) };
});
