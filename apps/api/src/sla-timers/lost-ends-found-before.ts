import { Inject, Injectable, Logger, OnModuleInit, Optional } from '@nestjs/common';
import type { ReadModelStore } from '@casetrail/readmodels';
import { DamagedStreams } from '../storage/damaged-streams';
import { DamagedStreamsJournal } from '../storage/damaged-streams-journal';
import { READ_MODEL_STORE } from '../storage/storage.tokens';

/**
 * Before the SLA timers' first round: takes in the streams found to have lost their end
 * (`lostFromRevision`) that the shared journal still lists, found by an earlier projector process,
 * a `casetrail notify`, a rebuild. A user's command on such a stream is refused by the API, which
 * remembers it; this process would not, once restarted: after `casetrail rebuild` re-derived the case
 * from what is left, the case's row no longer shows the loss (lostEventsOfCase finds them in step),
 * and its timers appended their breaches onto the shortened stream, at the lost revisions. Remembered,
 * the stream refuses them as it refuses a user's command (DecisionRunner), and the journal (shared
 * again from this process) keeps naming it in /health. Other damage is found again by the next
 * command or read that meets it, so a restart still starts afresh for those.
 */
@Injectable()
export class LostEndsFoundBefore implements OnModuleInit {
  private readonly logger = new Logger('SlaTimers');

  constructor(
    @Inject(READ_MODEL_STORE) private readonly readModels: ReadModelStore,
    @Optional() @Inject(DamagedStreams) private readonly damaged?: DamagedStreams,
  ) {}

  async onModuleInit(): Promise<void> {
    const damaged = this.damaged;
    if (!damaged) return;
    try {
      await new DamagedStreamsJournal(this.readModels).adoptStored(
        damaged,
        (found) => found.lostFromRevision !== undefined,
      );
    } catch (error) {
      // Not fatal: the timers still check each case's row against its stream before they fire.
      this.logger.warn(
        `Cannot read the streams found to have lost their end: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
}
