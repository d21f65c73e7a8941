import type { Doc, FindOptions, ReadModelStore } from '../read-model-store.port';

/**
 * Every document a query matches, read `pageSize` at a time along the keyset cursor, so a long
 * result never sits in memory whole. A consumer that stops early (`break`, `return`) reads no
 * further page.
 */
export async function* findEach<T extends object = Doc>(
  store: Pick<ReadModelStore, 'find'>,
  collection: string,
  options: Omit<FindOptions, 'limit' | 'cursor'>,
  pageSize: number,
): AsyncGenerator<T> {
  let cursor: string | undefined;
  do {
    const page = await store.find<T>(collection, { ...options, limit: pageSize, cursor });
    yield* page.items;
    cursor = page.nextCursor;
  } while (cursor);
}
