/**
 * The withdrawal life cycle, declared once: every state an application can be in, every allowed
 * change, and who may cause it. Every writer (submit, review, cancel, the payout worker and its
 * reconciliation) asks this table before it builds a write, and every write is conditioned on
 * the state it leaves, so a change the table does not list can never be stored, and two writers
 * racing on one application cannot both win. docs/data-model.md shows this table as rendered by
 * `withdrawalLifeCycleMarkdown` (a test keeps them the same).
 *
 * Payout kinds other than rent (retirement — RETIREMENT — and the counter's CLOSING, both of which
 * close the account once PAID; 商贷自动划转 — LOAN_TRANSFER) follow the same life cycle: they differ in how they are checked and
 * debited, not in how money leaves.
 */
import type { WithdrawalStatus } from './schemas/withdrawals';

/**
 * Who causes a change. MEMBER: the member's own request. REVIEWER: counter staff (two people for
 * a decision). PAYOUT_WORKER: the one worker that debits and calls the bank, acting on the bank's
 * answer. SYSTEM: the policy clock — an attempt count or age limit reached.
 */
export type WithdrawalActor = 'MEMBER' | 'REVIEWER' | 'PAYOUT_WORKER' | 'SYSTEM';

export interface WithdrawalTransition {
  /** `null`: the application is created in `to`. */
  from: WithdrawalStatus | null;
  to: WithdrawalStatus;
  by: readonly WithdrawalActor[];
  /** When it happens, in plain words (rendered into the docs). */
  when: string;
  /** Money moves in the same transaction as this change. */
  money?: 'debit' | 'reversal';
}

export const WITHDRAWAL_LIFE_CYCLE: readonly WithdrawalTransition[] = [
  {
    from: null,
    to: 'APPROVED',
    by: ['MEMBER', 'SYSTEM'],
    when: 'submitted and every rule met with no risk flag (秒办); a retirement withdrawal confirmed by the member, or by the system when the policy’s days (免申即享) ran out; a month’s 商贷自动划转 made by the repayment job from the bank’s instalment',
  },
  {
    from: null,
    to: 'PENDING_REVIEW',
    by: ['MEMBER', 'REVIEWER'],
    when: 'submitted with a risk flag, or an account-closing withdrawal (出境定居, 完全丧失劳动能力, 身后一件事) started at the counter by staff: two reviewers decide',
  },
  { from: 'PENDING_REVIEW', to: 'APPROVED', by: ['REVIEWER'], when: 'a second reviewer confirms the first one’s approval' },
  { from: 'PENDING_REVIEW', to: 'REJECTED', by: ['REVIEWER'], when: 'a second reviewer confirms the first one’s refusal' },
  { from: 'PENDING_REVIEW', to: 'CANCELLED', by: ['MEMBER'], when: 'the member withdraws it before a decision' },
  {
    from: 'APPROVED',
    to: 'PAYING',
    by: ['PAYOUT_WORKER'],
    money: 'debit',
    when: 'the debit: ledger entry, balance and month marker, conditioned on the lock, the personal limit, the balance and the account state',
  },
  {
    from: 'APPROVED',
    to: 'REJECTED',
    by: ['PAYOUT_WORKER', 'SYSTEM'],
    when: 'the debit’s conditions refuse it (提取锁 set, limit lowered, balance, account state, month taken), or it could not be debited within the attempts and age of the payout policy — no money moved',
  },
  { from: 'PAYING', to: 'PAID', by: ['PAYOUT_WORKER'], when: 'the bank accepted the payout, or its lookup by reference says paid' },
  {
    from: 'PAYING',
    to: 'PAYOUT_FAILED',
    by: ['PAYOUT_WORKER'],
    money: 'reversal',
    when: 'the bank refused in a way that cannot succeed (bad card, closed account, malformed): the money goes back in the same transaction',
  },
  {
    from: 'PAYING',
    to: 'MANUAL_CHECK',
    by: ['SYSTEM'],
    when: 'the bank’s answer is still unknown after the policy’s attempts or age: 人工核查, listed for staff, alarmed',
  },
  { from: 'MANUAL_CHECK', to: 'PAID', by: ['PAYOUT_WORKER', 'REVIEWER'], when: 'a later lookup, or the bank’s confirmation recorded by staff, says paid' },
  {
    from: 'MANUAL_CHECK',
    to: 'PAYOUT_FAILED',
    by: ['PAYOUT_WORKER', 'REVIEWER'],
    money: 'reversal',
    when: 'a later lookup says refused, or staff record that the bank confirms it never paid: the money goes back',
  },
];

export const WITHDRAWAL_STATES: readonly WithdrawalStatus[] = [
  'PENDING_REVIEW',
  'APPROVED',
  'PAYING',
  'MANUAL_CHECK',
  'PAID',
  'REJECTED',
  'CANCELLED',
  'PAYOUT_FAILED',
];

/** The transition, if the table allows `by` to move an application from `from` to `to`. */
export function findWithdrawalTransition(from: WithdrawalStatus | null, to: WithdrawalStatus, by: WithdrawalActor): WithdrawalTransition | undefined {
  return WITHDRAWAL_LIFE_CYCLE.find((t) => t.from === from && t.to === to && t.by.includes(by));
}

/** Throws (a programming error, never a member's) when a writer asks for a change the table does not allow. */
export function assertWithdrawalTransition(from: WithdrawalStatus | null, to: WithdrawalStatus, by: WithdrawalActor): WithdrawalTransition {
  const transition = findWithdrawalTransition(from, to, by);
  if (!transition) throw new Error(`withdrawal life cycle: ${by} may not move ${from ?? '(new)'} → ${to}`);
  return transition;
}

export function nextWithdrawalStates(from: WithdrawalStatus): WithdrawalStatus[] {
  return WITHDRAWAL_LIFE_CYCLE.filter((t) => t.from === from).map((t) => t.to);
}

/** Nothing happens to an application after one of these. */
export function isFinalWithdrawalStatus(status: WithdrawalStatus): boolean {
  return nextWithdrawalStates(status).length === 0;
}

const ACTOR_WORDS: Record<WithdrawalActor, string> = {
  MEMBER: 'member',
  REVIEWER: 'reviewer',
  PAYOUT_WORKER: 'payout worker',
  SYSTEM: 'system (policy limits)',
};

/** The life cycle as the Markdown table docs/data-model.md carries. */
export function withdrawalLifeCycleMarkdown(): string {
  const rows = WITHDRAWAL_LIFE_CYCLE.map(
    (t) =>
      `| ${t.from ? `\`${t.from}\`` : '(new)'} | \`${t.to}\` | ${t.by.map((a) => ACTOR_WORDS[a]).join(', ')} | ${t.money ?? ''} | ${t.when} |`,
  );
  const finals = WITHDRAWAL_STATES.filter(isFinalWithdrawalStatus).map((s) => `\`${s}\``);
  return [
    '| from | to | caused by | money | when |',
    '|---|---|---|---|---|',
    ...rows,
    '',
    `Final states: ${finals.join(', ')}.`,
  ].join('\n');
}
