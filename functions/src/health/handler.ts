import { routes } from '@hpf/shared';
import { httpRoute } from '../platform/http';

export const handler = httpRoute(routes.health, async ({ now }) => ({ status: 'ok' as const, time: now.toISOString() }));
