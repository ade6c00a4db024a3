/**
 * WeChat's code2Session over HTTP. The base URL is configuration: WeChat's own host in
 * production, the local simulator in development and tests. session_key is never returned
 * or logged: this service does not decrypt WeChat data.
 */
import { DomainError } from '@hpf/shared';

export interface WechatApi {
  apiBase: string;
  appId: string;
  secret: string;
  timeoutMs: number;
}

interface Code2SessionReply {
  openid?: string;
  unionid?: string;
  session_key?: string;
  errcode?: number;
  errmsg?: string;
}

/** WeChat error codes (see its code2Session documentation) → our domain errors. */
function errorFor(errcode: number): DomainError {
  switch (errcode) {
    case 40029:
    case 40163: // code already used
      return new DomainError('WECHAT_CODE_INVALID');
    case 45011:
      return new DomainError('WECHAT_RATE_LIMITED');
    case 40226:
      return new DomainError('WECHAT_RISKY_USER');
    default:
      return new DomainError('WECHAT_UNAVAILABLE');
  }
}

export async function code2Session(api: WechatApi, code: string): Promise<{ openid: string; unionid?: string }> {
  const url = new URL(`${api.apiBase}/sns/jscode2session`);
  url.search = new URLSearchParams({
    appid: api.appId,
    secret: api.secret,
    js_code: code,
    grant_type: 'authorization_code',
  }).toString();
  let reply: Code2SessionReply;
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(api.timeoutMs) });
    if (!response.ok) throw new DomainError('WECHAT_UNAVAILABLE');
    reply = (await response.json()) as Code2SessionReply;
  } catch (error) {
    if (error instanceof DomainError) throw error;
    throw new DomainError('WECHAT_UNAVAILABLE');
  }
  if (reply.errcode) throw errorFor(reply.errcode);
  if (typeof reply.openid !== 'string' || reply.openid.length === 0) throw new DomainError('WECHAT_UNAVAILABLE');
  return { openid: reply.openid, ...(reply.unionid ? { unionid: reply.unionid } : {}) };
}

// ---------------------------------------------------------------------------------------------
// Server API: access token (stable_token) and subscribe messages

interface CachedToken {
  token: string;
  /** Epoch ms after which we fetch a new one (five minutes before WeChat's expiry). */
  refreshAt: number;
}

let cachedToken: CachedToken | undefined;

/** WeChat's access token, cached per container until shortly before it expires. */
export async function accessToken(api: WechatApi, options: { forceRefresh?: boolean } = {}): Promise<string> {
  if (!options.forceRefresh && cachedToken && Date.now() < cachedToken.refreshAt) return cachedToken.token;
  const response = await fetch(`${api.apiBase}/cgi-bin/stable_token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ grant_type: 'client_credential', appid: api.appId, secret: api.secret, force_refresh: options.forceRefresh === true }),
    signal: AbortSignal.timeout(api.timeoutMs),
  });
  const body = (await response.json()) as { access_token?: string; expires_in?: number; errcode?: number };
  if (!body.access_token) throw new Error(`WeChat stable_token failed: ${body.errcode ?? response.status}`);
  cachedToken = { token: body.access_token, refreshAt: Date.now() + Math.max(60, (body.expires_in ?? 7200) - 300) * 1000 };
  return body.access_token;
}

export type SendOutcome = 'sent' | 'refused' | 'invalid' | 'transient';

export interface SubscribeMessage {
  touser: string;
  templateId: string;
  page: string;
  data: Record<string, { value: string }>;
  state: 'developer' | 'trial' | 'formal';
}

/**
 * subscribeMessage.send. An expired or invalid token is refreshed once and the send tried again;
 * 43101 (no consent left, or refused) is final; a malformed field or page is final; anything
 * else (system busy, network) is transient and worth retrying later.
 */
export async function sendSubscribeMessage(api: WechatApi, message: SubscribeMessage): Promise<SendOutcome> {
  for (let attempt = 0; attempt < 2; attempt += 1) {
    let errcode: number;
    try {
      const token = await accessToken(api, { forceRefresh: attempt > 0 });
      const response = await fetch(`${api.apiBase}/cgi-bin/message/subscribe/send?access_token=${encodeURIComponent(token)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          touser: message.touser,
          template_id: message.templateId,
          page: message.page,
          data: message.data,
          miniprogram_state: message.state,
          lang: 'zh_CN',
        }),
        signal: AbortSignal.timeout(api.timeoutMs),
      });
      errcode = ((await response.json()) as { errcode?: number }).errcode ?? -1;
    } catch {
      return 'transient';
    }
    if (errcode === 0) return 'sent';
    if (errcode === 40001 || errcode === 42001) continue;
    if (errcode === 43101) return 'refused';
    if (errcode === 47003 || errcode === 41030 || errcode === 40037) return 'invalid';
    return 'transient';
  }
  return 'transient';
}
