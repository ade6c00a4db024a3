/** Reads the staff review queue page by page through its handler, as the console's 读取下一批 does. */
import { queue } from '../functions/src/withdrawals/review';
import { invoke } from './http';

export interface QueuePages {
  seen: { applicationId: string; createdAt: string }[];
  pages: number;
}

/** Every page of `limit` until no next cursor is given (or `maxPages`, so a cursor loop cannot hang the test). */
export async function readWholeQueue(token: string, limit: number, maxPages: number): Promise<QueuePages> {
  const seen: QueuePages['seen'] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const reply = await invoke(queue, { token, query: { limit: String(limit), ...(cursor ? { cursor } : {}) } });
    expect(reply.status).toBe(200);
    expect(reply.body.items.length).toBeLessThanOrEqual(limit);
    seen.push(...reply.body.items);
    cursor = reply.body.nextCursor;
    pages += 1;
  } while (cursor && pages < maxPages);
  return { seen, pages };
}
