import type { EventStore } from '@casetrail/eventstore';
import type { ReadModelStore } from '@casetrail/readmodels';

/** The two stores a process works with, opened once at start and closed at shutdown. */
export interface Storage {
  eventStore: EventStore;
  readModels: ReadModelStore;
  /** Human-readable description for logs and /health, without credentials. */
  description: { eventStore: string; readModels: string };
  close(): Promise<void>;
}
