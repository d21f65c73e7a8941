import { Inject } from '@nestjs/common';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import type { GlobalPosition } from '@casetrail/eventstore';
import { ProjectionRunner } from '@casetrail/readmodels';
import { casesProjection } from '@casetrail/readmodels/cases/cases.projection';
import { licencesProjection } from '@casetrail/readmodels/licences/licences.projection';
import type { MissionCriticalReviewReport } from './mission-critical-review';
import { SlaTimerScheduler } from './sla-timer-scheduler';

/** Bring one account's live cases in step with its cover, as of the licence event at `position`. */
export class ReviewAccountMissionCritical extends Command<MissionCriticalReviewReport | undefined> {
  constructor(
    readonly accountId: string,
    readonly position: GlobalPosition,
  ) {
    super();
  }
}

/** How long to wait for the licences and cases read models to include the event before looking anyway. */
const READ_MODELS_WAIT_MS = 5_000;

@CommandHandler(ReviewAccountMissionCritical)
export class ReviewAccountMissionCriticalHandler implements ICommandHandler<ReviewAccountMissionCritical> {
  constructor(
    @Inject(ProjectionRunner) private readonly projections: ProjectionRunner,
    @Inject(SlaTimerScheduler) private readonly scheduler: SlaTimerScheduler,
  ) {}

  execute({
    accountId,
    position,
  }: ReviewAccountMissionCritical): Promise<MissionCriticalReviewReport | undefined> {
    // The review judges the cover from the licences read model: it must show the new terms. If the
    // projections are slow, look anyway; what is still out of step, the periodic review brings in.
    const caughtUp = () =>
      this.projections.waitForPosition(position, READ_MODELS_WAIT_MS, [
        licencesProjection.name,
        casesProjection.name,
      ]);
    return this.scheduler.reviewAccountOnceCaughtUp(caughtUp, accountId);
  }
}
