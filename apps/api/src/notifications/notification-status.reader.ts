import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import type { EventStore } from '@casetrail/eventstore';
import type { ReadModelStore } from '@casetrail/readmodels';
import { NOTIFICATIONS_OUTBOX_PROJECTION } from '@casetrail/readmodels/notifications';
import { LeaseInspector } from '../storage/lease-inspector';
import { CLOCK, type Clock } from '../runtime/runtime';
import { EVENT_STORE, READ_MODEL_STORE } from '../storage/storage.tokens';
import { notificationDeliverySummary } from './delivery/delivery-summary';
import { DELIVERY_LEASE } from './delivery/delivery-worker';
import { notificationProblems, type NotificationHealth } from './notification-health';
import { NOTIFICATION_SETTINGS, NotificationPipelineHost } from './notification-pipeline.host';
import { NOTIFICATION_DEFAULTS, type NotificationSettings } from './notification-settings';

export type { NotificationHealth } from './notification-health';

/** The outbox writer is a projection, leased as every projection is (`projection:<name>`). */
const OUTBOX_LEASE = `projection:${NOTIFICATIONS_OUTBOX_PROJECTION}`;

/**
 * Dead letters given up on within this while make /health degraded: news an operator must act on.
 * Older ones are still counted (`dead`, the gauge) but no longer degrade it, so one address that
 * always bounces does not keep the desk degraded for good (there is nothing to clear them with but
 * a requeue).
 */
const RECENT_DEAD_LETTERS_MS = 24 * 60 * 60 * 1000;

/**
 * For /health and /metrics: the backlog (pending, due, not yet in the outbox) and how long its
 * oldest due notification has waited, sent and dead counts,
 * who is at work on each half of the pipeline (by lease, so a `notify` process counts as much as
 * this one) and, in-process, the pipeline's own state; and what of it makes /health degraded.
 */
@Injectable()
export class NotificationStatusReader {
  private readonly logger = new Logger('Health');

  constructor(
    @Inject(READ_MODEL_STORE) private readonly readModels: ReadModelStore,
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(NotificationPipelineHost) private readonly host: NotificationPipelineHost,
    @Inject(CLOCK) private readonly clock: Clock,
    @Optional() @Inject(LeaseInspector) private readonly leases?: LeaseInspector | null,
    @Optional()
    @Inject(NOTIFICATION_SETTINGS)
    private readonly settings?: Pick<NotificationSettings, 'lateAfterMs'> | null,
  ) {}

  async health(): Promise<NotificationHealth> {
    // The application clock, as the delivery worker's: due times are written by it.
    const now = this.clock.now().getTime();
    const [summary, pipeline, leases] = await Promise.all([
      notificationDeliverySummary(
        this.readModels,
        this.events,
        new Date(now - RECENT_DEAD_LETTERS_MS).toISOString(),
        new Date(now).toISOString(),
      ),
      this.host.pipeline?.status(),
      this.leases?.inspectIfReadable((error) =>
        this.logger.warn(
          `Cannot read the notification leases, so /health cannot say who delivers: ${error instanceof Error ? error.message : String(error)}`,
        ),
      ),
    ]);
    const health: NotificationHealth = {
      ...summary,
      oldestDueForMs: summary.oldestDueAt ? Math.max(0, now - Date.parse(summary.oldestDueAt)) : 0,
      ...(pipeline ? { pipeline } : {}),
      ...(leases
        ? {
            leases: {
              outbox: leases.get(OUTBOX_LEASE) ?? null,
              delivery: leases.get(DELIVERY_LEASE) ?? null,
            },
          }
        : {}),
    };
    const problems = notificationProblems(health, {
      lateAfterMs: this.settings?.lateAfterMs ?? NOTIFICATION_DEFAULTS.lateAfterMs,
    });
    return problems.length > 0 ? { ...health, problems } : health;
  }
}
