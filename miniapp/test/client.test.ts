import type { HttpRequest, HttpResponse, Transport } from '../src/api/client';

// The client module builds a default Taro-backed instance on import; these tests inject their own.
jest.mock('@tarojs/taro', () => ({ __esModule: true, default: { request: jest.fn(), getStorageSync: jest.fn() } }));

import {
  ApiError,
  BAD_RESPONSE_MESSAGE,
  buildUrl,
  createClient,
  errorMessage,
  isApiError,
  NETWORK_MESSAGE,
  toApiError,
} from '../src/api/client';
import { redirectFor } from '../src/lib/navigation';

function fakeTransport(response: HttpResponse | Error) {
  const sent: HttpRequest[] = [];
  const transport: Transport = async (request) => {
    sent.push(request);
    if (response instanceof Error) throw response;
    return response;
  };
  return { sent, transport };
}

describe('buildUrl', () => {
  it('joins base and path without doubling the slash', () => {
    expect(buildUrl('https://api.example.cn/', '/v1/me/account')).toBe('https://api.example.cn/v1/me/account');
  });

  it('keeps a relative URL when the base is empty (h5 same origin)', () => {
    expect(buildUrl('', '/v1/me/ledger', { limit: 20 })).toBe('/v1/me/ledger?limit=20');
  });

  it('encodes query values and leaves out empty ones', () => {
    expect(buildUrl('', '/v1/me/ledger', { limit: 20, cursor: 'a b&c', other: undefined, blank: '' })).toBe(
      '/v1/me/ledger?limit=20&cursor=a%20b%26c',
    );
  });
});

describe('toApiError', () => {
  it('keeps the server code, Chinese message and field errors', () => {
    const error = toApiError(400, {
      error: {
        code: 'INVALID_REQUEST',
        message: '填写的内容有误，请检查后再试。',
        fields: [{ path: 'idNumber', message: '身份证号不正确' }, { bogus: true }],
      },
    });
    expect(error).toMatchObject({ code: 'INVALID_REQUEST', status: 400, message: '填写的内容有误，请检查后再试。' });
    expect(error.fields).toEqual([{ path: 'idNumber', message: '身份证号不正确' }]);
  });

  it('turns an answer without an error body into a plain "try later" message', () => {
    expect(toApiError(502, '<html>Bad Gateway</html>')).toMatchObject({ code: 'BAD_RESPONSE', message: BAD_RESPONSE_MESSAGE });
    expect(toApiError(404, null)).toMatchObject({ code: 'BAD_RESPONSE', status: 404 });
  });
});

describe('request', () => {
  it('sends GET with the query in the URL and the bearer token for member routes', async () => {
    const { sent, transport } = fakeTransport({ statusCode: 200, data: { entries: [] } });
    const request = createClient({ transport, baseUrl: 'https://api.example.cn', getToken: () => 'tok' });

    await expect(request('myLedger', { query: { limit: 20, cursor: 'c1' } })).resolves.toEqual({ entries: [] });

    expect(sent).toEqual([
      {
        url: 'https://api.example.cn/v1/me/ledger?limit=20&cursor=c1',
        method: 'GET',
        header: { Accept: 'application/json', Authorization: 'Bearer tok' },
        data: undefined,
      },
    ]);
  });

  it('sends the JSON body and no token to the public sign-in route', async () => {
    const session = { token: 't', expiresAt: '2999-01-01T00:00:00Z', bound: false };
    const { sent, transport } = fakeTransport({ statusCode: 200, data: session });
    const request = createClient({ transport, baseUrl: '', getToken: () => 'stale' });

    await expect(request('wechatLogin', { body: { code: 'sim:demo-new' } })).resolves.toEqual(session);

    expect(sent[0]).toEqual({
      url: '/v1/auth/wechat',
      method: 'POST',
      header: { Accept: 'application/json', 'Content-Type': 'application/json' },
      data: { code: 'sim:demo-new' },
    });
  });

  it('rejects with the server error as an ApiError', async () => {
    const { transport } = fakeTransport({
      statusCode: 401,
      data: { error: { code: 'SESSION_EXPIRED', message: '登录已过期，请重新登录。' } },
    });
    const request = createClient({ transport, baseUrl: '', getToken: () => 'tok' });

    const error = await request('myAccount').catch((caught: unknown) => caught);

    expect(isApiError(error)).toBe(true);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: 'SESSION_EXPIRED', status: 401 });
    expect(errorMessage(error)).toBe('登录已过期，请重新登录。');
    expect(redirectFor(error)).toBe('login');
  });

  it('reports a failed connection in plain words', async () => {
    const { transport } = fakeTransport(new Error('request:fail timeout'));
    const request = createClient({ transport, baseUrl: '', getToken: () => undefined });

    await expect(request('myAccount')).rejects.toMatchObject({ code: 'NETWORK', status: 0, message: NETWORK_MESSAGE });
  });

  it('does not pass off a 200 with an unreadable body as data', async () => {
    const { transport } = fakeTransport({ statusCode: 200, data: 'not json' });
    const request = createClient({ transport, baseUrl: '', getToken: () => undefined });

    await expect(request('myAccount')).rejects.toMatchObject({ code: 'BAD_RESPONSE' });
  });
});

describe('redirectFor', () => {
  it('sends an unbound member to binding and leaves other errors in place', () => {
    expect(redirectFor(new ApiError('NOT_BOUND', '请先完成实名绑定', 403))).toBe('bind');
    expect(redirectFor(new ApiError('UNAUTHENTICATED', '请先登录', 401))).toBe('login');
    expect(redirectFor(new ApiError('IDENTITY_MISMATCH', '不一致', 400))).toBeUndefined();
    expect(redirectFor(new Error('boom'))).toBeUndefined();
  });
});
