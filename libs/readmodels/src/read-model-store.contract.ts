import fc from 'fast-check';
import { compareScalars } from './documents/scalar-order';
import { InvalidCursorError, ReadModelUsageError } from './read-model-errors';
import type {
  CollectionDefinition,
  Doc,
  FindOptions,
  ProjectionTransaction,
  ReadModelStore,
  Scalar,
} from './read-model-store.port';

/**
 * The behaviour every ReadModelStore adapter must show. Each adapter's spec calls this with a
 * factory; collection and projection names are unique per test, so `open` may hand out stores
 * over one shared database.
 */
export function describeReadModelStoreContract(name: string, open: () => Promise<ReadModelStore>): void {
  describe(`${name} read-model store contract`, () => {
    const runId = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
    let serial = 0;
    let store: ReadModelStore;
    let position: number;
    let projection: string;
    let tickets: CollectionDefinition;

    beforeEach(async () => {
      serial += 1;
      store = await open();
      position = 0;
      projection = `contract-${runId}-${serial}`;
      tickets = {
        name: `tickets_${runId}_${serial}`,
        indexedFields: ['status', 'severity', 'dueAt', 'escalated', 'owner'],
        compoundIndexes: [['status', 'severity']],
      };
      await store.ensureCollections([tickets]);
    });

    afterEach(async () => {
      await store.close();
    });

    interface PutEvent {
      position: number;
      doc: Doc & { id: string };
    }

    const putEvents = (docs: (Doc & { id: string })[]): PutEvent[] =>
      docs.map((doc) => ({ position: ++position, doc }));

    async function putAll(docs: (Doc & { id: string })[], collection = tickets.name): Promise<void> {
      await store.applyBatch(projection, putEvents(docs), (event, tx) =>
        tx.put(collection, event.doc.id, event.doc),
      );
    }

    async function allPages(options: FindOptions): Promise<Doc[][]> {
      const pages: Doc[][] = [];
      let cursor: string | undefined;
      do {
        const page = await store.find(tickets.name, { ...options, cursor });
        pages.push(page.items);
        cursor = page.nextCursor;
        if (pages.length > 1000) throw new Error('pagination does not end');
      } while (cursor);
      return pages;
    }

    const ids = (docs: Doc[]) => docs.map((doc) => doc.id);

    /** Counts the events of each ticket: applying one event twice would show. */
    const increment = async (
      event: { position: number; ticket: string },
      tx: Parameters<Parameters<ReadModelStore['applyBatch']>[2]>[1],
    ) => {
      const current = await tx.get<{ events: number }>(tickets.name, event.ticket);
      tx.put(tickets.name, event.ticket, { events: (current?.events ?? 0) + 1 });
    };

    describe('documents', () => {
      it('stores, replaces and deletes documents through applyBatch', async () => {
        await putAll([{ id: 'a', status: 'open', severity: 2, title: 'Printer on fire', tags: ['x'] }]);
        expect(await store.get(tickets.name, 'a')).toEqual({
          id: 'a',
          status: 'open',
          severity: 2,
          title: 'Printer on fire',
          tags: ['x'],
        });

        await putAll([{ id: 'a', status: 'closed' }]);
        expect(await store.get(tickets.name, 'a')).toEqual({ id: 'a', status: 'closed' });

        await store.applyBatch(projection, [{ position: ++position }], (_event, tx) =>
          tx.delete(tickets.name, 'a'),
        );
        expect(await store.get(tickets.name, 'a')).toBeUndefined();
        expect(await store.count(tickets.name)).toBe(0);
      });

      it('adds the key as id and round-trips booleans, numbers and nulls', async () => {
        await store.applyBatch(projection, [{ position: ++position }], (_event, tx) =>
          tx.put(tickets.name, 'b', {
            escalated: false,
            severity: 1.5,
            owner: null,
            dueAt: undefined,
            zero: 0,
          }),
        );
        const stored = await store.get(tickets.name, 'b');
        expect(stored).toEqual({ id: 'b', escalated: false, severity: 1.5, owner: null, zero: 0 });
        expect(stored).not.toHaveProperty('dueAt');
        expect(await store.count(tickets.name, { escalated: false })).toBe(1);
        expect(await store.count(tickets.name, { escalated: true })).toBe(0);
        expect(await store.count(tickets.name, { dueAt: null, owner: null })).toBe(1);
      });

      it('answers empty for a collection nobody created', async () => {
        const missing = `missing_${runId}_${serial}`;
        expect(await store.get(missing, 'x')).toBeUndefined();
        expect(await store.find(missing, { where: { status: 'open' } })).toEqual({ items: [] });
        expect(await store.count(missing)).toBe(0);
      });

      it('rejects documents that break the rules, failing the whole batch', async () => {
        const attempts: ((tx: Parameters<Parameters<ReadModelStore['applyBatch']>[2]>[1]) => void)[] = [
          (tx) => tx.put(tickets.name, 'x', { status: { nested: true } }),
          (tx) => tx.put(tickets.name, 'x', { id: 'y' }),
          (tx) => tx.put(tickets.name, 'x', { _id: 'x' }),
          (tx) => tx.put(tickets.name, '', {}),
          (tx) => tx.put(`never_ensured_${runId}`, 'x', {}),
        ];
        for (const attempt of attempts) {
          await expect(
            store.applyBatch(projection, [{ position: position + 1 }], (_event, tx) => attempt(tx)),
          ).rejects.toBeInstanceOf(ReadModelUsageError);
        }
        expect(await store.getCheckpoint(projection)).toBe(0);
      });

      it('back-fills a field indexed after documents were stored', async () => {
        await putAll([
          { id: 'a', status: 'open', region: 'emea' },
          { id: 'b', status: 'open', region: 'apac' },
        ]);
        await expect(store.count(tickets.name, { region: 'emea' })).rejects.toBeInstanceOf(
          ReadModelUsageError,
        );
        await store.ensureCollections([{ ...tickets, indexedFields: [...tickets.indexedFields, 'region'] }]);
        expect(await store.count(tickets.name, { region: 'emea' })).toBe(1);
        const page = await store.find(tickets.name, { orderBy: [{ field: 'region', direction: 'asc' }] });
        expect(ids(page.items)).toEqual(['b', 'a']);
      });

      it('queries filter-only fields like indexed ones, and refuses fields in neither list', async () => {
        const withRegion = {
          ...tickets,
          filterOnlyFields: ['region'],
          compoundIndexes: [['status', 'region']],
        };
        await store.ensureCollections([withRegion]);
        await putAll([
          { id: 'a', status: 'open', region: 'emea' },
          { id: 'b', status: 'open', region: 'apac' },
          { id: 'c', status: 'closed', region: 'emea' },
        ]);
        expect(await store.count(tickets.name, { status: 'open', region: 'emea' })).toBe(1);
        const page = await store.find(tickets.name, {
          where: { region: { in: ['apac', 'emea'] } },
          orderBy: [{ field: 'region', direction: 'desc' }],
        });
        expect(ids(page.items)).toEqual(['a', 'c', 'b']);
        await expect(store.count(tickets.name, { planet: 'earth' })).rejects.toBeInstanceOf(
          ReadModelUsageError,
        );
      });
    });

    describe('batches', () => {
      it('lets an event read what earlier events of the same batch wrote, and nothing shows outside until the end', async () => {
        await putAll([{ id: 'gone', status: 'open' }]);
        const seen: unknown[] = [];
        const events = [1, 2, 3, 4].map((step) => ({ position: ++position, step }));
        await store.applyBatch(projection, events, async (event, tx) => {
          if (event.step === 1) tx.put(tickets.name, 'x', { count: 1 });
          if (event.step === 2) {
            const current = await tx.get<{ count: number }>(tickets.name, 'x');
            tx.put(tickets.name, 'x', { count: (current?.count ?? 0) + 1 });
            tx.delete(tickets.name, 'gone');
          }
          if (event.step === 3) {
            seen.push(await tx.get(tickets.name, 'x'), await tx.get(tickets.name, 'gone'));
            seen.push(await store.get(tickets.name, 'x'), await store.get(tickets.name, 'gone'));
          }
        });
        expect(seen).toEqual([{ id: 'x', count: 2 }, undefined, undefined, { id: 'gone', status: 'open' }]);
        expect(await store.get(tickets.name, 'x')).toEqual({ id: 'x', count: 2 });
        expect(await store.get(tickets.name, 'gone')).toBeUndefined();
        expect(await store.getCheckpoint(projection)).toBe(position);
      });

      it('freezes documents on put and on read, so no later change can leak into what is stored', async () => {
        await putAll([{ id: 'stored', status: 'open', tags: { a: 1 } }]);
        await store.applyBatch(projection, [{ position: ++position }], async (_event, tx) => {
          const doc = { id: 'x', status: 'open', nested: { level: 1 } };
          tx.put(tickets.name, 'x', doc);
          expect(() => (doc.status = 'mutated')).toThrow(TypeError);
          expect(() => (doc.nested.level = 2)).toThrow(TypeError);
          const read = await tx.get<{ status: string }>(tickets.name, 'x');
          expect(() => (read!.status = 'mutated too')).toThrow(TypeError);
          const fromStore = await tx.get<{ tags: { a: number } }>(tickets.name, 'stored');
          expect(() => (fromStore!.tags.a = 2)).toThrow(TypeError);
          expect(await tx.get(tickets.name, 'x')).toEqual({ id: 'x', status: 'open', nested: { level: 1 } });
        });
        expect(await store.get(tickets.name, 'x')).toEqual({ id: 'x', status: 'open', nested: { level: 1 } });
        expect(await store.get(tickets.name, 'stored')).toEqual({
          id: 'stored',
          status: 'open',
          tags: { a: 1 },
        });
      });

      it("overlays the batch's writes on findIds", async () => {
        await putAll([
          { id: 'a', status: 'open' },
          { id: 'b', status: 'open' },
          { id: 'c', status: 'closed' },
          { id: 'd', status: 'closed' },
        ]);
        let found: string[][] = [];
        await store.applyBatch(projection, [{ position: ++position }], async (_event, tx) => {
          tx.put(tickets.name, 'a', { status: 'closed' });
          tx.delete(tickets.name, 'b');
          tx.put(tickets.name, 'c', { status: 'open' });
          tx.put(tickets.name, 'e', { status: 'open' });
          tx.put(tickets.name, 'f', { status: 'pending' });
          found = [
            await tx.findIds(tickets.name, { status: 'open' }),
            await tx.findIds(tickets.name, { status: { ne: 'open' } }),
            await tx.findIds(tickets.name, {}),
          ];
        });
        expect(found).toEqual([
          ['c', 'e'],
          ['a', 'd', 'f'],
          ['a', 'c', 'd', 'e', 'f'],
        ]);
      });

      it('stores neither writes nor checkpoint when apply throws', async () => {
        await putAll([{ id: 'kept', status: 'open' }]);
        const checkpoint = await store.getCheckpoint(projection);
        const events = [1, 2, 3].map((step) => ({ position: position + step, step }));
        await expect(
          store.applyBatch(projection, events, (event, tx) => {
            tx.put(tickets.name, `new-${event.step}`, { status: 'open' });
            tx.put(tickets.name, 'kept', { status: 'changed' });
            if (event.step === 3) throw new Error('projection bug');
          }),
        ).rejects.toThrow('projection bug');
        expect(await store.getCheckpoint(projection)).toBe(checkpoint);
        expect(await store.get(tickets.name, 'new-1')).toBeUndefined();
        expect(await store.get(tickets.name, 'kept')).toEqual({ id: 'kept', status: 'open' });
        expect(await store.count(tickets.name)).toBe(1);
      });

      it('skips events at or below the checkpoint, so redelivery changes nothing', async () => {
        const events = ['a', 'b', 'a', 'a', 'b'].map((ticket, index) => ({ position: index + 1, ticket }));
        await store.applyBatch(projection, events.slice(0, 3), increment);
        await store.applyBatch(projection, events.slice(0, 3), increment);
        expect(await store.getCheckpoint(projection)).toBe(3);
        await store.applyBatch(projection, events.slice(1), increment);
        await store.applyBatch(projection, events, increment);
        expect(await store.get(tickets.name, 'a')).toEqual({ id: 'a', events: 3 });
        expect(await store.get(tickets.name, 'b')).toEqual({ id: 'b', events: 2 });
        expect(await store.getCheckpoint(projection)).toBe(5);
      });

      it('advances the checkpoint over events the projection ignores', async () => {
        await store.applyBatch(projection, [{ position: 7 }, { position: 9 }], () => undefined);
        expect(await store.getCheckpoint(projection)).toBe(9);
        await store.applyBatch(projection, [], () => undefined);
        expect(await store.getCheckpoint(projection)).toBe(9);
        expect(await store.getCheckpoint(`${projection}-never-ran`)).toBe(0);
      });

      it('refuses events out of position order', async () => {
        await expect(
          store.applyBatch(projection, [{ position: 2 }, { position: 1 }], () => undefined),
        ).rejects.toBeInstanceOf(ReadModelUsageError);
      });

      it('refuses a transaction used after its event was applied', async () => {
        let leaked: Parameters<Parameters<ReadModelStore['applyBatch']>[2]>[1] | undefined;
        await store.applyBatch(projection, [{ position: ++position }], (_event, tx) => {
          leaked = tx;
        });
        expect(() => leaked!.put(tickets.name, 'late', {})).toThrow(ReadModelUsageError);
        expect(await store.get(tickets.name, 'late')).toBeUndefined();
      });
    });

    describe('computed fields (complete)', () => {
      /** Counters whose `status` is computed from `count`; `completions` counts the computations. */
      let completions: number;
      const counters = () => ({
        name: `counters_${runId}_${serial}`,
        indexedFields: ['status'],
        complete: (doc: Readonly<Doc>) => {
          completions += 1;
          return { ...doc, status: (doc.count as number) >= 3 ? 'busy' : 'quiet' };
        },
      });
      const bump = async (event: { position: number; id: string }, tx: ProjectionTransaction) => {
        const current = await tx.get<{ count: number }>(counters().name, event.id);
        tx.put(counters().name, event.id, { id: event.id, count: (current?.count ?? 0) + 1 });
      };

      beforeEach(async () => {
        completions = 0;
        await store.ensureCollections([counters()]);
      });

      it('computes the fields once per batch, stores them, queries them, and recomputes them for a document read back', async () => {
        const events = ['a', 'a', 'a', 'b'].map((id) => ({ position: ++position, id }));
        await store.applyBatch(projection, events, async (event, tx) => {
          await bump(event, tx);
          if (event.id === 'b') {
            // Matched on what it will store, though not stored yet.
            expect(await tx.findIds(counters().name, { status: 'busy' })).toEqual(['a']);
            // Read back as it was put, without the computed field.
            expect(await tx.get(counters().name, 'a')).toEqual({ id: 'a', count: 3 });
          }
        });
        expect(await store.get(counters().name, 'a')).toEqual({ id: 'a', count: 3, status: 'busy' });
        expect(await store.get(counters().name, 'b')).toEqual({ id: 'b', count: 1, status: 'quiet' });
        expect(completions).toBe(2);

        await store.applyBatch(
          projection,
          [
            { position: ++position, id: 'b' },
            { position: ++position, id: 'b' },
          ],
          bump,
        );
        expect(await store.get(counters().name, 'b')).toEqual({ id: 'b', count: 3, status: 'busy' });
        const busy = await store.find(counters().name, { where: { status: 'busy' } });
        expect(ids(busy.items)).toEqual(['a', 'b']);
      });
    });

    describe('held batches', () => {
      const ticketEvents = (tickets: string[], from: number) =>
        tickets.map((ticket, index) => ({ position: from + index + 1, ticket }));

      it('holds writes across calls, reading them back, and stores them with the checkpoint only at flush', async () => {
        const from = await store.getCheckpoint(projection);
        const held = await store.openHeldBatch(projection);
        await held.apply(ticketEvents(['a', 'b'], from), increment);
        await held.apply(ticketEvents(['a', 'a'], from + 2), increment);
        expect(held.appliedPosition).toBe(from + 4);
        expect(held.heldDocuments).toBe(2);
        expect(await store.get(tickets.name, 'a')).toBeUndefined();
        expect(await store.getCheckpoint(projection)).toBe(from);

        expect(await held.flush()).toBe(from + 4);
        expect(await store.get(tickets.name, 'a')).toEqual({ id: 'a', events: 3 });
        expect(await store.get(tickets.name, 'b')).toEqual({ id: 'b', events: 1 });
        expect(await store.getCheckpoint(projection)).toBe(from + 4);
        expect(held.heldDocuments).toBe(0);

        // Held afresh after a flush, from what was stored; redelivered events change nothing.
        await held.apply(ticketEvents(['a', 'a', 'a', 'b', 'b'], from), increment);
        expect(await held.flush()).toBe(from + 5);
        expect(await store.get(tickets.name, 'a')).toEqual({ id: 'a', events: 3 });
        expect(await store.get(tickets.name, 'b')).toEqual({ id: 'b', events: 2 });
      });

      it('stores nothing after the last flush once an apply throws, and refuses further use', async () => {
        const from = await store.getCheckpoint(projection);
        const held = await store.openHeldBatch(projection);
        await held.apply(ticketEvents(['a'], from), increment);
        await held.flush();
        await held.apply(ticketEvents(['b'], from + 1), increment);
        await expect(
          held.apply(ticketEvents(['c'], from + 2), () => {
            throw new Error('projection bug');
          }),
        ).rejects.toThrow('projection bug');
        await expect(held.flush()).rejects.toBeInstanceOf(ReadModelUsageError);
        await expect(held.apply(ticketEvents(['d'], from + 3), increment)).rejects.toBeInstanceOf(
          ReadModelUsageError,
        );
        expect(await store.getCheckpoint(projection)).toBe(from + 1);
        expect(await store.get(tickets.name, 'a')).toEqual({ id: 'a', events: 1 });
        expect(await store.get(tickets.name, 'b')).toBeUndefined();
      });

      it('an unfrozen held batch leaves documents as given, and later batches still freeze what they read of them', async () => {
        const from = await store.getCheckpoint(projection);
        const held = await store.openHeldBatch(projection, { frozen: false });
        await held.apply([{ position: from + 1 }], async (_event, tx) => {
          const doc = { id: 'loose', status: 'open', nested: { level: 1 } };
          tx.put(tickets.name, 'loose', doc);
          const read = await tx.get<typeof doc>(tickets.name, 'loose');
          expect(Object.isFrozen(read)).toBe(false);
          expect(Object.isFrozen(doc.nested)).toBe(false);
        });
        await held.flush();
        expect(await store.get(tickets.name, 'loose')).toEqual({
          id: 'loose',
          status: 'open',
          nested: { level: 1 },
        });

        await store.applyBatch(projection, [{ position: from + 2 }], async (_event, tx) => {
          const read = await tx.get<{ status: string; nested: { level: number } }>(tickets.name, 'loose');
          expect(() => (read!.status = 'mutated')).toThrow(TypeError);
          expect(() => (read!.nested.level = 2)).toThrow(TypeError);
        });
      });

      it('flushing nothing new stores nothing and keeps the checkpoint', async () => {
        await store.applyBatch(projection, [{ position: 4 }], () => undefined);
        const held = await store.openHeldBatch(projection);
        await held.apply([{ position: 3 }, { position: 4 }], () => {
          throw new Error('already applied: never called');
        });
        expect(await held.flush()).toBe(4);
        expect(await store.getCheckpoint(projection)).toBe(4);
      });
    });

    describe('queries', () => {
      const fixtures = [
        { id: 't1', status: 'open', severity: 1, dueAt: '2026-01-03', escalated: true, owner: 'ann' },
        { id: 't2', status: 'open', severity: 2, dueAt: '2026-01-01', escalated: false, owner: null },
        { id: 't3', status: 'closed', severity: 3, dueAt: '2026-01-02', escalated: false, owner: 'bob' },
        { id: 't4', status: 'open', severity: 2, dueAt: null, escalated: false, owner: 'ann' },
        { id: 't5', status: 'pending', severity: 1, escalated: true },
        { id: 't6', status: 'open', severity: 3, dueAt: '2026-01-01', escalated: false, owner: 'bob' },
      ];

      beforeEach(async () => {
        await putAll(fixtures);
      });

      const idsWhere = async (where: FindOptions['where']) =>
        ids((await store.find(tickets.name, { where })).items);

      it('filters with eq, ne, in and null conditions', async () => {
        expect(await idsWhere({ status: 'open' })).toEqual(['t1', 't2', 't4', 't6']);
        expect(await idsWhere({ status: { eq: 'closed' } })).toEqual(['t3']);
        expect(await idsWhere({ owner: { ne: 'ann' } })).toEqual(['t2', 't3', 't5', 't6']);
        expect(await idsWhere({ owner: { in: ['bob', null] } })).toEqual(['t2', 't3', 't5', 't6']);
        expect(await idsWhere({ owner: { in: [] } })).toEqual([]);
        expect(await idsWhere({ owner: null })).toEqual(['t2', 't5']);
        expect(await idsWhere({ dueAt: { ne: null } })).toEqual(['t1', 't2', 't3', 't6']);
        expect(await idsWhere({ escalated: true, status: 'open' })).toEqual(['t1']);
        expect(await idsWhere({ id: { in: ['t2', 't5', 'nope'] } })).toEqual(['t2', 't5']);
        expect(await idsWhere({ status: undefined })).toEqual(['t1', 't2', 't3', 't4', 't5', 't6']);
      });

      it('filters with anyOf alternatives (OR) combined with where (AND), and pages through them', async () => {
        const anyOf = async (options: FindOptions) => ids((await store.find(tickets.name, options)).items);
        expect(await anyOf({ anyOf: [{ owner: 'ann' }, { severity: 3 }] })).toEqual(['t1', 't3', 't4', 't6']);
        expect(
          await anyOf({ where: { status: 'open' }, anyOf: [{ owner: 'ann' }, { severity: 3 }] }),
        ).toEqual(['t1', 't4', 't6']);
        expect(await anyOf({ anyOf: [{ status: 'open', escalated: true }, { id: { in: ['t5'] } }] })).toEqual(
          ['t1', 't5'],
        );
        expect(await anyOf({ anyOf: [] })).toEqual([]);
        const first = await store.find(tickets.name, {
          anyOf: [{ owner: 'ann' }, { owner: 'bob' }],
          limit: 2,
        });
        const second = await store.find(tickets.name, {
          anyOf: [{ owner: 'ann' }, { owner: 'bob' }],
          limit: 2,
          cursor: first.nextCursor,
        });
        expect([...ids(first.items), ...ids(second.items)]).toEqual(['t1', 't3', 't4', 't6']);
      });

      it('counts with anyOf alternatives as find matches them, and refuses unindexed fields in them', async () => {
        const count = (where: FindOptions['where'], anyOf?: FindOptions['anyOf']) =>
          store.count(tickets.name, where, anyOf);
        expect(await count(undefined, [{ owner: 'ann' }, { severity: 3 }])).toBe(4);
        expect(await count({ status: 'open' }, [{ owner: 'ann' }, { severity: 3 }])).toBe(3);
        // Two alternatives a document both matches count it once.
        expect(await count(undefined, [{ owner: 'ann' }, { escalated: true }])).toBe(3);
        expect(
          await count(undefined, [
            { dueAt: { lte: '2026-01-01' }, severity: { gte: 2 } },
            { status: 'pending' },
          ]),
        ).toBe(3);
        expect(await count({ status: 'open' }, [])).toBe(0);
        expect(await count({ status: 'open' }, undefined)).toBe(4);
        await expect(count(undefined, [{ title: 'x' }])).rejects.toBeInstanceOf(ReadModelUsageError);
        expect(await store.count(`missing_${runId}_${serial}`, undefined, [{ owner: 'ann' }])).toBe(0);
      });

      it('filters with range operators on numbers and strings, never matching null', async () => {
        expect(await idsWhere({ severity: { lt: 2 } })).toEqual(['t1', 't5']);
        expect(await idsWhere({ severity: { lte: 2 } })).toEqual(['t1', 't2', 't4', 't5']);
        expect(await idsWhere({ severity: { gt: 2 } })).toEqual(['t3', 't6']);
        expect(await idsWhere({ severity: { gte: 2, lt: 3 } })).toEqual(['t2', 't4']);
        expect(await idsWhere({ dueAt: { lte: '2026-01-02' } })).toEqual(['t2', 't3', 't6']);
        expect(await idsWhere({ dueAt: { gt: '2026-01-01' } })).toEqual(['t1', 't3']);
      });

      it('refuses conditions on fields that are not indexed and unknown operators', async () => {
        await expect(store.find(tickets.name, { where: { title: 'x' } })).rejects.toBeInstanceOf(
          ReadModelUsageError,
        );
        await expect(
          store.find(tickets.name, { where: { severity: { like: 2 } as never } }),
        ).rejects.toBeInstanceOf(ReadModelUsageError);
        await expect(store.find(tickets.name, { where: { severity: { lt: null } } })).rejects.toBeInstanceOf(
          ReadModelUsageError,
        );
      });

      it('counts with and without conditions', async () => {
        expect(await store.count(tickets.name)).toBe(6);
        expect(await store.count(tickets.name, { status: 'open', severity: { gte: 2 } })).toBe(3);
        expect(await store.count(tickets.name, { owner: null })).toBe(2);
      });

      it('orders by several fields in both directions, nulls first ascending, id breaking ties', async () => {
        const order = async (orderBy: FindOptions['orderBy']) =>
          ids((await store.find(tickets.name, { orderBy })).items);
        expect(await order([])).toEqual(['t1', 't2', 't3', 't4', 't5', 't6']);
        expect(
          await order([
            { field: 'severity', direction: 'asc' },
            { field: 'dueAt', direction: 'desc' },
          ]),
        ).toEqual(['t1', 't5', 't2', 't4', 't3', 't6']);
        expect(
          await order([
            { field: 'severity', direction: 'desc' },
            { field: 'dueAt', direction: 'asc' },
          ]),
        ).toEqual(['t6', 't3', 't4', 't2', 't5', 't1']);
        expect(await order([{ field: 'dueAt', direction: 'asc' }])).toEqual([
          't4',
          't5',
          't2',
          't6',
          't3',
          't1',
        ]);
        expect(await order([{ field: 'owner', direction: 'desc' }])).toEqual([
          't3',
          't6',
          't1',
          't4',
          't2',
          't5',
        ]);
        expect(await order([{ field: 'id', direction: 'desc' }])).toEqual([
          't6',
          't5',
          't4',
          't3',
          't2',
          't1',
        ]);
      });

      it('pages with a keyset cursor over ties and nulls, without duplicates or gaps', async () => {
        const orderBy: FindOptions['orderBy'] = [
          { field: 'status', direction: 'asc' },
          { field: 'owner', direction: 'desc' },
        ];
        const whole = ids((await store.find(tickets.name, { orderBy })).items);
        for (const limit of [1, 2, 4, 6, 7]) {
          const pages = await allPages({ orderBy, limit });
          expect(pages.flat().map((doc) => doc.id)).toEqual(whole);
          expect(pages.every((page) => page.length <= limit)).toBe(true);
        }
        const filtered = await allPages({
          where: { status: 'open' },
          orderBy: [{ field: 'severity', direction: 'desc' }],
          limit: 1,
        });
        expect(filtered.flat().map((doc) => doc.id)).toEqual(['t6', 't2', 't4', 't1']);
      });

      it('rejects cursors that do not decode or belong to another sort order', async () => {
        const page = await store.find(tickets.name, {
          orderBy: [{ field: 'severity', direction: 'asc' }],
          limit: 2,
        });
        expect(page.nextCursor).toBeDefined();
        await expect(store.find(tickets.name, { cursor: page.nextCursor, limit: 2 })).rejects.toBeInstanceOf(
          InvalidCursorError,
        );
        await expect(store.find(tickets.name, { cursor: 'not a cursor', limit: 2 })).rejects.toBeInstanceOf(
          InvalidCursorError,
        );
        await expect(store.find(tickets.name, { limit: 0 })).rejects.toBeInstanceOf(ReadModelUsageError);
      });

      it('refuses a cursor whose values were changed by hand (a boolean, a string for a number), and still pages with the unchanged one', async () => {
        const orderBy = [{ field: 'severity', direction: 'asc' as const }];
        const page = await store.find(tickets.name, { orderBy, limit: 2 });
        const payload = JSON.parse(Buffer.from(page.nextCursor!, 'base64url').toString('utf8'));
        for (const value of [true, 'x', null, 'not a date']) {
          const edited = Buffer.from(
            JSON.stringify({ ...payload, v: [value, ...payload.v.slice(1)] }),
          ).toString('base64url');
          await expect(store.find(tickets.name, { orderBy, limit: 2, cursor: edited })).rejects.toThrow(
            InvalidCursorError,
          );
        }
        const withoutChecksum = Buffer.from(JSON.stringify({ ...payload, c: undefined })).toString(
          'base64url',
        );
        await expect(
          store.find(tickets.name, { orderBy, limit: 2, cursor: withoutChecksum }),
        ).rejects.toBeInstanceOf(InvalidCursorError);
        const next = await store.find(tickets.name, { orderBy, limit: 2, cursor: page.nextCursor });
        expect(next.items).toHaveLength(2);
      });

      it('rejects a cursor under other filters, as under another sort order, however the same filters are spelled', async () => {
        const orderBy: FindOptions['orderBy'] = [{ field: 'severity', direction: 'asc' }];
        const open = await store.find(tickets.name, { where: { status: 'open' }, orderBy, limit: 2 });
        expect(ids(open.items)).toEqual(['t1', 't2']);
        const otherFilters: FindOptions['where'][] = [
          undefined,
          { status: 'closed' },
          { status: { ne: 'open' } },
          { status: 'open', severity: 2 },
          { status: 'open', dueAt: { lte: '2026-01-02' } },
        ];
        for (const where of otherFilters) {
          await expect(
            store.find(tickets.name, { where, orderBy, limit: 2, cursor: open.nextCursor }),
          ).rejects.toThrow(/not valid for this query: it belongs to other filters/);
        }
        const sameFilters = await store.find(tickets.name, {
          where: { owner: undefined, status: { eq: 'open' } },
          orderBy,
          limit: 2,
          cursor: open.nextCursor,
        });
        expect(ids(sameFilters.items)).toEqual(['t4', 't6']);

        const owned = { owner: { in: ['ann', 'bob'] } };
        const first = await store.find(tickets.name, { where: owned, limit: 2 });
        const rest = await store.find(tickets.name, {
          where: { owner: { in: ['bob', 'ann'] } },
          limit: 2,
          cursor: first.nextCursor,
        });
        expect([...ids(first.items), ...ids(rest.items)]).toEqual(['t1', 't3', 't4', 't6']);
      });

      it('keeps a cursor valid when only range bounds moved or anyOf changed, as between pages of a list read at "now"', async () => {
        const orderBy: FindOptions['orderBy'] = [{ field: 'dueAt', direction: 'asc' }];
        const dueBy = (dueAt: string) => ({ status: 'open', dueAt: { lte: dueAt } });
        const first = await store.find(tickets.name, { where: dueBy('2026-01-02'), orderBy, limit: 1 });
        expect(ids(first.items)).toEqual(['t2']);
        const later = await store.find(tickets.name, {
          where: dueBy('2026-01-03'),
          orderBy,
          limit: 1,
          cursor: first.nextCursor,
        });
        expect(ids(later.items)).toEqual(['t6']);
        const widerAnyOf = await store.find(tickets.name, {
          where: dueBy('2026-01-03'),
          anyOf: [{ owner: 'bob' }, { owner: 'ann' }],
          orderBy,
          limit: 5,
          cursor: later.nextCursor,
        });
        expect(ids(widerAnyOf.items)).toEqual(['t1']);
      });
    });

    it('pages through any order exactly like a sort of the whole collection (property)', async () => {
      const docs = Array.from({ length: 24 }, (_, index) => ({
        id: `p${String(index).padStart(2, '0')}`,
        status: ['open', 'closed', null][index % 3],
        severity: [1, 2, null, 3][index % 4],
        owner: ['ann', 'bob', 'cy', 'dee', 'ed'][(index * 7) % 5],
      }));
      await putAll(docs);
      const field = fc.constantFrom('status', 'severity', 'owner', 'id');
      const sortKey = fc.record({ field, direction: fc.constantFrom<'asc' | 'desc'>('asc', 'desc') });
      await fc.assert(
        fc.asyncProperty(
          fc.uniqueArray(sortKey, { maxLength: 3, selector: (key) => key.field }),
          fc.integer({ min: 1, max: 9 }),
          fc.option(fc.constantFrom<Scalar>('open', 'closed', null), { nil: undefined }),
          async (orderBy, limit, status) => {
            const where = status === undefined ? {} : { status };
            const expected = docs
              .filter((doc) => status === undefined || doc.status === status)
              .sort((left, right) => compareDocs(left, right, orderBy))
              .map((doc) => doc.id);
            const pages = await allPages({ where, orderBy, limit });
            expect(pages.flat().map((doc) => doc.id)).toEqual(expected);
          },
        ),
        { numRuns: 40 },
      );
    });

    it('resets a projection: its collections empty, its checkpoint zero, others untouched', async () => {
      const other = { name: `other_${runId}_${serial}`, indexedFields: [] };
      await store.ensureCollections([other]);
      await putAll([{ id: 'a' }, { id: 'b' }]);
      await store.applyBatch(`${projection}-other`, [{ position: 1 }], (_event, tx) =>
        tx.put(other.name, 'o', {}),
      );

      await store.reset(projection, [tickets.name]);

      expect(await store.count(tickets.name)).toBe(0);
      expect(await store.getCheckpoint(projection)).toBe(0);
      expect(await store.get(other.name, 'o')).toEqual({ id: 'o' });
      expect(await store.getCheckpoint(`${projection}-other`)).toBe(1);
      position = 0;
      await putAll([{ id: 'a', status: 'rebuilt' }]);
      expect(await store.find(tickets.name)).toEqual({ items: [{ id: 'a', status: 'rebuilt' }] });
    });

    it('records the version of the code a projection was built with, per projection, through a reset', async () => {
      expect(await store.getProjectionVersion(projection)).toBeUndefined();
      await store.setProjectionVersion(projection, 1);
      await store.setProjectionVersion(`${projection}-other`, 7);
      await store.setProjectionVersion(projection, 2);
      await store.reset(projection, [tickets.name]);
      expect(await store.getProjectionVersion(projection)).toBe(2);
      expect(await store.getProjectionVersion(`${projection}-other`)).toBe(7);
    });

    describe('leases', () => {
      let lease: string;
      beforeEach(() => {
        lease = `projection:${projection}`;
      });

      it('acquires a free lease, renews it for its owner and refuses a second owner', async () => {
        expect(await store.tryAcquireLease(lease, 'runner-a', 60_000)).toBe(true);
        expect(await store.tryAcquireLease(lease, 'runner-a', 60_000)).toBe(true);
        expect(await store.tryAcquireLease(lease, 'runner-b', 60_000)).toBe(false);
        expect(await store.tryAcquireLease(`${lease}-other`, 'runner-b', 60_000)).toBe(true);
      });

      it('lets another owner take an expired lease', async () => {
        expect(await store.tryAcquireLease(lease, 'runner-a', 50)).toBe(true);
        await eventually(() => store.tryAcquireLease(lease, 'runner-b', 60_000));
        expect(await store.tryAcquireLease(lease, 'runner-a', 60_000)).toBe(false);
      });

      it('frees a released lease at once, and ignores a release by someone else', async () => {
        await store.tryAcquireLease(lease, 'runner-a', 60_000);
        await store.releaseLease(lease, 'runner-b');
        expect(await store.tryAcquireLease(lease, 'runner-b', 60_000)).toBe(false);
        await store.releaseLease(lease, 'runner-a');
        expect(await store.tryAcquireLease(lease, 'runner-b', 60_000)).toBe(true);
      });

      it('takes a live lease from a holder the caller knows is gone, and from no other', async () => {
        const crashed = (holder: string) => holder === 'crashed-runner';
        expect(await store.tryAcquireLease(lease, 'live-runner', 60_000)).toBe(true);
        expect(await store.tryAcquireLease(lease, 'restarted', 60_000, crashed)).toBe(false);
        await store.releaseLease(lease, 'live-runner');
        expect(await store.tryAcquireLease(lease, 'crashed-runner', 60_000)).toBe(true);
        expect(await store.tryAcquireLease(lease, 'restarted', 60_000)).toBe(false);
        expect(await store.tryAcquireLease(lease, 'restarted', 60_000, crashed)).toBe(true);
        expect(await store.tryAcquireLease(lease, 'crashed-runner', 60_000)).toBe(false);
        expect(await store.tryAcquireLease(lease, 'restarted', 60_000)).toBe(true);
      });

      it('gives a contested lease to exactly one of many simultaneous owners', async () => {
        const results = await Promise.all(
          Array.from({ length: 8 }, (_, index) => store.tryAcquireLease(lease, `runner-${index}`, 60_000)),
        );
        expect(results.filter(Boolean)).toHaveLength(1);
      });
    });

    it('answers ping', async () => {
      await expect(store.ping()).resolves.toBeUndefined();
    });
  });
}

/** Reference order for the property test: the port's sort semantics over plain values. */
function compareDocs(left: Doc, right: Doc, orderBy: { field: string; direction: 'asc' | 'desc' }[]): number {
  for (const { field, direction } of [...orderBy, { field: 'id', direction: 'asc' as const }]) {
    const difference = compareScalars((left[field] ?? null) as Scalar, (right[field] ?? null) as Scalar);
    if (difference !== 0) return direction === 'asc' ? difference : -difference;
  }
  return 0;
}

/** Poll until `attempt` answers true; used where the contract waits for a lease to expire. */
async function eventually(attempt: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await attempt())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
