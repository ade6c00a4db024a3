/**
 * Metrics in CloudWatch's embedded metric format: one log line per measurement, which CloudWatch
 * turns into a metric (namespace `HPF`, dimension `service`: the line's service) with no API call
 * from the function. Alarms on them are declared in serverless.yml.
 */
import { log } from './log';

/** Each metric and the service (its dimension) it is counted under. */
const METRICS = {
  PayoutsPaid: 'payouts',
  PayoutsFailed: 'payouts',
  PayoutsUnknown: 'payouts',
  PayoutsManualCheck: 'payouts',
  PayoutsRejectedAtDebit: 'payouts',
  PayoutPoisonRecords: 'payouts',
  PayoutSweepLeftOver: 'payouts',
  /** 到账提醒 WeChat accepted (one per reminder: the claim sends each at most once). */
  RemindersSent: 'reminders',
  /** Deposit lines newly posted to a ledger (a line posted again as `duplicate` is not counted). */
  DepositLinesPosted: 'deposits',
  /** 差评 cases past their working-day deadline with the office's work not done (each run counts all of them). */
  RatingCasesOverdue: 'ratings',
} as const;

export type MetricName = keyof typeof METRICS;

/** Lines that need someone: written at error level as well as counted. */
const ALARMING: ReadonlySet<MetricName> = new Set(['PayoutPoisonRecords', 'PayoutsManualCheck', 'RatingCasesOverdue']);

export const METRIC_NAMESPACE = 'HPF';

export function metric(name: MetricName, value = 1, fields: Record<string, unknown> = {}): void {
  const service = METRICS[name];
  log(
    ALARMING.has(name) ? 'error' : 'info',
    `metric ${name}`,
    {
      ...fields,
      _aws: {
        Timestamp: Date.now(),
        CloudWatchMetrics: [{ Namespace: METRIC_NAMESPACE, Dimensions: [['service']], Metrics: [{ Name: name, Unit: 'Count' }] }],
      },
      [name]: value,
    },
    service,
  );
}
