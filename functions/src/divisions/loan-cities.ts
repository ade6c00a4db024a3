import { loanCityProvinces, routes } from '@hpf/shared';
import { cacheable } from '../platform/cacheable';
import { httpRoute } from '../platform/http';

/** The list changes only with a new pinned division package, i.e. with a deploy: a day is safe. */
const ONE_DAY_SECONDS = 24 * 3600;

export const handler = cacheable(
  ONE_DAY_SECONDS,
  httpRoute(routes.loanCities, async () => ({ provinces: [...loanCityProvinces()] })),
);
