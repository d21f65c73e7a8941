import type { GlobalPosition } from '@casetrail/eventstore';

/**
 * - `idle`: not started;
 * - `standby`: another runner holds the lease, this one retries periodically;
 * - `active`: holds the lease and applies events;
 * - `rebuilding`: holds the lease and replays the log from zero (`ProjectionRunner.rebuild`);
 * - `failed`: applying failed (projection error, store unreachable); retried with back-off;
 * - `stopped`: stopped gracefully, lease released.
 */
export type ProjectionState = 'idle' | 'standby' | 'active' | 'rebuilding' | 'failed' | 'stopped';

export interface ProjectionStatus {
  name: string;
  state: ProjectionState;
  /** Last applied position, by whichever runner is active. */
  checkpoint: GlobalPosition;
  headPosition: GlobalPosition;
  /** Events not yet applied: head position minus checkpoint. */
  lag: number;
  /** The latest failure, until a batch applies again. */
  lastError?: string;
}
