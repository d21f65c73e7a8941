import {
  openSqliteEventStore,
  verifyStreamChain,
  type BrokenLink,
  type RecordedEvent,
} from '@casetrail/eventstore';
import { openSqliteReadModelStore, ProjectionRunner, type Doc } from '@casetrail/readmodels';
import { ALL_PROJECTIONS } from '@casetrail/readmodels/all-projections';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { readWholeLog } from '../eventstore-log';

/** The embedded files under a DATA_DIR, as `openStorage` names them. */
export function dataFiles(dataDir: string): { events: string; readModels: string } {
  return { events: join(dataDir, 'events.sqlite'), readModels: join(dataDir, 'readmodels.sqlite') };
}

/** The whole global log of a DATA_DIR (the API must be stopped, or at least not mid-append). */
export async function readEventLog(dataDir: string): Promise<RecordedEvent[]> {
  const store = openSqliteEventStore(dataFiles(dataDir).events);
  try {
    return await readWholeLog(store);
  } finally {
    await store.close();
  }
}

/** Every stream's hash chain checked from its first event; the broken links found (none: intact). */
export function brokenChains(log: readonly RecordedEvent[]): BrokenLink[] {
  const streams = new Map<string, RecordedEvent[]>();
  for (const event of log) {
    const events = streams.get(event.stream);
    if (events) events.push(event);
    else streams.set(event.stream, [event]);
  }
  return [...streams.values()].map(verifyStreamChain).filter((link) => link !== undefined);
}

/** SQLite's own full consistency check of a database file ('ok' when sound). */
export function integrityCheck(file: string): string {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return String(db.pragma('integrity_check', { simple: true }));
  } finally {
    db.close();
  }
}

/** Every document of every projection's collections, by collection, sorted by id. */
export type ReadModelSnapshot = Record<string, Doc[]>;

export async function snapshotReadModels(file: string): Promise<ReadModelSnapshot> {
  const store = openSqliteReadModelStore(file);
  try {
    const snapshot: ReadModelSnapshot = {};
    for (const projection of ALL_PROJECTIONS) {
      for (const collection of projection.collections) {
        const page = await store.find(collection.name, { orderBy: [{ field: 'id', direction: 'asc' }] });
        snapshot[collection.name] = page.items;
      }
    }
    return snapshot;
  } finally {
    await store.close();
  }
}

/**
 * Replays the DATA_DIR's event log through every projection into a brand-new read-model file
 * (`targetFile`), as a rebuild from zero would, and returns what it produced.
 */
export async function rebuildFromZero(dataDir: string, targetFile: string): Promise<ReadModelSnapshot> {
  const eventStore = openSqliteEventStore(dataFiles(dataDir).events);
  const readModels = openSqliteReadModelStore(targetFile);
  const runner = new ProjectionRunner({ eventStore, readModels, projections: [...ALL_PROJECTIONS] });
  try {
    await runner.start();
    if (!(await runner.catchUp(60_000)))
      throw new Error('The rebuild from zero did not catch up within 60 s');
  } finally {
    await runner.stop();
    await eventStore.close();
    await readModels.close();
  }
  return snapshotReadModels(targetFile);
}

/** The events a command wrote, found by the command id its Idempotency-Key derives. */
export function eventsOfCommand(log: readonly RecordedEvent[], commandId: string): RecordedEvent[] {
  return log.filter((event) => event.metadata.commandId === commandId);
}

/** One document of the read models of a DATA_DIR, read while the API may still be running (WAL). */
export async function readDocument<T extends object>(
  dataDir: string,
  collection: string,
  id: string,
): Promise<T | undefined> {
  const store = openSqliteReadModelStore(dataFiles(dataDir).readModels);
  try {
    return await store.get<T>(collection, id);
  } finally {
    await store.close();
  }
}

/** One stream's events, read while the API may still be running (WAL). */
export async function readStreamOf(dataDir: string, stream: string): Promise<RecordedEvent[]> {
  const store = openSqliteEventStore(dataFiles(dataDir).events);
  try {
    return await store.readStream(stream);
  } finally {
    await store.close();
  }
}
