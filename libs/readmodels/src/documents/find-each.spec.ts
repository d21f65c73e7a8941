import { SqliteReadModelStore } from '../sqlite/sqlite-read-model-store';
import { findEach } from './find-each';

describe('findEach', () => {
  let store: SqliteReadModelStore;
  const reads: number[] = [];

  beforeEach(async () => {
    store = new SqliteReadModelStore(':memory:');
    await store.ensureCollections([{ name: 'items', indexedFields: ['rank'] }]);
    await store.applyBatch('test', [{ position: 1 }], (_event, tx) => {
      for (let rank = 1; rank <= 5; rank++) tx.put('items', `item-${rank}`, { rank });
    });
    reads.length = 0;
    const find = store.find.bind(store);
    jest.spyOn(store, 'find').mockImplementation((collection, options) => {
      reads.push(options?.limit ?? 0);
      return find(collection, options);
    });
  });

  afterEach(() => store.close());

  const ranks = async (documents: AsyncIterable<{ rank: number }>, upTo = Infinity) => {
    const seen: number[] = [];
    for await (const { rank } of documents) {
      if (seen.length === upTo) break;
      seen.push(rank);
    }
    return seen;
  };

  it('yields every match in the query order, a page at a time', async () => {
    const documents = findEach<{ rank: number }>(
      store,
      'items',
      { where: { rank: { gte: 2 } }, orderBy: [{ field: 'rank', direction: 'desc' }] },
      2,
    );
    expect(await ranks(documents)).toEqual([5, 4, 3, 2]);
    expect(reads).toEqual([2, 2]);
  });

  it('reads no further page once the consumer stops', async () => {
    const documents = findEach<{ rank: number }>(store, 'items', {}, 2);
    expect(await ranks(documents, 2)).toEqual([1, 2]);
    expect(reads).toEqual([2, 2]);
  });

  it('gives the event loop a turn between pages, so other requests are served during a long pass', async () => {
    // The SQLite store answers synchronously: without a turn between pages, a callback queued
    // now (another request's I/O) would run only after the last page.
    let pagesReadWhenOthersRan: number | undefined;
    setImmediate(() => (pagesReadWhenOthersRan = reads.length));
    expect(await ranks(findEach<{ rank: number }>(store, 'items', {}, 2))).toEqual([1, 2, 3, 4, 5]);
    expect(reads).toHaveLength(3);
    expect(pagesReadWhenOthersRan).toBe(1);
  });
});
