import { DynamicModule, INestApplicationContext, LoggerService, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { CasesModule } from '../cases/cases.module';
import { CommandsModule } from '../commands/commands.module';
import { ProjectionsModule } from '../projections/projections.module';
import { Clock, Runtime } from '../runtime/runtime';
import { RuntimeModule } from '../runtime/runtime.module';
import { SlaTimersModule } from './sla-timers.module';
import type { SlaTimersOptions } from './sla-timers.options';

/**
 * What the SLA process manager needs outside the API: the write side of cases (commands, the case
 * command handler and its context) without HTTP. Projections are not run here (the projector's
 * own runner does that); the runner provided only reads their checkpoints.
 */
@Module({})
class SlaTimersProcessModule {
  static register(
    runtime: Runtime,
    clock: Clock | undefined,
    options: Omit<SlaTimersOptions, 'run'>,
  ): DynamicModule {
    return {
      module: SlaTimersProcessModule,
      imports: [
        RuntimeModule.register(runtime, clock),
        CqrsModule.forRoot(),
        CommandsModule,
        ProjectionsModule.register({ runInProcess: false }),
        CasesModule,
        SlaTimersModule.register({ ...options, run: true }),
      ],
    };
  }
}

export interface SlaTimersProcessOptions extends Omit<SlaTimersOptions, 'run'> {
  clock?: Clock;
  logger?: false | LoggerService;
}

/**
 * Start the SLA process manager in a process without the API (the projector). Close the returned
 * context to stop it gracefully (the lease is released for a standby at once).
 */
export async function startSlaTimersProcess(
  runtime: Runtime,
  { clock, logger, ...options }: SlaTimersProcessOptions = {},
): Promise<INestApplicationContext> {
  return NestFactory.createApplicationContext(SlaTimersProcessModule.register(runtime, clock, options), {
    logger: logger ?? ['error', 'warn', 'log'],
    abortOnError: false,
  });
}
