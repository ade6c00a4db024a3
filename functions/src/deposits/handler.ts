import { routes } from '@hpf/shared';
import { recordAudit } from '../adapters/staff-repository';
import { config } from '../platform/config';
import { httpRoute } from '../platform/http';
import { postDepositBatch } from './post-batch';

/** Leave this much of the invocation for writing the answer and the audit record. */
const RESERVE_MS = 5_000;

export const handler = httpRoute(routes.postDepositBatch, async ({ body, session, remainingMs, requestId, now }) => {
  const { tableName, policy, postingConcurrency } = config();
  const result = await postDepositBatch(tableName, body.batchId, body.lines, policy, {
    concurrency: postingConcurrency,
    hasTimeLeft: () => remainingMs() > RESERVE_MS,
    now: () => new Date(),
  });
  await recordAudit(
    tableName,
    {
      actor: session.subject,
      action: 'deposit-batch.post',
      target: body.batchId,
      requestId,
      details: { lines: body.lines.length, ...result.counts },
    },
    now,
  );
  return result;
});
