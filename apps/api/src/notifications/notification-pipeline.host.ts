import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
  Optional,
} from '@nestjs/common';
import type { EventStore } from '@casetrail/eventstore';
import type { ReadModelStore } from '@casetrail/readmodels';
import type { SupportPolicy } from '@casetrail/domain';
import { CLOCK, SUPPORT_POLICY, type Clock } from '../runtime/runtime';
import { nestProjectionLogger } from '../shared/nest-projection-logger';
import { DamagedStreams } from '../storage/damaged-streams';
import { recordSetAside } from '../storage/damaged-streams-elsewhere';
import { EVENT_STORE, READ_MODEL_STORE } from '../storage/storage.tokens';
import { NotificationPipeline } from './notification-pipeline';
import type { NotificationSettings } from './notification-settings';

export const NOTIFICATION_SETTINGS = Symbol('NotificationSettings');

/**
 * Runs the notification pipeline inside the API process when configured to (the embedded default,
 * like the projections); otherwise a separate `casetrail notify` process runs it.
 */
@Injectable()
export class NotificationPipelineHost implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Notifications');
  private running?: NotificationPipeline;

  constructor(
    @Inject(NOTIFICATION_SETTINGS) private readonly settings: NotificationSettings,
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(READ_MODEL_STORE) private readonly readModels: ReadModelStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SUPPORT_POLICY) private readonly policy: SupportPolicy,
    @Optional() private readonly damagedStreams?: DamagedStreams,
  ) {}

  get pipeline(): NotificationPipeline | undefined {
    return this.running;
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.settings.runInProcess) return;
    const pipeline = new NotificationPipeline({
      eventStore: this.eventStore,
      readModels: this.readModels,
      settings: this.settings,
      clock: this.clock,
      logger: nestProjectionLogger(this.logger),
      // The addresses the licence commands judge group mailboxes are never mailed a licence change.
      groupMailboxPatterns: this.policy.licensing.groupMailboxPatterns,
      // /health's storage names the stream whose event no mail was written for.
      onSetAside: (event) => recordSetAside(this.damagedStreams, event),
    });
    await pipeline.start();
    this.running = pipeline;
    this.logger.log(`Notifications running in this process; delivery via ${pipeline.transport.description}`);
  }

  async onApplicationShutdown(): Promise<void> {
    const pipeline = this.running;
    this.running = undefined;
    await pipeline?.stop();
  }
}
