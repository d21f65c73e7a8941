import type { ProjectionStatus } from '@casetrail/readmodels';
import type { AppConfig } from '../../api/src/config/app-config';
import type { DamagedStream } from '../../api/src/storage/damaged-streams';

/** What the API hands its projector thread: its configuration, and what threads before it left behind. */
export interface ProjectorThreadData {
  config: AppConfig;
  /** Lease owners of threads that died: the process holding their leases runs, but they do not. */
  endedLeaseOwners?: string[];
}

/**
 * API to thread: stop (projections, SLA timers, leases released, stores closed), or report the
 * projections' states, or the thread's V8 heap (its own: the API's process gauges cover only theirs).
 */
export type ProjectorThreadRequest =
  { type: 'stop' } | { type: 'status'; id: number } | { type: 'heap'; id: number };

/** A thread's V8 heap: used and reserved, as the process gauges casetrail_nodejs_heap_size_* count them. */
export interface ThreadHeap {
  usedBytes: number;
  totalBytes: number;
}

/**
 * Thread to API: the projections run (with the owners of the leases it takes), a stream its SLA
 * timers found damaged (for the API's /health, as soon as found), or the answer to a request.
 */
export type ProjectorThreadReport =
  | { type: 'started'; runnerId: string; leaseOwners: string[] }
  | { type: 'damaged-stream'; found: DamagedStream }
  | { type: 'status'; id: number; projections: ProjectionStatus[] }
  | { type: 'heap'; id: number; heap: ThreadHeap };
