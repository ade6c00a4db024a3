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
