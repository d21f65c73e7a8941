import { Inject } from '@nestjs/common';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import type { GlobalPosition } from '@casetrail/eventstore';
import { ProjectionRunner } from '@casetrail/readmodels';
import { casesProjection } from '@casetrail/readmodels/cases/cases.projection';
import { SlaTimerScheduler, type SlaTimerRunReport } from './sla-timer-scheduler';

/** Fire what is due now among one case's timers, as of the case event at `position`. */
export class FireDueCaseTimers extends Command<SlaTimerRunReport> {
  constructor(
    readonly caseId: string,
    readonly position: GlobalPosition,
  ) {
    super();
  }
}

/** How long to wait for the timer table to include the event before looking anyway. */
const SCHEDULE_WAIT_MS = 5_000;

@CommandHandler(FireDueCaseTimers)
export class FireDueCaseTimersHandler implements ICommandHandler<FireDueCaseTimers> {
  constructor(
    @Inject(ProjectionRunner) private readonly projections: ProjectionRunner,
    @Inject(SlaTimerScheduler) private readonly scheduler: SlaTimerScheduler,
  ) {}

  execute({ caseId, position }: FireDueCaseTimers): Promise<SlaTimerRunReport> {
    // The case's timers are in the table once the cases projection has applied this event;
    // if it is slow, look anyway (what is missing now, the next tick fires).
    const scheduled = () =>
      this.projections.waitForPosition(position, SCHEDULE_WAIT_MS, [casesProjection.name]);
    return this.scheduler.runDueTimersOnceScheduled(scheduled, { caseId });
  }
}
