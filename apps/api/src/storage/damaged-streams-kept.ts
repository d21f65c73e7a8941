import { Inject, Injectable, Logger, OnModuleInit, Optional } from '@nestjs/common';
import type { ReadModelStore } from '@casetrail/readmodels';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../runtime/runtime';
import { DamagedStreams } from './damaged-streams';
import { DamagedStreamsJournal } from './damaged-streams-journal';
import { READ_MODEL_STORE } from './storage.tokens';

/**
 * The streams the API found damaged itself (a command's broken chain or edited event, a read's lost
 * events), kept across its restarts in the journal the projector's findings reach /health by
 * (DamagedStreamsJournal.keepAcrossRestarts): before, a restarted API forgot them, and /health named
 * them again only once some command tripped on them again.
 */
@Injectable()
export class DamagedStreamsKept implements OnModuleInit {
  private readonly logger = new Logger('Health');

  constructor(
    @Inject(APP_CONFIG) private readonly config: Pick<AppConfig, 'embeddedProjector'>,
    @Inject(READ_MODEL_STORE) private readonly readModels: ReadModelStore,
    @Optional() @Inject(DamagedStreams) private readonly damaged?: DamagedStreams,
  ) {}

  async onModuleInit(): Promise<void> {
    const damaged = this.damaged;
    if (!damaged) return;
    const journal = new DamagedStreamsJournal(this.readModels);
    const onError = (error: unknown) =>
      this.logger.warn(
        `A stream found damaged could not be kept for the API started next: ${error instanceof Error ? error.message : String(error)}`,
      );
    try {
      await journal.keepAcrossRestarts(damaged, onError);
    } catch (error) {
      // Not fatal: what this process finds is still refused and reported while it runs.
      onError(error);
    }
    // The split shape's /health journal drops them already (HealthModule); the embedded one has none.
    if (this.config.embeddedProjector) journal.dropWhenForgotten(damaged, onError);
  }
}
