/**
 * A local stand-in for the property registry (不动产登记信息共享): answers whether a person owns
 * a home in the city. Seeded from the demo members; tests can add owners or take it down.
 */
import { createServer, type IncomingMessage } from 'node:http';

export interface RegistrySimulator {
  baseUrl: string;
  owners: Set<string>;
  setDown(down: boolean): void;
  stop(): Promise<void>;
}

function readJson(req: IncomingMessage): Promise<any> {
  return new Promise((resolve) => {
    let text = '';
    req.on('data', (chunk) => (text += chunk));
    req.on('end', () => {
      try {
        resolve(JSON.parse(text));
      } catch {
        resolve(undefined);
      }
    });
  });
}

export function startRegistrySimulator(options: { port?: number; owners?: string[] } = {}): Promise<RegistrySimulator> {
  const owners = new Set(options.owners ?? []);
  let down = false;
  const server = createServer(async (req, res) => {
    if (req.method === 'POST' && req.url === '/_control') {
      const body = await readJson(req);
      if (typeof body?.down === 'boolean') down = body.down;
      for (const id of body?.addOwners ?? []) owners.add(String(id).toUpperCase());
      res.writeHead(200, { 'content-type': 'application/json' });
      return res.end(JSON.stringify({ down, owners: owners.size }));
    }
    if (down) {
      res.writeHead(503, { 'content-type': 'application/json' });
      return res.end(JSON.stringify({ code: 'UNAVAILABLE' }));
    }
    if (req.method === 'POST' && req.url === '/ownership-checks') {
      const body = await readJson(req);
      if (typeof body?.idNumber !== 'string') {
        res.writeHead(400, { 'content-type': 'application/json' });
        return res.end(JSON.stringify({ code: 'BAD_REQUEST' }));
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      return res.end(JSON.stringify({ ownsHome: owners.has(body.idNumber.toUpperCase()), checkedAt: new Date().toISOString() }));
    }
    res.writeHead(404).end();
  });
  return new Promise((resolve, reject) => {
    server.on('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      resolve({
        baseUrl: `http://127.0.0.1:${port}`,
        owners,
        setDown: (value) => {
          down = value;
        },
        stop: () => new Promise((done) => server.close(() => done())),
      });
    });
  });
}
