/**
 * The daily jobs as they run locally (npm start, the browser tests): the same code as the
 * scheduled Lambdas, once at start — so a person trying the demo finds 刘建国's 离退休提取
 * prepared — and then once a day on a timer in place of EventBridge's schedule.
 */
import type { RetirementJobReport } from '../retirement/job';
import type { LoanRepaymentReport } from '../loans/repayment-job';

const DAY_MS = 86_400_000;

export interface DailyJobRunner<R> {
  /** Runs the job now (a run already going is awaited, not doubled). */
  runNow(): Promise<R | undefined>;
  stop(): Promise<void>;
}

async function startDailyJob<R extends object>(name: string, run: () => Promise<R>, everyMs = DAY_MS): Promise<DailyJobRunner<R>> {
  const { log } = await import('../platform/log');
  let running: Promise<R | undefined> | undefined;
  const runNow = () =>
    (running ??= run()
      .then((report) => (log('info', name, { ...(report as Record<string, unknown>) }), report))
      // tomorrow's run tries again, as the scheduled job would
      .catch((error: Error) => (log('warn', `${name} failed`, { errorName: error.name }), undefined))
      .finally(() => (running = undefined)));
  await runNow();
  const timer = setInterval(() => void runNow(), everyMs);
  timer.unref();
  return {
    runNow,
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}

export type RetirementRunner = DailyJobRunner<RetirementJobReport>;

export async function startRetirementRunner(options: { everyMs?: number } = {}): Promise<RetirementRunner> {
  const { runRetirementJob } = await import('../retirement/job');
  const { config } = await import('../platform/config');
  return startDailyJob(
    'retirement job',
    () => {
      const { tableName, policy, socialInsurance } = config();
      return runRetirementJob({ tableName, policy, socialInsurance: socialInsurance() }, () => new Date(), () => Number.POSITIVE_INFINITY);
    },
    options.everyMs,
  );
}

/** 约定提取还贷 (按月对冲还贷): repays each agreement's loan once a month, whichever day it runs. */
export async function startLoanRepaymentRunner(options: { everyMs?: number } = {}): Promise<DailyJobRunner<LoanRepaymentReport>> {
  const { runLoanRepaymentJob } = await import('../loans/repayment-job');
  const { httpLoanBank } = await import('../adapters/bank-client');
  const { config } = await import('../platform/config');
  return startDailyJob(
    'loan repayment job',
    () => {
      const { tableName, policy, bank } = config();
      return runLoanRepaymentJob({ tableName, policy, bank: httpLoanBank(bank()) }, () => new Date(), () => Number.POSITIVE_INFINITY);
    },
    options.everyMs,
  );
}
