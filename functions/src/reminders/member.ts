/** The member's side of reminders: consents reported by the mini program, switches, the message list. */
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { DomainError, REMINDER_OUTCOME_LABELS, routes, type ReminderOutcome } from '@hpf/shared';
import { addConsents, listConsents, listMessages } from '../adapters/reminders-repository';
import { config } from '../platform/config';
import { dynamo } from '../platform/dynamo';
import { httpRoute } from '../platform/http';
import { keys } from '../platform/keys';

async function states(accountNo: string) {
  const { tableName, policy } = config();
  const consents = await listConsents(tableName, accountNo);
  return {
    subscriptions: consents.map((consent) => ({ ...consent, longTerm: policy.reminders.longTermSubscription })),
  };
}

export const report = httpRoute(routes.reportSubscriptions, async ({ body, accountNo, now }) => {
  const { tableName, reminders } = config();
  // only our own template counts; an accept for anything else is ignored
  const accepted = body.results.filter((r) => r.result === 'accept' && r.templateId === reminders.arrivalTemplateId).length;
  if (accepted > 0) await addConsents(tableName, accountNo, reminders.arrivalTemplateId, accepted, now);
  return states(accountNo);
});

export const mine = httpRoute(routes.mySubscriptions, async ({ accountNo }) => states(accountNo));

export const settings = httpRoute(routes.reminderSettings, async ({ body, accountNo }) => {
  await dynamo()
    .send(
      new UpdateCommand({
        TableName: config().tableName,
        Key: keys.account(accountNo),
        UpdateExpression: 'SET reminderSettings = :settings',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':settings': body },
      }),
    )
    .catch((error: Error) => {
      if (error.name === 'ConditionalCheckFailedException') throw new DomainError('ACCOUNT_NOT_FOUND');
      throw error;
    });
  return body;
});

export const messages = httpRoute(routes.myMessages, async ({ accountNo }) => {
  const items = await listMessages(config().tableName, accountNo);
  return {
    messages: items.map((item) => {
      const outcome = item.status as ReminderOutcome;
      return {
        messageId: String(item.sourceId),
        kind: item.kind as 'DEPOSIT' | 'WITHDRAWAL' | 'INTEREST',
        title: String(item.title),
        amountText: String(item.amountText),
        balanceText: String(item.balanceText),
        timeText: String(item.timeText),
        ...(item.entryId ? { entryId: String(item.entryId) } : {}),
        createdAt: String(item.createdAt),
        wechat: outcome,
        wechatLabel: REMINDER_OUTCOME_LABELS[outcome],
      };
    }),
  };
});
