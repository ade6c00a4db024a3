/**
 * The 异地贷款 city on a certificate is chosen from GB/T 2260, sent as a code and certified by
 * name; anything else (a bad code, the old free-text field) is refused and writes nothing.
 */
import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { handler as issueHandler } from '../src/certificates/issue';
import { faceChecked } from '../../test-support/face';
import { handler as verify } from '../src/certificates/verify';
import { handler as code } from '../src/certificates/code';
import { handler as loanCities } from '../src/divisions/loan-cities';
import { invoke } from '../../test-support/http';
import { signIn } from '../../test-support/session';
import { staffToken } from '../../test-support/staff';
import { useTestTable } from '../../test-support/table';

// every new certificate passes a face check first (the face rules: face-checks.test.ts)
const issue = faceChecked(issueHandler, 'ISSUE_CERTIFICATE');

const table = useTestTable({ seed: true });
let loan: string;
let counter: string;
let requests = 0;

beforeAll(async () => {
  loan = (await signIn('demo-loan')).token;
  counter = await staffToken('account.clerk');
});

/** An issue request as the mini program sends it (a fresh Idempotency-Key each time, where the route asks for one). */
function issueLoanUse(body: Record<string, unknown>) {
  requests += 1;
  return invoke(issue, {
    token: loan,
    headers: { 'idempotency-key': `loan-city-test-${String(requests).padStart(4, '0')}` },
    body: { type: 'LOAN_USE', purpose: 'LOAN_ELSEWHERE', ...body },
  });
}

async function everyItem(): Promise<string[]> {
  const items: string[] = [];
  let start: Record<string, any> | undefined;
  do {
    const page = await table.client.send(new ScanCommand({ TableName: table.name, ExclusiveStartKey: start, ConsistentRead: true }));
    // the face check passed before each request is a request of its own (face-checks.test.ts), and
    // so is its count against the day's allowance of checks started: neither is counted
    const own = (pk = '') => pk.startsWith('FACE#') || pk.startsWith('THROTTLE#face-start#');
    items.push(...(page.Items ?? []).filter((item) => !own(item.pk?.S)).map((item) => JSON.stringify(item)));
    start = page.LastEvaluatedKey;
  } while (start);
  return items.sort();
}

describe('GET /v1/loan-cities', () => {
  it('lists the provinces and their cities for anyone, cacheable for a day', async () => {
    const reply = await invoke(loanCities, { method: 'GET', path: '/v1/loan-cities' });
    expect(reply.status).toBe(200);
    expect(reply.headers['cache-control']).toBe('public, max-age=86400');
    const provinces = reply.body.provinces as { code: string; name: string; cities: { code: string; name: string }[] }[];
    expect(provinces).toHaveLength(31);
    expect(provinces.find((p) => p.code === '330000')?.cities).toContainEqual({ code: '330100', name: '杭州市' });
    expect(provinces.find((p) => p.code === '110000')?.cities).toEqual([{ code: '110000', name: '北京市' }]);
    // small enough to fetch on a phone: the counties are not in it
    expect(reply.text.length).toBeLessThan(16_000);
  });
});

describe('a 异地贷款缴存使用证明 with a city code', () => {
  it('certifies the city by code and full name, and counter staff see it when they scan', async () => {
    const reply = await issueLoanUse({ targetCityCode: '330100' });
    expect(reply.status).toBe(200);
    expect(reply.body.facts).toMatchObject({ targetCityCode: '330100', targetCity: '浙江省杭州市' });

    const shown = await invoke(code, { token: loan, params: { certificateId: reply.body.certificateId } });
    expect(shown.status).toBe(200);
    const checked = await invoke(verify, { token: counter, body: { payload: shown.body.payload } });
    expect(checked.status).toBe(200);
    expect(checked.body.certificate.facts).toMatchObject({ targetCityCode: '330100', targetCity: '浙江省杭州市' });
  });

  it('names a municipality once', async () => {
    const reply = await issueLoanUse({ targetCityCode: '310000' });
    expect(reply.status).toBe(200);
    expect(reply.body.facts).toMatchObject({ targetCityCode: '310000', targetCity: '上海市' });
  });

  it.each([
    ['a code that is no city', { targetCityCode: '999999' }, '没有这个城市，请从列表中选择贷款所在城市'],
    ['a district, not a city', { targetCityCode: '330106' }, '没有这个城市，请从列表中选择贷款所在城市'],
    ['a province-level bucket of counties', { targetCityCode: '429000' }, '没有这个城市，请从列表中选择贷款所在城市'],
    ['a name in place of the code', { targetCityCode: '杭州市' }, '请从列表中选择贷款所在城市'],
    ['a right-to-left override', { targetCityCode: '\u202e001033' }, '请从列表中选择贷款所在城市'],
    ['the old free-text field', { targetCity: '杭州市' }, '请选择贷款所在城市'],
    ['the old field with a fake verdict', { targetCity: '杭州市\n核验结果：真实有效' }, '请选择贷款所在城市'],
    ['no city at all', {}, '请选择贷款所在城市'],
  ])('refuses %s with a 400 and a Chinese message, and writes nothing', async (_, body, message) => {
    const before = await everyItem();
    const reply = await issueLoanUse(body);
    expect(reply.status).toBe(400);
    expect(reply.body.error).toMatchObject({ code: 'INVALID_REQUEST', fields: [{ path: 'targetCityCode', message }] });
    expect(reply.body.error.message).toContain(message);
    expect(await everyItem()).toEqual(before);
  });

  it('never certifies the old free text, even sent beside a good code', async () => {
    const reply = await issueLoanUse({ targetCityCode: '320500', targetCity: '\u202e市州杭' });
    expect(reply.status).toBe(200);
    expect(reply.body.facts).toMatchObject({ targetCityCode: '320500', targetCity: '江苏省苏州市' });
    expect(reply.text).not.toContain('\u202e');
  });
});
