import { Injectable, Logger } from '@nestjs/common';
import type { GlobalPosition } from '@casetrail/eventstore';
import type { ProjectionRunner } from '@casetrail/readmodels';

/**
 * The projections a client reads right after writing (case detail, lists, queues, accounts,
 * licences). Reports, timers and the notification outbox catch up on their own.
 */
export const READ_YOUR_WRITES_PROJECTIONS = ['accounts', 'licences', 'cases'];

/**
 * Read-your-writes: after a command, wait until the read models include its events. Bounded, so a
 * stalled projector slows a response down but never fails a write that already succeeded.
 */
@Injectable()
export class ProjectionCatchUp {
  private readonly logger = new Logger('ProjectionCatchUp');

  constructor(
    private readonly runner: ProjectionRunner,
    private readonly timeoutMs = 5_000,
  ) {}

  async waitFor(position: GlobalPosition): Promise<boolean> {
    const caughtUp = await this.runner.waitForPosition(
      position,
      this.timeoutMs,
      READ_YOUR_WRITES_PROJECTIONS,
    );
    if (!caughtUp)
      this.logger.warn(`Read models did not reach position ${position} within ${this.timeoutMs} ms`);
    return caughtUp;
  }
}
