import Database from 'better-sqlite3';
import { SqliteEventStore, type NewEvent } from '@casetrail/eventstore';
import { ChainWalker } from './chain-walker';
import { EvidenceLog, isUnreadable, UnreadableEvent, type LogEntry } from './evidence-log';

const note = (n: number): NewEvent => ({
  type: 'Noted',
  data: { n },
  metadata: { actor: 'a@example.com', correlationId: 'c', schemaVersion: 1 },
});

/** Streams a (revisions 0-3) and b (0-1), interleaved: a0 a1 b0 a2 b1 a3 at positions 1-6. */
async function logWithGarbledRows(...garbled: { position: number; column: 'data' | 'metadata' }[]) {
  const db = new Database(':memory:');
  const store = new SqliteEventStore(db);
  await store.append('a', [note(0), note(1)], 'no-stream');
  await store.append('b', [note(0)], 'no-stream');
  await store.append('a', [note(2)], 1);
  await store.append('b', [note(1)], 0);
  await store.append('a', [note(3)], 2);
  for (const { position, column } of garbled)
    db.prepare(`UPDATE events SET ${column} = '{not json' WHERE position = ?`).run(position);
  return new EvidenceLog(store);
}

const shape = (entries: readonly LogEntry[]) =>
  entries.map((entry) => `${entry.stream}@${entry.revision}${isUnreadable(entry) ? '!' : ''}`);

describe('the event log as the audit reads it', () => {
  it('puts a row that cannot be read in its place, naming what is wrong, instead of failing the read', async () => {
    const log = await logWithGarbledRows(
      { position: 2, column: 'data' },
      { position: 5, column: 'metadata' },
    );

    const entries = await log.readAll(0, 100);
    expect(shape(entries)).toEqual(['a@0', 'a@1!', 'b@0', 'a@2', 'b@1!', 'a@3']);
    expect(entries[1]).toEqual(
      new UnreadableEvent('a', 1, 2, expect.stringMatching(/^its data is not valid JSON \(.+\)$/)),
    );
    expect(entries[4]).toMatchObject({ stream: 'b', revision: 1, position: 5 });
    expect((entries[4] as UnreadableEvent).problem).toMatch(/^its metadata is not valid JSON/);
  });

  it('keeps to maxCount and to where a read starts, past a row that cannot be read', async () => {
    const log = await logWithGarbledRows({ position: 2, column: 'data' });

    expect(shape(await log.readAll(1, 2))).toEqual(['a@1!', 'b@0']);
    expect(shape(await log.readStream('a'))).toEqual(['a@0', 'a@1!', 'a@2', 'a@3']);
    expect(shape(await log.readStream('a', { fromRevision: 1, maxCount: 2 }))).toEqual(['a@1!', 'a@2']);
    expect(shape(await log.readStream('a', { direction: 'backwards', fromRevision: 2 }))).toEqual([
      'a@2',
      'a@1!',
      'a@0',
    ]);
    expect(
      shape(await log.readStream('a', { direction: 'backwards', maxCount: 1, fromRevision: 1 })),
    ).toEqual(['a@1!']);
    const batches: string[][] = [];
    for await (const batch of log.entries(4)) batches.push(shape(batch));
    expect(batches).toEqual([
      ['a@0', 'a@1!', 'b@0', 'a@2'],
      ['b@1', 'a@3'],
    ]);
  });

  it("lets verify's walk name the row, judge its stream unproven from there, and check every other stream", async () => {
    const log = await logWithGarbledRows({ position: 2, column: 'data' });
    const walker = new ChainWalker();
    for await (const batch of log.entries()) for (const entry of batch) walker.accept(entry);
    await walker.recheck((stream) => log.readStream(stream));

    expect(walker.unreadable).toEqual([expect.objectContaining({ stream: 'a', revision: 1, position: 2 })]);
    // Stream a is not also called broken at a later revision, nor b at all.
    expect(walker.broken).toEqual([]);
    expect(walker.headHash('a')).toBeUndefined();
    expect(walker.headHash('b')).toMatch(/^[0-9a-f]{64}$/);
    expect(walker.lastEvent('a')).toMatchObject({ revision: 3 });
  });
});
