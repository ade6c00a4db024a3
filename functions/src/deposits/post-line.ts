/**
 * Posts one deposit line through the ledger. Two guards make it happen at most once: the
 * batch line's idempotency record (same batch id + line number) and the account's month marker
 * (same account + month, whichever batch brings it). A guard that already exists turns the
 * posting into a no-op that reports the original entry. The profile's set of months deposited
 * refuses a month it already holds, before any write; that answer is resolved through the same
 * guards, so a re-posted line still reports its original entry.
 */
import { createHash } from 'node:crypto';
import { ERROR_MESSAGES, planDeposit, type AccountRecord, type DepositLine, type DepositLineResult, type Policy } from '@hpf/shared';
import { post, readGuard, type Guard } from '../adapters/ledger-repository';
import { keys } from '../platform/keys';
import type { Attribution } from '../adapters/staff-repository';

/** Idempotency records for batch lines outlive any retry window by far; the month marker stays forever. */
const IDEMPOTENCY_TTL_SECONDS = 400 * 24 * 3600;

export function lineHash(line: DepositLine): string {
  const canonical = [line.lineNo, line.accountNo, line.name ?? '', line.month, line.unitFen, line.personalFen].join('|');
  return createHash('sha256').update(canonical).digest('base64url');
}

export async function postDepositLine(
  tableName: string,
  batchId: string,
  line: DepositLine,
  policy: Policy,
  now: Date,
  attribution: Attribution,
  prefetched?: AccountRecord,
): Promise<DepositLineResult> {
  const base = { lineNo: line.lineNo, accountNo: line.accountNo };
  const requestHash = lineHash(line);
  const guards: Guard[] = [
    {
      name: 'line',
      key: keys.idempotency('DEPOSIT_LINE', `${batchId}#${line.lineNo}`),
      attributes: () => ({ requestHash, batchId, lineNo: line.lineNo, ttl: Math.floor(now.getTime() / 1000) + IDEMPOTENCY_TTL_SECONDS }),
    },
    {
      name: 'month',
      key: keys.depositMonth(line.accountNo, line.month),
      attributes: () => ({ batchId, lineNo: line.lineNo, month: line.month }),
    },
  ];
  const outcome = await post({
    tableName,
    accountNo: line.accountNo,
    postedAt: now,
    plan: (account) => planDeposit(account, line, policy, now),
    ...(prefetched ? { prefetched } : {}),
    entryAttributes: { batchId, lineNo: line.lineNo, ...attribution },
    guards,
  });
  switch (outcome.outcome) {
    case 'posted':
      return { ...base, outcome: 'posted', entryId: outcome.entryId };
    case 'rejected': {
      // The profile already holds the month: this line (or another batch's) posted it. Answer as
      // the guard would have; a month with no marker was carried over from before the markers.
      if (outcome.code === 'MONTH_ALREADY_DEPOSITED') {
        for (const guard of guards) {
          const existing = await readGuard(tableName, guard.key);
          if (existing.pk) return guarded(guard.name, existing);
        }
      }
      return { ...base, outcome: 'rejected', code: outcome.code, message: ERROR_MESSAGES[outcome.code] };
    }
    case 'guarded':
      return guarded(outcome.guard, outcome.existing);
  }

  function guarded(guard: string, existing: Record<string, unknown>): DepositLineResult {
    if (guard === 'line' && existing.requestHash !== requestHash) {
      return { ...base, outcome: 'rejected', code: 'LINE_CONFLICT', message: ERROR_MESSAGES.LINE_CONFLICT };
    }
    return {
      ...base,
      outcome: 'duplicate',
      ...(typeof existing.entryId === 'string' ? { entryId: existing.entryId } : {}),
      message:
        guard === 'line'
          ? '这一行已经入账，没有重复入账。'
          : `${line.month} 的缴存已由批次 ${String(existing.batchId)} 第 ${String(existing.lineNo)} 行入账，没有重复入账。`,
    };
  }
}
