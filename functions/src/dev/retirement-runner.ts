/**
 * The daily 离退休提取 job as it runs locally (npm start, the browser tests): the same
 * runRetirementJob as the scheduled Lambda, once at start — so a person trying the demo finds
 * 刘建国's withdrawal prepared — and then once a day on a timer in place of EventBridge's schedule.
 */
import type { RetirementJobReport } from '../retirement/job';

const DAY_MS = 86_400_000;

export interface RetirementRunner {
  /** Runs the job now (a run already going is awaited, not doubled). */
  runNow(): Promise<RetirementJobReport | undefined>;
  stop(): Promise<void>;
}

export async function startRetirementRunner(options: { everyMs?: number } = {}): Promise<RetirementRunner> {
  const { runRetirementJob } = await import('../retirement/job');
  const { config } = await import('../platform/config');
  const { log } = await import('../platform/log');
  let running: Promise<RetirementJobReport | undefined> | undefined;
  const runNow = () =>
    (running ??= (async () => {
      const { tableName, policy, socialInsurance } = config();
      const report = await runRetirementJob({ tableName, policy, socialInsurance: socialInsurance() }, () => new Date(), () => Number.POSITIVE_INFINITY);
      log('info', 'retirement job', { ...report });
      return report;
    })()
      // tomorrow's run tries again, as the scheduled job would
      .catch((error: Error) => (log('warn', 'retirement job failed', { errorName: error.name }), undefined))
      .finally(() => (running = undefined)));
  await runNow();
  const timer = setInterval(() => void runNow(), options.everyMs ?? DAY_MS);
  timer.unref();
  return {
    runNow,
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
