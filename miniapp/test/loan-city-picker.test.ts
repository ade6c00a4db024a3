/**
 * The 贷款城市 picker: province, then city, sent as the GB/T 2260 code. The pure steps, and the
 * real weapp build driven in the fake WeChat runtime (build first: `npm run build:weapp`).
 */
import fs from 'node:fs';
import path from 'node:path';
import { loanCityProvinces } from '@hpf/shared';
import { afterProvince, fullCityName, isCityField } from '../src/pages/certificates/loan-city';
import { FakeWeapp, findNodeId, renderedTexts, type FakeResponse, type PageInstance } from './support/fake-weapp';
import { CERTIFICATE, CODE, OFFERABLE, SESSION } from './support/fixtures';

const PROVINCES = loanCityProvinces().map((province) => ({ ...province, cities: [...province.cities] }));
const zhejiang = PROVINCES.find((province) => province.code === '330000')!;
const shanghai = PROVINCES.find((province) => province.code === '310000')!;

describe('choosing a 贷款城市', () => {
  it('offers a province’s cities, and takes a municipality at once', () => {
    expect(afterProvince(zhejiang)).toEqual({ cities: expect.arrayContaining([{ code: '330100', name: '杭州市' }]) });
    expect(afterProvince(shanghai)).toEqual({ choice: { code: '310000', fullName: '上海市' } });
  });

  it('reads the choice back with its province, as the certificate will state it', () => {
    expect(fullCityName(zhejiang, { code: '330100', name: '杭州市' })).toBe('浙江省杭州市');
  });

  it('knows the server’s field for the city', () => {
    expect(isCityField('targetCityCode')).toBe(true);
    expect(isCityField('purpose')).toBe(false);
  });
});

const DIST = path.resolve(__dirname, '../dist/weapp');

describe('the picker in the weapp build', () => {
  beforeAll(() => {
    if (!fs.existsSync(path.join(DIST, 'app.json'))) throw new Error('miniapp/dist/weapp is missing: run `npm run build:weapp` first');
  });

  function backend(url: string, method: string): FakeResponse {
    const pathname = url.replace(/^https?:\/\/[^/]+/, '').split('?')[0];
    if (method === 'GET' && pathname === '/v1/loan-cities') return { statusCode: 200, data: { provinces: PROVINCES } };
    if (method === 'GET' && pathname === '/v1/me/certificates') return { statusCode: 200, data: { certificates: [], offerable: OFFERABLE } };
    if (method === 'POST' && pathname === '/v1/me/certificates') return { statusCode: 200, data: { ...CERTIFICATE, type: 'LOAN_USE' } };
    if (method === 'POST' && pathname.endsWith('/code')) return { statusCode: 200, data: CODE };
    return { statusCode: 404, data: { error: { code: 'NOT_FOUND', message: '没有找到您要的内容。' } } };
  }

  /** Taps what a screen reader would announce with this role and text (chips and buttons are 'button'). */
  const tapText = async (runtime: FakeWeapp, page: PageInstance, text: string, role = 'button') => {
    const id = findNodeId(page.data, text, (node) => node.role === role);
    if (!id) throw new Error(`nothing to tap says ${text}; the page says: ${renderedTexts(page.data).join(' | ')}`);
    await runtime.tap(page, id);
  };

  it('chooses 浙江省 then 杭州市, reads it back, and sends only the code', async () => {
    const runtime = new FakeWeapp(DIST, { respond: backend, storage: { 'hpf.session': SESSION } });
    runtime.boot();
    const page = await runtime.open('pages/certificates/index');
    try {
      await tapText(runtime, page, '异地贷款缴存使用证明', 'radio');
      expect(renderedTexts(page.data)).toEqual(expect.arrayContaining(['第三步：到哪个城市贷款', '浙江省', '新疆维吾尔自治区']));
      // nothing to confirm before a city is chosen
      expect(renderedTexts(page.data)).toContain('请选择贷款城市');

      await tapText(runtime, page, '浙江省');
      expect(renderedTexts(page.data)).toEqual(expect.arrayContaining(['再选浙江省的城市', '杭州市', '温州市']));
      await tapText(runtime, page, '杭州市');
      expect(renderedTexts(page.data)).toContain('已选：浙江省杭州市');

      // change of mind: a municipality is chosen with one tap
      await tapText(runtime, page, '重新选择城市');
      await tapText(runtime, page, '上海市');
      expect(renderedTexts(page.data)).toContain('已选：上海市');
      await tapText(runtime, page, '重新选择城市');
      await tapText(runtime, page, '浙江省');
      await tapText(runtime, page, '杭州市');

      await tapText(runtime, page, '下一步');
      expect(renderedTexts(page.data).join('')).toContain('贷款城市：浙江省杭州市');
      await tapText(runtime, page, '确认开具');

      const requests = runtime.calls.filter((call) => call.api === 'request').map((call) => call.options as { url: string; method: string; data?: unknown });
      expect(requests.filter((r) => r.url.endsWith('/v1/loan-cities'))).toHaveLength(1);
      expect(requests.find((r) => r.method === 'POST' && /\/v1\/me\/certificates$/.test(r.url))?.data).toEqual({
        type: 'LOAN_USE',
        purpose: 'LOAN_ELSEWHERE',
        targetCityCode: '330100',
      });
    } finally {
      runtime.close(page);
    }
    expect(runtime.errors).toEqual([]);
  });
});
