import { renameSync } from 'node:fs';
import * as path from 'node:path';
import { CREATION_ID_SECRET_CREATED } from '../apps/api/src/commands/creation-id-secret';
import { tempDir } from './support/fault/temp-dir';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * events.sqlite moved away while the server runs: SQLite goes on writing to the file it opened, so
 * the command the server refuses with 503 is in the moved file, and there again once it is put back.
 * The answer said "nothing of this request was kept"; it now says the change may or may not have
 * been stored, and that a retry with the same Idempotency-Key is safe once the store is back,
 * which this test holds it to.
 *
 * A keyed creation's id is derived with the desk's secret, recorded by its first keyed creation: on
 * a desk that has one, the refused write is the account's; on a new desk, the secret's, and the
 * retry must derive its id from that same secret, back with the file, not from a new one.
 */
describe('an event store file moved away while the server runs', () => {
  const dirs: Array<{ remove(): void }> = [];
  afterAll(() => dirs.forEach((dir) => dir.remove()));

  const registerAccount = async (t: TestApp, name: string, idempotencyKey: string) =>
    t.app.inject({
      method: 'POST',
      url: '/v1/accounts',
      headers: {
        authorization: `Bearer ${await t.token('admin@vendor.example', ['admin'])}`,
        'idempotency-key': idempotencyKey,
      },
      payload: { name },
    });
  const registerInitech = (t: TestApp) => registerAccount(t, 'Initech', 'register-initech-once');

  /** Registers Initech with the event store file moved away (and `before` done first), then moves it back. */
  async function refusedWhileMoved(before: (t: TestApp) => Promise<unknown>) {
    const dir = tempDir('fault-moved-event-store');
    dirs.push(dir);
    const eventsFile = path.join(dir.path, 'events.sqlite');
    const movedFile = path.join(dir.path, 'events-moved-away.sqlite');
    const first = await startTestApp({ dataDir: dir.path });
    let refused;
    try {
      await before(first);
      renameSync(eventsFile, movedFile);
      refused = await registerInitech(first);
      renameSync(movedFile, eventsFile);
    } finally {
      await first.close();
    }
    expect(refused.statusCode).toBe(503);
    expect(refused.json()).toMatchObject({
      type: 'https://casetrail.dev/problems/storage-unavailable',
      detail: expect.stringContaining(
        'If this request asked for a change, it may or may not have been stored: retry it once the storage is back, with the same Idempotency-Key, which is never applied twice',
      ),
    });
    expect(refused.json().detail).not.toMatch(/nothing of this request was kept/);
    return dir.path;
  }

  const typesIn = async (t: TestApp) =>
    (await t.runtime.storage.eventStore.readAll({ after: 0, maxCount: 100 })).map((event) => event.type);

  it('answers 503 without claiming nothing was kept, and a keyed retry once it is back applies it once', async () => {
    // A desk that has made a keyed creation before: its secret is recorded.
    const dataDir = await refusedWhileMoved(async (t) =>
      expect((await registerAccount(t, 'Globex', 'register-globex-once')).statusCode).toBe(201),
    );

    // It was stored after all: the retry finds it and answers as a first success would have.
    const second = await startTestApp({ dataDir });
    try {
      const retried = await registerInitech(second);
      expect(retried.statusCode).toBe(201);
      expect(retried.headers['idempotent-replayed']).toBe('true');
      const types = await typesIn(second);
      expect(types.filter((type) => type === 'AccountRegistered')).toHaveLength(2);
      expect(types.filter((type) => type === CREATION_ID_SECRET_CREATED)).toHaveLength(1);
    } finally {
      await second.close();
    }
  }, 60_000);

  it("on a new desk, the refused write is the secret's, and the retry once it is back takes that secret and applies it once", async () => {
    const dataDir = await refusedWhileMoved(async () => undefined);

    const second = await startTestApp({ dataDir });
    try {
      // The secret written into the moved file is back with it: the second process takes it.
      expect((await typesIn(second)).filter((type) => type === CREATION_ID_SECRET_CREATED)).toHaveLength(1);
      const retried = await registerInitech(second);
      expect(retried.statusCode).toBe(201);
      const again = await registerInitech(second);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(again.json().id).toBe(retried.json().id);
      const types = await typesIn(second);
      expect(types.filter((type) => type === 'AccountRegistered')).toHaveLength(1);
      expect(types.filter((type) => type === CREATION_ID_SECRET_CREATED)).toHaveLength(1);
    } finally {
      await second.close();
    }
  }, 60_000);
});
