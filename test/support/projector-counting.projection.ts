import type { RecordedEvent } from '@casetrail/eventstore';
import type { Projection } from '@casetrail/readmodels';
import { existsSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * The fault tests' projection: per stream, how many `ValueRecorded` events and the sum of their
 * values, plus one document every event updates (the hottest possible document). A lost event
 * shows as a count too low, a doubled one as a count too high.
 */
export const COUNTERS = 'projector_fault_counters';
export const TOTAL_ID = '__all__';
export const VALUE_RECORDED = 'ValueRecorded';

export interface Counter {
  id: string;
  events: number;
  sum: number;
}

export interface HoldOptions {
  /** While this file exists, applying the event at `holdAt` waits: the child is then provably mid-batch. */
  flagFile?: string;
  holdAt?: number;
  /** Told once when the hold starts, so the test knows when to kill. */
  onHold?: () => void;
}

export function countingProjection(hold: HoldOptions = {}): Projection {
  return {
    name: 'fault-counters',
    collections: [{ name: COUNTERS, indexedFields: ['events'] }],
    handles: [VALUE_RECORDED],
    async apply(event, tx) {
      if (hold.flagFile && event.position === hold.holdAt && existsSync(hold.flagFile)) {
        hold.onHold?.();
        while (existsSync(hold.flagFile)) await sleep(20);
      }
      const value = (event.data as { value: number }).value;
      for (const id of [event.stream, TOTAL_ID]) {
        const current = await tx.get<Counter>(COUNTERS, id);
        tx.put(COUNTERS, id, { events: (current?.events ?? 0) + 1, sum: (current?.sum ?? 0) + value });
      }
    },
  };
}

/** The counters computed straight from the log: what the projection must arrive at. */
export function countersFromLog(events: RecordedEvent[]): Counter[] {
  const counters = new Map<string, Counter>();
  for (const event of events) {
    if (event.type !== VALUE_RECORDED) continue;
    const value = (event.data as { value: number }).value;
    for (const id of [event.stream, TOTAL_ID]) {
      const counter = counters.get(id) ?? { id, events: 0, sum: 0 };
      counter.events += 1;
      counter.sum += value;
      counters.set(id, counter);
    }
  }
  return [...counters.values()].sort((left, right) => (left.id < right.id ? -1 : left.id > right.id ? 1 : 0));
}
