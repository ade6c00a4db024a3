import { routes } from '@hpf/shared';
import { config } from '../platform/config';
import { httpRoute } from '../platform/http';
import { keyRing } from './keys';
import { publicJwk } from './token';

export const handler = httpRoute(routes.certificateKeys, async () => ({
  keys: [...keyRing(config().certificateKeys()).verifyKeys.values()].map(publicJwk),
}));
