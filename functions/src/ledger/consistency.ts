/**
 * The ledger consistency check: for every account, balance = Σ ledger amounts; entry ids run
 * 1..version with no gap; each entry's balanceAfter is the running sum; every amount is whole
 * fen; the hash chain holds from the first entry to the profile's head (append-only); and the
 * profile's months deposited hold every deposit entry's month, with 缴至年月, 连续缴存月数 and the
 * missed months what those months give (profiles written before the months were kept: skipped).
 */
import { depositFacts, hasMonth, type AccountRecord, type LedgerEntry } from '@hpf/shared';
import { ledgerEntryId } from '../platform/ids';
import { CHAIN_GENESIS, chainHash } from './chain';

export interface Violation {
  accountNo: string;
  rule: string;
  detail: string;
}

export interface AccountLedger {
  account: AccountRecord;
  /** In any order. */
  entries: LedgerEntry[];
}

export function checkAccountLedger({ account, entries }: AccountLedger): Violation[] {
  const violations: Violation[] = [];
  const fail = (rule: string, detail: string) => violations.push({ accountNo: account.accountNo, rule, detail });
  const sorted = [...entries].sort((a, b) => a.entryId.localeCompare(b.entryId));

  if (!Number.isSafeInteger(account.balanceFen)) fail('whole-fen', `balance ${account.balanceFen}`);
  if (sorted.length !== account.version) fail('gapless', `${sorted.length} entries, version ${account.version}`);

  let running = 0;
  let head = CHAIN_GENESIS;
  sorted.forEach((entry, index) => {
    if (entry.entryId !== ledgerEntryId(index + 1)) fail('gapless', `entry ${index + 1} has id ${entry.entryId}`);
    if (!Number.isSafeInteger(entry.amountFen) || !Number.isSafeInteger(entry.balanceAfterFen)) {
      fail('whole-fen', `entry ${entry.entryId}: ${entry.amountFen} / ${entry.balanceAfterFen}`);
    }
    running += entry.amountFen;
    if (entry.balanceAfterFen !== running) fail('running-balance', `entry ${entry.entryId}: balanceAfter ${entry.balanceAfterFen}, running sum ${running}`);
    if (running < 0) fail('non-negative', `entry ${entry.entryId} leaves ${running}`);
    head = chainHash(head, entry);
    if (entry.chainHash !== head) fail('append-only', `entry ${entry.entryId} does not continue the hash chain`);
  });
  if (running !== account.balanceFen) fail('balance-equals-ledger', `balance ${account.balanceFen}, Σ ledger ${running}`);
  if (sorted.length > 0 && account.ledgerHead !== head) fail('append-only', 'the profile head does not match the last entry');
  if (account.depositedMonths) {
    const months = account.depositedMonths;
    for (const entry of sorted) {
      if (entry.kind === 'DEPOSIT' && entry.depositMonth && !hasMonth(months, entry.depositMonth)) {
        fail('deposit-months', `entry ${entry.entryId} deposits ${entry.depositMonth}, not among the profile's months`);
      }
    }
    const expected = depositFacts(months);
    const stored = { paidUpTo: account.paidUpTo, continuousMonths: account.continuousMonths, missedMonths: account.missedMonths };
    if (stored.paidUpTo !== expected.paidUpTo || stored.continuousMonths !== expected.continuousMonths || stored.missedMonths !== expected.missedMonths) {
      fail('deposit-months', `profile ${JSON.stringify(stored)}, its months give ${JSON.stringify(expected)}`);
    }
  }
  return violations;
}
