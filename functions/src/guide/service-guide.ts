import { routes, serviceGuideFor } from '@hpf/shared';
import { config } from '../platform/config';
import { httpRoute } from '../platform/http';

/** The city's 服务指南 (policy `service`), the same for everyone: cacheable for an hour. */
export const handler = httpRoute(routes.serviceGuide, async () => serviceGuideFor(config().policy));
