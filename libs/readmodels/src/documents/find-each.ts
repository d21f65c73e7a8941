import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Doc, FindOptions, ReadModelStore } from '../read-model-store.port';

/**
 * Every document a query matches, read `pageSize` at a time along the keyset cursor, so a long
 * result never sits in memory whole. A consumer that stops early (`break`, `return`) reads no
 * further page.
 *
 * Between pages it gives the event loop a turn: the SQLite store reads synchronously, so a long
 * pass (a quarter's SLA dashboard) would otherwise hold every other request until its last page.
 * The size of a page is then also the longest stretch others wait.
 */
export async function* findEach<T extends object = Doc>(
  store: Pick<ReadModelStore, 'find'>,
  collection: string,
  options: Omit<FindOptions, 'limit' | 'cursor'>,
  pageSize: number,
): AsyncGenerator<T> {
  let cursor: string | undefined;
  do {
    if (cursor) await nextTurn();
    const page = await store.find<T>(collection, { ...options, limit: pageSize, cursor });
    yield* page.items;
    cursor = page.nextCursor;
  } while (cursor);
}
