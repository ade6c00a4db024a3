/** Staff users and the audit trail of what they do. */
import { randomBytes } from 'node:crypto';
import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { DomainError, type StaffRole } from '@hpf/shared';
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
  /** The account the act concerns, when there is one: the record is listed in that account's trail. */
  accountNo?: string;
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
  const sortable = `${time}#${step}${randomBytes(4).toString('hex')}`;
  return {
    ...keys.audit(time.slice(0, 10), sortable),
    ...(event.accountNo ? keys.accountAuditListing(event.accountNo, sortable) : {}),
    ...event,
    time,
  };
}

export async function recordAudit(tableName: string, event: AuditEvent, now: Date, step = 0): Promise<void> {
  await dynamo().send(
    new PutCommand({ TableName: tableName, Item: auditItem(event, now, step), ConditionExpression: 'attribute_not_exists(pk)' }),
  );
}

export interface AuditRecord extends AuditEvent {
  time: string;
}

const AUDIT_CURSOR = /^\d{4}-\d{2}-\d{2}T[\d:.]+Z#\d[0-9a-f]{8}$/;

/**
 * One account's audit trail, newest first, a page at a time. The cursor is the listing sort key the
 * page ended on (base64url, checked against its pattern); the partition always comes from the
 * account asked for, so a cursor cannot reach another account's trail.
 */
export async function listAccountAudit(tableName: string, accountNo: string, page: { limit: number; cursor?: string }): Promise<{ records: AuditRecord[]; nextCursor?: string }> {
  let startKey: Record<string, unknown> | undefined;
  if (page.cursor) {
    const sortable = Buffer.from(page.cursor, 'base64url').toString('utf8');
    if (!AUDIT_CURSOR.test(sortable)) {
      throw new DomainError('INVALID_REQUEST', '翻页标记无效，请从第一页重新加载。', [{ path: 'cursor', message: '翻页标记无效' }]);
    }
    const day = sortable.slice(0, 10);
    startKey = { ...keys.audit(day, sortable), ...keys.accountAuditListing(accountNo, sortable) };
  }
  const { Items = [], LastEvaluatedKey } = await dynamo().send(
    new QueryCommand({
      TableName: tableName,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.accountAuditPartition(accountNo) },
      ScanIndexForward: false,
      Limit: page.limit,
      ...(startKey ? { ExclusiveStartKey: startKey } : {}),
    }),
  );
  const records = Items.map((item) => ({
    actor: String(item.actor),
    action: String(item.action),
    target: String(item.target),
    requestId: String(item.requestId),
    time: String(item.time),
    ...(item.details ? { details: item.details as Record<string, unknown> } : {}),
  }));
  const last = LastEvaluatedKey?.gsi1sk;
  return { records, ...(typeof last === 'string' ? { nextCursor: Buffer.from(last, 'utf8').toString('base64url') } : {}) };
}
