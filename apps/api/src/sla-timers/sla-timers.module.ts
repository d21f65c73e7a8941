import { DynamicModule, Module } from '@nestjs/common';
import { CaseEventRelay } from './case-event-relay';
import { FireDueCaseTimersHandler } from './fire-due-case-timers.command';
import { LicenceLapses } from './licence-lapses';
import { LostEndsFoundBefore } from './lost-ends-found-before';
import { MissionCriticalReview } from './mission-critical-review';
import { ReviewAccountMissionCriticalHandler } from './review-account-mission-critical.command';
import { SlaTimerFirer } from './sla-timer-firer';
import { SlaTimerLease } from './sla-timer-lease';
import { SlaTimerScheduler } from './sla-timer-scheduler';
import { SLA_TIMERS_OPTIONS, SlaTimersOptions, resolveSlaTimersOptions } from './sla-timers.options';
import { SlaTimersSaga } from './sla-timers.saga';

/**
 * The SLA process manager: records at-risk warnings, breaches, overdue escalation duties and
 * automatic closures when their time comes, keeps live cases in step with their account's
 * Mission Critical cover, and records licences reaching their end (LicenceLapses). Needs the global runtime, CQRS and projection
 * modules, and the case command handler (CasesModule) in the same application.
 */
@Module({})
export class SlaTimersModule {
  static register(options: SlaTimersOptions): DynamicModule {
    return {
      module: SlaTimersModule,
      providers: [
        { provide: SLA_TIMERS_OPTIONS, useValue: resolveSlaTimersOptions(options) },
        SlaTimerLease,
        // Before the scheduler's first round (its onApplicationBootstrap): see LostEndsFoundBefore.
        LostEndsFoundBefore,
        SlaTimerFirer,
        MissionCriticalReview,
        LicenceLapses,
        CaseEventRelay,
        SlaTimerScheduler,
        SlaTimersSaga,
        FireDueCaseTimersHandler,
        ReviewAccountMissionCriticalHandler,
      ],
      exports: [SlaTimerScheduler, SlaTimerFirer],
    };
  }
}
