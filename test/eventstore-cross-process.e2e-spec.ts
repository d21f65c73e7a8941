import { openSqliteEventStore, RecordedEvent, SqliteEventStore } from '@casetrail/eventstore';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readAcks } from './support/eventstore-acks';
import { expectContiguousRevisions, readWholeLog } from './support/eventstore-log';
import { spawnTs } from './support/spawn-ts';

const WRITER = 'test/support/eventstore-writer.ts';

describe('SQLite event store shared by several processes', () => {
  const dir = mkdtempSync(join(tmpdir(), 'casetrail-es-processes-'));
  let store: SqliteEventStore;
  let file: string;
  let files = 0;

  beforeEach(() => {
    file = join(dir, `events-${++files}.db`);
    store = openSqliteEventStore(file);
  });
  afterEach(() => store.close());
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('delivers to a subscriber in this process the events another process appends', async () => {
    const received: RecordedEvent[] = [];
    let writerDone = false;
    let expected = Number.POSITIVE_INFINITY;
    let allReceived!: () => void;
    const everything = new Promise<void>((resolve) => (allReceived = resolve));
    const subscription = store.subscribeToAll({ after: 0, batchSize: 20 }, async (batch) => {
      received.push(...batch);
      if (writerDone && received.length >= expected) allReceived();
    });

    const output = readAcks(
      spawnTs(WRITER, ['--file', file, '--count', '60', '--streams', '3', '--prefix', 'remote']),
    );
    const exit = await output.exited;
    expect({ exit, stderr: output.stderr() }).toEqual({ exit: { code: 0, signal: null }, stderr: '' });
    writerDone = true;
    expected = output.acks.length;
    if (received.length >= expected) allReceived();
    await Promise.race([everything, subscription.done]);
    await subscription.stop();

    expect(received.map((event) => [event.id, event.position])).toEqual(
      output.acks.map((ack) => [ack.id, ack.position]),
    );
  });

  it('serialises two processes appending to the same streams: every append lands once, none fails busy', async () => {
    const args = ['--file', file, '--count', '150', '--streams', '3', '--retry-conflicts'];
    const first = readAcks(spawnTs(WRITER, [...args, '--prefix', 'shared']));
    const second = readAcks(spawnTs(WRITER, [...args, '--prefix', 'shared']));

    const exits = await Promise.all([first.exited, second.exited]);

    expect({ exits, stderr: first.stderr() + second.stderr() }).toEqual({
      exits: [
        { code: 0, signal: null },
        { code: 0, signal: null },
      ],
      stderr: '',
    });
    const stored = await readWholeLog(store);
    expect(stored).toHaveLength(300);
    expectContiguousRevisions(stored);
    // Both writers used the same streams: each (stream, revision) was acknowledged to exactly one of them.
    const claimed = [...first.acks, ...second.acks].map((ack) => `${ack.stream}@${ack.revision}`);
    expect(new Set(claimed).size).toBe(300);
  });
});
