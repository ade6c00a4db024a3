import type { HttpRequest, HttpResponse, Transport } from '../src/api/client';

// The client module builds a default Taro-backed instance on import; these tests inject their own.
jest.mock('@tarojs/taro', () => ({ __esModule: true, default: { request: jest.fn(), getStorageSync: jest.fn() } }));

import {
  ApiError,
  BAD_RESPONSE_MESSAGE,
  buildUrl,
  createClient,
  errorMessage,
  fillPath,
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

describe('path parameters', () => {
  it('fills {name} placeholders, URL-encoded', () => {
    expect(fillPath('/v1/me/certificates/{certificateId}/code', { certificateId: 'ABCDEFGH23456723' })).toBe(
      '/v1/me/certificates/ABCDEFGH23456723/code',
    );
    expect(fillPath('/v1/x/{id}', { id: 'a/b c?d' })).toBe('/v1/x/a%2Fb%20c%3Fd');
    expect(fillPath('/v1/me/account')).toBe('/v1/me/account');
  });

  it('refuses to send a request with a placeholder left unfilled', () => {
    expect(() => fillPath('/v1/x/{id}', {})).toThrow(/missing path parameter "id"/);
  });

  it('sends the filled path with the member token', async () => {
    const { sent, transport } = fakeTransport({ statusCode: 200, data: { payload: 'P' } });
    const request = createClient({ transport, baseUrl: 'https://api.example.cn', getToken: () => 'tok' });

    await request('certificateCode', { params: { certificateId: 'AB/CD' } });
    await request('certificateVerifications', { params: { certificateId: 'ABCDEFGH23456723' } });

    expect(sent.map((r) => [r.method, r.url, r.header.Authorization])).toEqual([
      ['POST', 'https://api.example.cn/v1/me/certificates/AB%2FCD/code', 'Bearer tok'],
      ['GET', 'https://api.example.cn/v1/me/certificates/ABCDEFGH23456723/verifications', 'Bearer tok'],
    ]);
  });

  it('types params from the route: required where the path has them, refused elsewhere', () => {
    const { transport } = fakeTransport({ statusCode: 200, data: {} });
    const request = createClient({ transport, baseUrl: '', getToken: () => undefined });
    // Compile-time checks only (tsc -p miniapp): these calls are never made.
    const typeChecks = () => {
      // @ts-expect-error params are required for a path with {certificateId}
      void request('certificateCode');
      // @ts-expect-error the parameter is named certificateId
      void request('revokeMyCertificate', { params: { id: 'X' } });
      // @ts-expect-error myAccount has no path parameters
      void request('myAccount', { params: { certificateId: 'X' } });
    };
    expect(typeof typeChecks).toBe('function');
  });
});

describe('staff token', () => {
  it('sends the staff token (not the member one) on staff and public-or-verifier routes', async () => {
    const { sent, transport } = fakeTransport({ statusCode: 200, data: {} });
    const request = createClient({ transport, baseUrl: '', getToken: () => 'member', getStaffToken: () => 'staff' });

    await request('verifyCertificate', { body: { payload: 'X' } });
    await request('myCertificates');
    await request('staffLogin', { body: { username: 'account.clerk', password: 'p' } });

    expect(sent.map((r) => r.header.Authorization)).toEqual(['Bearer staff', 'Bearer member', undefined]);
  });

  it('sends no token to /v1/verify when no staff member is signed in (public view)', async () => {
    const { sent, transport } = fakeTransport({ statusCode: 200, data: {} });
    const request = createClient({ transport, baseUrl: '', getToken: () => 'member' });

    await request('verifyCertificate', { body: { payload: 'X' } });

    expect(sent[0].header.Authorization).toBeUndefined();
  });

  it('sends no token at all when asked for an anonymous request', async () => {
    const { sent, transport } = fakeTransport({ statusCode: 200, data: {} });
    const request = createClient({ transport, baseUrl: '', getToken: () => 'member', getStaffToken: () => 'staff' });

    await request('verifyCertificate', { body: { payload: 'X' }, anonymous: true });

    expect(sent[0].header.Authorization).toBeUndefined();
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
