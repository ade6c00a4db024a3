/**
 * The one way money moves: a ledger entry and the balance it changes are written in ONE
 * TransactWriteItems, conditioned on the account version the plan was made from, together with
 * the guard items (idempotency record, month marker…) that make the posting happen at most once.
 * A version race re-reads and re-plans; a transaction conflict backs off with jitter and retries.
 */
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { chinaDate, DomainError, type AccountRecord, type ErrorCode, type LedgerEntry, type PlanResult } from '@hpf/shared';
import { CHAIN_GENESIS, chainHash } from '../ledger/chain';
import { dynamo } from '../platform/dynamo';
import { ledgerEntryId } from '../platform/ids';
import { keys, type ItemKey } from '../platform/keys';
import { getAccount } from './accounts-repository';

export interface Guard {
  /** Names the guard in the outcome, e.g. 'idempotency' or 'month'. */
  name: string;
  key: ItemKey;
  attributes: (entryId: string) => Record<string, unknown>;
}

export interface PostingRequest {
  tableName: string;
  accountNo: string;
  plan: (account: AccountRecord) => PlanResult;
  guards: Guard[];
  postedAt: Date;
  /** Attributes added to the ledger entry item (batch id, application id…). */
  entryAttributes?: Record<string, unknown>;
  /**
   * The account as a batch read it moments ago, to plan the first attempt without another read.
   * Safe because the write is conditioned on its version: a stale copy only costs a retry.
   */
  prefetched?: AccountRecord;
  /**
   * Other writes that must happen in the same transaction (an application's state change, a
   * marker's removal), each with its own condition. One failing its condition ends the posting
   * as `guarded` under its name.
   */
  alongside?: (entryId: string) => { name: string; item: TransactItem }[];
  /**
   * More conditions on the account update, for what the plan relied on that does not move the
   * version (a withdrawal's 提取锁 and personal limit). Failing one re-reads and re-plans, so the
   * plan itself then refuses with its own code.
   */
  accountCondition?: { expression: string; values: Record<string, unknown> };
}

export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

export type PostingOutcome =
  | { outcome: 'posted'; entryId: string; balanceFen: number }
  | { outcome: 'guarded'; guard: string; existing: Record<string, unknown> }
  | { outcome: 'rejected'; code: ErrorCode };

const MAX_ATTEMPTS = 12;

function backoff(attempt: number): Promise<void> {
  const ceiling = Math.min(1000, 20 * 2 ** attempt);
  return new Promise((resolve) => setTimeout(resolve, Math.random() * ceiling));
}

export async function readGuard(tableName: string, key: ItemKey): Promise<Record<string, unknown>> {
  const { Item } = await dynamo().send(new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true }));
  return Item ?? {};
}

async function readAccount(tableName: string, accountNo: string): Promise<AccountRecord | undefined> {
  return getAccount(tableName, accountNo, { consistent: true });
}

export async function post(request: PostingRequest): Promise<PostingOutcome> {
  const { tableName, accountNo } = request;
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
    const account = attempt === 0 && request.prefetched ? request.prefetched : await readAccount(tableName, accountNo);
    if (!account) return { outcome: 'rejected', code: 'ACCOUNT_NOT_FOUND' };
    const planned = request.plan(account);
    if (!planned.ok) return { outcome: 'rejected', code: planned.code };
    const { entry, account: change } = planned.plan;
    const drafts = [...(planned.plan.preceding ?? []), entry];
    if (change.version !== account.version + drafts.length) throw new Error('a posting plan’s version must count its entries');
    const entryId = ledgerEntryId(change.version);
    const postedAt = request.postedAt.toISOString();
    // each entry its sequence number, its balance after and its chain link, in order
    let running = account.balanceFen;
    let hash = account.ledgerHead ?? CHAIN_GENESIS;
    const ledgerItems = drafts.map((draft, index) => {
      running += draft.amountFen;
      const ledgerEntry: LedgerEntry = { ...draft, entryId: ledgerEntryId(account.version + index + 1), accountNo, balanceAfterFen: running, postedAt };
      hash = chainHash(hash, ledgerEntry);
      return { ledgerEntry, chainHash: hash };
    });
    if (running !== change.balanceFen) throw new Error('a posting plan’s balance must be the sum of its entries');

    const setParts = ['balanceFen = :balance', 'version = :next', 'ledgerHead = :head', 'updatedAt = :now'];
    const values: Record<string, unknown> = {
      ':head': hash,
      ':balance': change.balanceFen,
      ':next': change.version,
      ':expected': account.version,
      ':status': account.status,
      ':now': postedAt,
    };
    if (change.depositedMonths !== undefined) {
      setParts.push('depositedMonths = :months');
      values[':months'] = change.depositedMonths;
    }
    if (change.missedMonths !== undefined) {
      setParts.push('missedMonths = :missed');
      values[':missed'] = change.missedMonths;
    }
    if (change.paidUpTo !== undefined) {
      setParts.push('paidUpTo = :paidUpTo');
      values[':paidUpTo'] = change.paidUpTo;
    }
    if (change.status !== undefined) {
      setParts.push('#status = :newStatus');
      values[':newStatus'] = change.status;
    }
    if (change.continuousMonths !== undefined) {
      setParts.push('continuousMonths = :continuous');
      values[':continuous'] = change.continuousMonths;
    }

    const guardItems = request.guards.map((guard) => ({
      Put: {
        TableName: tableName,
        Item: { ...guard.key, ...guard.attributes(entryId), accountNo, entryId, createdAt: postedAt },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    }));
    const alongside = request.alongside?.(entryId) ?? [];
    // 日结: a posting dated to an earlier accounting day (a batch that ran past midnight keeps its
    // request's time) must not land in a day already proposed for close or closed. Today's postings
    // — nearly all — skip the check, so the day's close item is never hot.
    const accountingDay = chinaDate(request.postedAt);
    const dayCheck = accountingDay < chinaDate(new Date()) ? [{ ConditionCheck: { TableName: tableName, Key: keys.dayClose(accountingDay), ConditionExpression: 'attribute_not_exists(pk)' } }] : [];
    try {
      await dynamo().send(
        new TransactWriteCommand({
          TransactItems: [
            ...guardItems,
            ...alongside.map((write) => write.item),
            ...ledgerItems.map(({ ledgerEntry, chainHash: link }) => ({
              Put: {
                TableName: tableName,
                Item: {
                  ...keys.ledgerEntry(accountNo, ledgerEntry.entryId),
                  ...request.entryAttributes,
                  ...ledgerEntry,
                  chainHash: link,
                },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            })),
            {
              Update: {
                TableName: tableName,
                Key: keys.account(accountNo),
                UpdateExpression: `SET ${setParts.join(', ')}`,
                ConditionExpression: `version = :expected AND #status = :status${request.accountCondition ? ` AND ${request.accountCondition.expression}` : ''}`,
                ExpressionAttributeNames: { '#status': 'status' },
                ExpressionAttributeValues: { ...values, ...request.accountCondition?.values },
              },
            },
            ...dayCheck,
          ],
        }),
      );
      return { outcome: 'posted', entryId, balanceFen: change.balanceFen };
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) {
        if ((error as Error).name === 'TransactionConflictException' || (error as Error).name === 'ThrottlingException') {
          await backoff(attempt);
          continue;
        }
        throw error;
      }
      const reasons = error.CancellationReasons ?? [];
      if (dayCheck.length > 0 && reasons[reasons.length - 1]?.Code === 'ConditionalCheckFailed') return { outcome: 'rejected', code: 'DAY_CLOSED' };
      const guardIndex = request.guards.findIndex((_, index) => reasons[index]?.Code === 'ConditionalCheckFailed');
      if (guardIndex >= 0) {
        const guard = request.guards[guardIndex];
        return { outcome: 'guarded', guard: guard.name, existing: await readGuard(tableName, guard.key) };
      }
      const alongsideIndex = alongside.findIndex((_, index) => reasons[request.guards.length + index]?.Code === 'ConditionalCheckFailed');
      if (alongsideIndex >= 0) return { outcome: 'guarded', guard: alongside[alongsideIndex].name, existing: {} };
      // A version or status race, or another transaction on the same items: read again and re-plan.
      await backoff(attempt);
    }
  }
  throw new DomainError('BUSY_RETRY');
}
