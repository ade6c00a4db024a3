/** Reads the staff review queue (or another staff list) page by page through its handler, as the console's 读取下一批 does. */
import { queue } from '../functions/src/withdrawals/review';
import { invoke, type Handler } from './http';

export interface QueuePages {
  seen: { applicationId: string; accountNo: string; createdAt: string; flags?: unknown[]; firstDecision?: unknown }[];
  pages: number;
}

/**
 * Every page of `limit` until no next cursor is given (or `maxPages`, so a cursor loop cannot hang
 * the test); `query` (filters, order) goes with every page, `handler` is the list read.
 */
export async function readWholeQueue(
  token: string,
  limit: number,
  maxPages: number,
  { query = {}, handler = queue }: { query?: Record<string, string>; handler?: Handler } = {},
): Promise<QueuePages> {
  const seen: QueuePages['seen'] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const reply = await invoke(handler, { token, query: { ...query, limit: String(limit), ...(cursor ? { cursor } : {}) } });
    expect(reply.status).toBe(200);
    expect(reply.body.items.length).toBeLessThanOrEqual(limit);
    seen.push(...reply.body.items);
    cursor = reply.body.nextCursor;
    pages += 1;
  } while (cursor && pages < maxPages);
  return { seen, pages };
}
