import { Inject, Injectable, Optional } from '@nestjs/common';
import { ProjectionRunner } from '@casetrail/readmodels';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { HealthService } from '../health/health.service';
import { ProjectorThread } from '../projections/projector-thread';
import { currentRelease } from '../release/release';
import { registerBuildInfo } from './build-info';
import { HealthGauges } from './health-gauges';
import { registerThreadHeapGauges } from './thread-heap-gauges';

/**
 * Prometheus metrics: process defaults, HTTP request durations by route, projection lag, and what
 * /health reports (its status, who runs each projection and how long it has been behind, the
 * notification backlog and dead letters, whether an SLA timer scheduler is at work and the timers
 * it has not fired, the Mission Critical accounts with no CSM, the streams found damaged), all read
 * at scrape time (so no figure is ever stale), and the build running (casetrail_build_info).
 * One registry per app instance keeps tests apart.
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
  private readonly healthGauges = new HealthGauges(this.registry);

  constructor(
    @Inject(ProjectionRunner) runner: ProjectionRunner,
    @Inject(HealthService) private readonly health: HealthService,
    @Optional() @Inject(ProjectorThread) projectorThread?: ProjectorThread,
  ) {
    collectDefaultMetrics({ register: this.registry, prefix: 'casetrail_' });
    registerThreadHeapGauges(this.registry, projectorThread);
    registerBuildInfo(this.registry, currentRelease());
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

  /** The exposition text, with the health gauges set from a report made now. */
  async scrape(): Promise<string> {
    try {
      this.healthGauges.record(await this.health.report());
    } catch {
      this.healthGauges.recordFailure();
    }
    return this.registry.metrics();
  }
}
