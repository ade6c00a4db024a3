/** The member's side of reminders: consents reported by the mini program, switches, the message list. */
import { REMINDER_OUTCOME_LABELS, routes, type ReminderOutcome } from '@hpf/shared';
import { addConsents, listConsents, listMessages } from '../adapters/reminders-repository';
import { readReminderSettings, updateReminderSettings } from '../adapters/settings-repository';
import { config } from '../platform/config';
import { httpRoute } from '../platform/http';

/** How many reminders are left for our template, read where the consents are counted. */
async function states(accountNo: string) {
  const { tableName, policy, reminders } = config();
  const templateId = reminders.arrivalTemplateId;
  const consent = (await listConsents(tableName, accountNo)).find((c) => c.templateId === templateId);
  return {
    subscriptions: [
      {
        templateId,
        remaining: consent?.remaining ?? 0,
        longTerm: policy.reminders.longTermSubscription,
        consented: (consent?.accepted ?? 0) > 0,
      },
    ],
  };
}

export const report = httpRoute(routes.reportSubscriptions, async ({ body, accountNo, now }) => {
  const { tableName, reminders, policy } = config();
  // only our own template counts; an accept for anything else is ignored
  const accepted = body.results.filter((r) => r.result === 'accept' && r.templateId === reminders.arrivalTemplateId).length;
  if (accepted > 0) {
    await addConsents(tableName, accountNo, reminders.arrivalTemplateId, accepted, now, { longTerm: policy.reminders.longTermSubscription });
  }
  return states(accountNo);
});

export const mine = httpRoute(routes.mySubscriptions, async ({ accountNo }) => states(accountNo));

export const getSettings = httpRoute(routes.myReminderSettings, async ({ accountNo }) => readReminderSettings(config().tableName, accountNo));

export const settings = httpRoute(routes.reminderSettings, async ({ body, accountNo }) =>
  updateReminderSettings(config().tableName, accountNo, body),
);

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
