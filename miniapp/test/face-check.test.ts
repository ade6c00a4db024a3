// face-check.ts reaches Taro and the default client on import; these tests give it fakes.
jest.mock('@tarojs/taro', () => ({ __esModule: true, default: { request: jest.fn(), getStorageSync: jest.fn() } }));

import { ApiError, createClient, type HttpRequest } from '../src/api/client';
import { needsFaceCheck, withFaceCheck } from '../src/lib/face-check';

describe('withFaceCheck', () => {
  it('sends the act as it is when the server does not ask for a face check, and never shows the step', async () => {
    const ask = jest.fn();
    await expect(withFaceCheck(async (id) => `done ${id ?? 'without'}`, ask)).resolves.toBe('done without');
    expect(ask).not.toHaveBeenCalled();
  });

  it('runs the face step when the server asks, and sends the act once more with the passed check', async () => {
    const sent: (string | undefined)[] = [];
    const act = async (id?: string) => {
      sent.push(id);
      if (!id) throw new ApiError('FACE_CHECK_REQUIRED', '这项业务需要先完成人脸核验', 403);
      return 'bound';
    };
    await expect(withFaceCheck(act, async () => 'Fabcdefghjkmnpqrstuvwxyzab')).resolves.toBe('bound');
    expect(sent).toEqual([undefined, 'Fabcdefghjkmnpqrstuvwxyzab']);
  });

  it('does nothing more when the member stops at the face step', async () => {
    const act = jest.fn(async () => {
      throw new ApiError('FACE_CHECK_EXPIRED', '人脸核验已过有效期', 403);
    });
    await expect(withFaceCheck(act, async () => undefined)).resolves.toBeUndefined();
    expect(act).toHaveBeenCalledTimes(1);
  });

  it('passes any other refusal on, without a face step', async () => {
    const ask = jest.fn();
    const refusal = new ApiError('IDENTITY_MISMATCH', '不一致', 422);
    await expect(withFaceCheck(async () => Promise.reject(refusal), ask)).rejects.toBe(refusal);
    expect(ask).not.toHaveBeenCalled();
    expect(needsFaceCheck(new ApiError('FACE_CHECK_USED', '用过了', 409))).toBe(true);
    expect(needsFaceCheck(new ApiError('FACE_UNAVAILABLE', '不可用', 503))).toBe(false);
  });
});

describe('the client and Face-Check-Id', () => {
  it('sends a passed check as the Face-Check-Id header, and no such header otherwise', async () => {
    const sent: HttpRequest[] = [];
    const request = createClient({
      baseUrl: 'https://api.example',
      getToken: () => 'token',
      transport: async (r) => {
        sent.push(r);
        return { statusCode: 200, data: { ok: true } };
      },
    });
    await request('withdrawalSettings', { body: { locked: false }, faceCheckId: 'Fabcdefghjkmnpqrstuvwxyzab' });
    await request('withdrawalSettings', { body: { locked: true } });
    expect(sent[0].header['Face-Check-Id']).toBe('Fabcdefghjkmnpqrstuvwxyzab');
    expect(sent[1].header['Face-Check-Id']).toBeUndefined();
  });
});
