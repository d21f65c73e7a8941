import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { SqliteEventStore, type EventStore } from '@casetrail/eventstore';
import type { SimulatedAppend, SimulationSummary } from './support-simulation';

/** The instant a simulated append happened, for a store that records it as `recordedAt`. */
export class SimulatedInstant {
  private current = new Date(0);

  now = (): Date => new Date(this.current);

  set(instant: string): void {
    this.current = new Date(instant);
  }
}

/**
 * A SQLite event store for generated data: `recordedAt` follows the simulation (so as-of queries
 * and the history read like the simulated weeks), and commits are not fsynced one by one (WAL with
 * synchronous NORMAL stays consistent after a crash, and the data can be generated again).
 */
export function openDemoSqliteEventStore(file: string): DemoSqliteEventStore {
  mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  const instant = new SimulatedInstant();
  const store = new SqliteEventStore(db, { now: instant.now });
  db.pragma('synchronous = NORMAL');
  return {
    store,
    instant,
    // The store's appends run synchronously inside its promise, so they nest in this transaction
    // (as savepoints): thousands of appends share one commit instead of one commit each.
    group: {
      begin: () => db.exec('BEGIN IMMEDIATE'),
      commit: () => db.exec('COMMIT'),
    },
  };
}

export interface DemoSqliteEventStore {
  store: SqliteEventStore;
  instant: SimulatedInstant;
  group: AppendGroup;
}

/** Groups many appends in one transaction, where the store allows it. */
export interface AppendGroup {
  begin(): void;
  commit(): void;
}

const APPENDS_PER_GROUP = 2_000;

/** Appends the simulation's history to `store`, in order, each append with its expected revision. */
export async function writeSimulation(
  store: EventStore,
  simulation: Generator<SimulatedAppend, SimulationSummary>,
  options: {
    instant?: SimulatedInstant;
    group?: AppendGroup;
    onAppend?: (progress: { events: number; at: string }) => void;
  } = {},
): Promise<SimulationSummary> {
  const { instant, group } = options;
  let events = 0;
  let grouped = 0;
  try {
    for (let next = simulation.next(); ; next = simulation.next()) {
      if (next.done) return next.value;
      const append = next.value;
      if (group && grouped === 0) group.begin();
      instant?.set(append.at);
      await store.append(append.stream, append.events, append.expectedRevision);
      events += append.events.length;
      options.onAppend?.({ events, at: append.at });
      if (group && ++grouped === APPENDS_PER_GROUP) {
        group.commit();
        grouped = 0;
      }
    }
  } finally {
    if (group && grouped > 0) group.commit();
  }
}
