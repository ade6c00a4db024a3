import { loanCityProvinces, routes } from '@hpf/shared';
import { httpRoute } from '../platform/http';

/** Cacheable for a day (the route's `cacheSeconds`): the list changes only with a deploy. */
export const handler = httpRoute(routes.loanCities, async () => ({ provinces: [...loanCityProvinces()] }));
