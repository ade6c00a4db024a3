/**
 * 长期订阅: when the 到账提醒 template is approved for long-term subscription (configuration,
 * POLICY_JSON), one accept keeps working — every arrival is sent and the count never runs out —
 * and a member who never accepted still gets nothing.
 */
import { arrive, quotaMembers, remaining, tapSubscribe, useCountingWechat, writeMembers } from '../../test-support/reminder-quota';
import { useTestTable } from '../../test-support/table';
import { config } from '../src/platform/config';

process.env.POLICY_JSON = JSON.stringify({ reminders: { longTermSubscription: true } });
const wechat = useCountingWechat({ longTermTemplates: ['hpf-arrival-template'] });
const table = useTestTable();

it('keeps one long-term consent working for every arrival, and never shows it running out', async () => {
  const [member, never] = quotaMembers(2, '63');
  await writeMembers(table, [member, never]);
  expect(config().policy.reminders.longTermSubscription).toBe(true);
  expect(config().reminders.arrivalTemplateId).toBe('hpf-arrival-template');

  expect(await remaining(member)).toMatchObject({ remaining: 0, consented: false, longTerm: true });
  expect(await tapSubscribe(wechat.current, member)).toMatchObject({ remaining: 1, consented: true, longTerm: true });
  // accepting again does not stack up a count that could later be said to run out
  expect(await tapSubscribe(wechat.current, member)).toMatchObject({ remaining: 1 });

  for (let i = 0; i < 4; i += 1) expect(await arrive(wechat.current, member)).toEqual({ sendCalls: 1 });
  expect(wechat.current.sent.filter((m) => m.touser === member.wechatOpenid)).toHaveLength(4);
  expect(await remaining(member)).toMatchObject({ remaining: 1, consented: true, longTerm: true });

  // long-term still needs the one consent: none asked, none sent
  expect(await arrive(wechat.current, never)).toEqual({ sendCalls: 0 });
  expect(await remaining(never)).toMatchObject({ remaining: 0, consented: false });
});
