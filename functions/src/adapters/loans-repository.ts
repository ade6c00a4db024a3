/**
 * 公积金贷款 items: the loan (`LOAN#<contract>`, terms only — the schedule is computed), its
 * repayments (`REPAY#<contract>#<period>`), the member's one 约定提取 agreement (`REPAYAGREEMENT`,
 * listed on GSI1 for the monthly job) and the job's run markers (`REPAYRUN#<contract>#<month>`).
 * A repayment from the account is one TransactWriteItems: the run marker (attribute_not_exists),
 * the ledger entry and the balance (conditioned on the version and on the balance it needs), the
 * repayment record and the loan's figures — through the ledger's one posting path.
 */
import { QueryCommand, GetCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { commercialRunMayMove, type CommercialRunStatus, type HpfLoan, type LoanRepayment, type RepaymentAgreement } from '@hpf/shared';
import { dynamo } from '../platform/dynamo';
import { accountNumbersListedUnder } from './accounts-repository';
import { AGREEMENT_LIST_SHARDS, keys } from '../platform/keys';
import { post, type PostingOutcome, type PostingRequest, type TransactItem } from './ledger-repository';

const STORAGE = new Set(['pk', 'sk', 'gsi1pk', 'gsi1sk']);
function record<T>(item: Record<string, unknown>): T {
  return Object.fromEntries(Object.entries(item).filter(([name]) => !STORAGE.has(name))) as T;
}

async function queryPrefix(tableName: string, accountNo: string, prefix: string, consistent: boolean): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await dynamo().send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': keys.accountPartition(accountNo), ':prefix': prefix },
        ConsistentRead: consistent,
        ...(startKey ? { ExclusiveStartKey: startKey } : {}),
      }),
    );
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return items;
}

export async function getLoans(tableName: string, accountNo: string, consistent = false): Promise<HpfLoan[]> {
  return (await queryPrefix(tableName, accountNo, keys.loanPrefix, consistent)).map((item) => record<HpfLoan>(item));
}

export async function getRepayments(tableName: string, accountNo: string, consistent = false): Promise<LoanRepayment[]> {
  return (await queryPrefix(tableName, accountNo, keys.loanRepaymentPrefix, consistent)).map((item) => record<LoanRepayment>(item));
}

export async function getAgreement(tableName: string, accountNo: string, consistent = false): Promise<RepaymentAgreement | undefined> {
  const { Item } = await dynamo().send(new GetCommand({ TableName: tableName, Key: keys.repaymentAgreement(accountNo), ConsistentRead: consistent }));
  return Item ? record<RepaymentAgreement>(Item) : undefined;
}

/** The repayment item a seed or the loan system writes (the member's own repayments at the bank). */
export function repaymentItem(accountNo: string, repayment: LoanRepayment): Record<string, unknown> {
  return { ...keys.loanRepayment(accountNo, repayment.contractNo, repayment.period), accountNo, ...repayment };
}

/**
 * Signs the agreement with the face check's use in the same transaction. A member has one: a new
 * one only where none is, or where a cancelled one has stopped paying (its last month is past).
 * 'loan-closed': the HPF loan is paid off, or (commercial) the account closed or frozen meanwhile.
 */
export async function signAgreement(tableName: string, agreement: RepaymentAgreement, alongside: TransactItem[]): Promise<'signed' | 'exists' | 'loan-closed'> {
  try {
    await dynamo().send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: tableName,
              Item: { ...keys.repaymentAgreement(agreement.accountNo), ...keys.repaymentAgreementListing(agreement.accountNo), ...agreement },
              ConditionExpression: 'attribute_not_exists(pk) OR (#status = :cancelled AND lastMonth < :month)',
              ExpressionAttributeNames: { '#status': 'status' },
              ExpressionAttributeValues: { ':cancelled': 'CANCELLED', ':month': agreement.firstMonth },
            },
          },
          // an HPF loan must still be owed when the agreement is made; for a bank's mortgage (which
          // the bank vouches for each month) the account must still be open
          agreement.target === 'HPF_LOAN'
            ? {
                ConditionCheck: {
                  TableName: tableName,
                  Key: keys.loan(agreement.accountNo, agreement.contractNo),
                  ConditionExpression: '#status = :outstanding',
                  ExpressionAttributeNames: { '#status': 'status' },
                  ExpressionAttributeValues: { ':outstanding': 'OUTSTANDING' },
                },
              }
            : {
                ConditionCheck: {
                  TableName: tableName,
                  Key: keys.account(agreement.accountNo),
                  ConditionExpression: '#status <> :closed AND (attribute_not_exists(frozen) OR frozen = :unfrozen)',
                  ExpressionAttributeNames: { '#status': 'status' },
                  ExpressionAttributeValues: { ':closed': 'CLOSED', ':unfrozen': false },
                },
              },
          ...alongside,
        ],
      }),
    );
    return 'signed';
  } catch (error) {
    if (!(error instanceof TransactionCanceledException)) throw error;
    const reasons = error.CancellationReasons ?? [];
    if (reasons[0]?.Code === 'ConditionalCheckFailed') return 'exists';
    if (reasons[1]?.Code === 'ConditionalCheckFailed') return 'loan-closed';
    throw error;
  }
}

/** Cancels an active agreement: it still pays `lastMonth` (this month), not after. */
export async function cancelAgreement(tableName: string, accountNo: string, lastMonth: string, at: string): Promise<boolean> {
  try {
    await dynamo().send(
      new UpdateCommand({
        TableName: tableName,
        Key: keys.repaymentAgreement(accountNo),
        UpdateExpression: 'SET #status = :cancelled, cancelledAt = :at, lastMonth = :last',
        ConditionExpression: '#status = :active',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':cancelled': 'CANCELLED', ':active': 'ACTIVE', ':at': at, ':last': lastMonth },
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

/** Accounts with an agreement (active or cancelled), a shard at a time (GSI1, no Scan). */
export function listAgreementAccounts(tableName: string): AsyncGenerator<string> {
  return accountNumbersListedUnder(tableName, Array.from({ length: AGREEMENT_LIST_SHARDS }, (_, shard) => keys.repaymentAgreementShard(shard)));
}

export interface MonthRun {
  accountNo: string;
  contractNo: string;
  month: string;
  period: number;
  dueDate: string;
  dueFen: number;
  fromAccountFen: number;
  shortfallFen: number;
}

function repaymentUpdate(tableName: string, run: MonthRun, today: string, entryId: string | undefined): TransactItem {
  return {
    Update: {
      TableName: tableName,
      Key: keys.loanRepayment(run.accountNo, run.contractNo, run.period),
      UpdateExpression:
        'SET accountNo = :acct, contractNo = :contract, period = :period, dueDate = :dueDate, dueFen = if_not_exists(dueFen, :due), ' +
        'selfPaidFen = if_not_exists(selfPaidFen, :zero), fromAccountFen = if_not_exists(fromAccountFen, :zero) + :from, ' +
        'shortfallFen = :short, paidOn = :today' + (entryId ? ', entryId = :entry' : ''),
      ExpressionAttributeValues: {
        ':acct': run.accountNo,
        ':contract': run.contractNo,
        ':period': run.period,
        ':dueDate': run.dueDate,
        ':due': run.dueFen,
        ':zero': 0,
        ':from': run.fromAccountFen,
        ':short': run.shortfallFen,
        ':today': today,
        ...(entryId ? { ':entry': entryId } : {}),
      },
    },
  };
}

function runMarker(run: MonthRun) {
  return { kind: 'LOAN_REPAYMENT_RUN', contractNo: run.contractNo, month: run.month, period: run.period, dueDate: run.dueDate, dueFen: run.dueFen, fromAccountFen: run.fromAccountFen, shortfallFen: run.shortfallFen };
}

/**
 * This month's repayment from the account. `plan` is asked again on every attempt with the
 * account as read then (its balance decides the split); the marker, the repayment record and the
 * loan's figures follow the last plan.
 */
export async function repayFromAccount(request: {
  tableName: string;
  accountNo: string;
  contractNo: string;
  month: string;
  today: string;
  postedAt: Date;
  plan: PostingRequest['plan'];
  /** What the plan decided, read after it ran (the run, and the loan's principal still owed after it). */
  decided: () => { run: MonthRun; outstandingFen: number; retainedMinimumFen: number; balanceAfterFen: number };
}): Promise<PostingOutcome> {
  const { tableName, accountNo, contractNo, month } = request;
  const runKey = keys.loanRepaymentRun(accountNo, contractNo, month);
  return post({
    tableName,
    accountNo,
    postedAt: request.postedAt,
    plan: request.plan,
    guards: [{ name: 'month', key: runKey, attributes: () => ({ ...runMarker(request.decided().run), balanceAfterFen: request.decided().balanceAfterFen }) }],
    alongside: (entryId) => {
      const { run, outstandingFen } = request.decided();
      return [
        { name: 'repayment', item: repaymentUpdate(tableName, run, request.today, entryId) },
        {
          name: 'loan',
          item: {
            Update: {
              TableName: tableName,
              Key: keys.loan(accountNo, contractNo),
              UpdateExpression: 'SET outstandingFen = :owed, accountRepaidFen = if_not_exists(accountRepaidFen, :zero) + :from, lastAccountRepayment = :month',
              ConditionExpression: '#status = :outstanding',
              ExpressionAttributeNames: { '#status': 'status' },
              ExpressionAttributeValues: { ':owed': outstandingFen, ':zero': 0, ':from': run.fromAccountFen, ':month': month, ':outstanding': 'OUTSTANDING' },
            },
          },
        },
      ];
    },
    // the debit never takes the account below the minimum it keeps, whatever else moved it
    // a getter: post() reads the values after each attempt's plan, whose amount they must follow
    accountCondition: {
      expression: 'balanceFen >= :needed',
      get values() {
        const { run, retainedMinimumFen } = request.decided();
        return { ':needed': run.fromAccountFen + retainedMinimumFen };
      },
    },
  });
}

/** A month the account could pay nothing of: the marker and the shortfall only, no ledger entry. */
export async function recordShortfallOnly(tableName: string, run: MonthRun, today: string, at: string, balanceFen: number): Promise<'recorded' | 'exists'> {
  try {
    await dynamo().send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: tableName,
              Item: { ...keys.loanRepaymentRun(run.accountNo, run.contractNo, run.month), accountNo: run.accountNo, ...runMarker(run), balanceAfterFen: balanceFen, createdAt: at },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          repaymentUpdate(tableName, run, today, undefined),
        ],
      }),
    );
    return 'recorded';
  } catch (error) {
    if (error instanceof TransactionCanceledException && error.CancellationReasons?.[0]?.Code === 'ConditionalCheckFailed') return 'exists';
    throw error;
  }
}

/** A month's run marker, as written (what was paid and what was left). */
export async function readRun(tableName: string, accountNo: string, contractNo: string, month: string): Promise<(MonthRun & { balanceAfterFen: number; entryId?: string }) | undefined> {
  const { Item } = await dynamo().send(new GetCommand({ TableName: tableName, Key: keys.loanRepaymentRun(accountNo, contractNo, month), ConsistentRead: true }));
  return Item ? record(Item) : undefined;
}

/**
 * 商贷自动划转's month run (the same `REPAYRUN#` key as the HPF loan's), moved only as
 * shared/src/commercial-transfer.ts declares: each write is conditioned on the state it leaves.
 */
export interface CommercialRun {
  accountNo: string;
  contractNo: string;
  month: string;
  target: 'COMMERCIAL';
  status: CommercialRunStatus;
  tries: number;
  dueFen: number;
  dueDate: string;
  fromAccountFen: number;
  shortfallFen: number;
  balanceAfterFen: number;
  applicationId?: string;
  reason?: string;
  createdAt: string;
  updatedAt: string;
}

export async function readCommercialRun(tableName: string, accountNo: string, contractNo: string, month: string): Promise<CommercialRun | undefined> {
  const { Item } = await dynamo().send(new GetCommand({ TableName: tableName, Key: keys.loanRepaymentRun(accountNo, contractNo, month), ConsistentRead: true }));
  return Item && Item.target === 'COMMERCIAL' ? record<CommercialRun>(Item) : undefined;
}

type RunFigures = Pick<CommercialRun, 'status' | 'tries' | 'dueFen' | 'dueDate' | 'fromAccountFen' | 'shortfallFen' | 'balanceAfterFen'> & { applicationId?: string; reason?: string };

/**
 * The write that starts (or restarts) a month's run: a Put where none is, an Update of a REFUSED
 * one whose tries are the ones read. Joins the transaction that creates the month's transfer, so
 * two runs at once make one transfer.
 */
export function commercialRunStartItem(tableName: string, run: { accountNo: string; contractNo: string; month: string }, from: CommercialRunStatus | null, figures: RunFigures, at: string): TransactItem {
  if (!commercialRunMayMove(from, figures.status)) throw new Error(`month run ${from ?? 'none'} → ${figures.status} is not allowed`);
  const key = keys.loanRepaymentRun(run.accountNo, run.contractNo, run.month);
  if (from === null) {
    return {
      Put: {
        TableName: tableName,
        Item: { ...key, kind: 'LOAN_REPAYMENT_RUN', target: 'COMMERCIAL', accountNo: run.accountNo, contractNo: run.contractNo, month: run.month, ...figures, createdAt: at, updatedAt: at },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    };
  }
  return {
    Update: {
      TableName: tableName,
      Key: key,
      UpdateExpression:
        'SET #status = :to, tries = :tries, dueFen = :due, dueDate = :dueDate, fromAccountFen = :from, shortfallFen = :short, balanceAfterFen = :after, applicationId = :id, updatedAt = :at REMOVE reason',
      ConditionExpression: '#status = :was AND tries = :triesBefore',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: {
        ':to': figures.status,
        ':was': from,
        ':tries': figures.tries,
        ':triesBefore': figures.tries - 1,
        ':due': figures.dueFen,
        ':dueDate': figures.dueDate,
        ':from': figures.fromAccountFen,
        ':short': figures.shortfallFen,
        ':after': figures.balanceAfterFen,
        ':id': figures.applicationId ?? null,
        ':at': at,
      },
    },
  };
}

/** A month with nothing to transfer (SHORT, NOT_THEIRS, NOT_FOUND): the run alone; 'exists' when a twin wrote it. */
export async function recordCommercialMonth(tableName: string, run: { accountNo: string; contractNo: string; month: string }, figures: RunFigures, at: string): Promise<'recorded' | 'exists'> {
  try {
    await dynamo().send(new TransactWriteCommand({ TransactItems: [commercialRunStartItem(tableName, run, null, figures, at)] }));
    return 'recorded';
  } catch (error) {
    if (error instanceof TransactionCanceledException && error.CancellationReasons?.[0]?.Code === 'ConditionalCheckFailed') return 'exists';
    throw error;
  }
}

/** The transfer's end for its month run: PAID, or REFUSED with the reason (a later day may try again). */
export function commercialRunEndItem(tableName: string, run: { accountNo: string; contractNo: string; month: string; applicationId: string }, to: 'PAID' | 'REFUSED', at: string, reason?: string): TransactItem {
  if (!commercialRunMayMove('SENT', to)) throw new Error(`month run SENT → ${to} is not allowed`);
  return {
    Update: {
      TableName: tableName,
      Key: keys.loanRepaymentRun(run.accountNo, run.contractNo, run.month),
      UpdateExpression: `SET #status = :to, updatedAt = :at${reason ? ', reason = :reason' : ''}`,
      ConditionExpression: '#status = :sent AND applicationId = :id',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':to': to, ':sent': 'SENT', ':id': run.applicationId, ':at': at, ...(reason ? { ':reason': reason } : {}) },
    },
  };
}
