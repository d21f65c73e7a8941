/**
 * SQLite event store against raw better-sqlite3 doing the same work on an identical table with the
 * same journal mode and synchronous setting, in the same run:
 *
 * - append: one event per append, sequential, over many streams (each append is a durable commit).
 *   Raw: one autocommitted INSERT per event (also durable), with the same id generation and JSON
 *   serialisation, but no expected-revision check. Target ratio >= 0.7.
 * - readAll: the whole global log in batches of 1000. Raw: one SELECT over the table, rows as arrays,
 *   with JSON.parse of data and metadata per row. Target ratio >= 0.5.
 *
 * Both sides run in alternating rounds so drift on a shared machine hits them alike; the append
 * figure sums all rounds, the read figure takes each side's best round.
 * Sizes: BENCH_APPENDS (default 20000), BENCH_READ_EVENTS (default 200000).
 */
import { openSqliteEventStore, NewEvent, SqliteEventStore } from '@casetrail/eventstore';
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyDurablePragmas, EVENTS_TABLE_DDL } from '@casetrail/eventstore/sqlite/sqlite-schema';
import { BenchResult, BenchScenario, measure, perSecond, versus } from '../harness';

const APPENDS = Number(process.env.BENCH_APPENDS ?? 20_000);
const READ_EVENTS = Number(process.env.BENCH_READ_EVENTS ?? 200_000);
const STREAMS = 500;
const APPEND_ROUNDS = 4;
const READ_ROUNDS = 3;
const READ_BATCH = 1_000;
const POPULATE_EVENTS_PER_APPEND = 100;

/** A case event of realistic size: a few fields of data, full metadata with hashes. */
function caseEvent(n: number): NewEvent {
  return {
    type: 'CaseNoteAdded',
    data: {
      caseId: `case-${n % STREAMS}`,
      note: `Customer called back about the printer; attempt ${n}.`,
      author: 'engineer@example.com',
      visibility: 'internal',
    },
    metadata: {
      actor: 'engineer@example.com',
      correlationId: '6f1c1f9e-3a51-4b1e-9d3e-2f1a9b0c7d11',
      commandId: '0b8e0d4e-3f0c-4a6b-8c37-5a9d2e1f4c22',
      schemaVersion: 1,
      previousHash: 'a'.repeat(64),
      hash: 'b'.repeat(64),
    },
  };
}

function openRawDatabase(file: string): Database.Database {
  const db = new Database(file);
  applyDurablePragmas(db);
  db.exec(EVENTS_TABLE_DDL);
  return db;
}

async function benchAppends(dir: string): Promise<BenchResult> {
  const store = openSqliteEventStore(join(dir, 'append-store.db'));
  const raw = openRawDatabase(join(dir, 'append-raw.db'));
  const insert = raw.prepare(
    'INSERT INTO events (id, stream, revision, type, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const storeRevisions = new Map<string, number>();
  const rawRevisions = new Map<string, number>();
  const perRound = Math.ceil(APPENDS / APPEND_ROUNDS);
  let storeMs = 0;
  let rawMs = 0;
  let next = 0;

  for (let round = 0; round < APPEND_ROUNDS; round++) {
    const from = next;
    const to = Math.min(APPENDS, from + perRound);
    next = to;

    rawMs += (
      await measure(() => {
        for (let n = from; n < to; n++) {
          const stream = `case-${n % STREAMS}`;
          const revision = (rawRevisions.get(stream) ?? -1) + 1;
          const event = caseEvent(n);
          const recordedAt = new Date().toISOString();
          const data = JSON.stringify(event.data);
          insert.run(
            randomUUID(),
            stream,
            revision,
            event.type,
            data,
            JSON.stringify(event.metadata),
            recordedAt,
          );
          rawRevisions.set(stream, revision);
        }
      })
    ).ms;

    storeMs += (
      await measure(async () => {
        for (let n = from; n < to; n++) {
          const stream = `case-${n % STREAMS}`;
          const expected = storeRevisions.get(stream) ?? 'no-stream';
          const result = await store.append(stream, [caseEvent(n)], expected);
          storeRevisions.set(stream, result.nextExpectedRevision);
        }
      })
    ).ms;
  }

  await store.close();
  raw.close();
  return {
    ...versus(
      {
        name: 'eventstore.sqlite.append',
        value: perSecond(APPENDS, storeMs),
        unit: 'appends/s',
        target: '>= 0.7',
      },
      { name: 'raw-sqlite-insert', value: perSecond(APPENDS, rawMs) },
    ),
    extra: { appends: APPENDS, streams: STREAMS, storeMs, rawMs },
  };
}

async function populate(store: SqliteEventStore, count: number): Promise<void> {
  const revisions = new Map<string, number>();
  for (let n = 0; n < count; n += POPULATE_EVENTS_PER_APPEND) {
    const stream = `case-${(n / POPULATE_EVENTS_PER_APPEND) % STREAMS}`;
    const size = Math.min(POPULATE_EVENTS_PER_APPEND, count - n);
    const events = Array.from({ length: size }, (_, index) => caseEvent(n + index));
    const result = await store.append(stream, events, revisions.get(stream) ?? 'no-stream');
    revisions.set(stream, result.nextExpectedRevision);
  }
}

async function readWithStore(store: SqliteEventStore): Promise<number> {
  let count = 0;
  for (let after = 0; ;) {
    const batch = await store.readAll({ after, maxCount: READ_BATCH });
    if (batch.length === 0) return count;
    count += batch.length;
    after = batch[batch.length - 1].position;
  }
}

/** The plain way to scan the log: one SELECT, rows as arrays (cheapest), JSON.parse per row. */
function readRaw(db: Database.Database): number {
  const select = db
    .prepare<[], [number, string, string, number, string, string, string, string]>(
      'SELECT position, id, stream, revision, type, data, metadata, recorded_at FROM events ORDER BY position',
    )
    .raw();
  let count = 0;
  for (const row of select.iterate()) {
    JSON.parse(row[5]);
    JSON.parse(row[6]);
    count += 1;
  }
  return count;
}

async function benchReadAll(dir: string): Promise<BenchResult> {
  const file = join(dir, 'read.db');
  const store = openSqliteEventStore(file);
  await populate(store, READ_EVENTS);
  const raw = new Database(file, { readonly: true });
  let storeMs = Number.POSITIVE_INFINITY;
  let rawMs = Number.POSITIVE_INFINITY;

  for (let round = 0; round < READ_ROUNDS; round++) {
    // Alternate which side goes first, so neither always inherits the other's garbage or cache.
    const rawFirst = round % 2 === 0;
    const first = await measure(() => (rawFirst ? readRaw(raw) : readWithStore(store)));
    const second = await measure(() => (rawFirst ? readWithStore(store) : readRaw(raw)));
    const [rawRun, storeRun] = rawFirst ? [first, second] : [second, first];
    if (rawRun.result !== READ_EVENTS || storeRun.result !== READ_EVENTS) {
      throw new Error(`read ${storeRun.result} (store) and ${rawRun.result} (raw) of ${READ_EVENTS} events`);
    }
    rawMs = Math.min(rawMs, rawRun.ms);
    storeMs = Math.min(storeMs, storeRun.ms);
  }

  raw.close();
  await store.close();
  return {
    ...versus(
      {
        name: 'eventstore.sqlite.readAll',
        value: perSecond(READ_EVENTS, storeMs),
        unit: 'events/s',
        target: '>= 0.5',
      },
      { name: 'raw-sqlite-select-parse', value: perSecond(READ_EVENTS, rawMs) },
    ),
    extra: { events: READ_EVENTS, batchSize: READ_BATCH, storeMs, rawMs },
  };
}

const eventStoreBench: BenchScenario = async () => {
  const dir = mkdtempSync(join(tmpdir(), 'casetrail-bench-es-'));
  try {
    return [await benchAppends(dir), await benchReadAll(dir)];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};

export default eventStoreBench;
