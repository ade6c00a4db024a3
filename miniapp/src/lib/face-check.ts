/**
 * 人脸核验 around a sensitive act. The server decides which acts need one (policy `face`): the
 * act is sent, and only when it answers FACE_CHECK_* does the member see the face step; a passed
 * check's id then goes with the act once (header `Face-Check-Id`).
 */
import Taro from '@tarojs/taro';
import type { FacePurpose, ResponseOf } from '@hpf/shared';
import { API_BASE } from './build-flags';
import { isApiError, request } from '../api/client';

const FACE_CODES = new Set(['FACE_CHECK_REQUIRED', 'FACE_CHECK_EXPIRED', 'FACE_CHECK_USED', 'FACE_CHECK_MISMATCH']);

/** The act was refused for want of a (valid) face check: run one and send it again. */
export function needsFaceCheck(error: unknown): boolean {
  return isApiError(error) && FACE_CODES.has(error.code);
}

export interface FacePerson {
  name: string;
  idNumber: string;
}

export type FaceResult = ResponseOf<'faceCheckResult'>;

/**
 * The camera step: WeChat's own face check on the phone; in the H5 demo the local WeChat
 * simulator stands in (through the demo web server), ending as the simulator is set.
 */
async function cameraStep(verifyId: string): Promise<void> {
  if (process.env.TARO_ENV === 'weapp') {
    await new Promise<void>((resolve) => {
      // the outcome is never taken from here: the server asks WeChat (queryVerifyInfo) either way
      const wxApi = (globalThis as unknown as { wx?: { requestFacialVerify?: (o: Record<string, unknown>) => void } }).wx;
      if (!wxApi?.requestFacialVerify) return resolve();
      wxApi.requestFacialVerify({ verifyId, complete: () => resolve() });
    });
    return;
  }
  if (process.env.TARO_APP_DEMO === '1') {
    await Taro.request({ url: `${API_BASE}/_demo/wechat/face/run`, method: 'POST', data: { verifyId }, header: { 'Content-Type': 'application/json' } });
  }
}

/** Start, camera step, result. Throws the server's ApiError (too many failures, service down). */
export async function runFaceCheck(purpose: FacePurpose, person?: FacePerson): Promise<FaceResult> {
  const started = await request('startFaceCheck', { body: { purpose, ...person } });
  await cameraStep(started.verifyId);
  return request('faceCheckResult', { params: { checkId: started.checkId }, body: { ...person } });
}

/**
 * Does a sensitive act: sent as it is; when the server asks for a face check, `ask` runs the face
 * step and the act is sent once more with the passed check. Undefined when the member stopped.
 */
export async function withFaceCheck<T>(act: (faceCheckId?: string) => Promise<T>, ask: () => Promise<string | undefined>): Promise<T | undefined> {
  try {
    return await act();
  } catch (error) {
    if (!needsFaceCheck(error)) throw error;
  }
  const faceCheckId = await ask();
  return faceCheckId ? act(faceCheckId) : undefined;
}
