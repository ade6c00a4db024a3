/**
 * For the tests that count 到账提醒 consents: a WeChat simulator of their own that counts as
 * WeChat does (the run's shared one does not), the member's side through the real handlers, and
 * WeChat's dialog answered through the simulator as the mini program's tap would.
 */
import type { AccountRecord } from '@hpf/shared';
import { startWechatSimulator, type WechatSimulator } from '../functions/src/dev/wechat-simulator';
import { writeSyntheticAccounts, syntheticAccount } from '../functions/src/dev/synthetic-accounts';
import { mine, report } from '../functions/src/reminders/member';
import { remind } from '../functions/src/reminders/notifier';
import { config } from '../functions/src/platform/config';
import { memberSession } from './session';
import { TEST_WECHAT } from './constants';
import { invoke } from './http';
import type { TestTable } from './table';

export type Member = AccountRecord & { wechatOpenid: string };

/** Starts the counting simulator before any handler reads its configuration (the cold start). */
export function useCountingWechat(options: { longTermTemplates?: string[] } = {}): { current: WechatSimulator } {
  const holder = {} as { current: WechatSimulator };
  beforeAll(async () => {
    holder.current = await startWechatSimulator({ appId: TEST_WECHAT.appId, secret: TEST_WECHAT.secret, quota: 'tracked', ...options });
    process.env.WECHAT_API_BASE = holder.current.baseUrl;
  });
  afterAll(async () => {
    await holder.current?.stop();
  });
  return holder;
}

export function quotaMembers(count: number, prefix: string): Member[] {
  return Array.from({ length: count }, (_, i) => ({ ...syntheticAccount(i, prefix), wechatOpenid: `wx-quota-${prefix}-${i}` }));
}

export async function writeMembers(table: TestTable, members: Member[]): Promise<void> {
  await writeSyntheticAccounts(table.client, table.name, members);
}

export async function memberToken(member: Pick<Member, 'wechatOpenid' | 'accountNo'>): Promise<string> {
  return memberSession(member.wechatOpenid, member.accountNo);
}

/** What the member's phone is told: GET /v1/me/subscriptions. */
export async function remaining(member: Member) {
  const reply = await invoke(mine, { token: await memberToken(member) });
  expect(reply.status).toBe(200);
  return reply.body.subscriptions[0] as { templateId: string; remaining: number; longTerm: boolean; consented: boolean };
}

/** One tap on 开启到账提醒: WeChat's dialog (the simulator counts it), then the report to the server. */
export async function tapSubscribe(wechat: WechatSimulator, member: Member, result: 'accept' | 'reject' = 'accept') {
  const templateId = config().reminders.arrivalTemplateId;
  await fetch(`${wechat.baseUrl}/_control/subscribe`, { method: 'POST', body: JSON.stringify({ openid: member.wechatOpenid, templateId, result }) });
  const reply = await invoke(report, { token: await memberToken(member), body: { results: [{ templateId, result }] } });
  expect(reply.status).toBe(200);
  return reply.body.subscriptions[0];
}

let arrivals = 0;

/** A 月缴存到账 for the member, through the notifier's own decision; the number of send calls WeChat saw. */
export async function arrive(wechat: WechatSimulator, member: Member): Promise<{ sendCalls: number }> {
  arrivals += 1;
  const before = wechat.received.filter((r) => r.path === '/cgi-bin/message/subscribe/send').length;
  const done = await remind(
    {
      kind: 'DEPOSIT',
      accountNo: member.accountNo,
      sourceId: `LEDGER#Q${arrivals}`,
      entryId: `Q${arrivals}`,
      amountFen: 168_000,
      balanceFen: member.balanceFen + 168_000,
      at: new Date().toISOString(),
    },
    new Date(),
  );
  expect(done).toBe(true);
  return { sendCalls: wechat.received.filter((r) => r.path === '/cgi-bin/message/subscribe/send').length - before };
}
