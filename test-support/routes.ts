/** Every HTTP route's handler, found through serverless.yml (each HTTP function is named after its route). */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { routes, type RouteName, type RouteSpec } from '@hpf/shared';
import { REPO_ROOT } from '../functions/src/dev/table-definition';
import type { invoke } from './http';

export type Handler = Parameters<typeof invoke>[0];

export function routeHandlers(): Map<RouteName, Handler> {
  const yml = parse(readFileSync(path.join(REPO_ROOT, 'serverless.yml'), 'utf8')) as {
    functions: Record<string, { handler: string; events?: { httpApi?: unknown }[] }>;
  };
  const found = new Map<RouteName, Handler>();
  for (const [name, fn] of Object.entries(yml.functions)) {
    if (!fn.events?.some((event) => event.httpApi)) continue;
    if (!(name in routes)) throw new Error(`HTTP function ${name} is not a route of the catalogue`);
    const dot = fn.handler.lastIndexOf('.');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    found.set(name as RouteName, require(path.join(REPO_ROOT, fn.handler.slice(0, dot)))[fn.handler.slice(dot + 1)]);
  }
  return found;
}

export function routeEntries(): [RouteName, RouteSpec][] {
  return Object.entries(routes) as [RouteName, RouteSpec][];
}
