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
export function openDemoSqliteEventStore(file: string): { store: SqliteEventStore; instant: SimulatedInstant } {
  mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  const instant = new SimulatedInstant();
  const store = new SqliteEventStore(db, { now: instant.now });
  db.pragma('synchronous = NORMAL');
  return { store, instant };
}

/** Appends the simulation's history to `store`, in order, each append with its expected revision. */
export async function writeSimulation(
  store: EventStore,
  simulation: Generator<SimulatedAppend, SimulationSummary>,
  options: { instant?: SimulatedInstant; onAppend?: (summary: { events: number; at: string }) => void } = {},
): Promise<SimulationSummary> {
  let events = 0;
  for (let next = simulation.next(); ; next = simulation.next()) {
    if (next.done) return next.value;
    const append = next.value;
    options.instant?.set(append.at);
    await store.append(append.stream, append.events, append.expectedRevision);
    events += append.events.length;
    options.onAppend?.({ events, at: append.at });
  }
}
