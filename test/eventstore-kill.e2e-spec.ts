import { openSqliteEventStore } from '@casetrail/eventstore';
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readAcks } from './support/eventstore-acks';
import { expectContiguousRevisions, readWholeLog } from './support/eventstore-log';
import { isIntactWriterEventData } from './support/eventstore-writer-data';
import { spawnTs } from './support/spawn-ts';

const WRITER = 'test/support/eventstore-writer.ts';

describe('SQLite event store survives kill -9 of a writer', () => {
  const dir = mkdtempSync(join(tmpdir(), 'casetrail-es-kill-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps every acknowledged append, and nothing torn, when the writer is SIGKILLed mid-stream', async () => {
    const file = join(dir, 'events.db');
    const writer = spawnTs(WRITER, ['--file', file, '--count', '0', '--streams', '7', '--prefix', 'kill']);
    const output = readAcks(writer);

    await output.atLeast(300);
    writer.kill('SIGKILL');
    const exit = await output.exited;

    expect(exit.signal).toBe('SIGKILL');
    const acks = output.acks;
    expect(acks.length).toBeGreaterThanOrEqual(300);

    const store = openSqliteEventStore(file);
    try {
      const stored = await readWholeLog(store);
      const byId = new Map(stored.map((event) => [event.id, event]));

      for (const ack of acks) {
        expect(byId.get(ack.id)).toMatchObject({
          stream: ack.stream,
          revision: ack.revision,
          position: ack.position,
        });
      }
      // Appends are sequential, so at most the one in flight at the kill can be stored unacknowledged.
      expect(stored.length - acks.length).toBeGreaterThanOrEqual(0);
      expect(stored.length - acks.length).toBeLessThanOrEqual(1);
      expect(stored.every((event) => isIntactWriterEventData(event.data))).toBe(true);
      expectContiguousRevisions(stored);
    } finally {
      await store.close();
    }

    const db = new Database(file, { readonly: true });
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      db.close();
    }
  });
});
