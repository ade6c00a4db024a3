/**
 * The retirement withdrawal prepared for an account (`ACCT#<no>`/`RETIREMENT`): one per account,
 * created with `attribute_not_exists` so two runs of the daily job at once prepare one, and every
 * later change conditioned on the state it leaves (and, where a withdrawal was made from it, on
 * that withdrawal's id), so a declined one is never prepared again.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { RetirementHold, RetirementStatus } from '@hpf/shared';
import { dynamo } from '../platform/dynamo';
import { keys } from '../platform/keys';
import type { TransactItem } from './ledger-repository';

export interface RetirementFigures {
  balanceFen: number;
  closingInterestFen: number;
  loanRepaymentFen: number;
  payoutFen: number;
  /** The closing day the figures were worked out for. */
  asOf: string;
}

export interface RetirementRecord {
  accountNo: string;
  status: RetirementStatus;
  retiredOn: string;
  preparedAt: string;
  /** Bumped each time it is prepared again (after a payout that failed): the notices are per round. */
  round: number;
  /** Where the money goes: the card on file when prepared, or the one the member changed it to. Never returned whole. */
  bankCard?: string;
  figures?: RetirementFigures;
  hold?: RetirementHold;
  holdMessage?: string;
  autoPayOn?: string;
  noticeSentAt?: string;
  applicationId?: string;
  /** Who made it a withdrawal: the member, the system (免申即享 after N days), or the counter (凭退休证明, closing/retirement-claim.ts). */
  confirmedBy?: 'MEMBER' | 'SYSTEM' | 'COUNTER';
  declinedAt?: string;
  paidAt?: string;
  closedOn?: string;
  /** 销户结息 credited by a closing debit whose payout then failed: earned once, not owed again. */
  interestCreditedFen?: number;
  updatedAt: string;
}

const STORAGE = new Set(['pk', 'sk']);

export async function getRetirement(tableName: string, accountNo: string, consistent = true): Promise<RetirementRecord | undefined> {
  const { Item } = await dynamo().send(new GetCommand({ TableName: tableName, Key: keys.retirement(accountNo), ConsistentRead: consistent }));
  return Item ? (Object.fromEntries(Object.entries(Item).filter(([k]) => !STORAGE.has(k))) as unknown as RetirementRecord) : undefined;
}

async function conditional(write: () => Promise<unknown>): Promise<boolean> {
  try {
    await write();
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

/** The job's first write for an account: false when it exists already (a twin run, or any earlier state). */
export function prepareRetirement(tableName: string, record: RetirementRecord): Promise<boolean> {
  return conditional(() =>
    dynamo().send(new PutCommand({ TableName: tableName, Item: { ...keys.retirement(record.accountNo), ...record }, ConditionExpression: 'attribute_not_exists(pk)' })),
  );
}

function setFields(fields: Record<string, unknown>, remove: string[] = []) {
  const names: Record<string, string> = { '#status': 'status' };
  const values: Record<string, unknown> = {};
  const sets: string[] = [];
  for (const [field, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    names[`#${field}`] = field;
    values[`:${field}`] = value;
    sets.push(`#${field} = :${field}`);
  }
  for (const field of remove) names[`#${field}`] = field;
  const update = `SET ${sets.join(', ')}${remove.length ? ` REMOVE ${remove.map((f) => `#${f}`).join(', ')}` : ''}`;
  return { names, values, update };
}

/** A change to the record as an Update item, conditioned on the states it may leave (and more). */
export function retirementUpdateItem(
  tableName: string,
  accountNo: string,
  from: readonly RetirementStatus[],
  fields: Record<string, unknown>,
  options: { remove?: string[]; round?: number; applicationId?: string; add?: Record<string, number> } = {},
): TransactItem {
  const { names, values, update } = setFields(fields, options.remove);
  from.forEach((status, i) => (values[`:from${i}`] = status));
  let condition = `#status IN (${from.map((_, i) => `:from${i}`).join(', ')})`;
  if (options.round !== undefined) {
    condition += ' AND #round = :heldRound';
    names['#round'] = 'round';
    values[':heldRound'] = options.round;
  }
  if (options.applicationId !== undefined) {
    condition += ' AND applicationId = :heldApplication';
    values[':heldApplication'] = options.applicationId;
  }
  let expression = update;
  if (options.add) {
    const adds = Object.entries(options.add).map(([field, amount]) => {
      names[`#${field}`] = field;
      values[`:add_${field}`] = amount;
      return `#${field} :add_${field}`;
    });
    expression += ` ADD ${adds.join(', ')}`;
  }
  return {
    Update: {
      TableName: tableName,
      Key: keys.retirement(accountNo),
      UpdateExpression: expression,
      ConditionExpression: condition,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    },
  };
}

export function updateRetirement(tableName: string, ...args: Parameters<typeof retirementUpdateItem> extends [string, ...infer R] ? R : never): Promise<boolean> {
  const item = retirementUpdateItem(tableName, ...args).Update!;
  return conditional(() => dynamo().send(new UpdateCommand(item as ConstructorParameters<typeof UpdateCommand>[0])));
}
