/**
 * 人脸核验 in tests, through the real handlers and the WeChat simulator: start a check, run the
 * camera step in the simulator (as wx.requestFacialVerify would on the phone), ask for the result.
 */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { FacePurpose } from '@hpf/shared';
import { result as faceCheckResult, start as startFaceCheck } from '../functions/src/face/checks';
import { invoke, type Reply } from './http';
import type { Handler } from './routes';

export interface FacePerson {
  name: string;
  idNumber: string;
}

function simulator(): string {
  const base = process.env.WECHAT_API_BASE;
  if (!base) throw new Error('WECHAT_API_BASE is not set: run through jest (the global setup starts the WeChat simulator)');
  return base;
}

/** What the simulator's camera step does for this WeChat user from now on (or for everyone). */
export async function setFaceMode(mode: 'pass' | 'fail' | 'cancel' | 'too-many' | 'down', openid?: string): Promise<void> {
  const response = await fetch(`${simulator()}/_control/face`, { method: 'POST', body: JSON.stringify({ mode, ...(openid ? { openid } : {}) }) });
  if (!response.ok) throw new Error(`face mode: ${response.status}`);
}

/** The camera step: WeChat records how it ended (the openid's mode unless `result` says). */
export async function runFaceStep(verifyId: string, result?: 'pass' | 'fail' | 'cancel'): Promise<{ errCode: number }> {
  const response = await fetch(`${simulator()}/_control/face/run`, { method: 'POST', body: JSON.stringify({ verifyId, ...(result ? { result } : {}) }) });
  return (await response.json()) as { errCode: number };
}

/** Start, camera step, result: the result's reply. */
export async function faceCheck(token: string, purpose: FacePurpose, options: { person?: FacePerson; result?: 'pass' | 'fail' | 'cancel' } = {}): Promise<Reply> {
  const started = await invoke(startFaceCheck, { token, body: { purpose, ...options.person } });
  if (started.status !== 200) return started;
  await runFaceStep(started.body.verifyId, options.result);
  return invoke(faceCheckResult, { token, params: { checkId: started.body.checkId }, body: { ...options.person } });
}

/** A passed check's id, for one act. */
export async function passFaceCheck(token: string, purpose: FacePurpose, person?: FacePerson): Promise<string> {
  const reply = await faceCheck(token, purpose, { person, result: 'pass' });
  if (reply.status !== 200 || reply.body.status !== 'PASSED') throw new Error(`face check did not pass: ${reply.text}`);
  return reply.body.checkId;
}

function bearer(event: APIGatewayProxyEventV2): string | undefined {
  const value = Object.entries(event.headers ?? {}).find(([key]) => key.toLowerCase() === 'authorization')?.[1];
  return value?.replace(/^Bearer\s+/i, '');
}

/**
 * The handler as a member's phone meets it: each call first passes a face check for `purpose`
 * (skipped when the call brings its own `face-check-id`, or has no session). For tests about
 * other rules of a sensitive act; the face rules themselves are tested in face-checks.test.ts.
 */
export function faceChecked(handler: Handler, purpose: FacePurpose | ((body: any) => FacePurpose | undefined), person?: (body: any) => FacePerson): Handler {
  return async (event) => {
    const token = bearer(event);
    const has = Object.keys(event.headers ?? {}).some((key) => key.toLowerCase() === 'face-check-id');
    let body: any;
    try {
      body = event.body ? JSON.parse(event.body) : undefined;
    } catch {
      body = undefined;
    }
    const wanted = typeof purpose === 'function' ? purpose(body) : purpose;
    if (token && !has && wanted) {
      const checkId = await passFaceCheck(token, wanted, person?.(body)).catch(() => undefined);
      if (checkId) event = { ...event, headers: { ...event.headers, 'face-check-id': checkId } };
    }
    return handler(event);
  };
}

/** What a withdrawal-settings change may need a check for (the handler decides from the stored switches). */
export const settingsChangePurpose = (body: any): FacePurpose | undefined =>
  body?.locked === false ? 'UNLOCK_WITHDRAWAL' : body?.personalMonthlyLimitFen !== undefined ? 'RAISE_LIMIT' : undefined;
