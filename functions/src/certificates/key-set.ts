import { routes } from '@hpf/shared';
import { config } from '../platform/config';
import { httpRoute } from '../platform/http';
import { verifyKeysOf } from './keys';
import { publicJwk } from './token';

export const handler = httpRoute(routes.certificateKeys, async () => ({
  keys: [...verifyKeysOf(config().certificatePublicKeys()).values()].map(publicJwk),
}));
