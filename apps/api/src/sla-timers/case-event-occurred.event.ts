import type { IEvent } from '@nestjs/cqrs';
import type { CaseEvent } from '@casetrail/domain';
import type { RecordedEvent } from '@casetrail/eventstore';

/**
 * A case event from the durable global log, published on the Nest EventBus by `CaseEventRelay`
 * (at least once, in log order), for sagas and event handlers of this process.
 */
export class CaseEventOccurred implements IEvent {
  constructor(readonly recorded: RecordedEvent) {}

  get event(): CaseEvent {
    return { type: this.recorded.type, data: this.recorded.data } as CaseEvent;
  }

  get caseId(): string {
    return this.event.data.caseId;
  }
}
