/**
 * Posts a batch's lines with bounded parallelism. Lines not started before the time budget runs
 * out come back `pending`; posting the same batch again finishes them, and the lines already
 * posted come back `duplicate` — nothing is posted twice and nothing is lost.
 */
import type { DepositBatchResponse, DepositLine, DepositLineResult, Policy } from '@hpf/shared';
import { postDepositLine } from './post-line';

export interface BatchOptions {
  concurrency: number;
  /** Start no new line when fewer milliseconds than this are left. */
  hasTimeLeft: () => boolean;
  now: () => Date;
}

export async function postDepositBatch(
  tableName: string,
  batchId: string,
  lines: DepositLine[],
  policy: Policy,
  options: BatchOptions,
): Promise<DepositBatchResponse> {
  const results: DepositLineResult[] = new Array(lines.length);
  let next = 0;
  const worker = async () => {
    while (next < lines.length) {
      const index = next;
      next += 1;
      const line = lines[index];
      results[index] = options.hasTimeLeft()
        ? await postDepositLine(tableName, batchId, line, policy, options.now())
        : { lineNo: line.lineNo, accountNo: line.accountNo, outcome: 'pending', message: '本次未处理，请重新提交同一批次。' };
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency, lines.length) }, worker));
  const counts = { posted: 0, duplicate: 0, rejected: 0, pending: 0 };
  for (const result of results) counts[result.outcome] += 1;
  return { batchId, complete: counts.pending === 0, counts, results };
}
