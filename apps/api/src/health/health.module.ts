import { Module } from '@nestjs/common';
import { MissionCriticalCoverage } from '../accounts/mission-critical-coverage';
import { CalendarsInUse } from '../calendars/calendars-in-use';
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
    { provide: HEALTH_THRESHOLDS, useValue: DEFAULT_HEALTH_THRESHOLDS },
  ],
  exports: [HealthService],
})
export class HealthModule {}
