/**
 * Arrival reminders on the local stack: the time from posting a deposit (the handler returning)
 * to the WeChat simulator receiving the subscribe message, through DynamoDB Local's stream, the
 * local poller and the notifier — one member at a time, so each figure is one reminder's trip.
 */
import { performance } from 'node:perf_hooks';
import { intFromEnv, summarise, type Section } from './harness';

export const reminderLatency: Section = {
  id: 'reminder-latency',
  title: 'deposit posted → reminder sent',
  async run(ctx) {
    const samples = intFromEnv('BENCH_REMINDERS', 100);
    const { DynamoDBClient } = await import('@aws-sdk/client-dynamodb');
    const { DEFAULT_POLICY } = await import('@hpf/shared');
    const { dueLine, syntheticAccount, writeSyntheticAccounts } = await import('../../functions/src/dev/synthetic-accounts');
    const { seedStaffOnly } = await import('../../functions/src/dev/seed');
    const { addConsents } = await import('../../functions/src/adapters/reminders-repository');
    const { handler: notifier } = await import('../../functions/src/reminders/notifier');
    const { startStreamPoller } = await import('../../functions/src/dev/stream-poller');
    const { handler: staffLogin } = await import('../../functions/src/staff/login');
    const { handler: postBatch } = await import('../../functions/src/deposits/handler');
    const { DEMO_STAFF_PASSWORD } = await import('../../functions/src/dev/demo-staff');
    const { config } = await import('../../functions/src/platform/config');
    const { apiEvent } = await import('../../test-support/http');

    const table = ctx.handlerEnv.TABLE_NAME;
    const client = new DynamoDBClient({});
    await seedStaffOnly(client, table);
    const members = Array.from({ length: samples }, (_, i) => ({ ...syntheticAccount(i, '2'), wechatOpenid: `wx-bench-${i}` }));
    await writeSyntheticAccounts(client, table, members);
    for (const member of members) await addConsents(table, member.accountNo, config().reminders.arrivalTemplateId, 1, new Date());
    const login = (await staffLogin(apiEvent({ body: { username: 'deposit.clerk', password: DEMO_STAFF_PASSWORD } }))) as { body: string };
    const token = JSON.parse(login.body).token as string;
    const poller = await startStreamPoller({ tableName: table, handler: notifier, intervalMs: 20 });
    const sentCount = async (openid: string) => {
      const { sent } = (await (await fetch(`${ctx.handlerEnv.WECHAT_API_BASE}/_control/sent`)).json()) as { sent: { touser: string }[] };
      return sent.filter((m) => m.touser === openid).length;
    };
    const latencies: number[] = [];
    try {
      for (const [i, member] of members.entries()) {
        await postBatch(apiEvent({ token, body: { batchId: `BENCH-REMIND-${i}`, lines: [dueLine(member, 1, '2026-09', DEFAULT_POLICY)] } }));
        const posted = performance.now();
        for (;;) {
          if ((await sentCount(member.wechatOpenid)) === 1) break;
          if (performance.now() - posted > 30_000) throw new Error(`no reminder for ${member.wechatOpenid} within 30 s`);
          await new Promise((resolve) => setTimeout(resolve, 5));
        }
        latencies.push(performance.now() - posted);
      }
    } finally {
      await poller.stop();
      client.destroy();
    }
    const stats = summarise(latencies);
    ctx.details[this.id] = stats;
    return [
      { figure: 'deposit → reminder sent p50', value: stats.p50, unit: 'ms' },
      { figure: 'deposit → reminder sent p99', value: stats.p99, unit: 'ms' },
    ];
  },
};
