/**
 * 租房提取 as the member meets it: POST /v1/me/withdrawals/rent through its Lambda handler
 * (in-process, real session, the property-registry simulator over HTTP), each sample a fresh
 * member submitting this month's application after passing the face check (not timed: the phone
 * runs it before 确认提交), against one bare TransactWriteItems of the shape the submit writes
 * (application, idempotency record, open-application marker), in alternating blocks.
 */
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { performance } from 'node:perf_hooks';
import { intFromEnv, sideBySide, summarise, type Section } from './harness';

export const withdrawalSubmit: Section = {
  id: 'withdrawal-submit',
  title: 'rent withdrawal submit latency',
  async run(ctx) {
    const warmup = intFromEnv('BENCH_SUBMIT_WARMUP', 30);
    const samples = intFromEnv('BENCH_SUBMIT_SAMPLES', 300);
    const { DynamoDBClient } = await import('@aws-sdk/client-dynamodb');
    const { DynamoDBDocumentClient, TransactWriteCommand } = await import('@aws-sdk/lib-dynamodb');
    const { chinaDate, depositFacts } = await import('@hpf/shared');
    const { syntheticAccount, writeSyntheticAccounts } = await import('../../functions/src/dev/synthetic-accounts');
    const { writeAll } = await import('../../functions/src/dev/seed');
    const { keys } = await import('../../functions/src/platform/keys');
    const { handler: submit } = await import('../../functions/src/withdrawals/submit');
    const { apiEvent } = await import('../../test-support/http');
    const { signIn } = await import('../../test-support/session');
    const { passFaceCheck } = await import('../../test-support/face');

    const tableName = ctx.handlerEnv.TABLE_NAME;
    const client = new DynamoDBClient({ maxAttempts: 4 });
    const raw = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
    const now = new Date();
    const month = chinaDate(now).slice(0, 7);
    // deposited for two years up to last month (carried over), money in the account, a card on file
    const [year, m] = month.split('-').map(Number);
    const lastMonth = m === 1 ? `${year - 1}-12` : `${year}-${String(m - 1).padStart(2, '0')}`;
    const months: [string, string][] = [[`${year - 2}-${String(m).padStart(2, '0')}`, lastMonth]];
    const count = warmup + samples;
    const members = Array.from({ length: count }, (_, i) => ({
      ...syntheticAccount(i, '7'),
      depositedMonths: months,
      ...depositFacts(months),
      paidUpTo: lastMonth,
      balanceFen: 5_000_000,
      bankCard: `62220300${String(i).padStart(11, '0')}`,
      bankCardBoundAt: '2020-01-01T00:00:00.000Z',
    }));
    try {
      await writeSyntheticAccounts(client, tableName, members);
      await writeAll(
        raw,
        tableName,
        members.map((member) => ({ ...keys.binding(`bench-renter-${member.accountNo}`), openid: `bench-renter-${member.accountNo}`, accountNo: member.accountNo, boundAt: now.toISOString() })),
      );

      let nextMember = 0;
      const viaHandler = async (): Promise<number> => {
        const member = members[nextMember];
        nextMember += 1;
        const { token } = await signIn(`bench-renter-${member.accountNo}`);
        const checkId = await passFaceCheck(token, 'WITHDRAWAL');
        const event = apiEvent({
          token,
          body: {
            month,
            amountFen: 150_000,
            lease: { address: `上海市静安区共和新路 ${nextMember} 号`, landlordName: '王房东', landlordAccount: `62229${String(nextMember).padStart(10, '0')}`, monthlyRentFen: 300_000 },
            bankCard: member.bankCard,
          },
          headers: { 'idempotency-key': `bench-submit-${member.accountNo}`, 'face-check-id': checkId },
        });
        const started = performance.now();
        const reply = (await submit(event)) as APIGatewayProxyStructuredResultV2;
        const elapsed = performance.now() - started;
        if (reply.statusCode !== 200) throw new Error(`submit answered ${reply.statusCode}: ${String(reply.body)}`);
        return elapsed;
      };
      let nextBare = 0;
      const viaTransaction = async (): Promise<number> => {
        nextBare += 1;
        const accountNo = `8${String(nextBare).padStart(11, '0')}`;
        const started = performance.now();
        await raw.send(
          new TransactWriteCommand({
            TransactItems: [
              { Put: { TableName: tableName, Item: { ...keys.idempotency('BENCH', `${accountNo}#submit`), applicationId: `B${nextBare}` }, ConditionExpression: 'attribute_not_exists(pk)' } },
              { Put: { TableName: tableName, Item: { ...keys.openWithdrawal(accountNo), applicationId: `B${nextBare}` }, ConditionExpression: 'attribute_not_exists(pk)' } },
              {
                Put: {
                  TableName: tableName,
                  Item: { ...keys.withdrawal(accountNo, `B${nextBare}`), accountNo, month, amountFen: 150_000, status: 'APPROVED', createdAt: new Date().toISOString() },
                  ConditionExpression: 'attribute_not_exists(pk)',
                },
              },
            ],
          }),
        );
        return performance.now() - started;
      };
      const { a, b } = await sideBySide(viaHandler, viaTransaction, { warmup, samples, blockSize: 50 });
      const handlerStats = summarise(a);
      const rawStats = summarise(b);
      ctx.details[this.id] = { warmup, samples, handler: handlerStats, transactWriteItems: rawStats };
      return [
        { figure: 'rent submit handler p50', value: handlerStats.p50, unit: 'ms' },
        { figure: 'rent submit handler p99', value: handlerStats.p99, unit: 'ms' },
        { figure: 'raw TransactWriteItems p50', value: rawStats.p50, unit: 'ms' },
        { figure: 'submit / TransactWriteItems (p50)', value: handlerStats.p50 / rawStats.p50, unit: 'x', target: { max: 3 } },
      ];
    } finally {
      client.destroy();
    }
  },
};
