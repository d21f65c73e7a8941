import { Logger, Module } from '@nestjs/common';
import { MissionCriticalCoverage } from '../accounts/mission-critical-coverage';
import { CalendarsInUse } from '../calendars/calendars-in-use';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../runtime/runtime';
import { DamagedStreams } from '../storage/damaged-streams';
import { DamagedStreamsJournal } from '../storage/damaged-streams-journal';
import { DamagedStreamsKept } from '../storage/damaged-streams-kept';
import { READ_MODEL_STORE } from '../storage/storage.tokens';
import type { ReadModelStore } from '@casetrail/readmodels';
import { HealthAudience } from './health-audience';
import { HealthController } from './health.controller';
import { HealthService } from './health.service';
import { DEFAULT_HEALTH_THRESHOLDS, HEALTH_THRESHOLDS } from './health-thresholds';
import { ProjectionHealthReader } from './projection-health.reader';
import { SlaTimersHealthReader } from './sla-timers-health.reader';

/** /health, and the report /metrics turns into gauges (exported for it). */
@Module({
  controllers: [HealthController],
  providers: [
    HealthService,
    HealthAudience,
    ProjectionHealthReader,
    SlaTimersHealthReader,
    MissionCriticalCoverage,
    CalendarsInUse,
    DamagedStreamsKept,
    { provide: HEALTH_THRESHOLDS, useValue: DEFAULT_HEALTH_THRESHOLDS },
    {
      // Where the SLA timers run in `casetrail project`, the streams they find damaged come through
      // the read-model store; the embedded projector's come by message (ProjectorThread) or are this
      // process's own. A stream this process finds whole again is dropped there too, so the API
      // started next does not take it in (and refuse it) again.
      provide: DamagedStreamsJournal,
      inject: [APP_CONFIG, READ_MODEL_STORE, { token: DamagedStreams, optional: true }],
      useFactory: (
        config: Pick<AppConfig, 'embeddedProjector'>,
        readModels: ReadModelStore,
        damaged?: DamagedStreams,
      ) => {
        if (config.embeddedProjector) return null;
        const journal = new DamagedStreamsJournal(readModels);
        if (damaged) {
          journal.dropWhenForgotten(damaged, (error) =>
            new Logger('Health').warn(
              `Cannot drop a stream found whole again from the projector's damaged streams: ${error instanceof Error ? error.message : String(error)}`,
            ),
          );
        }
        return journal;
      },
    },
  ],
  exports: [HealthService],
})
export class HealthModule {}
