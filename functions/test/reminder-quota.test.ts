/**
 * 到账提醒 consents are counted where they are recorded, as WeChat counts them: each accept allows
 * one message, each message sent uses one, and with none left the notifier does not try — the
 * member reads 0 and is asked again. The simulator here answers 43101 when WeChat would.
 */
import { messages, report } from '../src/reminders/member';
import { invoke } from '../../test-support/http';
import { arrive, memberToken, quotaMembers, remaining, tapSubscribe, useCountingWechat, writeMembers } from '../../test-support/reminder-quota';
import { useTestTable } from '../../test-support/table';
import { config } from '../src/platform/config';

const wechat = useCountingWechat();
const table = useTestTable();

async function outcomes(member: { wechatOpenid: string; accountNo: string }) {
  const token = await memberToken(member);
  return ((await invoke(messages, { token })).body.messages as { wechat: string }[]).map((m) => m.wechat).reverse();
}

it('counts a consent up on each accept and down on each reminder sent; with none left it sends nothing and the member reads 0', async () => {
  const [member] = quotaMembers(1, '61');
  await writeMembers(table, [member]);
  expect(config().policy.reminders.longTermSubscription).toBe(false);

  // never asked: nothing left, and not "used up" either
  expect(await remaining(member)).toMatchObject({ remaining: 0, consented: false, longTerm: false });

  expect(await tapSubscribe(wechat.current, member)).toMatchObject({ remaining: 1, consented: true });
  expect(await tapSubscribe(wechat.current, member)).toMatchObject({ remaining: 2 });
  // a refusal in the dialog adds nothing
  expect(await tapSubscribe(wechat.current, member, 'reject')).toMatchObject({ remaining: 2 });

  expect(await arrive(wechat.current, member)).toEqual({ sendCalls: 1 });
  expect((await remaining(member)).remaining).toBe(1);
  expect(await arrive(wechat.current, member)).toEqual({ sendCalls: 1 });
  expect(await remaining(member)).toMatchObject({ remaining: 0, consented: true });

  // the third arrival: none left, so WeChat is not asked at all
  expect(await arrive(wechat.current, member)).toEqual({ sendCalls: 0 });
  expect(await remaining(member)).toMatchObject({ remaining: 0, consented: true });
  expect(wechat.current.sent.filter((m) => m.touser === member.wechatOpenid)).toHaveLength(2);
  expect(await outcomes(member)).toEqual(['SENT', 'SENT', 'SKIPPED_NO_CONSENT']);

  // asked again after the message: one more
  expect(await tapSubscribe(wechat.current, member)).toMatchObject({ remaining: 1 });
  expect(await arrive(wechat.current, member)).toEqual({ sendCalls: 1 });
  expect(wechat.current.sent.filter((m) => m.touser === member.wechatOpenid)).toHaveLength(3);
  expect((await remaining(member)).remaining).toBe(0);
});

it('follows WeChat when it holds fewer consents than were reported (43101): the count drops to 0', async () => {
  const [member] = quotaMembers(1, '62');
  await writeMembers(table, [member]);
  // a report with no accept in WeChat's dialog behind it (another phone's dialog, a stale report)
  const token = await memberToken(member);
  const reported = await invoke(report, { token, body: { results: [{ templateId: config().reminders.arrivalTemplateId, result: 'accept' }, { templateId: config().reminders.arrivalTemplateId, result: 'accept' }] } });
  expect(reported.body.subscriptions[0].remaining).toBe(2);

  expect(await arrive(wechat.current, member)).toEqual({ sendCalls: 1 });
  expect(wechat.current.sent.filter((m) => m.touser === member.wechatOpenid)).toHaveLength(0);
  expect(await remaining(member)).toMatchObject({ remaining: 0, consented: true });
  expect(await outcomes(member)).toEqual(['SKIPPED_REFUSED']);
});
