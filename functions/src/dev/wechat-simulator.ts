/**
 * A local stand-in for WeChat's server API, speaking the same HTTP protocol: code2Session
 * answers a code `sim:<openid>` with that openid. Later: access tokens and subscribe messages.
 * It records what it received so tests can look.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';

export interface WechatSimulator {
  baseUrl: string;
  port: number;
  received: { path: string; query: Record<string, string> }[];
  stop(): Promise<void>;
}

export interface WechatSimulatorOptions {
  port?: number;
  appId: string;
  secret: string;
}

function reply(res: ServerResponse, body: unknown): void {
  // WeChat answers errors with HTTP 200 and an errcode in the body; so does the simulator.
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

/** Codes that make the simulator answer as WeChat does on failures, for tests. */
const ERROR_CODES: Record<string, { errcode: number; errmsg: string }> = {
  'sim-error:rate-limit': { errcode: 45011, errmsg: 'api minute-quota reach limit' },
  'sim-error:risky': { errcode: 40226, errmsg: 'high risk user' },
  'sim-error:busy': { errcode: -1, errmsg: 'system error' },
};

function code2Session(options: WechatSimulatorOptions, query: URLSearchParams) {
  if (query.get('appid') !== options.appId) return { errcode: 40013, errmsg: 'invalid appid' };
  if (query.get('secret') !== options.secret) return { errcode: 40125, errmsg: 'invalid appsecret' };
  if (query.get('grant_type') !== 'authorization_code') return { errcode: 40002, errmsg: 'invalid grant_type' };
  const code = query.get('js_code') ?? '';
  if (ERROR_CODES[code]) return ERROR_CODES[code];
  const match = /^sim:([A-Za-z0-9_-]{1,64})$/.exec(code);
  if (!match) return { errcode: 40029, errmsg: 'invalid code' };
  return { openid: match[1], session_key: randomBytes(16).toString('base64') };
}

export function startWechatSimulator(options: WechatSimulatorOptions): Promise<WechatSimulator> {
  const received: WechatSimulator['received'] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://simulator');
    received.push({ path: url.pathname, query: Object.fromEntries(url.searchParams) });
    if (req.method === 'GET' && url.pathname === '/sns/jscode2session') return reply(res, code2Session(options, url.searchParams));
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ errcode: 404, errmsg: 'not found' }));
  });
  return new Promise((resolve, reject) => {
    server.on('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      resolve({
        baseUrl: `http://127.0.0.1:${port}`,
        port,
        received,
        stop: () => new Promise((done) => server.close(() => done())),
      });
    });
  });
}
