/**
 * 好差评 figures on a table of their own (so no other test's services count): a seeded month's
 * 评价率, 满意率, levels and cases against counts made by hand, and the export the national system
 * takes, with no ID number, phone or comment in it.
 */
import { chinaDate, DEFAULT_RATING_POLICY } from '@hpf/shared';
import { exportMonth, figures } from '../src/ratings/staff';
import { rate } from '../src/ratings/member';
import { endedWithdrawal } from '../../test-support/ended-withdrawal';
import { invoke } from '../../test-support/http';
import { signIn } from '../../test-support/session';
import { staffToken } from '../../test-support/staff';
import { useTestTable } from '../../test-support/table';

const table = useTestTable({ seed: true });
const RENTER = '310100200001';
const DAY = 86_400_000;

describe('好差评: the month’s figures and export', () => {
  it('match counts made by hand for a seeded month, and the export carries no ID number, phone or comment', async () => {
    const at = new Date(Date.now() - 60_000);
    const month = chinaDate(new Date(at.getTime() - 60_000)).slice(0, 7);
    const services: string[] = [];
    // six services delivered this month: four paid, one refused, one payout failed (one more, 40 days ago, is another month's)
    for (const status of ['PAID', 'PAID', 'PAID', 'PAID', 'REJECTED', 'PAYOUT_FAILED'] as const) services.push(await endedWithdrawal(table.name, RENTER, status, at));
    await endedWithdrawal(table.name, RENTER, 'PAID', new Date(Date.now() - 40 * DAY));
    const token = (await signIn('demo-renter')).token;
    const levels = ['VERY_SATISFIED', 'SATISFIED', 'BASICALLY_SATISFIED', 'VERY_DISSATISFIED', 'SATISFIED'];
    for (const [index, level] of levels.entries()) {
      const reply = await invoke(rate, { token, body: { serviceId: services[index], level, reasons: [], comment: `意见${index}` } });
      expect(reply.status).toBe(200);
    }
    const auditor = await staffToken('auditor');
    const result = await invoke(figures, { token: auditor, query: { month } });
    expect(result.status).toBe(200);
    const total = result.body.total;
    // by hand: 6 delivered, 5 rated → 83.33 %; satisfied 非常满意 + 满意 = 3 of 5 → 60.00 %; 1 bad
    expect(total).toMatchObject({ delivered: 6, rated: 5, satisfied: 3, bad: 1, ratingRate: '83.33%', satisfactionRate: '60.00%' });
    expect(total.byLevel).toEqual({ VERY_SATISFIED: 1, SATISFIED: 2, BASICALLY_SATISFIED: 1, DISSATISFIED: 0, VERY_DISSATISFIED: 1 });
    expect(total.cases).toEqual({ OPEN: 1 });

    const exported = await invoke(exportMonth, { token: auditor, query: { month } });
    expect(exported.status).toBe(200);
    expect(exported.body.rows).toHaveLength(5);
    expect(exported.body.rows[0]).toEqual({
      serviceItem: '租房提取住房公积金',
      office: DEFAULT_RATING_POLICY.onlineOffice,
      channel: 'MINIPROGRAM',
      channelLabel: '微信小程序',
      level: 'VERY_SATISFIED',
      levelLabel: '非常满意',
      ratedAt: expect.any(String),
      caseOutcome: '无需处理',
    });
    const renter = table.members.find((m) => m.account.accountNo === RENTER)!.account;
    for (const mark of [renter.idNumber, renter.phone, '意见0', RENTER]) expect(exported.text.includes(mark)).toBe(false);

    // figures and export are the auditors’; office staff do not read them
    expect((await invoke(figures, { token: await staffToken('reviewer.a'), query: { month } })).status).toBe(403);
  });
});
