/**
 * 好差评 of what a counter does for a member, on DynamoDB Local: 封存 and 启封 at the counter, and a
 * certificate checked at a counter, each become a service the member is offered once (with the
 * counter's office), rated once; a bad rating's case goes to that office; the month's figures
 * count them as delivered. A public scan of a certificate is no counter service. The case list
 * filtered by office is read from that office's own list, a page at a time.
 */
import { chinaDate } from '@hpf/shared';
import { seal, unseal } from '../src/accounts/life-cycle';
import { handler as issueHandler } from '../src/certificates/issue';
import { handler as code } from '../src/certificates/code';
import { handler as verify } from '../src/certificates/verify';
import { list, rate } from '../src/ratings/member';
import { figures, list as caseList, step } from '../src/ratings/staff';
import { endedWithdrawal } from '../../test-support/ended-withdrawal';
import { faceChecked } from '../../test-support/face';
import { invoke } from '../../test-support/http';
import { signIn } from '../../test-support/session';
import { staffToken } from '../../test-support/staff';
import { useTestTable } from '../../test-support/table';

const table = useTestTable({ seed: true });
const RENTER = '310100200001';
const COUNTER_OFFICE = '本中心 营业部柜台';
const issue = faceChecked(issueHandler, 'ISSUE_CERTIFICATE');

type Offered = { serviceId: string; service: string; office: string; summary: string; canRate: boolean };
const offered = async (token: string): Promise<Offered[]> => (await invoke(list, { token })).body.services;

describe('好差评: services delivered at a counter', () => {
  let member: string;
  let clerk: string;
  beforeAll(async () => {
    member = (await signIn('demo-renter')).token;
    clerk = await staffToken('account.clerk');
  });

  it('封存 and 启封 done for a member are each offered once, with the counter’s office; a bad rating’s case goes to that office', async () => {
    const before = (await offered(member)).filter((s) => s.service.startsWith('ACCOUNT_'));
    expect(before).toEqual([]);
    expect((await invoke(seal, { token: clerk, params: { accountNo: RENTER }, body: { reason: '职工离职', sealReason: 'LEFT_JOB' } })).status).toBe(200);
    expect((await invoke(unseal, { token: clerk, params: { accountNo: RENTER }, body: { reason: '到新单位就业' } })).status).toBe(200);

    const counter = (await offered(member)).filter((s) => s.service.startsWith('ACCOUNT_'));
    expect(counter.map((s) => s.service).sort()).toEqual(['ACCOUNT_SEAL', 'ACCOUNT_UNSEAL']);
    for (const service of counter) expect(service).toMatchObject({ office: COUNTER_OFFICE, canRate: true });
    expect(counter.find((s) => s.service === 'ACCOUNT_SEAL')?.summary).toBe('柜台为您办理了账户封存');

    const sealed = counter.find((s) => s.service === 'ACCOUNT_SEAL')!;
    const rated = await invoke(rate, { token: member, body: { serviceId: sealed.serviceId, level: 'DISSATISFIED', reasons: ['办理慢'], comment: '排队一个小时' } });
    expect(rated.status).toBe(200);
    expect(rated.body.case.status).toBe('OPEN');
    const again = await invoke(rate, { token: member, body: { serviceId: sealed.serviceId, level: 'SATISFIED', reasons: [] } });
    expect([again.status, again.body.error.code]).toEqual([409, 'ALREADY_RATED']);
    expect((await offered(member)).find((s) => s.serviceId === sealed.serviceId)?.canRate).toBe(false);

    const cases = (await invoke(caseList, { token: await staffToken('reviewer.a'), query: { status: 'OPEN' } })).body.cases;
    expect(cases.find((c: { serviceId: string }) => c.serviceId === sealed.serviceId)).toMatchObject({
      service: 'ACCOUNT_SEAL',
      serviceLabel: '住房公积金个人账户封存',
      office: COUNTER_OFFICE,
      memberName: '张明',
    });
  });

  it('a certificate checked at a counter (twice the same day) is one service; a public scan is none; another member cannot rate it', async () => {
    const issued = await invoke(issue, { token: member, body: { type: 'DEPOSIT', purpose: 'OTHER' }, headers: { 'idempotency-key': `counter-rating-${Date.now()}` } });
    expect(issued.status).toBe(200);
    const payload = async () => (await invoke(code, { token: member, params: { certificateId: issued.body.certificateId } })).body.payload as string;

    expect((await invoke(verify, { sourceIp: '203.0.113.9', body: { payload: await payload() } })).body.result).toBe('valid');
    expect((await offered(member)).some((s) => s.service === 'CERTIFICATE_CHECK')).toBe(false);

    for (let i = 0; i < 2; i += 1) {
      const checked = await invoke(verify, { token: clerk, body: { payload: await payload() } });
      expect(checked.body.result).toBe('valid');
    }
    const checks = (await offered(member)).filter((s) => s.service === 'CERTIFICATE_CHECK');
    expect(checks).toHaveLength(1);
    expect(checks[0]).toMatchObject({ office: COUNTER_OFFICE, summary: '柜台查验了您的电子证明', canRate: true });

    const stranger = (await signIn('demo-loan')).token;
    const theirs = await invoke(rate, { token: stranger, body: { serviceId: checks[0].serviceId, level: 'VERY_DISSATISFIED', reasons: [] } });
    expect([theirs.status, theirs.body.error.code]).toEqual([404, 'SERVICE_NOT_RATEABLE']);
    expect((await invoke(rate, { token: member, body: { serviceId: checks[0].serviceId, level: 'VERY_SATISFIED', reasons: ['不用跑腿'] } })).status).toBe(200);
  });

  it('the month’s figures count the counter’s services as delivered, per service and office', async () => {
    const month = chinaDate(new Date()).slice(0, 7);
    const rows = (await invoke(figures, { token: await staffToken('auditor'), query: { month } })).body.rows as {
      service: string;
      office: string;
      delivered: number;
      rated: number;
      bad: number;
    }[];
    const row = (service: string) => rows.find((r) => r.service === service && r.office === COUNTER_OFFICE);
    expect(row('ACCOUNT_SEAL')).toMatchObject({ delivered: 1, rated: 1, bad: 1 });
    expect(row('ACCOUNT_UNSEAL')).toMatchObject({ delivered: 1, rated: 0, bad: 0 });
    expect(row('CERTIFICATE_CHECK')).toMatchObject({ delivered: 1, rated: 1, bad: 0 });
  });

  it('the case list of one office is the API’s, paged, earliest due first, with the state filter before paging', async () => {
    // more bad ratings: three more at the counter, two online
    for (let i = 0; i < 3; i += 1) {
      expect((await invoke(seal, { token: clerk, params: { accountNo: RENTER }, body: { reason: '职工离职', sealReason: 'LEFT_JOB' } })).status).toBe(200);
      expect((await invoke(unseal, { token: clerk, params: { accountNo: RENTER }, body: { reason: '到新单位就业' } })).status).toBe(200);
    }
    const unrated = (await offered(member)).filter((s) => s.canRate && s.service.startsWith('ACCOUNT_')).slice(0, 3);
    expect(unrated).toHaveLength(3);
    for (const service of unrated) expect((await invoke(rate, { token: member, body: { serviceId: service.serviceId, level: 'DISSATISFIED', reasons: [] } })).status).toBe(200);
    for (let i = 0; i < 2; i += 1) {
      const serviceId = await endedWithdrawal(table.name, RENTER, 'PAID', new Date(Date.now() - 60_000));
      expect((await invoke(rate, { token: member, body: { serviceId, level: 'VERY_DISSATISFIED', reasons: [] } })).status).toBe(200);
    }
    const reviewer = await staffToken('reviewer.a');
    const everything = (await invoke(caseList, { token: reviewer })).body;
    expect(everything.offices.sort()).toEqual(['网上服务大厅', COUNTER_OFFICE].sort());
    const counterCases = everything.cases.filter((c: { office: string }) => c.office === COUNTER_OFFICE).map((c: { caseId: string }) => c.caseId);
    expect(counterCases).toHaveLength(4);
    // one of them is taken a step on: the office’s list follows it
    const verified = counterCases[0];
    expect((await invoke(step, { token: clerk, params: { caseId: verified }, body: { step: 'VERIFY', note: '核实：当天排队较长' } })).status).toBe(200);

    async function allPages(query: Record<string, string>): Promise<{ caseId: string; office: string; status: string }[][]> {
      const pages = [];
      let cursor: string | undefined;
      do {
        const reply = await invoke(caseList, { token: reviewer, query: { ...query, limit: '2', ...(cursor ? { cursor } : {}) } });
        expect(reply.status).toBe(200);
        pages.push(reply.body.cases);
        cursor = reply.body.nextCursor;
      } while (cursor && pages.length < 10);
      return pages;
    }
    const pages = await allPages({ office: COUNTER_OFFICE });
    for (const page of pages) expect(page.length).toBeLessThanOrEqual(2);
    const listed = pages.flat();
    expect(listed.map((c) => c.caseId).sort()).toEqual([...counterCases].sort());
    expect(listed.every((c) => c.office === COUNTER_OFFICE)).toBe(true);
    expect(listed.find((c) => c.caseId === verified)?.status).toBe('VERIFIED');
    expect(pages.length).toBeGreaterThanOrEqual(2);

    const open = (await allPages({ office: COUNTER_OFFICE, status: 'OPEN' })).flat();
    expect(open.map((c) => c.caseId).sort()).toEqual(counterCases.filter((id: string) => id !== verified).sort());
    const online = (await allPages({ office: '网上服务大厅' })).flat();
    expect(online).toHaveLength(2);

    const broken = await invoke(caseList, { token: reviewer, query: { office: COUNTER_OFFICE, cursor: 'not a cursor!' } });
    expect(broken.status).toBe(400);
  });
});
