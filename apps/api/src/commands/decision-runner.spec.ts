import { openSqliteEventStore, type SqliteEventStore } from '@casetrail/eventstore';
import { SqliteReadModelStore } from '@casetrail/readmodels';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StaffRole } from '../auth/actor';
import { DecisionRunner, type DecisionRequest } from './decision-runner';

/** The state under test: how many `Counted` events the stream holds. */
type Counted = { type: 'Counted'; data: { at: string } };

describe('the decision runner on a stream the request just named (newStream)', () => {
  let dir: string;
  let store: SqliteEventStore;
  let runner: DecisionRunner;
  let streamReads: number;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'casetrail-decision-runner-'));
    store = openSqliteEventStore(join(dir, 'events.sqlite'));
    const readStream = store.readStream.bind(store);
    streamReads = 0;
    store.readStream = (...args) => {
      streamReads++;
      return readStream(...args);
    };
    runner = new DecisionRunner(store);
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const count = (stream: string, newStream: boolean): DecisionRequest<number, Counted> => ({
    stream,
    newStream,
    actor: { sub: 'eve', email: 'eve@vendor.example', roles: ['engineer'] },
    evolve: (state) => state + 1,
    initialState: 0,
    // Decides on the state it is given: one event, recording how many came before.
    decide: (state) => [{ type: 'Counted', data: { at: String(state) } }],
  });

  it('decides on the empty stream without reading it, and appends as its first event', async () => {
    const result = await runner.run(count('fresh-1', true));

    expect(streamReads).toBe(0);
    expect(result.revision).toBe(0);
    expect((await store.readStream('fresh-1')).map((event) => event.data)).toEqual([{ at: '0' }]);
  });

  it('gives the events of a request without one a random (v4) correlation id, not a time-ordered one', async () => {
    await runner.run(count('fresh-2', true));
    const [event] = await store.readStream('fresh-2');
    // A v7 id made in the same request would share its first digits with the event's own id.
    expect(event.metadata.correlationId).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });

  it('still reads a stream that is not new', async () => {
    await runner.run(count('known-1', true));
    const result = await runner.run(count('known-1', false));

    expect(streamReads).toBeGreaterThan(0);
    expect(result.state).toBe(2);
  });

  it('decides again on what is stored if the stream existed after all: nothing is overwritten', async () => {
    await runner.run(count('taken-1', true));
    const result = await runner.run(count('taken-1', true));

    expect(result.revision).toBe(1);
    expect((await store.readStream('taken-1')).map((event) => event.data)).toEqual([
      { at: '0' },
      { at: '1' },
    ]);
  });
});

describe('the decision runner on a keyed command that changed nothing', () => {
  let dir: string;
  let store: SqliteEventStore;
  let runner: DecisionRunner;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'casetrail-decision-runner-noop-'));
    store = openSqliteEventStore(join(dir, 'events.sqlite'));
    runner = new DecisionRunner(store);
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  type Assigned = { type: 'Assigned'; data: { engineer: string } };
  /** Assigning the engineer already assigned decides nothing. */
  const assign = (
    engineer: string,
    keyed?: { commandId: string; requestHash: string },
  ): DecisionRequest<string | undefined, Assigned> => ({
    stream: 'case-1',
    actor: { sub: 'eve', email: 'eve@vendor.example', roles: ['engineer'] },
    evolve: (_state, event) => event.data.engineer,
    initialState: undefined,
    decide: (state) => (state === engineer ? [] : [{ type: 'Assigned', data: { engineer } }]),
    ...keyed,
  });

  it('answers its retry as it was first answered, even after someone else changed the case', async () => {
    await runner.run(assign('eve'));
    const first = await runner.run(assign('eve', { commandId: 'key-1', requestHash: 'h-eve' }));
    expect(first).toMatchObject({ revision: 0, events: [], state: 'eve', repeated: false });
    await runner.run(assign('bob'));

    const retry = await runner.run(assign('eve', { commandId: 'key-1', requestHash: 'h-eve' }));
    expect(retry).toMatchObject({ revision: 0, events: [], state: 'eve', repeated: true });
    // Bob's assignment stands: the retry was not decided again.
    expect((await store.readStream('case-1')).map((event) => event.data)).toEqual([
      { engineer: 'eve' },
      { engineer: 'bob' },
    ]);
  });

  it('answers the retry as first answered after a restart, or on another instance, sharing the read models', async () => {
    const readModels = new SqliteReadModelStore(join(dir, 'readmodels.sqlite'));
    const beforeRestart = new DecisionRunner(store, readModels);
    await beforeRestart.run(assign('eve'));
    await beforeRestart.run(assign('eve', { commandId: 'key-3', requestHash: 'h-eve' }));
    await beforeRestart.run(assign('bob'));

    const afterRestart = new DecisionRunner(store, new SqliteReadModelStore(join(dir, 'readmodels.sqlite')));
    const retry = await afterRestart.run(assign('eve', { commandId: 'key-3', requestHash: 'h-eve' }));
    expect(retry).toMatchObject({ revision: 0, events: [], state: 'eve', repeated: true });
    expect((await store.readStream('case-1')).map((event) => event.data)).toEqual([
      { engineer: 'eve' },
      { engineer: 'bob' },
    ]);
    await expect(
      afterRestart.run(assign('carol', { commandId: 'key-3', requestHash: 'h-carol' })),
    ).rejects.toThrow('This Idempotency-Key was already used with a different request');
    await readModels.close();
  });

  it('refuses the key with another request, as for a command that wrote events', async () => {
    await runner.run(assign('eve'));
    await runner.run(assign('eve', { commandId: 'key-2', requestHash: 'h-eve' }));
    await expect(runner.run(assign('carol', { commandId: 'key-2', requestHash: 'h-carol' }))).rejects.toThrow(
      'This Idempotency-Key was already used with a different request',
    );
    expect(await store.readStream('case-1')).toHaveLength(1);
  });
});

describe('the decision runner with a stale If-Match and a check of who may act (authorize)', () => {
  let dir: string;
  let store: SqliteEventStore;
  let runner: DecisionRunner;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'casetrail-decision-runner-authorize-'));
    store = openSqliteEventStore(join(dir, 'events.sqlite'));
    runner = new DecisionRunner(store);
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Only admins may count: the decision refuses anyone else, as `authorize` says it does. */
  const countAs = (roles: StaffRole[]): DecisionRequest<number, Counted> => {
    const mayAct = () => {
      if (!roles.includes('admin')) throw new Error('Only an admin may count');
    };
    return {
      stream: 'licence-1',
      actor: { sub: 'x', email: 'x@example.com', roles },
      evolve: (state) => state + 1,
      initialState: 0,
      authorize: mayAct,
      decide: (state) => {
        mayAct();
        return [{ type: 'Counted', data: { at: String(state) } }];
      },
      expectedRevisions: [7],
    };
  };

  it('gives a caller who may not act the refusal, not the revision', async () => {
    await runner.run({ ...countAs(['admin']), expectedRevisions: undefined });
    await expect(runner.run(countAs([]))).rejects.toThrow('Only an admin may count');
    expect(await store.readStream('licence-1')).toHaveLength(1);
  });

  it('still gives a caller who may act a 412 naming the revision', async () => {
    await runner.run({ ...countAs(['admin']), expectedRevisions: undefined });
    await expect(runner.run(countAs(['admin']))).rejects.toMatchObject({
      status: 412,
      message: 'The licence is at revision 0, not 7: reload it and retry',
    });
    expect(await store.readStream('licence-1')).toHaveLength(1);
  });
});
