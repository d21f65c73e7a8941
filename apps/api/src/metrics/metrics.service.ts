import { Inject, Injectable } from '@nestjs/common';
import { ProjectionRunner } from '@casetrail/readmodels';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * Prometheus metrics: process defaults, HTTP request durations by route, and projection lag read
 * at scrape time (so the figure is never stale). One registry per app instance keeps tests apart.
 */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();
  readonly httpDuration = new Histogram({
    name: 'casetrail_http_request_duration_seconds',
    help: 'HTTP request duration by method, route and status',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  });
  readonly problems = new Counter({
    name: 'casetrail_http_problems_total',
    help: 'Error responses (problem+json) by status',
    labelNames: ['status'],
    registers: [this.registry],
  });

  constructor(@Inject(ProjectionRunner) runner: ProjectionRunner) {
    collectDefaultMetrics({ register: this.registry, prefix: 'casetrail_' });
    new Gauge({
      name: 'casetrail_projection_lag_events',
      help: 'Events in the log a projection has not applied yet',
      labelNames: ['projection'],
      registers: [this.registry],
      async collect() {
        for (const [projection, lag] of Object.entries(await runner.lag())) this.set({ projection }, lag);
      },
    });
  }
}
