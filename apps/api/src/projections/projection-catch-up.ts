import { Injectable, Logger } from '@nestjs/common';
import type { GlobalPosition } from '@casetrail/eventstore';
import type { ProjectionRunner, ReadModelStore } from '@casetrail/readmodels';
import { CheckpointPoll } from './checkpoint-poll';

/**
 * The projections a client reads right after writing (case detail, lists, queues, accounts,
 * licences). Reports, timers and the notification outbox catch up on their own.
 */
export const READ_YOUR_WRITES_PROJECTIONS = ['accounts', 'licences', 'cases'];

/**
 * Read-your-writes: after a command, wait until the read models include its events. Bounded, so a
 * stalled projector slows a response down but never fails a write that already succeeded.
 *
 * With the projections in this process, the runner says when they progress. With a separate
 * projector (pass `projectorReadModels`, the read models it writes), one shared poll of their
 * checkpoints serves every waiting request.
 */
@Injectable()
export class ProjectionCatchUp {
  private readonly logger = new Logger('ProjectionCatchUp');
  private readonly projectorCheckpoints?: CheckpointPoll;

  constructor(
    private readonly runner: ProjectionRunner,
    private readonly timeoutMs = 5_000,
    projectorReadModels?: ReadModelStore,
  ) {
    if (projectorReadModels) {
      this.projectorCheckpoints = new CheckpointPoll(async () => {
        const checkpoints = await Promise.all(
          READ_YOUR_WRITES_PROJECTIONS.map((name) => projectorReadModels.getCheckpoint(name)),
        );
        return Math.min(...checkpoints);
      });
    }
  }

  async waitFor(position: GlobalPosition): Promise<boolean> {
    const caughtUp = this.projectorCheckpoints
      ? await this.projectorCheckpoints.wait(position, this.timeoutMs)
      : await this.runner.waitForPosition(position, this.timeoutMs, READ_YOUR_WRITES_PROJECTIONS);
    if (!caughtUp)
      this.logger.warn(`Read models did not reach position ${position} within ${this.timeoutMs} ms`);
    return caughtUp;
  }
}
