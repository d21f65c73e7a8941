import { renameSync } from 'node:fs';
import * as path from 'node:path';
import { tempDir } from './support/fault/temp-dir';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * events.sqlite moved away while the server runs: SQLite goes on writing to the file it opened, so
 * the command the server refuses with 503 is in the moved file, and there again once it is put back.
 * The answer said "nothing of this request was kept"; it now says the change may or may not have
 * been stored, and that a retry with the same Idempotency-Key is safe once the store is back,
 * which this test holds it to.
 */
describe('an event store file moved away while the server runs', () => {
  const dir = tempDir('fault-moved-event-store');
  const eventsFile = path.join(dir.path, 'events.sqlite');
  const movedFile = path.join(dir.path, 'events-moved-away.sqlite');
  afterAll(() => dir.remove());

  const registerAccount = async (t: TestApp) =>
    t.app.inject({
      method: 'POST',
      url: '/v1/accounts',
      headers: {
        authorization: `Bearer ${await t.token('admin@vendor.example', ['admin'])}`,
        'idempotency-key': 'register-initech-once',
      },
      payload: { name: 'Initech' },
    });

  it('answers 503 without claiming nothing was kept, and a keyed retry once it is back applies it once', async () => {
    const first = await startTestApp({ dataDir: dir.path });
    let refused;
    try {
      renameSync(eventsFile, movedFile);
      refused = await registerAccount(first);
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

    // It was stored after all: the retry finds it and answers as a first success would have.
    const second = await startTestApp({ dataDir: dir.path });
    try {
      const retried = await registerAccount(second);
      expect(retried.statusCode).toBe(201);
      expect(retried.headers['idempotent-replayed']).toBe('true');
      const events = await second.runtime.storage.eventStore.readAll({ after: 0, maxCount: 100 });
      expect(events.filter((event) => event.type === 'AccountRegistered')).toHaveLength(1);
    } finally {
      await second.close();
    }
  }, 60_000);
});
