/** A rent withdrawal that has ended (paid, refused, payout failed), written as the payout worker or the reviewers leave it. */
import { randomBytes } from 'node:crypto';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { chinaDate } from '@hpf/shared';
import { dynamo } from '../functions/src/platform/dynamo';
import { keys } from '../functions/src/platform/keys';
import { newApplicationId } from '../functions/src/platform/ids';

/** Returns the service id a rating of it uses. The application is made a minute before it ended, in that minute's month. */
export async function endedWithdrawal(
  tableName: string,
  accountNo: string,
  status: 'PAID' | 'REJECTED' | 'PAYOUT_FAILED',
  endedAt: Date,
  amountFen = 150_000,
): Promise<string> {
  const createdAt = new Date(endedAt.getTime() - 60_000);
  const applicationId = newApplicationId(accountNo, createdAt, randomBytes(4));
  await dynamo().send(
    new PutCommand({
      TableName: tableName,
      Item: {
        ...keys.withdrawal(accountNo, applicationId),
        ...keys.withdrawalQueue(status, createdAt.toISOString(), applicationId),
        applicationId,
        accountNo,
        memberName: '张明',
        kind: 'RENT',
        month: chinaDate(createdAt).slice(0, 7),
        amountFen,
        lease: { address: '上海市徐汇区漕溪北路 88 弄 3 号 601 室', landlordName: '房东甲', landlordAccount: '6222000011112222', monthlyRentFen: 300_000 },
        bankCard: '6222021001123450012',
        status,
        flags: [],
        timeline: [
          { status: 'APPROVED', at: createdAt.toISOString() },
          { status, at: endedAt.toISOString() },
        ],
        createdAt: createdAt.toISOString(),
        idempotencyKey: `ended-${applicationId}`,
      },
    }),
  );
  return `WD-${applicationId}`;
}
