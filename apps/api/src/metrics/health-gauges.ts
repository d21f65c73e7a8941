import { Gauge, type Registry } from 'prom-client';
import type { HealthReport } from '../health/health.service';
import { notificationWorkersAtWork } from '../notifications/notification-health';
import { currentRelease } from '../release/release';

const STATUSES: HealthReport['status'][] = ['up', 'degraded', 'down'];

/**
 * What /health reports, as gauges to alert on: set from one report at each scrape, so /metrics
 * and /health never disagree. A figure the report does not have (a store is down, notifications
 * are not wired) is left out rather than left at its last value.
 */
export class HealthGauges {
  private readonly status: Gauge;
  private readonly projectionRunnerActive: Gauge;
  private readonly projectionBehind: Gauge;
  private readonly notificationsPending: Gauge;
  private readonly notificationsUnadopted: Gauge;
  private readonly notificationsDue: Gauge;
  private readonly notificationsOldestDue: Gauge;
  private readonly notificationsDead: Gauge;
  private readonly outboxLag: Gauge;
  private readonly notificationWorkerActive: Gauge;
  private readonly slaTimersSchedulerActive: Gauge;
  private readonly slaTimersDueCases: Gauge;
  private readonly slaTimersOverdueCases: Gauge;
  private readonly missionCriticalWithoutCsm: Gauge;
  private readonly storageDamagedStreams: Gauge;

  constructor(registry: Registry) {
    const gauge = (name: string, help: string, labelNames: string[] = []) =>
      new Gauge({ name, help, labelNames, registers: [registry] });
    this.status = gauge(
      'casetrail_health_status',
      'The /health status: 1 for the current one, 0 for the others',
      ['status'],
    );
    this.projectionRunnerActive = gauge(
      'casetrail_projection_runner_active',
      'Whether a runner is applying the projection, as /health sees it (the runner here, or the lease where another process runs it): 1 yes, 0 no',
      ['projection'],
    );
    this.projectionBehind = gauge(
      'casetrail_projection_behind_seconds',
      'How long the oldest event a projection has not applied has waited (0 when caught up)',
      ['projection'],
    );
    this.notificationsPending = gauge(
      'casetrail_notifications_pending',
      'Notifications in the outbox not delivered yet nor given up on, taken up by the delivery worker or not',
    );
    this.notificationsUnadopted = gauge(
      'casetrail_notifications_unadopted',
      'Of the pending notifications, those the delivery worker has not taken up yet',
    );
    this.notificationsDue = gauge(
      'casetrail_notifications_due',
      'Notifications that should be going out now: pending and due (not put off after a failure), or not taken up yet',
    );
    this.notificationsOldestDue = gauge(
      'casetrail_notifications_oldest_due_seconds',
      'How long the longest-waiting due notification has waited unsent (0 when none is due): grows while mail is not getting out',
    );
    this.notificationsDead = gauge(
      'casetrail_notifications_dead',
      'Dead letters: notifications given up on, sent again only when requeued',
    );
    this.outboxLag = gauge(
      'casetrail_notifications_outbox_lag_events',
      'Events in the log the notification outbox writer has not applied yet',
    );
    this.notificationWorkerActive = gauge(
      'casetrail_notifications_worker_active',
      'Whether a process is at work on each half of the notification pipeline (outbox, delivery): 1 yes, 0 no',
      ['worker'],
    );
    this.slaTimersSchedulerActive = gauge(
      'casetrail_sla_timers_scheduler_active',
      'Whether a live process holds the SLA timer scheduler lease (this one or another): 1 yes, 0 no',
    );
    this.slaTimersDueCases = gauge(
      'casetrail_sla_timers_due_cases',
      'Cases with an SLA timer (at-risk warning, breach, escalation duty, automatic closure) due and not fired yet',
    );
    this.slaTimersOverdueCases = gauge(
      'casetrail_sla_timers_overdue_cases',
      'Of those, the cases whose timer has been due for longer than the grace (60 s): nobody is firing them',
    );
    this.missionCriticalWithoutCsm = gauge(
      'casetrail_mission_critical_accounts_without_csm',
      'Accounts with a mission-critical licence in force and no CSM designated: activity on their unassigned cases reaches nobody at the vendor',
    );
    this.storageDamagedStreams = gauge(
      'casetrail_storage_damaged_streams',
      'Event store streams this process found damaged since start (lost, unreadable or changed events; /health `storage`): above 0, run `casetrail verify` and restore',
    );
  }

  /**
   * Every gauge but the status (always known), emptied before each report: a labelled gauge loses
   * its series when reset, an unlabelled one must be removed (reset, it would read 0).
   */
  private forgetFigures(): void {
    for (const gauge of [this.projectionRunnerActive, this.projectionBehind, this.notificationWorkerActive])
      gauge.reset();
    for (const gauge of [
      this.notificationsPending,
      this.notificationsUnadopted,
      this.notificationsDue,
      this.notificationsOldestDue,
      this.notificationsDead,
      this.outboxLag,
      this.slaTimersSchedulerActive,
      this.slaTimersDueCases,
      this.slaTimersOverdueCases,
      this.missionCriticalWithoutCsm,
      this.storageDamagedStreams,
    ])
      gauge.remove();
  }

  record(report: HealthReport): void {
    for (const status of STATUSES) this.status.set({ status }, report.status === status ? 1 : 0);
    this.forgetFigures();
    for (const projection of report.projections) {
      const active = projection.state === 'active' || projection.state === 'rebuilding';
      this.projectionRunnerActive.set({ projection: projection.name }, active ? 1 : 0);
      this.projectionBehind.set({ projection: projection.name }, (projection.behindForMs ?? 0) / 1000);
    }
    this.recordSlaTimers(report.slaTimers);
    this.recordNotifications(report.notifications);
    this.recordMissionCriticalCoverage(report);
    // Absent from a report made with the stores reachable means none found: 0, as above.
    if (report.status !== 'down') this.storageDamagedStreams.set(report.storage?.count ?? 0);
  }

  /**
   * /health leaves `missionCriticalWithoutCsm` out when no account lacks a CSM, so a report made
   * with the stores reachable means 0 (an alert must see the count fall back). A `down` report
   * read nothing: the gauge is left out then, as the other figures are.
   */
  private recordMissionCriticalCoverage(report: HealthReport): void {
    if (report.status === 'down') return;
    this.missionCriticalWithoutCsm.set(report.missionCriticalWithoutCsm?.count ?? 0);
  }

  private recordSlaTimers(slaTimers: HealthReport['slaTimers']): void {
    if (!slaTimers) return;
    // Where the lease cannot be read nobody can tell: left out, as the notification workers are.
    if (slaTimers.state !== 'unknown')
      this.slaTimersSchedulerActive.set(slaTimers.state === 'active' ? 1 : 0);
    this.slaTimersDueCases.set(slaTimers.dueCases);
    this.slaTimersOverdueCases.set(slaTimers.overdueCases);
  }

  private recordNotifications(notifications: HealthReport['notifications']): void {
    if (!notifications) return;
    this.notificationsPending.set(notifications.pending);
    this.notificationsUnadopted.set(notifications.unadopted);
    this.notificationsDead.set(notifications.dead);
    if (notifications.due !== undefined) this.notificationsDue.set(notifications.due);
    if (notifications.oldestDueForMs !== undefined)
      this.notificationsOldestDue.set(notifications.oldestDueForMs / 1000);
    if (notifications.outboxLag !== undefined) this.outboxLag.set(notifications.outboxLag);
    for (const [worker, active] of Object.entries(notificationWorkersAtWork(notifications))) {
      if (active !== undefined) this.notificationWorkerActive.set({ worker }, active ? 1 : 0);
    }
  }

  /** The report could not be made (a store failed mid-way): only the status is known. */
  recordFailure(): void {
    this.record({
      status: 'down',
      release: currentRelease().id,
      checks: { eventStore: { status: 'down' }, readModels: { status: 'down' } },
      projections: [],
    });
  }
}
