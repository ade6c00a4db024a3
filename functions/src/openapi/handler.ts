import { buildOpenApiDocument, routes } from '@hpf/shared';
import { httpRoute } from '../platform/http';

// Built once per container: the document only changes with a deployment.
let document: Record<string, unknown> | undefined;

export const handler = httpRoute(routes.openapi, async () => {
  document ??= buildOpenApiDocument();
  return document;
});
