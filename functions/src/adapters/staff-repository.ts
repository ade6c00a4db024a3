/** Staff users and the audit trail of what they do. */
import { randomBytes } from 'node:crypto';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { StaffRole } from '@hpf/shared';
import { dynamo } from '../platform/dynamo';
import { keys } from '../platform/keys';

export interface StaffUser {
  username: string;
  displayName: string;
  roles: StaffRole[];
  passwordHash: string;
  disabled: boolean;
  /** The department or counter the staff member works at, e.g. 营业部 (names them in 查验记录). */
  office?: string;
}

/** How the member's 查验记录 names a check by the centre's own staff: the office, never the login. */
export function staffLabel(user: Pick<StaffUser, 'office'>): string {
  return `本中心 ${user.office ?? '工作人员'}`;
}

export async function getStaffUser(tableName: string, username: string): Promise<StaffUser | undefined> {
  const { Item } = await dynamo().send(new GetCommand({ TableName: tableName, Key: keys.staff(username) }));
  if (!Item) return undefined;
  return {
    username: Item.username,
    displayName: Item.displayName,
    roles: Item.roles,
    passwordHash: Item.passwordHash,
    disabled: Item.disabled === true,
    ...(typeof Item.office === 'string' ? { office: Item.office } : {}),
  };
}

export function staffUserItem(user: StaffUser): Record<string, unknown> {
  return { ...keys.staff(user.username), ...user };
}

export interface AuditEvent {
  actor: string;
  action: string;
  target: string;
  requestId: string;
  details?: Record<string, unknown>;
}

/**
 * Who caused a ledger entry, written on the entry itself, in the posting's own transaction: a
 * batch or a settlement moves money in many transactions, so each one names its staff member and
 * the request whose audit record (written before any money moved) says what was asked.
 */
export interface Attribution {
  postedBy: string;
  requestId: string;
}

/**
 * An audit record as an item, so it can join the transaction of the action it records. Its time
 * is the request's; `step` orders one request's records after its first (a batch's outcome after
 * its `deposit-batch.post`, both at the request's time).
 */
export function auditItem(event: AuditEvent, now: Date, step = 0): Record<string, unknown> {
  const time = now.toISOString();
  return {
    ...keys.audit(time.slice(0, 10), `${time}#${step}${randomBytes(4).toString('hex')}`),
    ...event,
    time,
  };
}

export async function recordAudit(tableName: string, event: AuditEvent, now: Date, step = 0): Promise<void> {
  await dynamo().send(
    new PutCommand({ TableName: tableName, Item: auditItem(event, now, step), ConditionExpression: 'attribute_not_exists(pk)' }),
  );
}
