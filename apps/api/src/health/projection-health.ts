import {
  logBehindCheckpointMessage,
  type ProjectionState,
  type ProjectionStatus,
} from '@casetrail/readmodels';
import { whyNotHeld, type LeaseView } from '../storage/lease-inspector';
import type { HealthThresholds } from './health-thresholds';

/**
 * A runner's own states (embedded mode), or, where the projections run in another process, what
 * their lease says: `active` while a runner holds it, `no-runner` when none does (released,
 * expired, or held by a process that has exited), `unknown` when this process cannot read leases.
 */
export type ProjectionHealthState = ProjectionState | 'no-runner' | 'unknown';

export interface ProjectionHealth extends Omit<ProjectionStatus, 'state'> {
  state: ProjectionHealthState;
  /** While it is behind: how long the oldest event it has not applied has waited, in milliseconds. */
  behindForMs?: number;
  /** Where it runs in another process: who holds its lease (null: nobody). */
  lease?: LeaseView | null;
  /** Why it makes /health degraded. */
  problem?: string;
}

/** What /health says is wrong with a projection, if anything. */
export function projectionProblem(
  projection: Omit<ProjectionHealth, 'problem'>,
  thresholds: Pick<HealthThresholds, 'behindGraceMs' | 'lagWarning'>,
): string | undefined {
  const { lag, behindForMs = 0 } = projection;
  if (projection.state === 'failed') return `failed: ${projection.lastError ?? 'no error recorded'}`;
  // Not "lag 0": the log lost events this projection applied (only the processes that serve from
  // it refuse to start on such a pair; one may have started before the log was replaced).
  if (projection.checkpoint > projection.headPosition) {
    return logBehindCheckpointMessage(projection.name, projection.checkpoint, projection.headPosition);
  }
  if (lag === 0) return undefined;
  if (projection.state === 'no-runner') {
    return `${count(lag, 'event')} not applied and no runner at work (${whyNotHeld(projection.lease)}): start \`casetrail project\``;
  }
  if (behindForMs > thresholds.behindGraceMs) {
    return `behind for ${seconds(behindForMs)} (${count(lag, 'event')} not applied), longer than the ${seconds(thresholds.behindGraceMs)} allowed`;
  }
  if (lag > thresholds.lagWarning) return `${count(lag, 'event')} behind, more than ${thresholds.lagWarning}`;
  return undefined;
}

/**
 * What /health says of a projection whose next event's stored row cannot be read: it cannot go on
 * past it (whatever its runner's lease says), and the row is the one to repair.
 */
export function unreadableNextProblem(error: { message: string }): string {
  return `stopped at an event it cannot apply: ${error.message}; \`casetrail verify\` names every damaged row (see \`storage\`)`;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function seconds(ms: number): string {
  return `${Math.round(ms / 1000)} s`;
}
