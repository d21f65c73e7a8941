import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { EventBus } from '@nestjs/cqrs';
import { isCaseEvent } from '@casetrail/domain';
import {
  UnreadableEvent,
  type EventStore,
  type RecordedEvent,
  type Subscription,
} from '@casetrail/eventstore';
import type { ReadModelStore } from '@casetrail/readmodels';
import { DamagedStreams } from '../storage/damaged-streams';
import { recordSetAside } from '../storage/damaged-streams-elsewhere';
import { EVENT_STORE, READ_MODEL_STORE } from '../storage/storage.tokens';
import { CaseEventOccurred } from './case-event-occurred.event';
import { LicenceCoverChanged, accountWhoseCoverMayHaveChanged } from './licence-cover-changed.event';

/** The relay's checkpoint in the read-model store (a projection name with no collections). */
export const CASE_EVENT_RELAY_CHECKPOINT = 'sla-timers-relay';

/**
 * Feeds the in-memory EventBus from the durable subscription: case events of the global log, from
 * the relay's own checkpoint, published as `CaseEventOccurred`, and licence events that may change
 * an account's Mission Critical cover, as `LicenceCoverChanged`. The checkpoint is stored after a
 * batch is published, so after a crash or a restart the bus sees what it missed (and perhaps a few
 * events twice: reactions must be idempotent, as the SLA timers' are).
 *
 * Runs only in the process holding the SLA timers lease (the checkpoint has one writer).
 */
@Injectable()
export class CaseEventRelay {
  private readonly logger = new Logger('SlaTimers');
  private subscription?: Subscription;

  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(READ_MODEL_STORE) private readonly readModels: ReadModelStore,
    @Inject(EventBus) private readonly eventBus: EventBus,
    @Optional() private readonly damagedStreams?: DamagedStreams,
  ) {}

  get running(): boolean {
    return this.subscription !== undefined;
  }

  async start(): Promise<void> {
    if (this.subscription) return;
    const after = await this.readModels.getCheckpoint(CASE_EVENT_RELAY_CHECKPOINT);
    // An unreadable row stops only its own stream's timers (below), not every case's.
    const subscription = this.eventStore.subscribeToAll(
      { after, batchSize: 200, unreadable: 'deliver' },
      (events) => this.relay(events),
    );
    this.subscription = subscription;
    subscription.done.then(
      () => undefined,
      (error: unknown) => {
        if (this.subscription !== subscription) return;
        // Another process took the checkpoint over, or the store failed: the next round restarts it.
        this.subscription = undefined;
        this.logger.warn(
          `Case event relay stopped: ${error instanceof Error ? error.message : String(error)}`,
        );
      },
    );
  }

  async stop(): Promise<void> {
    const subscription = this.subscription;
    this.subscription = undefined;
    await subscription?.stop();
  }

  private async relay(events: RecordedEvent[]): Promise<void> {
    for (const recorded of events) {
      if (recorded.unreadable) {
        // Its case's commands answer 503 already; /health names it.
        recordSetAside(this.damagedStreams, UnreadableEvent.of(recorded.unreadable));
        continue;
      }
      if (isCaseEvent(recorded)) this.eventBus.publish(new CaseEventOccurred(recorded));
      const accountId = accountWhoseCoverMayHaveChanged(recorded);
      if (accountId) this.eventBus.publish(new LicenceCoverChanged(accountId, recorded.position));
    }
    await this.readModels.applyBatch(CASE_EVENT_RELAY_CHECKPOINT, events, () => undefined);
  }
}
