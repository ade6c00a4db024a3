/**
 * Posts a batch's lines with bounded parallelism. Lines not started before the time budget runs
 * out come back `pending`, and so do lines whose posting failed on the way (DynamoDB throttling or
 * a conflict the SDK gave up on, a dropped connection: whether the write stood is not known);
 * posting the same batch again finishes them, and the lines already posted come back `duplicate`
 * — nothing is posted twice and nothing is lost, and one line's trouble does not fail the rest.
 */
import type { AccountRecord, DepositBatchResponse, DepositLine, DepositLineResult, Policy } from '@hpf/shared';
import { getAccounts } from '../adapters/accounts-repository';
import type { Attribution } from '../adapters/staff-repository';
import { log } from '../platform/log';
import { metric } from '../platform/metrics';
import { postDepositLine } from './post-line';

const PREFETCH_CHUNK = 100;

export interface BatchOptions {
  concurrency: number;
  /** Start no new line when fewer milliseconds than this are left. */
  hasTimeLeft: () => boolean;
  now: () => Date;
  /** Written on every entry the batch posts. */
  attribution: Attribution;
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
  // Profiles are read a chunk at a time (one BatchGetItem per 100 lines) just before the chunk
  // posts, instead of one read per line; each posting is still conditioned on the version read.
  const chunks = new Map<number, Promise<Map<string, AccountRecord>>>();
  const profilesFor = (index: number) => {
    const chunk = Math.floor(index / PREFETCH_CHUNK);
    if (!chunks.has(chunk)) {
      const slice = lines.slice(chunk * PREFETCH_CHUNK, (chunk + 1) * PREFETCH_CHUNK);
      chunks.set(chunk, getAccounts(tableName, slice.map((line) => line.accountNo)));
      chunks.delete(chunk - 2);
    }
    return chunks.get(chunk)!;
  };
  const worker = async () => {
    while (next < lines.length) {
      const index = next;
      next += 1;
      const line = lines[index];
      if (!options.hasTimeLeft()) {
        results[index] = { lineNo: line.lineNo, accountNo: line.accountNo, outcome: 'pending', message: '本次未处理，请重新提交同一批次。' };
        continue;
      }
      try {
        const prefetched = (await profilesFor(index)).get(line.accountNo);
        results[index] = await postDepositLine(tableName, batchId, line, policy, options.now(), options.attribution, prefetched);
      } catch (error) {
        log('error', 'deposit line not settled; left pending', { batchId, lineNo: line.lineNo, error: (error as Error).name });
        results[index] = { lineNo: line.lineNo, accountNo: line.accountNo, outcome: 'pending', message: '本次未处理成功，请重新提交同一批次。' };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency, lines.length) }, worker));
  const counts = { posted: 0, duplicate: 0, rejected: 0, pending: 0 };
  for (const result of results) counts[result.outcome] += 1;
  // one measurement per batch (its value the lines newly posted), not a log line per line
  if (counts.posted > 0) metric('DepositLinesPosted', counts.posted, { batchId });
  return { batchId, complete: counts.pending === 0, counts, results };
}
