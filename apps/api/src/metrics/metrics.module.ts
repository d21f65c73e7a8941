import { DynamicModule, Inject, Module, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { HealthModule } from '../health/health.module';
import type { MetricsSettings } from './metrics-settings';
import { MetricsController } from './metrics.controller';
import { METRICS_SETTINGS } from './metrics.tokens';
import { MetricsService } from './metrics.service';

@Module({})
export class MetricsModule implements OnModuleInit {
  /** With settings already validated (loadApiSettings, before any store is opened). */
  static register(settings: MetricsSettings): DynamicModule {
    return {
      module: MetricsModule,
      imports: [HealthModule],
      controllers: [MetricsController],
      providers: [MetricsService, { provide: METRICS_SETTINGS, useValue: settings }],
      exports: [MetricsService],
    };
  }

  constructor(
    @Inject(HttpAdapterHost) private readonly adapterHost: HttpAdapterHost,
    @Inject(MetricsService) private readonly metrics: MetricsService,
  ) {}

  /** Times every request at the Fastify level, labelled by route pattern (never by raw URL). */
  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter?.getInstance() as FastifyInstance | undefined;
    fastify?.addHook('onResponse', (request, reply, done) => {
      const route = request.routeOptions?.url ?? 'unmatched';
      const status = String(reply.statusCode);
      this.metrics.httpDuration.observe({ method: request.method, route, status }, reply.elapsedTime / 1000);
      if (reply.statusCode >= 400) this.metrics.problems.inc({ status });
      done();
    });
  }
}
