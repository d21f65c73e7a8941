import { Injectable } from '@nestjs/common';
import { ICommand, IEvent, ofType, Saga } from '@nestjs/cqrs';
import { Observable, map } from 'rxjs';
import { CaseEventOccurred } from './case-event-occurred.event';
import { FireDueCaseTimers } from './fire-due-case-timers.command';
import { LicenceCoverChanged } from './licence-cover-changed.event';
import { ReviewAccountMissionCritical } from './review-account-mission-critical.command';

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

  /**
   * A licence re-planned, issued as mission-critical, renewed or ended early: the account's live
   * cases take the new cover now (priority, the CSM's watch), not at the next periodic review.
   * Idempotent: the review sends only to cases out of step, and the decider records nothing when
   * the case already carries the cover.
   */
  @Saga()
  licenceCoverChanged = (events$: Observable<IEvent>): Observable<ICommand> =>
    events$.pipe(
      ofType(LicenceCoverChanged),
      map((changed) => new ReviewAccountMissionCritical(changed.accountId, changed.position)),
    );
}
