import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { UnreadableEventError, type EventStore, type GlobalPosition } from '@casetrail/eventstore';
import { ProjectionRunner, type ProjectionStatus } from '@casetrail/readmodels';
import type { AppConfig } from '../config/app-config';
import { ProjectorThread } from '../projections/projector-thread';
import { APP_CONFIG } from '../runtime/runtime';
import { DamagedStreams } from '../storage/damaged-streams';
import { LeaseInspector } from '../storage/lease-inspector';
import { EVENT_STORE } from '../storage/storage.tokens';
import { HEALTH_THRESHOLDS, type HealthThresholds } from './health-thresholds';
import { projectionProblem, unreadableNextProblem, type ProjectionHealth } from './projection-health';

/**
 * Each projection's state, checkpoint, lag and how long it has been behind, wherever it runs: the
 * runner that runs it here says its state (on the projector thread, or on this event loop); when a
 * separate projector runs it (EMBEDDED_PROJECTOR=false), this process's runner never starts and
 * knows nothing but the checkpoints, so the state comes from the projection's lease in the store.
 */
@Injectable()
export class ProjectionHealthReader {
  private readonly logger = new Logger('Health');

  constructor(
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(ProjectionRunner) private readonly runner: ProjectionRunner,
    @Inject(APP_CONFIG) private readonly config: Pick<AppConfig, 'embeddedProjector'>,
    @Inject(HEALTH_THRESHOLDS) private readonly thresholds: HealthThresholds,
    @Optional() @Inject(ProjectorThread) private readonly thread?: ProjectorThread,
    @Optional() @Inject(LeaseInspector) private readonly leases?: LeaseInspector | null,
    @Optional() @Inject(DamagedStreams) private readonly damagedStreams?: DamagedStreams,
  ) {}

  async read(): Promise<ProjectionHealth[]> {
    const projections = this.config.embeddedProjector ? await this.reportedHere() : await this.byLease();
    const behind = await this.behindFor(projections);
    return projections.map((projection) => {
      const next = behind.get(projection.checkpoint);
      const behindForMs = typeof next === 'number' ? next : undefined;
      const judged = { ...projection, ...(behindForMs === undefined ? {} : { behindForMs }) };
      const problem =
        next instanceof UnreadableEventError && projection.state !== 'failed'
          ? unreadableNextProblem(next)
          : projectionProblem(judged, this.thresholds);
      return problem ? { ...judged, problem } : judged;
    });
  }

  /** Embedded mode: the states of the runner here (on the projector thread, or on this event loop). */
  private async reportedHere(): Promise<ProjectionHealth[]> {
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

  /** Another process runs the projections: active while a runner holds the lease, else nobody is at work. */
  private async byLease(): Promise<ProjectionHealth[]> {
    const checkpoints: ProjectionStatus[] = await this.runner.status();
    const leases = await this.leases?.inspectIfReadable((error) =>
      this.logger.warn(
        `Cannot read the projections' leases, so /health cannot say who runs them: ${describe(error)}`,
      ),
    );
    if (!leases) return checkpoints.map((projection) => ({ ...projection, state: 'unknown' }));
    return checkpoints.map((projection) => {
      const lease = leases.get(`projection:${projection.name}`) ?? null;
      return { ...projection, state: lease?.state === 'held' ? 'active' : 'no-runner', lease };
    });
  }

  /**
   * By checkpoint of the projections that are behind: how long ago the store recorded the first
   * event after it, the oldest one they have not applied. Measured from the event, not from when
   * /health first saw the lag, so it is right on the first call and the same on every instance.
   *
   * That event may be one whose stored row cannot be read (edited in place): then it is what the
   * projections stopped at, so it is given instead, and its stream is remembered as damaged (/health
   * `storage`). /health must never fail on one stored row: a probe would take the desk for down.
   */
  private async behindFor(
    projections: ProjectionHealth[],
  ): Promise<Map<GlobalPosition, number | UnreadableEventError>> {
    const behind = new Map<GlobalPosition, number | UnreadableEventError>();
    const now = this.thresholds.now();
    for (const { checkpoint, lag } of projections) {
      if (lag === 0 || behind.has(checkpoint)) continue;
      try {
        const [oldest] = await this.events.readAll({ after: checkpoint, maxCount: 1 });
        if (oldest) behind.set(checkpoint, Math.max(0, now - Date.parse(oldest.recordedAt)));
      } catch (error) {
        if (!(error instanceof UnreadableEventError)) {
          this.logger.warn(
            `Cannot read the event after position ${checkpoint}, so /health cannot say how long the projections at it have been behind: ${describe(error)}`,
          );
          continue;
        }
        behind.set(checkpoint, error);
        this.damagedStreams?.record(error.stream, error.message);
      }
    }
    return behind;
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
