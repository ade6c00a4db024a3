/**
 * Arrival reminders through the real stream path: deposits posted → DynamoDB Local's stream →
 * the notifier → the WeChat simulator. Each case uses its own synthetic members.
 */
import { DEFAULT_POLICY, formatCurrency } from '@hpf/shared';
import { handler as postBatch } from '../src/deposits/handler';
import { handler as notifier } from '../src/reminders/notifier';
import { messages, report, settings } from '../src/reminders/member';
import { addConsents } from '../src/adapters/reminders-repository';
import { dueLine, syntheticAccount, writeSyntheticAccounts } from '../src/dev/synthetic-accounts';
import { startStreamPoller, type StreamPoller } from '../src/dev/stream-poller';
import { config } from '../src/platform/config';
import { seedStaffOnly } from '../src/dev/seed';
import { invoke } from '../../test-support/http';
import { staffToken } from '../../test-support/staff';
import { useTestTable } from '../../test-support/table';
import { memberSession } from '../../test-support/session';
import type { AccountRecord } from '@hpf/shared';

jest.setTimeout(300_000);
const table = useTestTable({ stream: true });
let poller: StreamPoller;
let clerk: string;
const wechat = () => process.env.WECHAT_API_BASE!;
const template = () => config().reminders.arrivalTemplateId;

async function control(body: unknown) {
  await fetch(`${wechat()}/_control`, { method: 'POST', body: JSON.stringify(body) });
}
async function sentTo(openids: Set<string>) {
  const { sent } = (await (await fetch(`${wechat()}/_control/sent`)).json()) as { sent: { touser: string; data: any; page: string }[] };
  return sent.filter((message) => openids.has(message.touser));
}
async function tokensIssued(): Promise<number> {
  return ((await (await fetch(`${wechat()}/_control/sent`)).json()) as { tokensIssued: number }).tokensIssued;
}

function members(count: number, prefix: string): (AccountRecord & { wechatOpenid: string })[] {
  return Array.from({ length: count }, (_, i) => ({ ...syntheticAccount(i, prefix), wechatOpenid: `wx-rem-${prefix}-${i}` }));
}

async function memberToken(account: AccountRecord & { wechatOpenid: string }) {
  return memberSession(account.wechatOpenid, account.accountNo);
}

beforeAll(async () => {
  await seedStaffOnly(table.client, table.name);
  clerk = await staffToken('deposit.clerk');
  await control({ sendMode: 'ok' });
  poller = await startStreamPoller({ tableName: table.name, handler: notifier, retryDelayMs: 300 });
});
afterAll(async () => {
  await poller?.stop();
  await control({ sendMode: 'ok' });
});

it('sends exactly one reminder per consenting member for a 1,000-line deposit batch, none to the others', async () => {
  const accounts = members(1000, '41');
  await writeSyntheticAccounts(table.client, table.name, accounts);
  const consenting = accounts.filter((_, i) => i % 2 === 0);
  for (const account of consenting) await addConsents(table.name, account.accountNo, template(), 1, new Date());

  const lines = accounts.map((account, i) => dueLine(account, i + 1, '2026-09', DEFAULT_POLICY));
  const reply = await invoke(postBatch, { token: clerk, body: { batchId: 'REMIND-1000', lines } });
  expect(reply.body.counts.posted).toBe(1000);
  await poller.drain(240_000);

  const sent = await sentTo(new Set(accounts.map((a) => a.wechatOpenid)));
  expect(sent).toHaveLength(consenting.length);
  expect(new Set(sent.map((m) => m.touser))).toEqual(new Set(consenting.map((a) => a.wechatOpenid)));
  const first = sent.find((m) => m.touser === consenting[0].wechatOpenid)!;
  expect(first.page).toBe('pages/ledger/index?entry=0000000001');
  expect(first.data.thing2.value).toBe('月缴存到账 2026-09');
  expect(first.data.amount1.value).toMatch(/^¥\d+\.\d{2}$/);
  expect(first.data.time3.value).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}$/);

  // the stream delivers the same batches again, several at once: nothing new is sent
  const batches = poller.delivered.slice();
  await Promise.all([0, 1, 2].map(() => Promise.all(batches.map((event) => notifier(event)))));
  expect(await sentTo(new Set(accounts.map((a) => a.wechatOpenid)))).toHaveLength(consenting.length);

  // every member, consenting or not, finds the reminder in the in-app list
  const withConsent = await invoke(messages, { token: await memberToken(consenting[0]) });
  expect(withConsent.body.messages[0]).toMatchObject({ kind: 'DEPOSIT', wechat: 'SENT', entryId: '0000000001' });
  const without = await invoke(messages, { token: await memberToken(accounts[1]) });
  expect(without.body.messages[0]).toMatchObject({ kind: 'DEPOSIT', wechat: 'SKIPPED_NO_CONSENT', wechatLabel: expect.stringContaining('开启到账提醒') });
});

it('refreshes an expired access token once, records a refusal as skipped, and retries a busy WeChat later', async () => {
  const [expired, refused, busy, off] = members(4, '42');
  await writeSyntheticAccounts(table.client, table.name, [expired, refused, busy, off]);
  for (const account of [expired, refused, busy, off]) {
    const token = await memberToken(account);
    const consent = await invoke(report, { token, body: { results: [{ templateId: template(), result: 'accept' }, { templateId: 'someone-else', result: 'accept' }] } });
    expect(consent.body.subscriptions).toEqual([{ templateId: template(), remaining: 1, longTerm: false, consented: true }]);
  }
  const openids = new Set([expired, refused, busy, off].map((a) => a.wechatOpenid));
  const post = async (account: AccountRecord, batchId: string) =>
    invoke(postBatch, { token: clerk, body: { batchId, lines: [dueLine(account, 1, '2026-09', DEFAULT_POLICY)] } });

  const tokensBefore = await tokensIssued();
  await control({ sendMode: 'expire-token-once' });
  await post(expired, 'REMIND-EXPIRED');
  await poller.drain();
  expect((await sentTo(openids)).map((m) => m.touser)).toEqual([expired.wechatOpenid]);
  expect((await tokensIssued()) - tokensBefore).toBe(1);

  await control({ sendMode: 'refuse' });
  await post(refused, 'REMIND-REFUSED');
  await poller.drain();
  await control({ sendMode: 'ok' });
  const refusedList = (await invoke(messages, { token: await memberToken(refused) })).body.messages;
  expect(refusedList[0]).toMatchObject({ wechat: 'SKIPPED_REFUSED' });

  await control({ sendMode: 'busy' });
  await post(busy, 'REMIND-BUSY');
  await new Promise((resolve) => setTimeout(resolve, 1500));
  expect((await sentTo(openids)).map((m) => m.touser)).not.toContain(busy.wechatOpenid);
  await control({ sendMode: 'ok' });
  await poller.drain();
  expect((await sentTo(openids)).filter((m) => m.touser === busy.wechatOpenid)).toHaveLength(1);

  // a member who switched deposit reminders off gets none on WeChat, and still sees it in the app
  const offToken = await memberToken(off);
  await invoke(settings, { token: offToken, method: 'PUT', body: { deposit: false, withdrawal: true, interest: true } });
  await post(off, 'REMIND-OFF');
  await poller.drain();
  expect((await sentTo(openids)).map((m) => m.touser)).not.toContain(off.wechatOpenid);
  expect((await invoke(messages, { token: offToken })).body.messages[0]).toMatchObject({ wechat: 'SKIPPED_SWITCHED_OFF' });
});

it('tells of a paid withdrawal with the balance read from the account, since the application record carries none', async () => {
  const { marshall } = await import('@aws-sdk/util-dynamodb');
  const { arrivalOf, remind } = await import('../src/reminders/notifier');
  const [account] = members(1, '44');
  await writeSyntheticAccounts(table.client, table.name, [account]);
  await addConsents(table.name, account.accountNo, template(), 1, new Date());
  const paidAt = new Date().toISOString();
  const application = { pk: `ACCT#${account.accountNo}`, sk: 'WD#R-REMIND-1', accountNo: account.accountNo, applicationId: 'R-REMIND-1', amountFen: 50_000 };
  // the stream record of the application turning PAID (made here: no bank is needed to say it)
  const record = {
    eventName: 'MODIFY' as const,
    dynamodb: {
      OldImage: marshall({ ...application, status: 'PAYING', timeline: [] }) as never,
      NewImage: marshall({ ...application, status: 'PAID', timeline: [{ status: 'PAID', at: paidAt }] }) as never,
    },
  };
  const arrival = arrivalOf(record)!;
  expect(arrival).toMatchObject({ kind: 'WITHDRAWAL', amountFen: 50_000, at: paidAt });
  expect(arrival.balanceFen).toBeUndefined();
  expect(await remind(arrival, new Date())).toBe(true);
  const [message] = await sentTo(new Set([account.wechatOpenid]));
  expect(JSON.stringify(message.data)).toContain(formatCurrency(account.balanceFen));
});
