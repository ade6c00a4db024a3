/**
 * The payout worker: the only code that debits a withdrawal and calls the bank. Requests record
 * intent (an application in APPROVED) and answer; this worker, driven by the table's stream and
 * by the sweep (reconcile-job.ts), moves each application along the life cycle
 * (shared/src/withdrawal-lifecycle.ts), every write conditioned on the state it leaves:
 *
 * - APPROVED → PAYING: one posting transaction — the ledger entry, the balance, the month marker
 *   and the state change, conditioned on the lock and personal limit too — which is attempt 1;
 * - PAYING: each later attempt is claimed on the application first, then the payout is looked up
 *   by its reference before anything is sent (sent only when the bank never received it);
 * - the bank's answer: accepted → PAID; refused for good → the reversal (money back, one
 *   transaction) → PAYOUT_FAILED; unknown → the next attempt after a jittered backoff, or, past
 *   the policy's attempts or age, MANUAL_CHECK (人工核查) — still looked up, never resent.
 *
 * Other payout kinds (retirement, loan repayment, 商贷) plug in as a `PayoutKind`: how they are
 * debited and reversed; the attempts, the bank and the life cycle are the same.
 */
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import * as z from 'zod/mini';
import {
  applyAmount,
  chinaDate,
  CLOSING_KINDS,
  commercialRefusedText,
  commercialTransferDescription,
  ClosingKind,
  ERROR_MESSAGES,
  payoutNeedsManualCheck,
  payoutRetryDelayMs,
  type AccountRecord,
  type ErrorCode,
  type EntryDraft,
  type PlanResult,
  type Policy,
  type WithdrawalActor,
  type WithdrawalStatus,
} from '@hpf/shared';
import { httpBank, type LookupAnswer, type PayoutBank } from '../adapters/bank-client';
import { post, type Guard, type PostingRequest, type TransactItem } from '../adapters/ledger-repository';
import {
  claimAttempt,
  getApplication,
  releaseOpenItem,
  transition,
  transitionItem,
  type Application,
} from '../adapters/withdrawals-repository';
import { retirementUpdateItem } from '../adapters/retirement-repository';
import { commercialRunEndItem } from '../adapters/loans-repository';
import { retirementClaimPaidItems, retirementClaimReleaseItems } from '../closing/retirement-claim';
import { config } from '../platform/config';
import { APPLICATION_ID_PATTERN } from '../platform/ids';
import { keys } from '../platform/keys';
import { invocationHandler, log } from '../platform/log';
import { metric } from '../platform/metrics';
import { streamImage } from '../platform/stream';

export interface PayoutDeps {
  tableName: string;
  bank: PayoutBank;
  policy: Policy;
  /** The bank call's own timeout: the next attempt never starts before twice this. */
  bankTimeoutMs: number;
  random?: () => number;
}

let defaults: PayoutDeps | undefined;
/** The container's worker: the bank over HTTP, the configured policy. */
export function payoutDeps(): PayoutDeps {
  if (!defaults) {
    const { tableName, policy, bank } = config();
    defaults = { tableName, bank: httpBank(bank()), policy, bankTimeoutMs: bank().timeoutMs };
  }
  return defaults;
}

/** How one kind of payout is debited and given back; everything else is the same for all kinds. */
interface PayoutKind {
  debit(application: Application, policy: Policy, now: Date): Pick<PostingRequest, 'plan' | 'guards' | 'accountCondition'>;
  /** More writes that join the debit (the loans a closing repays marked paid off). */
  debitItems?(tableName: string, application: Application, now: Date): TransactItem[];
  /** Rules held inside the debit's transaction: a check that fails refuses the payout with its code (no money moves). */
  debitRules?(tableName: string, application: Application, policy: Policy, now: Date): { name: string; code: ErrorCode; item: TransactItem }[];
  /** Writes that join the reversal (the rent month freed for a new application); `reason` is the bank's, in words. */
  reversalItems(tableName: string, application: Application, reason: string, now: Date): TransactItem[];
  /** Writes that join a refusal at the debit (no money moved). */
  rejectedItems?(tableName: string, application: Application, now: Date): TransactItem[];
  /** The member's explanation of a refused payout, when the kind's differs from a withdrawal's. */
  failureText?(application: Application, reason: string): string;
  /** Writes that join the move to PAID (a retirement withdrawal closes the account). */
  paidItems?(tableName: string, application: Application, now: Date): TransactItem[];
  description(application: Application): string;
}

const rentPayout: PayoutKind = {
  debit(application, policy, now) {
    const plan = (account: AccountRecord): PlanResult => {
      if (account.status !== 'NORMAL' || account.frozen) return { ok: false, code: 'ACCOUNT_NOT_ACTIVE' };
      if (account.withdrawalLocked) return { ok: false, code: 'WITHDRAWAL_LOCKED' };
      if (account.personalMonthlyLimitFen !== undefined && application.amountFen > account.personalMonthlyLimitFen) return { ok: false, code: 'OVER_MONTHLY_LIMIT' };
      if (account.balanceFen - application.amountFen < policy.rent.retainedMinimumFen) return { ok: false, code: 'INSUFFICIENT_BALANCE' };
      return {
        ok: true,
        plan: {
          entry: { kind: 'WITHDRAWAL', amountFen: -application.amountFen, valueDate: chinaDate(now), description: `租房提取 ${application.month}` },
          account: { balanceFen: account.balanceFen - application.amountFen, version: account.version + 1 },
        },
      };
    };
    const guards: Guard[] = [
      { name: 'month', key: keys.rentMonth(application.accountNo, application.month), attributes: () => ({ applicationId: application.applicationId, month: application.month }) },
    ];
    // the switches the plan read do not move the version: the debit itself must still find them so
    return {
      plan,
      guards,
      accountCondition: {
        expression:
          '(attribute_not_exists(withdrawalLocked) OR withdrawalLocked = :unlocked) AND (attribute_not_exists(frozen) OR frozen = :unlocked)' +
          ' AND (attribute_not_exists(personalMonthlyLimitFen) OR personalMonthlyLimitFen >= :debitFen)',
        values: { ':unlocked': false, ':debitFen': application.amountFen },
      },
    };
  },
  debitRules(tableName, application, policy, now) {
    if (!policy.loan.agreementBlocksRent) return [];
    // 约定提取 signed after this application was checked: the rule holds at the debit, not only at submit
    const month = chinaDate(now).slice(0, 7);
    return [
      {
        name: 'repayment-agreement',
        code: 'REPAYMENT_AGREEMENT_ACTIVE',
        item: {
          ConditionCheck: {
            TableName: tableName,
            Key: keys.repaymentAgreement(application.accountNo),
            ConditionExpression: 'attribute_not_exists(pk) OR firstMonth > :month OR (#status = :cancelled AND lastMonth < :month)',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ':month': month, ':cancelled': 'CANCELLED' },
          },
        },
      },
    ];
  },
  reversalItems(tableName, application) {
    return [
      {
        Delete: {
          TableName: tableName,
          Key: keys.rentMonth(application.accountNo, application.month),
          ConditionExpression: 'applicationId = :id',
          ExpressionAttributeValues: { ':id': application.applicationId },
        },
      },
    ];
  },
  description: (application) => `租房提取 ${application.month}`,
};

/**
 * An account-closing payout — 离退休提取 and the counter's 销户提取 alike: the closing debit posts,
 * in one transaction, 销户结息 credited, the HPF loan repaid and the payout of the rest — the
 * balance then zero — conditioned on the balance being the one the figures were worked out from
 * (a late deposit means the figures are worked again) and guarded by the account's closing marker;
 * the loans repaid are marked paid off alongside. Once PAID the account is closed (销户) in the
 * same transaction. What differs by kind is only the words, the reason recorded, and the writes to
 * the kind's own record (`own`).
 */
interface ClosingKindSpec {
  description: (application: Application) => string;
  /** The balance moved since the figures were worked out. */
  staleCode: ErrorCode;
  closedReason: (application: Application) => string;
  own: Pick<PayoutKind, 'reversalItems' | 'rejectedItems'> & { paidItems?: PayoutKind['paidItems'] };
}

function closingPayout(spec: ClosingKindSpec): PayoutKind {
  return {
    debit(application, _policy, now) {
      const closing = application.closing!;
      const today = chinaDate(now);
      const label = spec.description(application);
      const plan = (account: AccountRecord): PlanResult => {
        if (account.status === 'CLOSED') return { ok: false, code: 'ACCOUNT_CLOSED' };
        if (account.frozen) return { ok: false, code: 'ACCOUNT_FROZEN' };
        if (account.balanceFen !== closing.balanceFen) return { ok: false, code: spec.staleCode };
        const preceding: EntryDraft[] = [];
        if (closing.closingInterestFen > 0) {
          preceding.push({ kind: 'INTEREST', amountFen: closing.closingInterestFen, valueDate: today, description: `销户结息（计至 ${closing.closingDate} 前一日）` });
        }
        if (closing.loanRepaymentFen > 0) {
          preceding.push({ kind: 'WITHDRAWAL', amountFen: -closing.loanRepaymentFen, valueDate: today, description: `${label} 偿还公积金贷款` });
        }
        return {
          ok: true,
          plan: {
            preceding,
            entry: { kind: 'WITHDRAWAL', amountFen: -application.amountFen, valueDate: today, description: `${label}（销户）` },
            account: {
              balanceFen: account.balanceFen + closing.closingInterestFen - closing.loanRepaymentFen - application.amountFen,
              version: account.version + preceding.length + 1,
              // an account still open is sealed by the debit: no deposit lands between the payout and the close
              ...(account.status === 'NORMAL' ? { status: 'SEALED' as const } : {}),
            },
          },
        };
      };
      return {
        plan,
        guards: [{ name: 'closing', key: keys.closing(application.accountNo), attributes: () => ({ applicationId: application.applicationId }) }],
        accountCondition: { expression: '(attribute_not_exists(frozen) OR frozen = :unfrozen)', values: { ':unfrozen': false } },
      };
    },
    debitItems(tableName, application, now) {
      return (application.closing?.loanContracts ?? []).map((contractNo) => ({
        Update: {
          TableName: tableName,
          Key: keys.loan(application.accountNo, contractNo),
          UpdateExpression: 'SET #status = :paidOff, payoffDate = :today',
          ConditionExpression: '#status = :outstanding',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':paidOff': 'PAID_OFF', ':outstanding': 'OUTSTANDING', ':today': chinaDate(now) },
        },
      }));
    },
    reversalItems(tableName, application, reason, now) {
      return [
        { Delete: { TableName: tableName, Key: keys.closing(application.accountNo), ConditionExpression: 'applicationId = :id', ExpressionAttributeValues: { ':id': application.applicationId } } },
        ...spec.own.reversalItems(tableName, application, reason, now),
      ];
    },
    ...(spec.own.rejectedItems ? { rejectedItems: spec.own.rejectedItems } : {}),
    paidItems(tableName, application, now) {
      return [
        {
          // 销户: the ledger's terms — zero balance, state CLOSED (deposits and postings refuse it from now on)
          Update: {
            TableName: tableName,
            Key: keys.account(application.accountNo),
            UpdateExpression: 'SET #status = :closed, closedOn = :today, closedReason = :reason, closingPayoutFen = :payout, updatedAt = :now',
            ConditionExpression: 'balanceFen = :zero AND #status <> :closed',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: {
              ':closed': 'CLOSED',
              ':today': chinaDate(now),
              ':reason': spec.closedReason(application),
              ':payout': application.amountFen,
              ':now': now.toISOString(),
              ':zero': 0,
            },
          },
        },
        ...(spec.own.paidItems?.(tableName, application, now) ?? []),
      ];
    },
    description: spec.description,
  };
}

/** 离退休提取: a refusal or a failed payout puts the prepared withdrawal back for the member, the interest credited remembered (earned once, not owed again). */
const retirementPayout = closingPayout({
  description: () => '离退休提取',
  staleCode: 'RETIREMENT_NOT_PREPARED',
  closedReason: () => 'RETIRED',
  own: {
    reversalItems: (tableName, application) => [backToPrepared(tableName, application, application.closing?.closingInterestFen ?? 0)],
    rejectedItems: (tableName, application) => [backToPrepared(tableName, application, 0)],
    paidItems: (tableName, application, now) => [
      retirementUpdateItem(tableName, application.accountNo, ['CONFIRMED'], { status: 'PAID', paidAt: now.toISOString(), closedOn: chinaDate(now), updatedAt: now.toISOString() }, { applicationId: application.applicationId }),
    ],
  },
});

/**
 * The counter's 销户提取: a refusal or a failed payout ends it, and the counter starts a new one. Its
 * only record beside the application is the retirement record a 凭退休证明 one holds (let go, or PAID).
 */
const counterClosingPayout = closingPayout({
  description: (application) => CLOSING_KINDS[application.counterClosing!.kind].label.replace(/（.*$/, ''),
  staleCode: 'CLOSING_HELD',
  closedReason: (application) => application.counterClosing!.kind,
  own: {
    reversalItems: retirementClaimReleaseItems,
    rejectedItems: retirementClaimReleaseItems,
    paidItems: (tableName, application, now) => retirementClaimPaidItems(tableName, application, now, chinaDate(now)),
  },
});

/** The prepared withdrawal given back to the member (a new round: told again), with any interest credited remembered. */
function backToPrepared(tableName: string, application: Application, interestCreditedFen: number): TransactItem {
  return retirementUpdateItem(
    tableName,
    application.accountNo,
    ['CONFIRMED'],
    { status: 'PREPARED', updatedAt: new Date().toISOString() },
    { applicationId: application.applicationId, remove: ['applicationId', 'noticeSentAt', 'autoPayOn'], add: { round: 1, interestCreditedFen } },
  );
}

/**
 * 商贷自动划转: one month's repayment to the loan's repayment account at a cooperating bank. The
 * debit keeps the retained minimum (whatever else moved the balance since the job planned it);
 * its month run (REPAYRUN#) follows the transfer to PAID or REFUSED — a refused month may be
 * tried again on a later day while the policy's tries last (loans/commercial-transfer.ts).
 */
const loanTransferPayout: PayoutKind = {
  debit(application, policy, now) {
    const transfer = application.loanTransfer!;
    const retained = policy.loan.retainedMinimumFen;
    const plan = (account: AccountRecord): PlanResult => {
      if (account.status === 'CLOSED') return { ok: false, code: 'ACCOUNT_CLOSED' };
      if (account.frozen) return { ok: false, code: 'ACCOUNT_FROZEN' };
      if (account.balanceFen - application.amountFen < retained) return { ok: false, code: 'INSUFFICIENT_BALANCE' };
      return {
        ok: true,
        plan: {
          entry: { kind: 'WITHDRAWAL', amountFen: -application.amountFen, valueDate: chinaDate(now), description: commercialTransferDescription(transfer.bankName, transfer.contractNo, application.month) },
          account: applyAmount(account, -application.amountFen),
        },
      };
    };
    return {
      plan,
      guards: [],
      accountCondition: {
        expression: '(attribute_not_exists(frozen) OR frozen = :unfrozen) AND balanceFen >= :needed',
        values: { ':unfrozen': false, ':needed': application.amountFen + retained },
      },
    };
  },
  reversalItems: (tableName, application, reason, now) => [commercialRunEndItem(tableName, runOf(application), 'REFUSED', now.toISOString(), reason)],
  rejectedItems: (tableName, application, now) => [commercialRunEndItem(tableName, runOf(application), 'REFUSED', now.toISOString(), '公积金账户余额或状态有变化')],
  paidItems: (tableName, application, now) => [commercialRunEndItem(tableName, runOf(application), 'PAID', now.toISOString())],
  failureText: (application, reason) => {
    const transfer = application.loanTransfer!;
    return commercialRefusedText({ reason, amountFen: application.amountFen, shortfallFen: transfer.shortfallFen, dueDate: transfer.dueDate, triesLeft: transfer.triesAllowed - transfer.tries });
  },
  description: (application) => commercialTransferDescription(application.loanTransfer!.bankName, application.loanTransfer!.contractNo, application.month),
};

function runOf(application: Application) {
  return { accountNo: application.accountNo, contractNo: application.loanTransfer!.contractNo, month: application.month, applicationId: application.applicationId };
}

const KINDS: Record<Application['kind'], PayoutKind> = { RENT: rentPayout, RETIREMENT: retirementPayout, CLOSING: counterClosingPayout, LOAN_TRANSFER: loanTransferPayout };

/** What joins a move to PAID for this application's kind (staff resolving 人工核查 use it too). */
export function paidItemsFor(tableName: string, application: Application, now: Date): TransactItem[] {
  return KINDS[application.kind].paidItems?.(tableName, application, now) ?? [];
}

const addMs = (now: Date, ms: number) => new Date(now.getTime() + ms).toISOString();

function retryAt(deps: PayoutDeps, attempt: number, now: Date): string {
  return addMs(now, payoutRetryDelayMs(attempt, deps.policy.payout, 2 * deps.bankTimeoutMs, deps.random));
}

function payingSince(application: Application): string {
  return application.payingSince ?? [...application.timeline].reverse().find((step) => step.status === 'PAYING')?.at ?? application.createdAt;
}

export const PAID_NOTE = '钱已转到您的银行卡';
export const MANUAL_CHECK_NOTE = '银行还没有确认这笔付款，工作人员正在向银行核实；钱不会重复转出，核实后会在这里显示结果';

/** The member's explanation of a payout the bank refused: what happened, where the money is, what to do. */
export function payoutFailureText(reason: string): string {
  return `银行没能把钱转到您的银行卡（${reason}），钱已退回您的公积金账户。请确认银行卡正常后重新申请，本月还可以再申请。`;
}

/**
 * Works on one application, whatever its state, and returns the state it left it in. Safe to run
 * twice at once: each step is conditioned on what it read, so one of two twins does nothing.
 */
export async function work(deps: PayoutDeps, application: Application, now: Date): Promise<WithdrawalStatus> {
  switch (application.status) {
    case 'APPROVED':
      return debitAndPay(deps, application, now);
    case 'PAYING':
    case 'MANUAL_CHECK':
      return attempt(deps, application, now);
    default:
      return application.status;
  }
}

async function current(deps: PayoutDeps, application: Application): Promise<WithdrawalStatus> {
  return (await getApplication(deps.tableName, application.applicationId, true))?.status ?? application.status;
}

async function refuse(deps: PayoutDeps, application: Application, code: ErrorCode, by: WithdrawalActor, now: Date, words: string = ERROR_MESSAGES[code]) {
  const done = await transition(deps.tableName, application, 'APPROVED', 'REJECTED', by, now, {
    note: words,
    set: { rejectionReason: words },
    release: true,
    with: KINDS[application.kind].rejectedItems?.(deps.tableName, application, now) ?? [],
  });
  if (done) metric('PayoutsRejectedAtDebit', 1, { code });
  return done ? 'REJECTED' : current(deps, application);
}

async function debitAndPay(deps: PayoutDeps, application: Application, now: Date): Promise<WithdrawalStatus> {
  const { tableName } = deps;
  const kind = KINDS[application.kind];
  const attempts = (application.attempts ?? 0) + 1;
  const rules = kind.debitRules?.(tableName, application, deps.policy, now) ?? [];
  let debit: Awaited<ReturnType<typeof post>>;
  try {
    debit = await post({
      tableName,
      accountNo: application.accountNo,
      postedAt: now,
      ...kind.debit(application, deps.policy, now),
      entryAttributes: { applicationId: application.applicationId },
      alongside: (entryId) => [
        {
          name: 'application',
          item: transitionItem(tableName, application, 'APPROVED', 'PAYING', 'PAYOUT_WORKER', now, {
            note: '开始付款',
            set: { entryId, attempts, payingSince: now.toISOString() },
            nextAttemptAt: retryAt(deps, attempts, now),
          }),
        },
        ...(kind.debitItems?.(tableName, application, now) ?? []).map((item, i) => ({ name: `kind-${i}`, item })),
        ...rules.map(({ name, item }) => ({ name, item })),
      ],
    });
  } catch (error) {
    // the table was busy: try again later, within the same limits as an unknown payout
    log('warn', 'payout debit failed; will try again', { applicationId: application.applicationId, errorName: (error as Error).name });
    if (payoutNeedsManualCheck({ attempts, payingSince: application.createdAt }, now, deps.policy.payout)) {
      return refuse(deps, application, 'BUSY_RETRY', 'SYSTEM', now, '系统繁忙，这次没有办成，钱没有扣，请重新申请。');
    }
    await claimAttempt(tableName, application, retryAt(deps, attempts, now));
    return 'APPROVED';
  }
  if (debit.outcome === 'rejected') return refuse(deps, application, debit.code, 'PAYOUT_WORKER', now);
  const brokenRule = debit.outcome === 'guarded' ? rules.find((rule) => rule.name === debit.guard) : undefined;
  if (brokenRule) return refuse(deps, application, brokenRule.code, 'PAYOUT_WORKER', now);
  if (debit.outcome === 'guarded') {
    // the month taken by another application; or this one moved on already (a twin debited it)
    if (debit.guard === 'month' && debit.existing.applicationId !== application.applicationId) {
      return refuse(deps, application, 'ALREADY_WITHDRAWN_THIS_MONTH', 'PAYOUT_WORKER', now);
    }
    return current(deps, application);
  }
  const paying: Application = { ...application, status: 'PAYING', attempts, entryId: debit.entryId, payingSince: now.toISOString() };
  return settle(deps, paying, await deps.bank.send(payoutOrder(paying)), now);
}

function payoutOrder(application: Application) {
  return { payoutId: application.applicationId, cardNo: application.bankCard, name: application.memberName, amountFen: application.amountFen };
}

/**
 * The move to PAID with its kind's writes (a retirement withdrawal closes the account). Should
 * those be refused (the account changed after the debit), the money has still left: it is
 * recorded PAID all the same and the close is left to staff, logged.
 */
export async function paid(tableName: string, application: Application, from: 'PAYING' | 'MANUAL_CHECK', by: WithdrawalActor, now: Date, note: string, extra: TransactItem[] = []): Promise<boolean> {
  const kindItems = paidItemsFor(tableName, application, now);
  try {
    return await transition(tableName, application, from, 'PAID', by, now, { note, release: true, with: [...kindItems, ...extra] });
  } catch (error) {
    if (kindItems.length === 0 || (error as Error).name !== 'TransactionCanceledException') throw error;
    log('error', 'paid, but the kind’s writes were refused; recorded paid, left to staff', { applicationId: application.applicationId, kind: application.kind });
    return transition(tableName, application, from, 'PAID', by, now, { note, release: true, with: extra });
  }
}

/** A later attempt: claim it, ask the bank what it knows of the reference, send only if it never got it. */
async function attempt(deps: PayoutDeps, application: Application, now: Date): Promise<WithdrawalStatus> {
  const next = (application.attempts ?? 0) + 1;
  const nextAt = application.status === 'MANUAL_CHECK' ? addMs(now, deps.policy.payout.manualCheckLookupMinutes * 60_000) : retryAt(deps, next, now);
  const claimed = await claimAttempt(deps.tableName, application, nextAt);
  if (!claimed) return current(deps, application);
  let answer: LookupAnswer = await deps.bank.lookup(application.applicationId);
  if (answer.status === 'NOT_FOUND') {
    // never received: safe to send under the same reference — but not from 人工核查, where a person decides
    if (claimed.status === 'MANUAL_CHECK') return 'MANUAL_CHECK';
    answer = await deps.bank.send(payoutOrder(claimed));
  }
  return settle(deps, claimed, answer, now);
}

async function settle(deps: PayoutDeps, application: Application, answer: LookupAnswer, now: Date): Promise<WithdrawalStatus> {
  const from = application.status as 'PAYING' | 'MANUAL_CHECK';
  if (answer.status === 'PAID') {
    const done = await paid(deps.tableName, application, from, 'PAYOUT_WORKER', now, PAID_NOTE);
    if (done) metric('PayoutsPaid', 1, { applicationId: application.applicationId, attempts: application.attempts });
    return done ? 'PAID' : current(deps, application);
  }
  if (answer.status === 'REFUSED') {
    log('warn', 'payout refused by the bank', { applicationId: application.applicationId, code: answer.code });
    return reverse(deps, application, from, answer.reason, 'PAYOUT_WORKER', now);
  }
  if (answer.status === 'UNKNOWN') log('warn', 'payout outcome unknown', { applicationId: application.applicationId, attempts: application.attempts, why: answer.why });
  metric('PayoutsUnknown', 1, { applicationId: application.applicationId });
  if (from === 'PAYING' && payoutNeedsManualCheck({ attempts: application.attempts ?? 1, payingSince: payingSince(application) }, now, deps.policy.payout)) {
    const moved = await transition(deps.tableName, application, 'PAYING', 'MANUAL_CHECK', 'SYSTEM', now, {
      note: MANUAL_CHECK_NOTE,
      attempts: application.attempts,
      nextAttemptAt: addMs(now, deps.policy.payout.manualCheckLookupMinutes * 60_000),
    });
    if (moved) metric('PayoutsManualCheck', 1, { applicationId: application.applicationId, attempts: application.attempts, payingSince: payingSince(application) });
    return moved ? 'MANUAL_CHECK' : current(deps, application);
  }
  return from;
}

/**
 * Gives the money back in one transaction with the state change (to PAYOUT_FAILED, with the
 * member's explanation), the open marker's release and the kind's own items; at most once per
 * application (the reversal marker). `with` joins more items (a staff decision's audit record).
 */
export async function reverse(
  deps: Pick<PayoutDeps, 'tableName'>,
  application: Application,
  from: 'PAYING' | 'MANUAL_CHECK',
  reason: string,
  by: WithdrawalActor,
  now: Date,
  extra: TransactItem[] = [],
): Promise<WithdrawalStatus> {
  const { tableName } = deps;
  const kind = KINDS[application.kind];
  const words = kind.failureText?.(application, reason) ?? payoutFailureText(reason);
  const reversed = await post({
    tableName,
    accountNo: application.accountNo,
    postedAt: now,
    plan: (account) => ({
      ok: true,
      plan: {
        entry: { kind: 'REVERSAL', amountFen: application.amountFen, valueDate: chinaDate(now), description: `${kind.description(application)} 退回（${reason}）` },
        account: { balanceFen: account.balanceFen + application.amountFen, version: account.version + 1 },
      },
    }),
    entryAttributes: { applicationId: application.applicationId },
    guards: [{ name: 'reversal', key: keys.reversal(application.accountNo, application.applicationId), attributes: () => ({ reason }) }],
    alongside: () => [
      { name: 'application', item: transitionItem(tableName, application, from, 'PAYOUT_FAILED', by, now, { note: words, set: { payoutFailure: words } }) },
      { name: 'open', item: releaseOpenItem(tableName, application.accountNo, application.applicationId) },
      ...kind.reversalItems(tableName, application, reason, now).map((item, i) => ({ name: `kind-${i}`, item })),
      ...extra.map((item, i) => ({ name: `extra-${i}`, item })),
    ],
  });
  if (reversed.outcome === 'posted') {
    metric('PayoutsFailed', 1, { applicationId: application.applicationId });
    return 'PAYOUT_FAILED';
  }
  return getApplication(tableName, application.applicationId, true).then((a) => a?.status ?? from);
}

/** What a stream record must carry to be worked on; anything else is a poison record. */
const StreamedApplication = z.object({
  applicationId: z.string().check(z.regex(APPLICATION_ID_PATTERN)),
  accountNo: z.string().check(z.regex(/^\d{12}$/)),
  kind: z.enum(Object.keys(KINDS) as [Application['kind']]),
  status: z.literal('APPROVED'),
  month: z.string().check(z.regex(/^\d{4}-\d{2}$/)),
  // a closing carries its figures: a retirement record without them cannot be debited
  closing: z.optional(z.object({ balanceFen: z.int(), closingInterestFen: z.int(), loanRepaymentFen: z.int(), closingDate: z.string(), loanContracts: z.array(z.string()) })),
  // a counter closing names its kind: its words and the account's closing reason come from it
  counterClosing: z.optional(z.object({ kind: ClosingKind, claimedRetirement: z.optional(z.boolean()) })),
  // a loan transfer names its contract and month run
  loanTransfer: z.optional(z.object({ bankCode: z.string(), bankName: z.string(), contractNo: z.string(), dueFen: z.int(), shortfallFen: z.int(), dueDate: z.string(), tries: z.int(), triesAllowed: z.int() })),
  amountFen: z.int().check(z.positive()),
  bankCard: z.string().check(z.regex(/^\d{12,19}$/)),
  memberName: z.string().check(z.minLength(1)),
  createdAt: z.string(),
  timeline: z.array(z.object({ status: z.string(), at: z.string() })),
});

/** The application a stream record asks the worker to pay: one that has just become APPROVED. */
export function approvedIn(record: DynamoDBRecord): Application | 'poison' | undefined {
  let after: Record<string, unknown> | undefined;
  try {
    after = streamImage(record, 'NewImage');
  } catch {
    return 'poison';
  }
  if (!after || typeof after.sk !== 'string' || !after.sk.startsWith(keys.withdrawalPrefix) || after.status !== 'APPROVED') return undefined;
  if (record.eventName === 'MODIFY' && streamImage(record, 'OldImage')?.status === 'APPROVED') return undefined;
  const parsed = StreamedApplication.safeParse(after);
  if (!parsed.success) return 'poison';
  const { pk: _pk, sk: _sk, gsi1pk: _q, gsi1sk: _qs, ...application } = after;
  return application as unknown as Application;
}

/**
 * The stream side: each application that became APPROVED is worked on at once. Nothing is
 * reported as failed — a failure here is retried by the sweep from the application itself, so one
 * payout never holds back the records behind it; a record that cannot be read is counted and
 * skipped (PayoutPoisonRecords, alarmed).
 */
export function streamHandler(deps: () => PayoutDeps = payoutDeps) {
  return invocationHandler(async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => {
    await Promise.all(
      event.Records.map(async (record) => {
        const application = approvedIn(record);
        if (!application) return;
        if (application === 'poison') {
          metric('PayoutPoisonRecords', 1, { eventId: record.eventID, sequenceNumber: record.dynamodb?.SequenceNumber, key: record.dynamodb?.Keys?.sk?.S });
          return;
        }
        try {
          await work(deps(), application, new Date());
        } catch (error) {
          log('error', 'payout worker failed on a stream record; the sweep will take it up', {
            applicationId: application.applicationId,
            errorName: (error as Error).name,
            errorMessage: (error as Error).message,
          });
        }
      }),
    );
    return { batchItemFailures: [] };
  });
}

export const handler = streamHandler();
