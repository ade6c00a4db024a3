/**
 * A daily job's walk over accounts (离退休提取, 约定提取还贷): `lanes` workers share one listing, so
 * each account is taken by one of them, and each account's step is counted by its outcome. It
 * stops taking accounts when less than 10 s of the invocation is left, and a step that throws is
 * counted as `onError`: tomorrow's run picks either up again, since every step is guarded by its
 * own record (a prepared withdrawal, the month's run marker).
 */
import { log } from './log';

const RESERVE_MS = 10_000;

export interface SweepReport<O extends string> {
  outcomes: Partial<Record<O, number>>;
  /** Accounts were left for the next run (the invocation ran out of time). */
  leftOver: boolean;
}

export async function sweepAccounts<O extends string>(
  accounts: AsyncIterator<string>,
  step: (accountNo: string) => Promise<O>,
  options: { job: string; onError: O; timeLeftMs: () => number; lanes?: number },
): Promise<SweepReport<O>> {
  const outcomes: Partial<Record<O, number>> = {};
  let leftOver = false;
  const lane = async () => {
    for (;;) {
      if (options.timeLeftMs() < RESERVE_MS) {
        leftOver = true;
        return;
      }
      const next = await accounts.next();
      if (next.done) return;
      let outcome: O;
      try {
        outcome = await step(next.value);
      } catch (error) {
        log('warn', `${options.job}: one account failed`, { accountNo: next.value, errorName: (error as Error).name });
        outcome = options.onError;
      }
      outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
    }
  };
  await Promise.all(Array.from({ length: options.lanes ?? 4 }, lane));
  return { outcomes, leftOver };
}
