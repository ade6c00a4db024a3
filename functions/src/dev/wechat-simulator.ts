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
 *
 * 微信人脸核身 as WeChat speaks it: getverifyid gives a verify id bound to the person and openid;
 * `POST /_control/face/run` ({ verifyId, result? }) stands in for the camera step of
 * wx.requestFacialVerify; queryverifyinfo answers the verify_ret of what was run (10000 passed).
 * How the next checks of a WeChat user end is selectable (`POST /_control/face` with
 * { openid?, mode }: pass, fail, cancel, too-many — WeChat's frequency limit —, down); without an
 * openid the mode is the default for everyone.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { listen, readJson, sendJson } from './http-simulator';
import { certHash } from '../adapters/wechat-face';

export interface SentMessage {
  touser: string;
  template_id: string;
  page?: string;
  data: Record<string, { value: string }>;
}

/** How a WeChat user's face checks end (`POST /_control/face`). */
export type FaceMode = 'pass' | 'fail' | 'cancel' | 'too-many' | 'down';
const FACE_MODES: FaceMode[] = ['pass', 'fail', 'cancel', 'too-many', 'down'];
/** The verify_ret each camera-step result gives (WeChat's queryVerifyInfo enum). */
const VERIFY_RET = { pass: 10000, fail: 10004, cancel: 90004, 'not-run': 90003 } as const;

interface FaceSession {
  openid: string;
  outSeqNo: string;
  certHash: string;
  expiresAt: number;
  verifyRet?: number;
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
  const faceModes = new Map<string, FaceMode>();
  let defaultFaceMode: FaceMode = 'pass';
  const faceSessions = new Map<string, FaceSession>();
  const faceModeOf = (openid: string) => faceModes.get(openid) ?? defaultFaceMode;
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
    if (req.method === 'POST' && url.pathname === '/_control/face') {
      const body = await readJson(req);
      if (!FACE_MODES.includes(body?.mode)) return sendJson(res, 400, { errmsg: `mode must be one of ${FACE_MODES.join(', ')}` });
      if (typeof body.openid === 'string') faceModes.set(body.openid, body.mode);
      else defaultFaceMode = body.mode;
      return reply(res, { openid: body.openid ?? null, mode: body.mode });
    }
    if (req.method === 'POST' && url.pathname === '/_control/face/run') {
      // the camera step: what wx.requestFacialVerify does on the phone, ending as the mode says
      // (or as `result` asks, for a demo's buttons)
      const body = await readJson(req);
      const session = faceSessions.get(String(body?.verifyId));
      if (!session || session.expiresAt < Date.now()) return reply(res, { errCode: 90100, errMsg: 'verifyId invalid or expired' });
      const mode = faceModeOf(session.openid);
      if (mode === 'down') return sendJson(res, 503, { errCode: 90018, errMsg: 'system error' });
      const result: 'pass' | 'fail' | 'cancel' = ['pass', 'fail', 'cancel'].includes(body?.result) ? body.result : mode === 'fail' || mode === 'cancel' ? mode : 'pass';
      session.verifyRet = VERIFY_RET[result];
      return reply(res, { errCode: result === 'cancel' ? 90004 : 0, errMsg: result === 'cancel' ? 'user cancel' : 'ok' });
    }
    if (req.method === 'POST' && url.pathname.startsWith('/cityservice/face/identify/')) {
      const token = url.searchParams.get('access_token') ?? '';
      const body = await readJson(req);
      if (!validTokens.has(token)) return reply(res, { errcode: 40001, errmsg: 'invalid credential' });
      const openid = String(body?.openid ?? '');
      const mode = faceModeOf(openid);
      if (mode === 'down') return sendJson(res, 503, { errcode: -1, errmsg: 'system error' });
      if (url.pathname === '/cityservice/face/identify/getverifyid') {
        if (mode === 'too-many') return reply(res, { errcode: 45011, errmsg: 'api minute-quota reach limit' });
        const cert = body?.cert_info ?? {};
        if (!/^[A-Za-z0-9_-]{5,32}$/.test(String(body?.out_seq_no)) || !openid || cert.cert_type !== 'IDENTITY_CARD' || !cert.cert_name || !cert.cert_no) {
          return reply(res, { errcode: 40097, errmsg: 'invalid args' });
        }
        const verifyId = `SIMVERIFY_${randomBytes(16).toString('hex')}`;
        faceSessions.set(verifyId, {
          openid,
          outSeqNo: body.out_seq_no,
          certHash: certHash({ name: cert.cert_name, idNumber: cert.cert_no }),
          expiresAt: Date.now() + 3600_000,
        });
        return reply(res, { errcode: 0, errmsg: 'ok', verify_id: verifyId, expires_in: 3600 });
      }
      if (url.pathname === '/cityservice/face/identify/queryverifyinfo') {
        const session = faceSessions.get(String(body?.verify_id));
        // the query must name the same check, user and person as getverifyid did
        if (!session || session.outSeqNo !== body.out_seq_no || session.openid !== openid || session.certHash !== body.cert_hash) {
          return reply(res, { errcode: 40097, errmsg: 'invalid args' });
        }
        return reply(res, { errcode: 0, errmsg: 'ok', verify_ret: session.verifyRet ?? VERIFY_RET['not-run'] });
      }
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
