/**
 * A local stand-in for WeChat's server API, speaking the same HTTP protocol: code2Session
 * answers a code `sim:<openid>` with that openid; stable_token and subscribeMessage.send work as
 * WeChat's do. It records what it received so tests can look.
 *
 * Subscribe consents are counted as WeChat counts them: each accept in the mini program's dialog
 * (`POST /_control/subscribe`, the stand-in for wx.requestSubscribeMessage) allows one message
 * per user and template; a send with none left is answered 43101. A template listed as long-term
 * (长期订阅) keeps working after one accept. `quota: 'unchecked'` skips the count, for tests and
 * benchmarks that write consents straight to the table.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { listen, readJson, sendJson } from './http-simulator';

export interface SentMessage {
  touser: string;
  template_id: string;
  page?: string;
  data: Record<string, { value: string }>;
}

/** How subscribeMessage.send behaves next: tests switch it over HTTP (`POST /_control`). */
export type SendMode = 'ok' | 'busy' | 'expire-token-once' | 'refuse';

export interface WechatSimulator {
  baseUrl: string;
  port: number;
  received: { path: string; query: Record<string, string> }[];
  sent: SentMessage[];
  tokensIssued: number;
  stop(): Promise<void>;
}

export interface WechatSimulatorOptions {
  port?: number;
  appId: string;
  secret: string;
  /** 'tracked' (default): sends use up consents as on WeChat. */
  quota?: 'tracked' | 'unchecked';
  /** Templates approved for long-term subscription: one accept keeps working. */
  longTermTemplates?: string[];
}

/** One user's consents for one template, as WeChat keeps them. */
interface Consent {
  remaining: number;
  longTerm: boolean;
}

function reply(res: ServerResponse, body: unknown): void {
  // WeChat answers errors with HTTP 200 and an errcode in the body; so does the simulator.
  sendJson(res, 200, body);
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

/** WeChat's field rules for subscribe messages (thing ≤ 20, amount = sign + ≤ 10 digits…). */
function fieldProblem(data: Record<string, { value: string }> | undefined): string | undefined {
  for (const [name, field] of Object.entries(data ?? {})) {
    const value = String(field?.value ?? '');
    if (name.startsWith('thing') && Array.from(value).length > 20) return `${name} too long`;
    if (name.startsWith('amount') && (!/^[¥￥$]?\d+(\.\d{1,2})?$/.test(value) || value.replace(/\D/g, '').length > 10)) return `${name} bad amount`;
    if (name.startsWith('time') && !/^\d{4}年\d{1,2}月\d{1,2}日( \d{2}:\d{2})?$/.test(value)) return `${name} bad time`;
  }
  return undefined;
}

export function startWechatSimulator(options: WechatSimulatorOptions): Promise<WechatSimulator> {
  const received: WechatSimulator['received'] = [];
  const sent: SentMessage[] = [];
  const validTokens = new Set<string>();
  let sendMode: SendMode = 'ok';
  const state = { tokensIssued: 0 };
  const consents = new Map<string, Consent>();
  const consentKey = (openid: string, templateId: string) => `${openid}\u0000${templateId}`;
  /** Takes one consent for a send; false when WeChat would answer 43101. */
  const takeConsent = (openid: string, templateId: string): boolean => {
    if (options.quota === 'unchecked') return true;
    const consent = consents.get(consentKey(openid, templateId));
    if (!consent || consent.remaining <= 0) return false;
    if (!consent.longTerm) consent.remaining -= 1;
    return true;
  };
  const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://simulator');
    received.push({ path: url.pathname, query: Object.fromEntries(url.searchParams) });
    if (req.method === 'GET' && url.pathname === '/sns/jscode2session') return reply(res, code2Session(options, url.searchParams));
    if (req.method === 'POST' && url.pathname === '/_control') {
      const body = await readJson(req);
      if (body?.sendMode) sendMode = body.sendMode;
      return reply(res, { sendMode });
    }
    if (req.method === 'GET' && url.pathname === '/_control/sent') return reply(res, { sent, tokensIssued: state.tokensIssued });
    if (req.method === 'POST' && url.pathname === '/_control/subscribe') {
      // what the member chose in the subscribe dialog: only an accept gives WeChat a consent
      const body = await readJson(req);
      if (typeof body?.openid !== 'string' || typeof body?.templateId !== 'string') return sendJson(res, 400, { errmsg: 'openid and templateId needed' });
      const key = consentKey(body.openid, body.templateId);
      const longTerm = (options.longTermTemplates ?? []).includes(body.templateId);
      const consent = consents.get(key) ?? { remaining: 0, longTerm };
      if (body.result === 'accept') consent.remaining = longTerm ? 1 : consent.remaining + 1;
      if (body.result === 'reject' && longTerm) consent.remaining = 0;
      consents.set(key, consent);
      return reply(res, consent);
    }
    if (req.method === 'GET' && url.pathname === '/_control/subscriptions') {
      const consent = consents.get(consentKey(url.searchParams.get('openid') ?? '', url.searchParams.get('templateId') ?? ''));
      return reply(res, consent ?? { remaining: 0, longTerm: false });
    }
    if (req.method === 'POST' && url.pathname === '/cgi-bin/stable_token') {
      const body = await readJson(req);
      if (body?.appid !== options.appId || body?.secret !== options.secret) return reply(res, { errcode: 40013, errmsg: 'invalid appid or secret' });
      const token = `SIMTOKEN_${randomBytes(12).toString('hex')}`;
      validTokens.add(token);
      state.tokensIssued += 1;
      return reply(res, { access_token: token, expires_in: 7200 });
    }
    if (req.method === 'POST' && url.pathname === '/cgi-bin/message/subscribe/send') {
      const token = url.searchParams.get('access_token') ?? '';
      const body = await readJson(req);
      if (sendMode === 'expire-token-once') {
        sendMode = 'ok';
        validTokens.delete(token);
        return reply(res, { errcode: 42001, errmsg: 'access_token expired' });
      }
      if (!validTokens.has(token)) return reply(res, { errcode: 40001, errmsg: 'invalid credential' });
      if (sendMode === 'busy') return reply(res, { errcode: -1, errmsg: 'system error' });
      if (sendMode === 'refuse') return reply(res, { errcode: 43101, errmsg: 'user refuse to accept the msg' });
      const problem = fieldProblem(body?.data);
      if (problem) return reply(res, { errcode: 47003, errmsg: `argument invalid! ${problem}` });
      if (!takeConsent(String(body?.touser), String(body?.template_id))) return reply(res, { errcode: 43101, errmsg: 'user refuse to accept the msg' });
      sent.push({ touser: body.touser, template_id: body.template_id, page: body.page, data: body.data });
      return reply(res, { errcode: 0, errmsg: 'ok', msgid: Date.now() });
    }
    sendJson(res, 404, { errcode: 404, errmsg: 'not found' });
  });
  return listen(server, options.port).then(({ baseUrl, port, close }) => ({
    baseUrl,
    port,
    received,
    sent,
    get tokensIssued() {
      return state.tokensIssued;
    },
    stop: close,
  }));
}
