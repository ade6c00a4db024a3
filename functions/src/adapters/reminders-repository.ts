/**
 * Reminders: one item per money arrival, claimed before sending (with a lease, so a sender that
 * died is replaced when the lease runs out) and marked with its outcome after. The same item is
 * the member's in-app message. Consents are counters per template.
 */
import { randomBytes } from 'node:crypto';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { ReminderKind, ReminderOutcome } from '@hpf/shared';
import { dynamo } from '../platform/dynamo';
import { keys } from '../platform/keys';

export interface ReminderContent {
  accountNo: string;
  sourceId: string;
  kind: ReminderKind;
  title: string;
  amountText: string;
  balanceText: string;
  timeText: string;
  entryId?: string;
  createdAt: string;
}

export interface Claim {
  token: string;
}

/**
 * Claims the reminder for sending: creates it, or takes it over when a previous claim's lease
 * has run out without an outcome. Undefined when it is done already or someone holds it.
 */
export async function claimReminder(tableName: string, content: ReminderContent, leaseMs: number, now: Date): Promise<Claim | undefined> {
  const token = randomBytes(8).toString('hex');
  try {
    await dynamo().send(
      new PutCommand({
        TableName: tableName,
        Item: {
          ...keys.reminder(content.accountNo, content.sourceId),
          ...keys.messageListing(content.accountNo, content.createdAt),
          ...content,
          status: 'PENDING',
          claimToken: token,
          leaseUntil: now.getTime() + leaseMs,
        },
        ConditionExpression: 'attribute_not_exists(pk) OR (#status = :pending AND leaseUntil < :now)',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':pending': 'PENDING', ':now': now.getTime() },
      }),
    );
    return { token };
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return undefined;
    throw error;
  }
}

/**
 * Records the outcome, only if the claim is still ours. After WeChat has taken a message this
 * write is all that stands between a stream retry and a second message, so a failing write is
 * tried again a few times before giving up.
 */
export async function finishReminder(
  tableName: string,
  content: Pick<ReminderContent, 'accountNo' | 'sourceId'>,
  claim: Claim,
  outcome: Exclude<ReminderOutcome, 'PENDING'>,
  now: Date,
): Promise<boolean> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await writeOutcome(tableName, content, claim, outcome, now);
    } catch (error) {
      if (attempt >= 5) throw error;
      await new Promise((resolve) => setTimeout(resolve, 25 * 2 ** attempt));
    }
  }
}

async function writeOutcome(
  tableName: string,
  content: Pick<ReminderContent, 'accountNo' | 'sourceId'>,
  claim: Claim,
  outcome: Exclude<ReminderOutcome, 'PENDING'>,
  now: Date,
): Promise<boolean> {
  try {
    await dynamo().send(
      new UpdateCommand({
        TableName: tableName,
        Key: keys.reminder(content.accountNo, content.sourceId),
        UpdateExpression: 'SET #status = :outcome, finishedAt = :now REMOVE leaseUntil',
        ConditionExpression: 'claimToken = :token AND #status = :pending',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':outcome': outcome, ':now': now.toISOString(), ':token': claim.token, ':pending': 'PENDING' },
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

/** Gives the claim back at once after a transient failure, so a retry need not wait for the lease. */
export async function releaseReminder(tableName: string, content: Pick<ReminderContent, 'accountNo' | 'sourceId'>, claim: Claim): Promise<void> {
  await dynamo()
    .send(
      new UpdateCommand({
        TableName: tableName,
        Key: keys.reminder(content.accountNo, content.sourceId),
        UpdateExpression: 'SET leaseUntil = :zero ADD attempts :one',
        ConditionExpression: 'claimToken = :token AND #status = :pending',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':zero': 0, ':one': 1, ':token': claim.token, ':pending': 'PENDING' },
      }),
    )
    .catch((error) => {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    });
}

export async function reminderStatus(tableName: string, accountNo: string, sourceId: string): Promise<string | undefined> {
  const { Item } = await dynamo().send(
    new GetCommand({ TableName: tableName, Key: keys.reminder(accountNo, sourceId), ConsistentRead: true, ProjectionExpression: '#status', ExpressionAttributeNames: { '#status': 'status' } }),
  );
  return Item?.status;
}

export async function listMessages(tableName: string, accountNo: string, limit = 50): Promise<Record<string, unknown>[]> {
  const { Items = [] } = await dynamo().send(
    new QueryCommand({
      TableName: tableName,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.messageListPartition(accountNo) },
      ScanIndexForward: false,
      Limit: limit,
    }),
  );
  return Items;
}

/**
 * Records accepted consents. A one-time template adds one message per accept; a long-term
 * template (长期订阅) holds at 1 — one consent keeps working until WeChat says otherwise.
 */
export async function addConsents(
  tableName: string,
  accountNo: string,
  templateId: string,
  count: number,
  now: Date,
  options: { longTerm?: boolean } = {},
): Promise<void> {
  await dynamo().send(
    new UpdateCommand({
      TableName: tableName,
      Key: keys.subscription(accountNo, templateId),
      UpdateExpression: options.longTerm
        ? 'SET remaining = :one, templateId = :template, updatedAt = :now ADD accepted :count'
        : 'ADD remaining :count, accepted :count SET templateId = :template, updatedAt = :now',
      ExpressionAttributeValues: {
        ':count': count,
        ':template': templateId,
        ':now': now.toISOString(),
        ...(options.longTerm ? { ':one': 1 } : {}),
      },
    }),
  );
}

/** Gives back a consent taken for a send that did not happen (a transient failure). */
export async function returnConsent(tableName: string, accountNo: string, templateId: string): Promise<void> {
  await dynamo().send(
    new UpdateCommand({
      TableName: tableName,
      Key: keys.subscription(accountNo, templateId),
      UpdateExpression: 'ADD remaining :one',
      ExpressionAttributeValues: { ':one': 1 },
    }),
  );
}

/**
 * Uses one consent at `now` (the send's time); false when none is left. A long-term consent is
 * checked, not used up.
 */
export async function useConsent(tableName: string, accountNo: string, templateId: string, now: Date, options: { longTerm?: boolean } = {}): Promise<boolean> {
  try {
    await dynamo().send(
      new UpdateCommand({
        TableName: tableName,
        Key: keys.subscription(accountNo, templateId),
        UpdateExpression: options.longTerm ? 'SET lastUsedAt = :now' : 'ADD remaining :minus SET lastUsedAt = :now',
        ConditionExpression: 'remaining > :zero',
        ExpressionAttributeValues: { ...(options.longTerm ? {} : { ':minus': -1 }), ':zero': 0, ':now': now.toISOString() },
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

/** WeChat refused a send (43101: no consent left, or switched off): our count follows WeChat's. */
export async function clearConsents(tableName: string, accountNo: string, templateId: string): Promise<void> {
  await dynamo().send(
    new UpdateCommand({
      TableName: tableName,
      Key: keys.subscription(accountNo, templateId),
      UpdateExpression: 'SET remaining = :zero',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeValues: { ':zero': 0 },
    }),
  ).catch((error) => {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
  });
}

export interface ConsentCount {
  templateId: string;
  remaining: number;
  /** Accepts ever recorded for the template. */
  accepted: number;
}

export async function listConsents(tableName: string, accountNo: string): Promise<ConsentCount[]> {
  const { Items = [] } = await dynamo().send(
    new QueryCommand({
      TableName: tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :sub)',
      ExpressionAttributeValues: { ':pk': keys.accountPartition(accountNo), ':sub': keys.subscriptionPrefix },
      ConsistentRead: true,
    }),
  );
  return Items.map((item) => ({
    templateId: String(item.templateId),
    remaining: Math.max(0, Number(item.remaining ?? 0)),
    // records from before the accept count was kept had at least one accept
    accepted: Number(item.accepted ?? 1),
  }));
}
