import { openSqliteEventStore, type EventStore, type RecordedEvent } from '@casetrail/eventstore';
import type { ReadModelStore } from '@casetrail/readmodels';
import { join } from 'node:path';
import { COUNTERS, countersFromLog, VALUE_RECORDED, type Counter } from './projector-counting.projection';
import { ProjectorOutput, type ProjectorLine } from './projector-output';
import { spawnTs } from './spawn-ts';

const CHILD = 'test/support/projector-child.ts';
const STREAMS = 50;
const EVENTS_PER_APPEND = 10;

export interface ProjectorFiles {
  events: string;
  readModels: string;
  holdFlag: string;
}

export function projectorFiles(dir: string): ProjectorFiles {
  return {
    events: join(dir, 'events.sqlite'),
    readModels: join(dir, 'readmodels.sqlite'),
    holdFlag: join(dir, 'hold.flag'),
  };
}

/** Start a projector child; its lines also go to `timeline` when given (to order several children's lines). */
export function spawnProjector(
  files: ProjectorFiles,
  runnerId: string,
  args: string[] = [],
  timeline?: ProjectorLine[],
): ProjectorOutput {
  const child = spawnTs(CHILD, [
    '--events',
    files.events,
    '--readmodels',
    files.readModels,
    '--runner-id',
    runnerId,
    ...args,
  ]);
  return new ProjectorOutput(child, timeline);
}

/**
 * Append `count` events over 50 streams, ten per append, about one in ten of a type the
 * projection ignores (it must still move its checkpoint past them). Returns the head position.
 */
export async function writeFaultEvents(file: string, count: number): Promise<number> {
  const store = openSqliteEventStore(file);
  try {
    for (let first = 0; first < count; first += EVENTS_PER_APPEND) {
      const stream = `account-${(first / EVENTS_PER_APPEND) % STREAMS}`;
      const events = Array.from({ length: Math.min(EVENTS_PER_APPEND, count - first) }, (_, offset) => {
        const index = first + offset;
        return {
          type: index % 10 === 3 ? 'NoiseRecorded' : VALUE_RECORDED,
          data: { value: (index * 7919) % 1000 },
          metadata: { actor: 'system:fault-test', correlationId: `c-${index}`, schemaVersion: 1 },
        };
      });
      await store.append(stream, events, 'any');
    }
    return await store.headPosition();
  } finally {
    await store.close();
  }
}

/** The counters the projection must show once it has applied everything up to `position`. */
export async function countersUpTo(file: string, position: number): Promise<Counter[]> {
  const store = openSqliteEventStore(file);
  try {
    return countersFromLog((await readWholeLog(store)).filter((event) => event.position <= position));
  } finally {
    await store.close();
  }
}

export async function storedCounters(readModels: ReadModelStore): Promise<Counter[]> {
  const { items } = await readModels.find<Counter>(COUNTERS);
  return items.map(({ id, events, sum }) => ({ id, events, sum }));
}

async function readWholeLog(store: EventStore): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  for (;;) {
    const batch = await store.readAll({ after: events.at(-1)?.position ?? 0, maxCount: 1_000 });
    if (batch.length === 0) return events;
    events.push(...batch);
  }
}

/** Poll until the condition holds (progress made by another process); fails after `timeoutMs`. */
export async function eventually(condition: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
