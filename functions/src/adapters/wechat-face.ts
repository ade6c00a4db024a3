/**
 * 微信人脸核身 (government and public-service mini programs) over HTTP: getVerifyId binds a check
 * to a person (name + ID number) and a WeChat user; after the mini program ran
 * wx.requestFacialVerify with the verify id, queryVerifyInfo tells the server what happened. Only
 * the server's query counts: the mini program's own "success" is never trusted. The base URL is
 * configuration (WeChat, or the local simulator); no face image ever reaches this service.
 */
import { createHash } from 'node:crypto';
import { DomainError } from '@hpf/shared';
import { accessToken, type WechatApi } from './wechat-client';

export interface FacePerson {
  name: string;
  idNumber: string;
}

/**
 * What queryVerifyInfo wants instead of the ID number itself: a digest of the same cert_info
 * getVerifyId was given (WeChat's queryVerifyInfo notes), so it is recomputed, never stored.
 */
export function certHash(person: FacePerson): string {
  return createHash('sha256').update(`cert_type=IDENTITY_CARD&cert_name=${person.name}&cert_no=${person.idNumber}`, 'utf8').digest('base64');
}

/** POSTs to a WeChat server API with the access token, refreshing an expired token once. */
async function call(api: WechatApi, path: string, body: unknown): Promise<Record<string, unknown>> {
  for (let attempt = 0; ; attempt += 1) {
    let reply: Record<string, unknown>;
    try {
      const token = await accessToken(api, { forceRefresh: attempt > 0 });
      const response = await fetch(`${api.apiBase}${path}?access_token=${encodeURIComponent(token)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(api.timeoutMs),
      });
      if (!response.ok) throw new DomainError('FACE_UNAVAILABLE');
      reply = (await response.json()) as Record<string, unknown>;
    } catch (error) {
      if (error instanceof DomainError) throw error;
      throw new DomainError('FACE_UNAVAILABLE');
    }
    if ((reply.errcode === 40001 || reply.errcode === 42001) && attempt === 0) continue;
    return reply;
  }
}

/** getVerifyId: WeChat's verify id for this person and WeChat user, and how long it can start a check. */
export async function getVerifyId(
  api: WechatApi,
  request: { outSeqNo: string; openid: string; person: FacePerson },
): Promise<{ verifyId: string; expiresInSeconds: number }> {
  const reply = await call(api, '/cityservice/face/identify/getverifyid', {
    out_seq_no: request.outSeqNo,
    cert_info: { cert_type: 'IDENTITY_CARD', cert_name: request.person.name, cert_no: request.person.idNumber },
    openid: request.openid,
  });
  // 45011: WeChat's frequency limit for this user — the member is told to come back later
  if (reply.errcode === 45011) throw new DomainError('FACE_TOO_MANY_FAILURES');
  if (reply.errcode !== 0 && reply.errcode !== undefined) throw new DomainError('FACE_UNAVAILABLE');
  if (typeof reply.verify_id !== 'string' || reply.verify_id.length === 0 || reply.verify_id.length > 256) throw new DomainError('FACE_UNAVAILABLE');
  return { verifyId: reply.verify_id, expiresInSeconds: typeof reply.expires_in === 'number' ? reply.expires_in : 3600 };
}

/** queryVerifyInfo: WeChat's verify_ret for a check (10000 is the one success). */
export async function queryVerifyInfo(
  api: WechatApi,
  request: { verifyId: string; outSeqNo: string; openid: string; person: FacePerson },
): Promise<number> {
  const reply = await call(api, '/cityservice/face/identify/queryverifyinfo', {
    verify_id: request.verifyId,
    out_seq_no: request.outSeqNo,
    cert_hash: certHash(request.person),
    openid: request.openid,
  });
  if (reply.errcode !== 0 && reply.errcode !== undefined) throw new DomainError('FACE_UNAVAILABLE');
  if (typeof reply.verify_ret !== 'number') throw new DomainError('FACE_UNAVAILABLE');
  return reply.verify_ret;
}
