import { Controller, Get, Headers, HttpStatus, Inject, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '../auth/public.decorator';
import { ApiNoTokenNeeded } from '../openapi/api-no-token.decorator';
import { HealthAudience } from './health-audience';
import { HealthService } from './health.service';
import { HealthReportDto } from './health-report.dto';
import { adminHealth, publicHealth } from './public-health';

@ApiTags('operations')
@Controller()
export class HealthController {
  constructor(
    @Inject(HealthService) private readonly health: HealthService,
    @Inject(HealthAudience) private readonly audience: HealthAudience,
  ) {}

  @Public()
  @ApiNoTokenNeeded('bearer')
  @Get('health')
  @ApiOperation({
    summary: 'Liveness and readiness: stores reachable, projections, notifications and SLA timers at work',
    description:
      '503 `down` when a store is unreachable. 200 `degraded` when a projection failed, ' +
      'has no runner while events wait for it, or has left an event unapplied for over 30 s; when ' +
      'notifications wait with no worker at work, or dead letters exist; or when SLA timers are due ' +
      'with no scheduler holding its lease, or have been due for over 60 s; or when a request, a check ' +
      'or the SLA timers (in this process or in `casetrail project`) found a stream of the event store ' +
      'damaged since start (`storage`: lost, unreadable or changed ' +
      'events; run `casetrail verify`). 200 `up` otherwise. ' +
      "Without a token (or with one that is not an admin's): the status, each store's, and each " +
      "component's (projections with their lag, notifications, SLA timers, support policy). With an " +
      "admin's bearer token: the full report, with `reasons`, leases, counts and errors, and " +
      '`missionCriticalWithoutCsm` (count, first account ids) when Mission Critical accounts have no CSM designated.',
  })
  @ApiOkResponse({ type: HealthReportDto, description: 'up or degraded' })
  @ApiResponse({ status: 503, type: HealthReportDto, description: 'down: a store is unreachable' })
  async check(
    @Headers('authorization') authorization: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const [report, admin] = await Promise.all([this.health.report(), this.audience.isAdmin(authorization)]);
    reply.status(report.status === 'down' ? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.OK);
    // The answer depends on the token: no cache may hand an admin's report to the next caller.
    reply.header('vary', 'authorization').header('cache-control', 'no-store');
    return admin ? adminHealth(report) : publicHealth(report);
  }
}
