import type { EventStore } from '@casetrail/eventstore';
import type { ReadModelStore } from '@casetrail/readmodels';
import type { LeaseReader } from './lease-reader';

/** The two stores a process works with, opened once at start and closed at shutdown. */
export interface Storage {
  eventStore: EventStore;
  readModels: ReadModelStore;
  /**
   * The read models' leases, read without taking any (for /health). Absent where a test builds
   * its stores by hand: /health then cannot say who runs what in another process.
   */
  leases?: LeaseReader;
  /** Human-readable description for logs and /health, without credentials. */
  description: { eventStore: string; readModels: string };
  close(): Promise<void>;
}
