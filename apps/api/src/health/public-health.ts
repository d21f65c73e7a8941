import type { HealthReport } from './health.service';
import type { ProjectionHealthState } from './projection-health';

/** A part of the desk as a probe sees it: working, or needing someone to look. */
export type ComponentStatus = 'up' | 'degraded';

/**
 * /health for a caller who is not an admin (a load balancer, an uptime probe, anyone on the
 * network): the overall status (and the HTTP code that goes with it) and each component's, with
 * the projections' lag API.md promises. Nothing an attacker could use: no reasons, errors, lease
 * holders (host names and PIDs), file paths (the mail outbox's, a store's in its error), counts
 * of notifications or cases; an admin's bearer token gets those.
 */
export interface PublicHealthReport {
  status: HealthReport['status'];
  /** The build answering: lets a deployment check that the new release is the one serving. */
  release: string;
  checks: { eventStore: { status: 'up' | 'down' }; readModels: { status: 'up' | 'down' } };
  projections: { name: string; state: ProjectionHealthState; status: ComponentStatus; lag: number }[];
  notifications?: { status: ComponentStatus };
  slaTimers?: { status: ComponentStatus };
  supportPolicy?: { status: ComponentStatus };
  /** Degraded once a stream was found damaged (events lost, unreadable, changed): which ones, admins see. */
  storage?: { status: ComponentStatus };
  /** Where the rest is. */
  details: string;
}

export const DETAILS_FOR_ADMINS =
  "withheld: reasons, leases and counts are shown with an admin's bearer token (Authorization: Bearer <JWT>)";

export function publicHealth(report: HealthReport): PublicHealthReport {
  const { eventStore, readModels } = report.checks;
  return {
    status: report.status,
    release: report.release,
    checks: { eventStore: { status: eventStore.status }, readModels: { status: readModels.status } },
    projections: report.projections.map(({ name, state, lag, problem }) => ({
      name,
      state,
      status: statusOf(problem),
      lag,
    })),
    ...(report.notifications ? { notifications: { status: statusOf(report.notifications.problems) } } : {}),
    ...(report.slaTimers ? { slaTimers: { status: statusOf(report.slaTimers.problem) } } : {}),
    // Judged only where the stores answered (a `down` report stops before the policy).
    ...(report.status === 'down'
      ? {}
      : {
          supportPolicy: {
            status: report.damagedPolicyArchive ? 'degraded' : statusOf(report.missingCalendars),
          },
          storage: { status: report.storage ? 'degraded' : 'up' },
        }),
    details: DETAILS_FOR_ADMINS,
  };
}

/** Degraded when the component has a problem to report (a line, or a non-empty list of them). */
function statusOf(problem: string | readonly string[] | undefined): ComponentStatus {
  return problem !== undefined && problem.length > 0 ? 'degraded' : 'up';
}

/**
 * The admin's report: everything, and every field of the public one too, so a probe that reads the
 * public fields reads them the same with an admin's token.
 */
export function adminHealth(report: HealthReport): object {
  const { details: _details, ...statuses } = publicHealth(report);
  return {
    ...report,
    ...statuses,
    projections: report.projections.map((projection, index) => ({
      ...projection,
      ...statuses.projections[index],
    })),
    ...(report.notifications
      ? { notifications: { ...report.notifications, ...statuses.notifications } }
      : {}),
    ...(report.slaTimers ? { slaTimers: { ...report.slaTimers, ...statuses.slaTimers } } : {}),
    ...(report.storage ? { storage: { ...report.storage, ...statuses.storage } } : {}),
  };
}
