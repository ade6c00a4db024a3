import { routes } from '@hpf/shared';
import { recordAudit } from '../adapters/staff-repository';
import { config } from '../platform/config';
import { httpRoute } from '../platform/http';
import { postDepositBatch } from './post-batch';

/** Leave this much of the invocation for writing the answer and the outcome record. */
const RESERVE_MS = 5_000;

/**
 * The request is audited before any line posts, so no money moves unaudited even if the function
 * dies mid-batch; every entry it posts carries the clerk and this request id in its own
 * transaction, and the outcome (counts) is recorded after.
 */
export const handler = httpRoute(routes.postDepositBatch, async ({ body, session, remainingMs, requestId, now }) => {
  const { tableName, policy, postingConcurrency } = config();
  const audit = { actor: session.subject, target: body.batchId, requestId };
  await recordAudit(tableName, { ...audit, action: 'deposit-batch.post', details: { lines: body.lines.length } }, now);
  const result = await postDepositBatch(tableName, body.batchId, body.lines, policy, {
    concurrency: postingConcurrency,
    hasTimeLeft: () => remainingMs() > RESERVE_MS,
    // the request's time: every line of the batch is posted (and dated) as of it
    now: () => now,
    attribution: { postedBy: session.subject, requestId },
  });
  await recordAudit(tableName, { ...audit, action: 'deposit-batch.outcome', details: { lines: body.lines.length, ...result.counts } }, now, 1);
  return result;
});
