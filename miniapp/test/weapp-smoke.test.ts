/**
 * Loads the real weapp build in a fake WeChat runtime and opens every page. Build first:
 * `npm run build:weapp` (from the repository root).
 */
import fs from 'node:fs';
import path from 'node:path';
import { FakeWeapp, findNodeId, renderedClasses, renderedTexts, type FakeResponse } from './support/fake-weapp';
import { ACCOUNT, LEDGER, SESSION } from './support/fixtures';

const DIST = path.resolve(__dirname, '../dist/weapp');

function requireBuild(): void {
  if (!fs.existsSync(path.join(DIST, 'app.json')) || !fs.existsSync(path.join(DIST, 'app.js'))) {
    throw new Error(`miniapp/dist/weapp is missing or incomplete: run \`npm run build:weapp\` first (looked in ${DIST})`);
  }
}

/** A backend that knows the three GET/POST routes the pages call. */
function backend(url: string, method: string): FakeResponse | undefined {
  const pathname = url.replace(/^https?:\/\/[^/]+/, '').split('?')[0];
  if (method === 'GET' && pathname === '/v1/me/account') return { statusCode: 200, data: ACCOUNT };
  if (method === 'GET' && pathname === '/v1/me/ledger') return { statusCode: 200, data: LEDGER };
  if (method === 'POST' && pathname === '/v1/auth/wechat') return { statusCode: 200, data: SESSION };
  return { statusCode: 404, data: { error: { code: 'NOT_FOUND', message: '没有找到您要的内容。' } } };
}

describe('weapp build in a fake WeChat runtime', () => {
  beforeAll(requireBuild);

  it('boots app.js and registers every page listed in app.json', () => {
    const runtime = new FakeWeapp(DIST);
    runtime.boot();
    expect(runtime.appJson.pages.length).toBeGreaterThan(0);
    expect([...runtime.pages.keys()].sort()).toEqual([...runtime.appJson.pages].sort());
    expect(runtime.errors).toEqual([]);
  });

  it('renders every page without throwing', async () => {
    const runtime = new FakeWeapp(DIST, { respond: backend, storage: { 'hpf.session': SESSION } });
    runtime.boot();
    for (const route of runtime.appJson.pages) {
      const page = await runtime.open(route);
      expect({ route, rendered: page.setDataCalls.length > 0 }).toEqual({ route, rendered: true });
      expect(renderedTexts(page.data).length).toBeGreaterThan(0);
      runtime.close(page);
    }
    expect(runtime.errors).toEqual([]);
  });

  it('shows the app title and the WeChat sign-in on the login page', async () => {
    const runtime = new FakeWeapp(DIST);
    runtime.boot();
    const page = await runtime.open('pages/login/index');
    const texts = renderedTexts(page.data);
    expect(texts).toContain('公积金服务');
    expect(texts).toContain('微信一键登录');
    expect(renderedClasses(page.data)).toContain('screen standard login');
  });

  it('signs in with the code from wx.login and goes to the home page', async () => {
    const runtime = new FakeWeapp(DIST, { respond: backend });
    runtime.boot();
    const page = await runtime.open('pages/login/index');
    const button = findNodeId(page.data, '微信一键登录');
    expect(button).toBeDefined();
    await runtime.tap(page, button!);

    const login = runtime.calls.find((call) => call.api === 'request');
    expect(login?.options).toMatchObject({ method: 'POST', data: { code: 'fake-login-code' } });
    expect((login?.options as { url: string }).url).toMatch(/\/v1\/auth\/wechat$/);
    expect(runtime.storage.get('hpf.session')).toMatchObject({ token: 'test-token' });
    expect(runtime.calls.find((call) => call.api === 'reLaunch')?.options).toMatchObject({ url: '/pages/home/index' });
  });

  it('shows the balance, state and monthly deposit on the home page', async () => {
    const runtime = new FakeWeapp(DIST, { respond: backend, storage: { 'hpf.session': SESSION } });
    runtime.boot();
    const page = await runtime.open('pages/home/index');
    const texts = renderedTexts(page.data);
    expect(texts).toEqual(expect.arrayContaining(['¥12,345.67', '正常', '¥1,400.00', '2024年5月', '缴存明细']));
    const request = runtime.calls.find((call) => call.api === 'request')?.options as { header: Record<string, string> };
    expect(request.header.Authorization).toBe('Bearer test-token');
    expect(JSON.stringify(page.data)).toContain('"ariaLabel":"账户余额12345.67元"');
  });

  it('lists ledger rows with signed amounts', async () => {
    const runtime = new FakeWeapp(DIST, { respond: backend, storage: { 'hpf.session': SESSION } });
    runtime.boot();
    const page = await runtime.open('pages/ledger/index');
    const texts = renderedTexts(page.data);
    expect(texts).toEqual(expect.arrayContaining(['提取', '-¥1,500.00', '缴存', '+¥1,400.00', '加载更多']));
    const request = runtime.calls.find((call) => call.api === 'request')?.options as { url: string };
    expect(request.url).toMatch(/\/v1\/me\/ledger\?limit=20$/);
  });

  it('shows a plain message and a retry button when the network is down', async () => {
    const runtime = new FakeWeapp(DIST, { storage: { 'hpf.session': SESSION } });
    runtime.boot();
    const page = await runtime.open('pages/home/index');
    expect(renderedTexts(page.data)).toEqual(expect.arrayContaining(['网络不太好，请检查网络后重试', '重试']));
  });

  it('switches to elder mode with one tap and remembers it', async () => {
    const runtime = new FakeWeapp(DIST);
    runtime.boot();
    const page = await runtime.open('pages/login/index');
    const toggle = findNodeId(page.data, '长辈模式', (node) => node.role === 'switch');
    expect(toggle).toBeDefined();
    await runtime.tap(page, toggle!);
    expect(runtime.storage.get('hpf.elderMode')).toBe('1');
    expect(renderedClasses(page.data)).toContain('screen elder login');
    expect(renderedTexts(page.data)).toContain('已开启：大字、大按钮');
  });
});
