/**
 * Loads the real weapp build in a fake WeChat runtime and opens every page. Build first:
 * `npm run build:weapp` (from the repository root).
 */
import fs from 'node:fs';
import path from 'node:path';
import QRCode from 'qrcode';
import { DEFAULT_POLICY, serviceGuideFor } from '@hpf/shared';
import { FakeWeapp, findNodeId, renderedClasses, renderedTexts, type FakeResponse, type PageInstance } from './support/fake-weapp';
import {
  ACCOUNT,
  AGENCY_SESSION,
  CERTIFICATE,
  CODE,
  ELIGIBILITY,
  LEDGER,
  MESSAGES,
  OFFERABLE,
  REVIEW_QUEUE,
  SESSION,
  STAFF_SESSION,
  VERIFIED,
  WITHDRAWAL,
} from './support/fixtures';

const DIST = path.resolve(__dirname, '../dist/weapp');

function requireBuild(): void {
  if (!fs.existsSync(path.join(DIST, 'app.json')) || !fs.existsSync(path.join(DIST, 'app.js'))) {
    throw new Error(`miniapp/dist/weapp is missing or incomplete: run \`npm run build:weapp\` first (looked in ${DIST})`);
  }
}

/** A backend that knows the GET/POST routes the pages call. */
function backend(url: string, method: string): FakeResponse | undefined {
  const pathname = url.replace(/^https?:\/\/[^/]+/, '').split('?')[0];
  if (method === 'GET' && pathname === '/v1/me/account') return { statusCode: 200, data: ACCOUNT };
  if (method === 'GET' && pathname === '/v1/me/ledger') return { statusCode: 200, data: LEDGER };
  if (method === 'POST' && pathname === '/v1/auth/wechat') return { statusCode: 200, data: SESSION };
  if (method === 'GET' && pathname === '/v1/me/certificates') return { statusCode: 200, data: { certificates: [CERTIFICATE], offerable: OFFERABLE } };
  if (method === 'POST' && pathname === '/v1/me/certificates') return { statusCode: 200, data: CERTIFICATE };
  if (method === 'POST' && pathname === `/v1/me/certificates/${CERTIFICATE.certificateId}/code`) return { statusCode: 200, data: CODE };
  if (method === 'POST' && pathname === '/v1/verify') return { statusCode: 200, data: VERIFIED };
  if (method === 'GET' && pathname === '/v1/me/withdrawals/rent/eligibility') return { statusCode: 200, data: ELIGIBILITY };
  if (method === 'GET' && pathname === '/v1/me/withdrawals') return { statusCode: 200, data: { withdrawals: [WITHDRAWAL] } };
  if (method === 'GET' && pathname === '/v1/me/messages') return { statusCode: 200, data: MESSAGES };
  if (method === 'POST' && pathname === '/v1/me/subscriptions') {
    return { statusCode: 200, data: { subscriptions: [{ templateId: 'hpf-arrival-template', remaining: 1, longTerm: false }] } };
  }
  if (method === 'GET' && pathname === '/v1/staff/withdrawals/review-queue') return { statusCode: 200, data: REVIEW_QUEUE };
  if (method === 'GET' && pathname === '/v1/service-guide') return { statusCode: 200, data: serviceGuideFor(DEFAULT_POLICY) };
  return { statusCode: 404, data: { error: { code: 'NOT_FOUND', message: '没有找到您要的内容。' } } };
}

describe('weapp build in a fake WeChat runtime', () => {
  beforeAll(requireBuild);

  it('boots app.js and registers every page listed in app.json, subpackages included', () => {
    const runtime = new FakeWeapp(DIST);
    runtime.boot();
    expect(runtime.appJson.pages.length).toBeGreaterThan(0);
    expect(runtime.allPages).toEqual(
      expect.arrayContaining([
        'pages/certificates/index',
        'pages/staff-login/index',
        'pages/verify-scan/index',
        'pages/verify/index',
        'pages/rent/index',
        'pages/messages/index',
        'pages/review/index',
      ]),
    );
    expect([...runtime.pages.keys()].sort()).toEqual([...runtime.allPages].sort());
    expect(runtime.errors).toEqual([]);
  });

  it('renders every page without throwing', async () => {
    const runtime = new FakeWeapp(DIST, {
      respond: backend,
      storage: { 'hpf.session': SESSION, 'hpf.staffSession': STAFF_SESSION },
    });
    runtime.boot();
    for (const route of runtime.allPages) {
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
    // a member's build carries no demo leftovers: no staff entry, no demo accounts or passwords
    expect(texts).not.toContain('工作人员入口');
    expect(texts.join(' ')).not.toMatch(/演示|demo-/);
  });

  it('says on the sign-in page that the session expired, and 设置 says who is signed in (or that no one is)', async () => {
    const expired = new FakeWeapp(DIST, {
      respond: () => ({ statusCode: 401, data: { error: { code: 'SESSION_EXPIRED', message: '登录已过期，请重新登录。' } } }),
      storage: { 'hpf.session': SESSION },
    });
    expired.boot();
    await expired.open('pages/home/index');
    expect(expired.calls.find((call) => call.api === 'reLaunch')?.options).toMatchObject({ url: '/pages/login/index?reason=expired' });
    const login = await expired.open('pages/login/index', { reason: 'expired' });
    expect(renderedTexts(login.data).join('')).toContain('登录已过期，请重新登录');

    const signedIn = new FakeWeapp(DIST, { respond: backend, storage: { 'hpf.session': SESSION } });
    signedIn.boot();
    expect(renderedTexts((await signedIn.open('pages/settings/index')).data)).toContain('当前登录：张明');
    const nobody = new FakeWeapp(DIST, { respond: backend });
    nobody.boot();
    const texts = renderedTexts((await nobody.open('pages/settings/index')).data);
    expect(texts).toEqual(expect.arrayContaining(['还没有登录', '去登录']));
    expect(texts).not.toContain('退出登录');
  });

  it('keeps WeChat’s own navigation bar (no second one drawn) and dials 12329 with makePhoneCall from 服务指南', async () => {
    const runtime = new FakeWeapp(DIST, { respond: backend });
    runtime.boot();
    const page = await runtime.open('pages/guide/index');
    const texts = renderedTexts(page.data);
    expect(texts).toEqual(expect.arrayContaining(['服务热线', '12329', '离退休提取', '到柜台办理', '服务网点']));
    expect(renderedClasses(page.data).some((name) => name.includes('nav-bar'))).toBe(false);
    await runtime.tap(page, findNodeId(page.data, '拨打 12329')!);
    expect(runtime.calls.find((call) => call.api === 'makePhoneCall')?.options).toMatchObject({ phoneNumber: '12329' });
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

  it('shows what counters ask for — 个人账号, 开户日期, masked phone and card — and, in 长辈模式, the deposit facts before the entries', async () => {
    const standard = new FakeWeapp(DIST, { respond: backend, storage: { 'hpf.session': SESSION } });
    standard.boot();
    const texts = renderedTexts((await standard.open('pages/home/index')).data);
    expect(texts).toEqual(expect.arrayContaining(['个人账号', '110000000001', '开户日期', '138****5678', '**** 0012']));
    expect(texts.join('')).not.toContain('13800005678');
    expect(texts.indexOf('缴存基数')).toBeGreaterThan(texts.indexOf('缴存明细'));

    const elder = new FakeWeapp(DIST, { respond: backend, storage: { 'hpf.session': SESSION, 'hpf.elderMode': '1' } });
    elder.boot();
    const elderTexts = renderedTexts((await elder.open('pages/home/index')).data);
    expect(elderTexts.indexOf('缴存基数')).toBeGreaterThan(-1);
    expect(elderTexts.indexOf('缴存基数')).toBeLessThan(elderTexts.indexOf('缴存明细'));
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

  it('issues a certificate and shows its code as an SVG QR image, with brightness and screenshot guards', async () => {
    const runtime = new FakeWeapp(DIST, { respond: backend, storage: { 'hpf.session': SESSION } });
    runtime.boot();
    const page = await runtime.open('pages/certificates/index');
    // the code refreshes on a timer: always unload the page so the timer stops
    try {
      await issueAndShow(runtime, page);
    } finally {
      runtime.close(page);
    }
    expect(runtime.errors).toEqual([]);
  });

  async function issueAndShow(runtime: FakeWeapp, page: PageInstance) {
    expect(renderedTexts(page.data)).toEqual(expect.arrayContaining(['缴存证明', '异地贷款缴存使用证明', '开过的证明']));
    // offered but not available now: named with the reason, and not a choice
    expect(renderedTexts(page.data)).toEqual(expect.arrayContaining(['贷款结清证明（现在不能开）', '您的公积金贷款还没有还清，还清后可以开。']));
    expect(findNodeId(page.data, '贷款结清证明（现在不能开）', (node) => node.role === 'radio')).toBeUndefined();

    await runtime.tap(page, findNodeId(page.data, '缴存证明', (node) => node.role === 'radio')!);
    await runtime.tap(page, findNodeId(page.data, '购房', (node) => node.role === 'radio')!);
    await runtime.tap(page, findNodeId(page.data, '下一步')!);
    await runtime.tap(page, findNodeId(page.data, '确认开具')!);

    const requests = runtime.calls
      .filter((call) => call.api === 'request')
      .map((call) => call.options as { url: string; method: string; data?: unknown; header: Record<string, string> });
    const issue = requests.find((r) => r.method === 'POST' && /\/v1\/me\/certificates$/.test(r.url));
    expect(issue?.data).toEqual({ type: 'DEPOSIT', purpose: 'HOME_PURCHASE' });
    expect(issue?.header['Idempotency-Key']).toMatch(/^[a-z0-9]{8,64}$/);
    expect(requests.some((r) => r.url.endsWith(`/v1/me/certificates/${CERTIFICATE.certificateId}/code`))).toBe(true);

    // The Image's src is the SVG of exactly this payload at error correction M.
    const json = JSON.stringify(page.data);
    // Taro keeps an Image's src under a short key: look for the data URL itself.
    const src = /"(data:image\/svg\+xml;base64,[^"]+)"/.exec(json)?.[1];
    expect(src).toBeDefined();
    const svg = Buffer.from(src!.split(',')[1], 'base64').toString('utf8');
    const expected = await new Promise<string>((resolve, reject) =>
      QRCode.toString(CODE.payload, { type: 'svg', errorCorrectionLevel: 'M', margin: 4, color: { dark: '#000000', light: '#ffffff' } }, (error, out) =>
        error ? reject(error) : resolve(out),
      ),
    );
    expect(svg).toBe(expected);
    expect(json).toContain('缴存证明二维码，请出示给工作人员扫描');
    expect(renderedTexts(page.data)).toEqual(expect.arrayContaining(['张明', '¥12,345.67']));
    expect(renderedTexts(page.data).some((text) => /^\d+ 秒后自动换新码$/.test(text))).toBe(true);
    expect(renderedTexts(page.data).join('')).toContain('开具时间：2026年5月1日 10:00');
    expect(renderedTexts(page.data).join('')).toContain('数据截至：2026年5月1日 10:00');
    expect(renderedTexts(page.data).join('')).toContain('有效期至：2026年5月31日 10:00');

    expect(runtime.calls.find((call) => call.api === 'setScreenBrightness')?.options).toMatchObject({ value: 1 });
    expect(runtime.calls.find((call) => call.api === 'setVisualEffectOnCapture')?.options).toMatchObject({ visualEffect: 'hidden' });
    await runtime.captureScreen();
    expect(renderedTexts(page.data).join('')).toContain('2 分钟后就会失效');

    await runtime.tap(page, findNodeId(page.data, '返回证明列表')!);
    const restored = runtime.calls.filter((call) => call.api === 'setScreenBrightness').pop()?.options;
    expect(restored).toMatchObject({ value: 0.4 });
    expect(runtime.calls.some((call) => call.api === 'offUserCaptureScreen')).toBe(true);
  }

  it('lets signed-in staff scan a code with wx.scanCode and shows the verdict with the staff token', async () => {
    const runtime = new FakeWeapp(DIST, {
      respond: backend,
      storage: { 'hpf.session': SESSION, 'hpf.staffSession': STAFF_SESSION },
      scanResult: CODE.payload,
    });
    runtime.boot();
    const page = await runtime.open('pages/verify-scan/index');
    await runtime.tap(page, findNodeId(page.data, '扫码核验')!);
    const verify = runtime.calls.find((call) => call.api === 'request')?.options as { data: unknown; header: Record<string, string> };
    expect(verify.data).toEqual({ payload: CODE.payload });
    expect(verify.header.Authorization).toBe('Bearer staff-token');
    expect(renderedTexts(page.data)).toEqual(expect.arrayContaining(['真实有效', '张明', '示例科技有限公司', '开具时间', '数据截至', '有效期至']));
    expect(renderedTexts(page.data).join('')).toContain('查验方：本中心 营业部柜台');
  });

  it('lets a signed-in agency check a code with its own token and names it; a type it is not registered for shows why it is masked', async () => {
    const masked = {
      ...VERIFIED,
      result: 'changed',
      resultLabel: '内容已变化',
      explanation: '这份证明由公积金中心出具，但开具后账户已封存，证明上的内容已不是现在的情况。',
      view: 'public',
      checkedBy: '杭州住房公积金管理中心 西湖分中心',
      certificate: {
        ...VERIFIED.certificate!,
        type: 'PAYOFF',
        typeLabel: '贷款结清证明',
        facts: { holderName: '*明', idNumberMasked: '1101**********1234' },
        changes: [{ code: 'ACCOUNT_STATE', label: '开具后账户已封存' }],
      },
    };
    const runtime = new FakeWeapp(DIST, {
      respond: (url, method) => (method === 'POST' && url.endsWith('/v1/verify') ? { statusCode: 200, data: masked } : backend(url, method)),
      storage: { 'hpf.agencySession': AGENCY_SESSION },
      scanResult: CODE.payload,
    });
    runtime.boot();
    const page = await runtime.open('pages/verify-scan/index');
    expect(renderedTexts(page.data).join('')).toContain('查验机构：杭州住房公积金管理中心 西湖分中心');
    expect(renderedTexts(page.data)).not.toContain('提取审核（待审申请）');
    await runtime.tap(page, findNodeId(page.data, '扫码核验')!);
    const verify = runtime.calls.find((call) => call.api === 'request')?.options as { header: Record<string, string> };
    expect(verify.header.Authorization).toBe('Bearer agency-token');
    const texts = renderedTexts(page.data).join('');
    expect(texts).toContain('内容已变化');
    expect(texts).toContain('开具后账户已封存');
    expect(texts).toContain('证明内容（部分隐藏）');
    expect(texts).toContain('贵机构没有登记查验“贷款结清证明”');
    expect(texts).toContain('异地贷款缴存使用证明、缴存证明');

    const signOut = findNodeId(page.data, '退出');
    await runtime.tap(page, signOut!);
    expect(runtime.storage.has('hpf.agencySession')).toBe(false);
    expect(runtime.calls.find((call) => call.api === 'redirectTo')?.options).toMatchObject({ url: '/pages/staff-login/index' });
  });

  it('sends staff without a sign-in to the staff login page', async () => {
    const runtime = new FakeWeapp(DIST, { respond: backend });
    runtime.boot();
    await runtime.open('pages/verify-scan/index');
    expect(runtime.calls.find((call) => call.api === 'redirectTo')?.options).toMatchObject({ url: '/pages/staff-login/index' });
  });

  it('shows the 租房提取 guide, this month\'s checks and maximum from the eligibility answer, and the history', async () => {
    const runtime = new FakeWeapp(DIST, { respond: backend, storage: { 'hpf.session': SESSION } });
    runtime.boot();
    const page = await runtime.open('pages/rent/index');
    const texts = renderedTexts(page.data);
    expect(texts).toEqual(expect.arrayContaining(['办理须知', '谁能申请', '本月最多可提取', '¥1,500.00', '本市无自有住房', '下一步：核对信息', '已到账']));
    expect(texts.join('')).toContain('每个自然月可以提一次');
    expect(texts.join('')).toContain('**** 0012');
    const urls = runtime.calls.filter((call) => call.api === 'request').map((call) => (call.options as { url: string }).url);
    expect(urls).toEqual(expect.arrayContaining(['/v1/me/withdrawals/rent/eligibility', '/v1/me/account', '/v1/me/withdrawals']));
    expect(JSON.stringify(page.data)).toContain('"ariaLabel":"本月最多可提取1500.00元"');
    runtime.close(page);
    expect(runtime.errors).toEqual([]);
  });

  it('asks WeChat for the 到账提醒 template from a tap on the home page and reports the answer', async () => {
    const runtime = new FakeWeapp(DIST, {
      respond: backend,
      storage: { 'hpf.session': SESSION },
      subscribeAnswers: { 'hpf-arrival-template': 'accept' },
    });
    runtime.boot();
    const page = await runtime.open('pages/home/index');
    expect(runtime.calls.some((call) => call.api === 'requestSubscribeMessage')).toBe(false);
    await runtime.tap(page, findNodeId(page.data, '开启到账提醒')!);
    expect(runtime.calls.find((call) => call.api === 'requestSubscribeMessage')?.options).toMatchObject({ tmplIds: ['hpf-arrival-template'] });
    const report = runtime.calls.find((call) => call.api === 'request' && (call.options as { method: string }).method === 'POST')?.options as {
      url: string;
      data: unknown;
    };
    expect(report.url).toMatch(/\/v1\/me\/subscriptions$/);
    expect(report.data).toEqual({ results: [{ templateId: 'hpf-arrival-template', result: 'accept' }] });
    expect(renderedTexts(page.data).join('')).toContain('已开启');
  });

  it('lists reminders on the 消息 page with whether WeChat delivered them', async () => {
    const runtime = new FakeWeapp(DIST, { respond: backend, storage: { 'hpf.session': SESSION } });
    runtime.boot();
    const page = await runtime.open('pages/messages/index');
    const texts = renderedTexts(page.data);
    expect(texts).toEqual(expect.arrayContaining(['月缴存到账', '+¥1,680.00', '微信已提醒']));
    // a withdrawal is money leaving for the card, said once, not a green "+" like a deposit
    expect(texts).toEqual(expect.arrayContaining(['提取到账', '¥1,500.00 已转入您的银行卡', '查看办理进度']));
    expect(texts.filter((text) => text.includes('1,500.00'))).toHaveLength(1);
    await runtime.tap(page, findNodeId(page.data, '查看这笔明细')!);
    expect(runtime.calls.find((call) => call.api === 'navigateTo')?.options).toMatchObject({ url: '/pages/ledger/index?entry=e1' });
    await runtime.tap(page, findNodeId(page.data, '查看办理进度')!);
    expect(runtime.calls.filter((call) => call.api === 'navigateTo')[1]?.options).toMatchObject({
      url: '/pages/withdrawal/index?id=R310100200001ABCDEFGHIJKLMNO&from=message',
    });
  });

  it('opens the ledger at the entry a message pointed at', async () => {
    const runtime = new FakeWeapp(DIST, { respond: backend, storage: { 'hpf.session': SESSION } });
    runtime.boot();
    const page = await runtime.open('pages/ledger/index', { entry: 'e1' });
    const texts = renderedTexts(page.data);
    expect(texts).toContain('消息里的这一笔');
    expect(texts.indexOf('消息里的这一笔')).toBeGreaterThan(texts.indexOf('-¥1,500.00'));
  });

  it('shows reviewers the flags, the lease and the first decision', async () => {
    const runtime = new FakeWeapp(DIST, {
      respond: backend,
      storage: { 'hpf.staffSession': { ...STAFF_SESSION, username: 'reviewer.b', roles: ['REVIEWER'] } },
    });
    runtime.boot();
    const page = await runtime.open('pages/review/index');
    const texts = renderedTexts(page.data).join('\n');
    expect(texts).toContain('疑似虚假租赁');
    expect(texts).toContain('王建国');
    expect(texts).toContain('合同核实无误');
    expect(texts).toContain('请复核');
    const request = runtime.calls.find((call) => call.api === 'request')?.options as { header: Record<string, string> };
    expect(request.header.Authorization).toBe('Bearer staff-token');
  });

  it('checks the code from the page query on the public verify page, without any token', async () => {
    const runtime = new FakeWeapp(DIST, {
      respond: backend,
      storage: { 'hpf.session': SESSION, 'hpf.staffSession': STAFF_SESSION },
    });
    runtime.boot();
    const page = await runtime.open('pages/verify/index', { t: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567' });
    const verify = runtime.calls.find((call) => call.api === 'request')?.options as { data: unknown; header: Record<string, string> };
    expect(verify.data).toEqual({ payload: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567' });
    expect(verify.header.Authorization).toBeUndefined();
    expect(renderedTexts(page.data)).toContain('真实有效');
  });
});
