import * as path from 'node:path';
import type { EventStore, RecordedEvent } from '@casetrail/eventstore';
import {
  openDemoSqliteEventStore,
  writeSimulation,
} from '../../../apps/cli/src/commands/demo-data/demo-data-writer';
import {
  simulateSupport,
  type SimulationSummary,
} from '../../../apps/cli/src/commands/demo-data/support-simulation';

export interface DatasetOptions {
  cases: number;
  /** The simulated period ends here. */
  end: string;
  days?: number;
  seed?: number;
}

/**
 * Writes a simulated support history into `dataDir/events.sqlite` (the file the API opens under
 * DATA_DIR), through the real deciders and with valid hash chains; `recordedAt` follows the
 * simulated time.
 */
export async function generateDataset(dataDir: string, options: DatasetOptions): Promise<SimulationSummary> {
  const { store, instant, group } = openDemoSqliteEventStore(path.join(dataDir, 'events.sqlite'));
  try {
    return await writeSimulation(store, simulateSupport(options), { instant, group });
  } finally {
    await store.close();
  }
}

/** The whole log, oldest first. */
export async function readAllEvents(eventStore: EventStore): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  for (let after = 0; ;) {
    const batch = await eventStore.readAll({ after, maxCount: 5_000 });
    if (batch.length === 0) return events;
    events.push(...batch);
    after = batch[batch.length - 1].position;
  }
}
