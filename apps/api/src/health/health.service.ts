import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import type { SupportPolicy } from '@casetrail/domain';
import { describeBrokenLink, type BrokenLink, type EventStore } from '@casetrail/eventstore';
import type { ReadModelStore } from '@casetrail/readmodels';
import { casesProjection } from '@casetrail/readmodels/cases/cases.projection';
import { NotificationHealth, NotificationStatusReader } from '../notifications/notification-status.reader';
import { calendarsMissingFromPolicy } from '../calendars/business-calendar-of';
import { policyArchiveDamage } from '../policy-archive/policy-archive-stream';
import { CalendarsInUse } from '../calendars/calendars-in-use';
import { SUPPORT_POLICY } from '../runtime/runtime';
import {
  MissionCriticalCoverage,
  type UncoveredMissionCriticalAccounts,
} from '../accounts/mission-critical-coverage';
import { currentRelease } from '../release/release';
import { DamagedStreams, type DamagedStream, type DamagedStreamsReport } from '../storage/damaged-streams';
import { DamagedStreamsJournal } from '../storage/damaged-streams-journal';
import { integrityRouteOf, KINDS_WITH_INTEGRITY_CHECK, recordOfStream } from '../storage/record-damage';
import { EVENT_STORE, READ_MODEL_STORE } from '../storage/storage.tokens';
import type { ProjectionHealth } from './projection-health';
import { ProjectionHealthReader } from './projection-health.reader';
import type { SlaTimersHealth } from './sla-timers-health';
import { SlaTimersHealthReader } from './sla-timers-health.reader';

export interface HealthReport {
  status: 'up' | 'degraded' | 'down';
  /** The build answering (see Release.id): which CHANGELOG entries it includes. */
  release: string;
  /** Why the status is not `up`, one line each (absent when it is). */
  reasons?: string[];
  checks: { eventStore: CheckResult; readModels: CheckResult };
  projections: ProjectionHealth[];
  /** The notification backlog, sent and dead counts, who delivers, and the in-process pipeline's state. */
  notifications?: NotificationHealth;
  /** Who holds the SLA timer scheduler's lease, and the cases with a timer due it has not fired. */
  slaTimers?: SlaTimersHealth;
  /** Calendars accounts or cases name that the support policy file lacks (absent when none). */
  missingCalendars?: string[];
  /**
   * The first broken link of the support policy archive's hash chain (absent when it holds): an
   * adoption was edited after it was written. The process keeps the policies it verified at start;
   * a restart is refused until the archive is restored.
   */
  damagedPolicyArchive?: BrokenLink;
  /**
   * Mission Critical accounts with no CSM designated (absent when none): activity on their
   * unassigned cases reaches nobody at the vendor. Data for an admin to put right, not the desk
   * failing, so it leaves the status as it is (a probe would not know what to do with it).
   */
  missionCriticalWithoutCsm?: UncoveredMissionCriticalAccounts;
  /**
   * Streams this process found damaged since it started (absent when none): events lost from them,
   * unreadable, or their hash chain broken, as commands, `?asOf=`, histories, integrity checks and
   * the SLA timers ran into them (the timers of a separate `casetrail project` included: it stores
   * what it finds, DamagedStreamsJournal). Not a walk of the log: `casetrail verify` checks every stream.
   */
  storage?: StorageHealth;
}

/** What the event store was found to have lost or changed, and what to do about it. */
export interface StorageHealth extends DamagedStreamsReport {
  fix: string;
}

/**
 * What an operator does about the damaged streams `damaged` lists (also the reason's words): the
 * integrity check that takes a stream again is its own kind's (a licence's is not a case's route),
 * so the routes of the kinds listed are named; all of them when some streams are not listed.
 */
export function damagedStreamsFix(damaged: DamagedStreamsReport): string {
  const listed = damaged.streams.map(({ stream }) => recordOfStream(stream).kind);
  const kinds = damaged.count > damaged.streams.length ? [...listed, ...KINDS_WITH_INTEGRITY_CHECK] : listed;
  const routes = [...new Set(kinds)].flatMap((kind) => integrityRouteOf(kind) ?? []);
  const takenBy = routes.length > 0 ? `its integrity check (${routes.join(', ')}) or a command` : 'a command';
  return (
    '`casetrail verify` names every missing, unreadable or changed event; restore the event store from a backup: ' +
    `a stream is taken again once ${takenBy} finds it whole ` +
    '(one whose event the projections set aside only after `casetrail rebuild` and a restart: the read models lack that event)'
  );
}

interface CheckResult {
  status: 'up' | 'down';
  error?: string;
}

/**
 * Down when a store cannot be reached (the process cannot serve). Degraded when the desk is not
 * doing what it should and someone must look, in whichever process the work runs: a projection
 * failed, has no runner while events wait for it, or has been behind too long (reads wait for
 * it); notifications are waiting with no worker at work, or were given up on (dead letters);
 * SLA timers are due with no scheduler holding its lease, or have waited past the grace (no
 * at-risk warning or breach is being recorded); accounts or cases name a calendar the support
 * policy no longer has; the support policy archive's hash chain does not hold. Writes still work then, so the answer stays 200.
 */
@Injectable()
export class HealthService {
  private readonly logger = new Logger('Health');

  constructor(
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(READ_MODEL_STORE) private readonly readModels: ReadModelStore,
    @Inject(ProjectionHealthReader) private readonly projectionHealth: ProjectionHealthReader,
    @Optional()
    @Inject(NotificationStatusReader)
    private readonly notificationStatus?: NotificationStatusReader,
    @Optional()
    @Inject(SlaTimersHealthReader)
    private readonly slaTimersHealth?: SlaTimersHealthReader,
    @Optional() @Inject(SUPPORT_POLICY) private readonly policy?: SupportPolicy,
    @Optional()
    @Inject(MissionCriticalCoverage)
    private readonly coverage?: MissionCriticalCoverage,
    @Optional() @Inject(CalendarsInUse) private readonly calendarsInUse?: CalendarsInUse,
    @Optional() @Inject(DamagedStreams) private readonly damagedStreams?: DamagedStreams,
    @Optional()
    @Inject(DamagedStreamsJournal)
    private readonly projectorFindings?: DamagedStreamsJournal | null,
  ) {}

  async report(): Promise<HealthReport> {
    const [eventStore, readModels] = await Promise.all([
      check(() => this.events.ping()),
      check(() => this.readModels.ping()),
    ]);
    const checks = { eventStore, readModels };
    if (eventStore.status === 'down' || readModels.status === 'down') {
      const reasons = Object.entries(checks).flatMap(([store, result]) =>
        result.status === 'down'
          ? [`${STORE_NAMES[store as keyof typeof checks]} unreachable: ${result.error}`]
          : [],
      );
      return { status: 'down', release: currentRelease().id, reasons, checks, projections: [] };
    }
    const [projections, notifications, missionCriticalWithoutCsm, damagedPolicyArchive] = await Promise.all([
      this.projectionHealth.read(),
      this.notificationStatus?.health(),
      this.coverage?.uncovered(),
      // A handful of events: checked on every report, so an archive edited while running shows.
      policyArchiveDamage(this.events),
      // The accounts' calendars, so a policy file that dropped one in use shows at once.
      this.calendarsInUse?.refresh(),
      this.adoptProjectorFindings(),
    ]);
    // Judged after the projections: the timers waiting are read from the cases projection's rows.
    const slaTimers = await this.slaTimersHealth?.read(
      projections.find(({ name }) => name === casesProjection.name),
    );
    const reasons = [
      ...projections.flatMap(({ name, problem }) => (problem ? [`projection ${name}: ${problem}`] : [])),
      ...(notifications?.problems ?? []).map((problem) => `notifications: ${problem}`),
      ...(slaTimers?.problem ? [`SLA timers: ${slaTimers.problem}`] : []),
    ];
    const missingCalendars = this.policy ? calendarsMissingFromPolicy(this.policy) : [];
    if (missingCalendars.length > 0) {
      reasons.push(
        `support policy: no calendar ${missingCalendars.join(', ')}, which accounts or cases name: their business time follows the default calendar until it is back in SUPPORT_POLICY_FILE`,
      );
    }
    if (damagedPolicyArchive) {
      reasons.push(
        `support policy archive damaged: ${describeBrokenLink(damagedPolicyArchive)}; figures keep the policies verified at start, and a restart is refused until the event store is restored from a backup`,
      );
    }
    const damaged = this.damagedStreams?.report();
    const storage = damaged ? { ...damaged, fix: damagedStreamsFix(damaged) } : undefined;
    if (storage) {
      const named = storage.streams.map(({ stream }) => stream).join(', ');
      const more =
        storage.count > storage.streams.length ? ` and ${storage.count - storage.streams.length} more` : '';
      reasons.push(
        `storage: ${storage.count} stream(s) found damaged ${foundWhen(storage.streams)} (${named}${more}); commands on them answer 503: ${storage.fix}`,
      );
    }
    return {
      status: reasons.length > 0 ? 'degraded' : 'up',
      release: currentRelease().id,
      ...(reasons.length > 0 ? { reasons } : {}),
      checks,
      projections,
      ...(notifications ? { notifications } : {}),
      ...(slaTimers ? { slaTimers } : {}),
      ...(missingCalendars.length > 0 ? { missingCalendars } : {}),
      ...(damagedPolicyArchive ? { damagedPolicyArchive } : {}),
      ...(missionCriticalWithoutCsm ? { missionCriticalWithoutCsm } : {}),
      ...(storage ? { storage } : {}),
    };
  }

  /** The streams a separate projector found damaged, taken in as this process's own (a failed read is the next call's). */
  private async adoptProjectorFindings(): Promise<void> {
    if (!this.projectorFindings || !this.damagedStreams) return;
    await this.projectorFindings.adoptInto(this.damagedStreams).catch((error: unknown) => {
      this.logger.warn(
        `Cannot read the streams the projector found damaged: ${error instanceof Error ? error.message : String(error)}`,
      );
    });
  }
}

/** "since start", unless some were taken in from `casetrail project`, which found them before this process started, maybe. */
function foundWhen(streams: readonly DamagedStream[]): string {
  const finders = [...new Set(streams.flatMap(({ foundBy }) => (foundBy ? [foundBy] : [])))];
  if (finders.length === 0) return 'since start';
  const by = finders.map((finder) => `\`${finder}\``).join(', ');
  return streams.every(({ foundBy }) => foundBy) ? `by ${by}` : `since start or by ${by}`;
}

const STORE_NAMES = { eventStore: 'event store', readModels: 'read-model store' } as const;

async function check(probe: () => Promise<void>): Promise<CheckResult> {
  try {
    await probe();
    return { status: 'up' };
  } catch (error) {
    return { status: 'down', error: error instanceof Error ? error.message : String(error) };
  }
}
