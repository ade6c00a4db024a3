/**
 * Every morning: counts the 差评 cases whose office work is past its deadline (a metric, alarmed in
 * serverless.yml, and a line per case naming it), and closes the cases whose member did not answer
 * within the policy's days after the 回访 (the life cycle's SYSTEM step).
 */
import { chinaDate, isCaseOverdue, RATING_CASE_OPEN_STATES } from '@hpf/shared';
import { casesIn, changeCase, type RatingCase } from '../adapters/ratings-repository';
import { config } from '../platform/config';
import { invocationHandler, log } from '../platform/log';
import { metric } from '../platform/metrics';

export interface OverdueReport {
  overdue: string[];
  closedUnanswered: string[];
}

export async function checkRatingCases(now: Date): Promise<OverdueReport> {
  const { tableName } = config();
  const today = chinaDate(now);
  // the open states' queues are ordered by the day each case is due: only those due before today are read
  const late = (await casesIn(tableName, RATING_CASE_OPEN_STATES, today)).filter((record) => isCaseOverdue(record.status, record.dueOn, today));
  for (const record of late) log('warn', 'rating case overdue', { caseId: record.caseId, status: record.status, office: record.office, dueOn: record.dueOn });
  metric('RatingCasesOverdue', late.length);

  const unanswered = await casesIn(tableName, ['FOLLOWED_UP'], now.toISOString());
  const closed: string[] = [];
  for (const record of unanswered) {
    const next: RatingCase = {
      ...record,
      status: 'CLOSED',
      history: [...record.history, { step: 'AUTO_CLOSE', stepLabel: '评价人未在期限内答复，自动办结', by: '系统', at: now.toISOString() }],
    };
    if (await changeCase(tableName, { from: 'FOLLOWED_UP', next, mirror: { caseStatus: 'CLOSED' } }, now)) closed.push(record.caseId);
  }
  return { overdue: late.map((record) => record.caseId), closedUnanswered: closed };
}

export const handler = invocationHandler(async () => checkRatingCases(new Date()));
