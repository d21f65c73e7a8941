import Database from 'better-sqlite3';
import { openSqliteEventStore, type SqliteEventStore } from '@casetrail/eventstore';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StorageInconsistentException } from '../problems/storage-inconsistent.exception';
import { DecisionRunner, type DecisionRequest } from './decision-runner';

type Counted = { type: 'Counted'; data: { n: number } };

/**
 * A stream that lost an event from inside it (a row deleted from events.sqlite) still ends where it
 * did, so only a read of the whole stream shows the loss. Decided on what is left, the command was
 * taken for a revision race: appended one revision short, refused by the store, retried until its
 * attempts ran out (409 "retry it"), and an If-Match was stale at every revision. It is refused with
 * `storage-inconsistent` before anything is decided, compared or written.
 */
describe('the decision runner on a stream that lost events from inside it', () => {
  let dir: string;
  let file: string;
  let store: SqliteEventStore;
  let runner: DecisionRunner;
  let decisions: number;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'casetrail-decision-runner-gap-'));
    file = join(dir, 'events.sqlite');
    store = openSqliteEventStore(file);
    runner = new DecisionRunner(store);
    decisions = 0;
    for (let n = 0; n < 5; n++) await runner.run(count('thing-1', n === 0 ? [] : [n - 1]));
    decisions = 0;
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const count = (stream: string, expectedRevisions?: number[]): DecisionRequest<number, Counted> => ({
    stream,
    actor: { sub: 'eve', email: 'eve@vendor.example', roles: ['engineer'] },
    evolve: (state) => state + 1,
    initialState: 0,
    decide: (state) => {
      decisions++;
      return [{ type: 'Counted', data: { n: state } }];
    },
    ...(expectedRevisions && expectedRevisions.length > 0 ? { expectedRevisions } : {}),
  });
  const lose = (revision: number) => {
    const db = new Database(file, { fileMustExist: true });
    try {
      db.prepare('DELETE FROM events WHERE stream = ? AND revision = ?').run('thing-1', revision);
    } finally {
      db.close();
    }
  };
  const refusal = async (request: DecisionRequest<number, Counted>) => {
    const error = await runner.run(request).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(StorageInconsistentException);
    return error as StorageInconsistentException;
  };
  const revisions = async () => (await store.readStream('thing-1')).map((event) => event.revision);

  it('refuses a command on a stream missing a middle event, naming the hole, and decides and writes nothing', async () => {
    lose(2);
    const error = await refusal(count('thing-1'));

    expect(error.evidence).toEqual({ stream: 'thing-1', missingRevision: 2, foundRevision: 3 });
    expect(error.message).toContain('lacks revision 2 (the next stored event is at revision 3)');
    expect(error.message).toContain('Nothing was written');
    expect(decisions).toBe(0);
    expect(await revisions()).toEqual([0, 1, 3, 4]);
  });

  it('refuses it with If-Match at either revision the stream could be taken to be at, not 412', async () => {
    lose(2);
    for (const ifMatch of [3, 4]) {
      expect((await refusal(count('thing-1', [ifMatch]))).evidence).toMatchObject({ missingRevision: 2 });
    }
    expect(await revisions()).toEqual([0, 1, 3, 4]);
  });

  it('refuses a command on a stream that lost its opening event', async () => {
    lose(0);
    const error = await refusal(count('thing-1'));

    expect(error.evidence).toEqual({ stream: 'thing-1', missingRevision: 0, foundRevision: 1 });
    expect(error.message).toContain('lacks its opening event at revision 0');
    expect(await revisions()).toEqual([1, 2, 3, 4]);
  });

  it('still decides on a whole stream', async () => {
    const result = await runner.run(count('thing-1', [4]));
    expect(result.revision).toBe(5);
  });
});
