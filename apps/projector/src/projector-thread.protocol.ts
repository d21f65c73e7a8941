import type { ProjectionStatus } from '@casetrail/readmodels';
import type { AppConfig } from '../../api/src/config/app-config';

/** What the API hands its projector thread: the configuration it was started with. */
export interface ProjectorThreadData {
  config: AppConfig;
}

/** API to thread: stop (projections, SLA timers, leases released, stores closed), or report the projections' states. */
export type ProjectorThreadRequest = { type: 'stop' } | { type: 'status'; id: number };

/** Thread to API: the projections run (under this runner id), or the answer to a status request. */
export type ProjectorThreadReport =
  { type: 'started'; runnerId: string } | { type: 'status'; id: number; projections: ProjectionStatus[] };
