import { DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { AuthModule } from './auth/auth.module';
import { CasesModule } from './cases/cases.module';
import { CommandsModule } from './commands/commands.module';
import { ConsoleModule } from './console/console.module';
import { HealthModule } from './health/health.module';
import { MetricsModule } from './metrics/metrics.module';
import { NotificationsModule } from './notifications/notifications.module';
import { ProjectionsModule } from './projections/projections.module';
import { ReportingModule } from './reporting/reporting.module';
import { Clock, Runtime } from './runtime/runtime';
import { RuntimeModule } from './runtime/runtime.module';
import { SlaTimersModule } from './sla-timers/sla-timers.module';

@Module({})
export class AppModule {
  static register(runtime: Runtime, clock?: Clock, readWaitTimeoutMs?: number): DynamicModule {
    return {
      module: AppModule,
      imports: [
        RuntimeModule.register(runtime, clock),
        CqrsModule.forRoot(),
        AuthModule.register({ secret: runtime.jwtSecret, jwksUrl: runtime.config.jwksUrl }),
        CommandsModule,
        ProjectionsModule.register({ runInProcess: runtime.config.embeddedProjector, readWaitTimeoutMs }),
        HealthModule,
        MetricsModule,
        NotificationsModule,
        CasesModule,
        ConsoleModule,
        ReportingModule,
        SlaTimersModule.register({ run: runtime.config.embeddedProjector }),
      ],
    };
  }
}
