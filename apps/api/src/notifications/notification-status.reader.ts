import { Inject, Injectable } from '@nestjs/common';
import type { ReadModelStore } from '@casetrail/readmodels';
import { READ_MODEL_STORE } from '../storage/storage.tokens';
import { notificationDeliverySummary, type NotificationDeliverySummary } from './delivery/delivery-summary';
import { NotificationPipelineHost } from './notification-pipeline.host';
import type { NotificationPipelineStatus } from './notification-pipeline';

export interface NotificationHealth extends NotificationDeliverySummary {
  /** Present when this process runs the pipeline (embedded mode). */
  pipeline?: NotificationPipelineStatus;
}

/** Notification counts (pending / sent / dead) and, in-process, the pipeline's state: for /health. */
@Injectable()
export class NotificationStatusReader {
  constructor(
    @Inject(READ_MODEL_STORE) private readonly readModels: ReadModelStore,
    @Inject(NotificationPipelineHost) private readonly host: NotificationPipelineHost,
  ) {}

  async health(): Promise<NotificationHealth> {
    const summary = await notificationDeliverySummary(this.readModels);
    const pipeline = await this.host.pipeline?.status();
    return { ...summary, ...(pipeline ? { pipeline } : {}) };
  }

  /** A failed outbox writer or delivery round means notifications are not going out. */
  static isDegraded(health: NotificationHealth): boolean {
    if (!health.pipeline) return false;
    return (
      health.pipeline.delivery.state === 'failed' ||
      health.pipeline.outbox.some((status) => status.state === 'failed')
    );
  }
}
