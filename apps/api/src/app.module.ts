import { DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { AuthModule } from './auth/auth.module';
import { CasesModule } from './cases/cases.module';
import { CommandsModule } from './commands/commands.module';
import type { ApiSettings } from './config/api-settings';
import { ApiSettingsModule } from './config/api-settings.module';
import { ConsoleModule } from './console/console.module';
import { HealthModule } from './health/health.module';
import { MetricsModule } from './metrics/metrics.module';
import { NotificationsModule } from './notifications/notifications.module';
import { PolicyArchiveModule } from './policy-archive/policy-archive.module';
import { ProjectionsModule } from './projections/projections.module';
import { ReportingModule } from './reporting/reporting.module';
import { Clock, Runtime } from './runtime/runtime';
import { RuntimeModule } from './runtime/runtime.module';
import { SlaTimersModule } from './sla-timers/sla-timers.module';

@Module({})
export class AppModule {
  static register(
    runtime: Runtime,
    settings: ApiSettings,
    clock?: Clock,
    readWaitTimeoutMs?: number,
  ): DynamicModule {
    const { embeddedProjector, projectorThread } = runtime.config;
    const onThread = embeddedProjector && projectorThread;
    if (onThread && clock) {
      // The thread keeps time by the system clock: a test that moves time needs the projections here.
      throw new Error(
        'A clock of its own needs the projections on the API event loop: set PROJECTOR_THREAD=false',
      );
    }
    return {
      module: AppModule,
      imports: [
        RuntimeModule.register(runtime, clock),
        ApiSettingsModule.register(settings),
        CqrsModule.forRoot(),
        AuthModule.register({
          secret: runtime.jwtSecret,
          jwksUrl: runtime.config.jwksUrl,
          ...settings.tokens,
        }),
        CommandsModule,
        ProjectionsModule.register({
          runInProcess: embeddedProjector && !onThread,
          onThread: onThread ? { config: runtime.config } : undefined,
          readWaitTimeoutMs,
        }),
        HealthModule,
        MetricsModule.register(settings.metrics),
        NotificationsModule.register(settings.notifications),
        CasesModule,
        ConsoleModule.register(settings.console),
        ReportingModule,
        PolicyArchiveModule,
        // On a thread, the projector there runs the SLA timers too (as a separate projector does).
        SlaTimersModule.register({ run: embeddedProjector && !onThread }),
      ],
    };
  }
}
