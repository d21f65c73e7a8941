import type { RecordedEvent } from '@casetrail/eventstore';
import type { CollectionDefinition, ProjectionTransaction } from '../read-model-store.port';

/**
 * A projection turns the global event log into read-model documents. It must be deterministic
 * over the events (no clock, no randomness, no I/O besides `tx`): a rebuild replays it from zero
 * and must arrive at the same documents.
 */
export interface Projection {
  /** Stable name: keys its checkpoint and its lease (`projection:<name>`). */
  name: string;
  /** The collections it writes; ensured before it runs and emptied by a rebuild. */
  collections: CollectionDefinition[];
  /** Event types it reacts to; other events are skipped without calling `apply` (they still advance the checkpoint). */
  handles?: string[];
  apply(event: RecordedEvent, tx: ProjectionTransaction): Promise<void> | void;
  /**
   * Version of the projection's code (default 1). Raise it when the same events now give other
   * documents: runners then refuse read models built by an older version until `casetrail
   * rebuild` has rebuilt them, instead of serving (and extending) documents of two kinds.
   */
  version?: number;
  /**
   * How long a stream whose event it could not read stays set aside (SetAsideEvents), across its
   * runner's restarts: until `casetrail rebuild` replays it (default: its documents lack the event
   * until then), or, for one `rebuild` does not replay (the outbox writer: nobody is mailed about the
   * past again), until the row reads again (restored from a backup), from its runner's next start.
   */
  setAsideUntil?: 'rebuilt' | 'readable';
}
