/**
 * Metrics in CloudWatch's embedded metric format: one log line per measurement, which CloudWatch
 * turns into a metric (namespace `HPF`, dimension `service`) with no API call from the function.
 * Alarms on them are declared in serverless.yml.
 */
import { log } from './log';

export type MetricName =
  | 'PayoutsPaid'
  | 'PayoutsFailed'
  | 'PayoutsUnknown'
  | 'PayoutsManualCheck'
  | 'PayoutsRejectedAtDebit'
  | 'PayoutPoisonRecords'
  | 'PayoutSweepLeftOver';

export const METRIC_NAMESPACE = 'HPF';

export function metric(name: MetricName, value = 1, fields: Record<string, unknown> = {}): void {
  log(name === 'PayoutPoisonRecords' || name === 'PayoutsManualCheck' ? 'error' : 'info', `metric ${name}`, {
    ...fields,
    _aws: {
      Timestamp: Date.now(),
      CloudWatchMetrics: [{ Namespace: METRIC_NAMESPACE, Dimensions: [['service']], Metrics: [{ Name: name, Unit: 'Count' }] }],
    },
    service: 'payouts',
    [name]: value,
  });
}
