import { rentEligibility, routes } from '@hpf/shared';
import { config } from '../platform/config';
import { httpRoute } from '../platform/http';
import { rentSituation } from './situation';

export const handler = httpRoute(routes.rentEligibility, async ({ accountNo, now }) =>
  rentEligibility(await rentSituation(accountNo, now), config().policy),
);
