/**
 * 好差评 on DynamoDB Local: a paid withdrawal rated once within the window; a bad rating opening a
 * case that goes through 核实, 整改, 回访 and the member's answer; an appeal decided by an auditor;
 * and the morning check finding what is late and closing what went unanswered (the month's
 * figures against hand counts: service-rating-figures.test.ts, on a table of its own).
 */
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { addWorkingDays, chinaDate, DEFAULT_RATING_POLICY } from '@hpf/shared';
import { dynamo } from '../src/platform/dynamo';
import { keys } from '../src/platform/keys';
import { figures, list as caseList, detail as caseDetail, step } from '../src/ratings/staff';
import { decline, list, rate, reply } from '../src/ratings/member';
import { checkRatingCases } from '../src/ratings/overdue-job';
import { endedWithdrawal } from '../../test-support/ended-withdrawal';
import { invoke } from '../../test-support/http';
import { signIn } from '../../test-support/session';
import { staffToken } from '../../test-support/staff';
import { useTestTable } from '../../test-support/table';

const table = useTestTable({ seed: true });
const RENTER = '310100200001';
const DAY = 86_400_000;

function ended(status: 'PAID' | 'REJECTED' | 'PAYOUT_FAILED', endedAt: Date, amountFen?: number) {
  return endedWithdrawal(table.name, RENTER, status, endedAt, amountFen);
}

describe('好差评: rating a service', () => {
  let token: string;
  beforeAll(async () => {
    token = (await signIn('demo-renter')).token;
  });

  it('offers a paid withdrawal for rating, takes one rating, answers a retry with it and refuses a second one', async () => {
    const serviceId = await ended('PAID', new Date(Date.now() - 2 * DAY));
    const offered = await invoke(list, { token });
    expect(offered.status).toBe(200);
    const mine = offered.body.services.find((s: { serviceId: string }) => s.serviceId === serviceId);
    expect(mine).toMatchObject({ service: 'RENT_WITHDRAWAL', canRate: true, office: DEFAULT_RATING_POLICY.onlineOffice });
    expect(mine.summary).toBe('租房提取 ¥1,500.00 已到账');
    expect(offered.body.levels.map((l: { label: string }) => l.label)).toEqual(['非常满意', '满意', '基本满意', '不满意', '非常不满意']);

    const body = { serviceId, level: 'VERY_SATISFIED', reasons: ['办理快'], comment: '很方便' };
    const first = await invoke(rate, { token, body });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ level: 'VERY_SATISFIED', levelLabel: '非常满意', reasons: ['办理快'], comment: '很方便' });
    expect(first.body.case).toBeUndefined();
    const retry = await invoke(rate, { token, body });
    expect(retry.status).toBe(200);
    expect(retry.body.ratedAt).toBe(first.body.ratedAt);
    const second = await invoke(rate, { token, body: { ...body, level: 'DISSATISFIED' } });
    expect(second.status).toBe(409);
    expect(second.body.error.code).toBe('ALREADY_RATED');

    const after = (await invoke(list, { token })).body.services.find((s: { serviceId: string }) => s.serviceId === serviceId);
    expect(after).toMatchObject({ canRate: false, rating: { level: 'VERY_SATISFIED' } });
  });

  it('two taps at once record one rating', async () => {
    const serviceId = await ended('PAID', new Date(Date.now() - DAY));
    const body = { serviceId, level: 'SATISFIED', reasons: [] };
    const replies = await Promise.all([invoke(rate, { token, body }), invoke(rate, { token, body })]);
    expect(replies.map((r) => r.status)).toEqual([200, 200]);
    const { Items = [] } = await dynamo().send(
      new QueryCommand({ TableName: table.name, KeyConditionExpression: 'pk = :pk AND sk = :sk', ExpressionAttributeValues: { ':pk': `ACCT#${RENTER}`, ':sk': `RATING#${serviceId}` } }),
    );
    expect(Items).toHaveLength(1);
  });

  it('refuses a rating after the window, of a service still under way, of another member, and with a reason not offered', async () => {
    const late = await ended('PAID', new Date(Date.now() - (DEFAULT_RATING_POLICY.windowDays + 1) * DAY));
    const closed = await invoke(rate, { token, body: { serviceId: late, level: 'SATISFIED', reasons: [] } });
    expect([closed.status, closed.body.error.code]).toEqual([409, 'RATING_WINDOW_CLOSED']);
    expect((await invoke(list, { token })).body.services.some((s: { serviceId: string }) => s.serviceId === late)).toBe(false);

    const stranger = (await signIn('demo-loan')).token;
    const theirs = await ended('PAID', new Date(Date.now() - DAY));
    const other = await invoke(rate, { token: stranger, body: { serviceId: theirs, level: 'VERY_DISSATISFIED', reasons: [] } });
    expect([other.status, other.body.error.code]).toEqual([404, 'SERVICE_NOT_RATEABLE']);

    const made = await invoke(rate, { token, body: { serviceId: theirs, level: 'SATISFIED', reasons: ['送了红包'] } });
    expect(made.status).toBe(400);
    expect(made.body.error.fields[0].path).toBe('reasons');
  });
});

describe('好差评: 不用了', () => {
  it('is kept for the member: another device (a new sign-in) is not asked again, the service may still be rated, and another member’s is refused', async () => {
    const phone = (await signIn('demo-renter')).token;
    const serviceId = await ended('PAID', new Date(Date.now() - DAY));
    const said = await invoke(decline, { token: phone, params: { serviceId } });
    expect([said.status, said.body]).toEqual([200, { serviceId, declined: true }]);
    // said again (a retry, or the other phone): the same answer
    expect((await invoke(decline, { token: phone, params: { serviceId } })).status).toBe(200);

    const otherPhone = (await signIn('demo-renter')).token;
    const listed = (await invoke(list, { token: otherPhone })).body.services.find((s: { serviceId: string }) => s.serviceId === serviceId);
    expect(listed).toMatchObject({ declined: true, canRate: true });
    const untouched = await ended('PAID', new Date(Date.now() - DAY));
    expect((await invoke(list, { token: otherPhone })).body.services.find((s: { serviceId: string }) => s.serviceId === untouched).declined).toBeUndefined();
    expect((await invoke(rate, { token: otherPhone, body: { serviceId, level: 'SATISFIED', reasons: [] } })).status).toBe(200);

    const stranger = (await signIn('demo-loan')).token;
    const theirs = await invoke(decline, { token: stranger, params: { serviceId: untouched } });
    expect([theirs.status, theirs.body.error.code]).toEqual([404, 'SERVICE_NOT_RATEABLE']);
  });
});

describe('好差评: a bad rating followed to its end', () => {
  it('opens a case due in the policy’s working days; 核实, 整改, 回访, and the member says it is resolved', async () => {
    const token = (await signIn('demo-renter')).token;
    const serviceId = await ended('REJECTED', new Date(Date.now() - DAY), 120_000);
    const rated = await invoke(rate, { token, body: { serviceId, level: 'VERY_DISSATISFIED', reasons: ['被退回没说明白'], comment: '不知道为什么被退回' } });
    expect(rated.status).toBe(200);
    const dueOn = addWorkingDays(chinaDate(new Date()), DEFAULT_RATING_POLICY.caseWorkingDays, DEFAULT_RATING_POLICY.calendar);
    expect(rated.body.case).toMatchObject({ status: 'OPEN', statusLabel: '待核实', dueOn });

    const reviewer = await staffToken('reviewer.a');
    const queue = await invoke(caseList, { token: reviewer, query: { status: 'OPEN' } });
    expect(queue.status).toBe(200);
    const opened = queue.body.cases.find((c: { serviceId: string }) => c.serviceId === serviceId);
    expect(opened).toMatchObject({ level: 'VERY_DISSATISFIED', comment: '不知道为什么被退回', overdue: false, memberName: '张明' });
    expect(opened.phoneMasked).toMatch(/^1\d{2}\*{4}\d{4}$/);
    const caseId = opened.caseId as string;

    // the member's answer is not due before the 回访
    expect((await invoke(reply, { token, params: { serviceId }, body: { resolved: true } })).body.error.code).toBe('NOTHING_TO_REPLY');
    // steps out of order are refused
    const early = await invoke(step, { token: reviewer, params: { caseId }, body: { step: 'RECTIFY', note: '先整改' } });
    expect([early.status, early.body.error.code]).toEqual([409, 'CASE_STEP_NOT_ALLOWED']);

    for (const body of [
      { step: 'VERIFY', note: '核实：退回原因只写了“材料不符”，没有说明哪份材料' },
      { step: 'RECTIFY', note: '整改：退回时写明缺少的材料和补交办法，已培训审核人员' },
      { step: 'FOLLOW_UP', note: '已电话回访', followUp: { at: new Date().toISOString(), how: 'PHONE', outcome: '职工表示理解，已按说明补交材料' } },
    ]) {
      const moved = await invoke(step, { token: reviewer, params: { caseId }, body });
      expect([body.step, moved.status]).toEqual([body.step, 200]);
    }
    const whole = await invoke(caseDetail, { token: reviewer, params: { caseId } });
    expect(whole.body.status).toBe('FOLLOWED_UP');
    expect(whole.body.phone).toMatch(/^1\d{10}$/);
    expect(whole.body.history.map((h: { step: string }) => h.step)).toEqual(['OPEN', 'VERIFY', 'RECTIFY', 'FOLLOW_UP']);

    // the member sees what was done, and closes it
    const seen = (await invoke(list, { token })).body.services.find((s: { serviceId: string }) => s.serviceId === serviceId);
    expect(seen.rating.case.status).toBe('FOLLOWED_UP');
    expect(seen.rating.case.outcome).toContain('整改：退回时写明缺少的材料');
    expect(seen.rating.case.outcome).toContain('回访：职工表示理解');
    const answered = await invoke(reply, { token, params: { serviceId }, body: { resolved: true } });
    expect(answered.status).toBe(200);
    expect(answered.body.case).toMatchObject({ status: 'CLOSED', resolved: true });

    // each staff step was audited in its own transaction
    const { Items: audit = [] } = await dynamo().send(
      new QueryCommand({
        TableName: table.name,
        KeyConditionExpression: 'pk = :pk',
        FilterExpression: 'target = :case',
        ExpressionAttributeValues: { ':pk': keys.audit(new Date().toISOString().slice(0, 10), 'x').pk, ':case': caseId },
      }),
    );
    expect(audit.map((a) => a.action).sort()).toEqual(['rating-case.follow_up', 'rating-case.rectify', 'rating-case.verify']);
  });

  it('an appeal is decided by an auditor, not by office staff; upheld, the rating leaves the figures', async () => {
    const token = (await signIn('demo-renter')).token;
    const endedAt = new Date(Date.now() - 60_000);
    const month = chinaDate(endedAt).slice(0, 7);
    const serviceId = await ended('PAID', endedAt);
    const rated = await invoke(rate, { token, body: { serviceId, level: 'DISSATISFIED', reasons: ['办理慢'] } });
    expect(rated.status).toBe(200);
    const reviewer = await staffToken('reviewer.a');
    const caseId = (await invoke(caseList, { token: reviewer, query: { status: 'OPEN' } })).body.cases.find((c: { serviceId: string }) => c.serviceId === serviceId).caseId;
    expect((await invoke(step, { token: reviewer, params: { caseId }, body: { step: 'APPEAL', note: '两小时内已到账，评价与事实不符' } })).status).toBe(200);
    const byOffice = await invoke(step, { token: await staffToken('reviewer.b'), params: { caseId }, body: { step: 'UPHOLD_APPEAL', note: '自己决定' } });
    expect(byOffice.status).toBe(403);
    const auditor = await staffToken('auditor');
    const before = (await invoke(figures, { token: auditor, query: { month } })).body.total;
    expect(before.bad).toBeGreaterThanOrEqual(1);
    const upheld = await invoke(step, { token: auditor, params: { caseId }, body: { step: 'UPHOLD_APPEAL', note: '到账记录显示两小时内到账，申诉成立' } });
    expect(upheld.status).toBe(200);
    expect(upheld.body.status).toBe('APPEAL_UPHELD');
    const after = (await invoke(figures, { token: auditor, query: { month } })).body.total;
    // the upheld rating is no longer counted; the service still is
    expect([before.rated - after.rated, before.bad - after.bad, after.delivered - before.delivered]).toEqual([1, 1, 0]);
  });

  it('the morning check counts what is late and closes what the member left unanswered', async () => {
    const token = (await signIn('demo-renter')).token;
    const reviewer = await staffToken('reviewer.a');
    const lateId = await ended('PAID', new Date(Date.now() - DAY));
    await invoke(rate, { token, body: { serviceId: lateId, level: 'DISSATISFIED', reasons: [] } });
    const quietId = await ended('PAID', new Date(Date.now() - DAY));
    await invoke(rate, { token, body: { serviceId: quietId, level: 'DISSATISFIED', reasons: [] } });
    const cases = (await invoke(caseList, { token: reviewer })).body.cases;
    const late = cases.find((c: { serviceId: string }) => c.serviceId === lateId);
    const quiet = cases.find((c: { serviceId: string }) => c.serviceId === quietId);
    for (const body of [
      { step: 'VERIFY', note: '核实' },
      { step: 'RECTIFY', note: '整改完成' },
      { step: 'FOLLOW_UP', note: '短信回访', followUp: { at: new Date().toISOString(), how: 'SMS', outcome: '已发短信说明' } },
    ]) {
      expect((await invoke(step, { token: reviewer, params: { caseId: quiet.caseId }, body })).status).toBe(200);
    }
    // the day after the late case is due, and past the member's days to answer the quiet one
    const later = new Date(Date.parse(`${late.dueOn}T12:00:00+08:00`) + DAY);
    const report = await checkRatingCases(later);
    expect(report.overdue).toContain(late.caseId);
    expect(report.overdue).not.toContain(quiet.caseId);
    expect(report.closedUnanswered).toContain(quiet.caseId);
    const listed = (await invoke(list, { token })).body.services.find((s: { serviceId: string }) => s.serviceId === quietId);
    expect(listed.rating.case.status).toBe('CLOSED');
    // run again: nothing closes twice
    expect((await checkRatingCases(later)).closedUnanswered).not.toContain(quiet.caseId);
  });
});
