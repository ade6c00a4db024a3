/**
 * 日清日结 for staff over HTTP: the day's view, a note on an unmatched item, proposing and approving
 * the close. Thin: parse (the route's schemas) → close.ts → the day's view again.
 */
import { closeBlocker, routes, UNMATCHED_CAUSE_LABELS, unmatchedKey, type Policy, type ReconciliationDayView } from '@hpf/shared';
import { getDayClose, getDayResults } from '../adapters/reconciliation-repository';
import { config } from '../platform/config';
import { httpRoute } from '../platform/http';
import { approveClose, noteItem, proposeClose, type StaffAct } from './close';

const ROLE_LABELS = { COLLECTION: '归集户', PAYOUT: '付款户' } as const;
const KIND_LABELS = { DEPOSIT_BATCH: '缴存批次', PAYOUT: '提取付款', REVERSAL: '付款退回', INTEREST: '结息划入' } as const;

export async function dayView(tableName: string, policy: Pick<Policy, 'reconciliation'>, date: string): Promise<ReconciliationDayView> {
  const accounts = policy.reconciliation.bankAccounts;
  const [results, close] = await Promise.all([getDayResults(tableName, accounts.map((account) => ({ bankAccountNo: account.accountNo, date }))), getDayClose(tableName, date)]);
  return {
    date,
    close: close
      ? {
          status: close.status,
          statusLabel: close.status === 'CLOSED' ? '已日结' : '已提交，待复核',
          proposedBy: close.proposedBy,
          proposedByLabel: close.proposedByLabel ?? close.proposedBy,
          proposedAt: close.proposedAt,
          ...(close.closedBy ? { closedBy: close.closedBy, closedByLabel: close.closedByLabel ?? close.closedBy, closedAt: close.closedAt } : {}),
        }
      : null,
    closable: !close && !closeBlocker(date, accounts, results),
    banks: accounts.map((account, index) => {
      const result = results[index];
      const base = { bankAccountNo: account.accountNo, bank: account.bank, roleLabel: ROLE_LABELS[account.role] };
      if (!result) return { ...base, imported: false, statusLabel: '对账单未导入', matchedCount: 0, inTransit: [], unmatched: [] };
      return {
        ...base,
        imported: true,
        status: result.status,
        statusLabel: result.status === 'BALANCED' ? '已对平' : `有 ${result.unmatched.length} 笔未达账项`,
        openingFen: result.openingFen,
        closingFen: result.closingFen,
        matchedCount: result.matched.length,
        inTransit: result.inTransit.map((m) => ({ reference: m.reference, kindLabel: KIND_LABELS[m.kind], direction: m.direction, amountFen: m.amountFen, bookedOn: m.bookedOn })),
        unmatched: result.unmatched.map((item) => ({
          key: unmatchedKey(item),
          cause: item.cause,
          causeLabel: UNMATCHED_CAUSE_LABELS[item.cause],
          ...(item.reference !== undefined ? { reference: item.reference } : {}),
          ...(item.bookFen !== undefined ? { bookFen: item.bookFen } : {}),
          ...(item.statementFen !== undefined ? { statementFen: item.statementFen } : {}),
          ...(item.ageDays !== undefined ? { ageDays: item.ageDays } : {}),
          ...(item.note ? { note: item.note } : {}),
        })),
      };
    }),
  };
}

const actOf = (session: { subject: string; reader?: { label?: string } }, requestId: string, now: Date): StaffAct => ({
  tableName: config().tableName,
  actor: session.subject,
  // the office the staff record names, then who: colleagues read 本中心 归集科 deposit.clerk
  ...(session.reader?.label ? { actorLabel: `${session.reader.label} ${session.subject}` } : {}),
  requestId,
  now,
});

export const day = httpRoute(routes.reconciliationDay, async ({ params }) => dayView(config().tableName, config().policy, params.date));

export const note = httpRoute(routes.reconciliationNote, async ({ params, body, session, requestId, now }) => {
  await noteItem(actOf(session, requestId, now), body.bankAccountNo, params.date, body.itemKey, body.text);
  return dayView(config().tableName, config().policy, params.date);
});

export const propose = httpRoute(routes.proposeDayClose, async ({ params, session, requestId, now }) => {
  await proposeClose(actOf(session, requestId, now), config().policy, params.date);
  return dayView(config().tableName, config().policy, params.date);
});

export const approve = httpRoute(routes.approveDayClose, async ({ params, session, requestId, now }) => {
  await approveClose(actOf(session, requestId, now), params.date);
  return dayView(config().tableName, config().policy, params.date);
});
