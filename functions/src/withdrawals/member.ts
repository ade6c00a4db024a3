/** The member's own applications: history, cancel (before approval), and withdrawal settings. */
import { DomainError, routes } from '@hpf/shared';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { accountNoOf, getApplication, listApplications, transition } from '../adapters/withdrawals-repository';
import { config } from '../platform/config';
import { dynamo } from '../platform/dynamo';
import { httpRoute } from '../platform/http';
import { keys } from '../platform/keys';
import { toWithdrawalView } from './view';

export const list = httpRoute(routes.myWithdrawals, async ({ accountNo }) => ({
  withdrawals: (await listApplications(config().tableName, accountNo)).map(toWithdrawalView),
}));

export const cancel = httpRoute(routes.cancelWithdrawal, async ({ params, accountNo, now }) => {
  const { tableName } = config();
  if (accountNoOf(params.applicationId) !== accountNo) throw new DomainError('APPLICATION_NOT_FOUND');
  const application = await getApplication(tableName, params.applicationId, true);
  if (!application) throw new DomainError('APPLICATION_NOT_FOUND');
  const done = await transition(tableName, application, 'PENDING_REVIEW', 'CANCELLED', now, { note: '本人撤回', release: true });
  if (!done) throw new DomainError('NOT_CANCELLABLE');
  return toWithdrawalView((await getApplication(tableName, params.applicationId, true))!);
});

export const settings = httpRoute(routes.withdrawalSettings, async ({ body, accountNo }) => {
  const { tableName } = config();
  const values: Record<string, unknown> = { ':locked': body.locked };
  let expression = 'SET withdrawalLocked = :locked';
  if (body.personalMonthlyLimitFen === undefined) expression += ' REMOVE personalMonthlyLimitFen';
  else {
    expression += ', personalMonthlyLimitFen = :limit';
    values[':limit'] = body.personalMonthlyLimitFen;
  }
  await dynamo()
    .send(
      new UpdateCommand({
        TableName: tableName,
        Key: keys.account(accountNo),
        UpdateExpression: expression,
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: values,
      }),
    )
    .catch((error: Error) => {
      if (error.name === 'ConditionalCheckFailedException') throw new DomainError('ACCOUNT_NOT_FOUND');
      throw error;
    });
  return body;
});
