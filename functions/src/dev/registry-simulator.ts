/**
 * A local stand-in for the property registry (不动产登记信息共享): answers whether a person owns
 * a home in the city. Seeded from the demo members; tests can add owners or take it down.
 */
import { createServer } from 'node:http';
import { listen, readJson, sendJson } from './http-simulator';

export interface RegistrySimulator {
  baseUrl: string;
  owners: Set<string>;
  setDown(down: boolean): void;
  stop(): Promise<void>;
}

export function startRegistrySimulator(options: { port?: number; owners?: string[] } = {}): Promise<RegistrySimulator> {
  const owners = new Set(options.owners ?? []);
  let down = false;
  const server = createServer(async (req, res) => {
    if (req.method === 'POST' && req.url === '/_control') {
      const body = await readJson(req);
      if (typeof body?.down === 'boolean') down = body.down;
      for (const id of body?.addOwners ?? []) owners.add(String(id).toUpperCase());
      return sendJson(res, 200, { down, owners: owners.size });
    }
    if (down) {
      return sendJson(res, 503, { code: 'UNAVAILABLE' });
    }
    if (req.method === 'POST' && req.url === '/ownership-checks') {
      const body = await readJson(req);
      if (typeof body?.idNumber !== 'string') {
        return sendJson(res, 400, { code: 'BAD_REQUEST' });
      }
      return sendJson(res, 200, { ownsHome: owners.has(body.idNumber.toUpperCase()), checkedAt: new Date().toISOString() });
    }
    res.writeHead(404).end();
  });
  return listen(server, options.port).then(({ baseUrl, close }) => ({
    baseUrl,
    owners,
    setDown: (value: boolean) => {
      down = value;
    },
    stop: close,
  }));
}
