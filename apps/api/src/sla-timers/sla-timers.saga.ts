import { Injectable } from '@nestjs/common';
import { ICommand, IEvent, ofType, Saga } from '@nestjs/cqrs';
import { Observable, map } from 'rxjs';
import { CaseEventOccurred } from './case-event-occurred.event';
import { FireDueCaseTimers } from './fire-due-case-timers.command';

/**
 * The event-driven half of the SLA process manager, fed from the durable log by
 * `CaseEventRelay`: after every case event, fire at once whatever of that case is already due
 * (a case that changed while the scheduler was behind, events replayed after a restart) instead
 * of waiting for the next tick. The tick remains what guarantees catch-up: this saga only makes
 * timers prompt, so nothing is lost if the in-memory bus drops an event.
 */
@Injectable()
export class SlaTimersSaga {
  @Saga()
  caseChanged = (events$: Observable<IEvent>): Observable<ICommand> =>
    events$.pipe(
      ofType(CaseEventOccurred),
      map((occurred) => new FireDueCaseTimers(occurred.caseId, occurred.recorded.position)),
    );
}
