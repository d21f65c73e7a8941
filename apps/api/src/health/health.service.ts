import { Inject, Injectable, Optional } from '@nestjs/common';
import type { EventStore } from '@casetrail/eventstore';
import { ProjectionRunner, ProjectionStatus, ReadModelStore } from '@casetrail/readmodels';
import { NotificationHealth, NotificationStatusReader } from '../notifications/notification-status.reader';
import { ProjectorThread } from '../projections/projector-thread';
import { EVENT_STORE, READ_MODEL_STORE } from '../storage/storage.tokens';

export interface HealthReport {
  status: 'up' | 'degraded' | 'down';
  checks: { eventStore: CheckResult; readModels: CheckResult };
  projections: ProjectionStatus[];
  /** Pending, sent and dead-lettered notifications (and the pipeline's state where it runs in-process). */
  notifications?: NotificationHealth;
}

interface CheckResult {
  status: 'up' | 'down';
  error?: string;
}

/**
 * Down when a store cannot be reached (the process cannot serve); degraded when a projection has
 * failed or lags far behind (reads are stale, writes still work).
 */
@Injectable()
export class HealthService {
  static readonly LAG_WARNING = 10_000;

  constructor(
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(READ_MODEL_STORE) private readonly readModels: ReadModelStore,
    @Inject(ProjectionRunner) private readonly runner: ProjectionRunner,
    @Optional() @Inject(ProjectorThread) private readonly thread?: ProjectorThread,
    @Optional()
    @Inject(NotificationStatusReader)
    private readonly notificationStatus?: NotificationStatusReader,
  ) {}

  async report(): Promise<HealthReport> {
    const [eventStore, readModels] = await Promise.all([
      check(() => this.events.ping()),
      check(() => this.readModels.ping()),
    ]);
    const projections =
      eventStore.status === 'up' && readModels.status === 'up' ? await this.projectionStatus() : [];
    const storesDown = eventStore.status === 'down' || readModels.status === 'down';
    const notifications = storesDown ? undefined : await this.notificationStatus?.health();
    const lagging =
      projections.some(
        (projection) => projection.state === 'failed' || projection.lag > HealthService.LAG_WARNING,
      ) ||
      (notifications !== undefined && NotificationStatusReader.isDegraded(notifications));
    return {
      status: storesDown ? 'down' : lagging ? 'degraded' : 'up',
      checks: { eventStore, readModels },
      projections,
      ...(notifications ? { notifications } : {}),
    };
  }

  private async projectionStatus(): Promise<ProjectionStatus[]> {
    if (!this.thread) return this.runner.status();
    // On the projector thread, the runner there knows the states; this one sees only checkpoints.
    const reported = await this.thread.status();
    if (reported) return reported;
    const seen = await this.runner.status();
    return seen.map((projection) => ({
      ...projection,
      state: 'failed',
      lastError: 'The projector thread is not running or not answering; it is started again when it exits',
    }));
  }
}

async function check(probe: () => Promise<void>): Promise<CheckResult> {
  try {
    await probe();
    return { status: 'up' };
  } catch (error) {
    return { status: 'down', error: error instanceof Error ? error.message : String(error) };
  }
}
