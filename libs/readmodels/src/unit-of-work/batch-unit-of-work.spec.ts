import fc from 'fast-check';
import { toCollectionSchema } from '../documents/collection-schema';
import { serialiseDocument } from '../documents/prepared-document';
import { matchesConditions } from '../documents/where-matcher';
import type { ProjectionTransaction, Scalar } from '../read-model-store.port';
import type { BatchReader, StoredDocument } from './batch-reader';
import type { BatchWrite } from './batch-unit-of-work';
import { HeldUnitOfWork } from './held-unit-of-work';

/**
 * A store with MongoDB's write discipline and no transactions: each document keeps the position
 * of its last write, writes from older events are refused, and a "crash" can stop a commit after
 * any number of writes, before the checkpoint moves. The MongoDB adapter cannot run here, so this
 * is where its replay guarantee is checked.
 */
class GuardedMemoryStore {
  readonly documents = new Map<string, StoredDocument & { json: string }>();
  checkpoint = 0;
  private readonly schema = toCollectionSchema({ name: 'counters', indexedFields: ['count'] });

  readonly reader: BatchReader = {
    guardsWritesByPosition: true,
    schema: () => this.schema,
    load: async (_collection, id) => this.documents.get(id),
    findIds: async (_collection, conditions) =>
      [...this.documents]
        .filter(([, stored]) =>
          matchesConditions(JSON.parse(stored.json) as Record<string, Scalar>, conditions),
        )
        .map(([id]) => id),
  };

  /** Apply `writes` (the first `limit` of them) as the adapter's guarded bulk write would. */
  commit(writes: BatchWrite[], limit = writes.length): void {
    for (const write of writes.slice(0, limit)) {
      const stored = this.documents.get(write.id);
      if (stored && stored.position >= write.position) continue;
      if (write.document === null) {
        if (stored) this.documents.delete(write.id);
      } else {
        this.documents.set(write.id, { json: serialiseDocument(write.document), position: write.position });
      }
    }
  }

  counts(): Record<string, number> {
    return Object.fromEntries([...this.documents].map(([id, stored]) => [id, JSON.parse(stored.json).count]));
  }
}

interface CounterEvent {
  position: number;
  counter: string;
  kind: 'add' | 'reset';
  amount: number;
}

async function applyCounter(event: CounterEvent, tx: ProjectionTransaction): Promise<void> {
  if (event.kind === 'reset') {
    tx.delete('counters', event.counter);
    return;
  }
  const current = await tx.get<{ count: number }>('counters', event.counter);
  tx.put('counters', event.counter, { count: (current?.count ?? 0) + event.amount });
}

function truth(events: CounterEvent[]): Record<string, number> {
  const counts = new Map<string, number>();
  for (const event of events) {
    if (event.kind === 'reset') counts.delete(event.counter);
    else counts.set(event.counter, (counts.get(event.counter) ?? 0) + event.amount);
  }
  return Object.fromEntries(counts);
}

const eventsArbitrary = fc
  .array(
    fc.record({
      counter: fc.constantFrom('a', 'b', 'c'),
      kind: fc.constantFrom<'add' | 'reset'>('add', 'add', 'add', 'reset'),
      amount: fc.integer({ min: 1, max: 9 }),
    }),
    { minLength: 1, maxLength: 40 },
  )
  .map((events) => events.map((event, index) => ({ ...event, position: index + 1 })));

const attemptArbitrary = fc.record({
  batchSize: fc.integer({ min: 1, max: 12 }),
  /** Writes stored before the crash; undefined = the attempt completes. */
  crashAfter: fc.option(fc.nat({ max: 4 }), { nil: undefined }),
  reversed: fc.boolean(),
  /** Calls of `apply` the batch is cut into before its one flush (a held batch). */
  applies: fc.integer({ min: 1, max: 3 }),
});

describe('BatchUnitOfWork with position-guarded writes (MongoDB discipline)', () => {
  it('ends with exactly the truth, however batches are cut, interrupted mid-commit and redelivered', async () => {
    await fc.assert(
      fc.asyncProperty(
        eventsArbitrary,
        fc.array(attemptArbitrary, { maxLength: 30 }),
        async (events, attempts) => {
          const store = new GuardedMemoryStore();
          const last = events[events.length - 1].position;
          for (let turn = 0; store.checkpoint < last; turn++) {
            const attempt = attempts[turn] ?? {
              batchSize: 10,
              crashAfter: undefined,
              reversed: false,
              applies: 1,
            };
            const batch = events
              .filter((event) => event.position > store.checkpoint)
              .slice(0, attempt.batchSize);
            const held = new HeldUnitOfWork(store.reader, store.checkpoint, async (writes, _from, to) => {
              store.commit(attempt.reversed ? [...writes].reverse() : writes, attempt.crashAfter);
              if (attempt.crashAfter !== undefined) throw new Error('crashed mid-commit');
              store.checkpoint = to;
            });
            const chunk = Math.ceil(batch.length / attempt.applies);
            for (let start = 0; start < batch.length; start += chunk) {
              await held.apply(batch.slice(start, start + chunk), applyCounter);
            }
            await held.flush().catch(() => undefined);
          }
          expect(store.counts()).toEqual(truth(events));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('refuses writes from events the stored document already reflects, and reads the stored version instead', async () => {
    const store = new GuardedMemoryStore();
    store.documents.set('a', { json: JSON.stringify({ id: 'a', count: 10 }), position: 5 });
    const seen: unknown[] = [];
    let stored: BatchWrite[] = [];
    const held = new HeldUnitOfWork(store.reader, 0, async (writes) => {
      stored = writes;
    });
    await held.apply([{ position: 3 }, { position: 6 }], async (event, tx) => {
      tx.put('counters', 'a', { count: event.position });
      seen.push(await tx.get('counters', 'a'));
      seen.push(await tx.findIds('counters', { count: 10 }));
    });
    await held.flush();
    expect(seen).toEqual([{ id: 'a', count: 10 }, ['a'], { id: 'a', count: 6 }, []]);
    expect(stored).toEqual([expect.objectContaining({ id: 'a', position: 6 })]);
  });
});
