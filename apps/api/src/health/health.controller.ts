import { Controller, Get, HttpStatus, Inject, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '../auth/public.decorator';
import { HealthService } from './health.service';

@ApiTags('operations')
@Controller()
export class HealthController {
  constructor(@Inject(HealthService) private readonly health: HealthService) {}

  @Public()
  @Get('health')
  @ApiOperation({
    summary: 'Liveness and readiness: stores reachable, projections, notifications and SLA timers at work',
    description:
      '503 `down` when a store is unreachable. 200 `degraded`, with `reasons`, when a projection failed, ' +
      'has no runner while events wait for it, or has left an event unapplied for over 30 s; when ' +
      'notifications wait with no worker at work, or dead letters exist; or when SLA timers are due ' +
      'with no scheduler holding its lease, or have been due for over 60 s. 200 `up` otherwise.',
  })
  async check(@Res({ passthrough: true }) reply: FastifyReply) {
    const report = await this.health.report();
    reply.status(report.status === 'down' ? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.OK);
    return report;
  }
}
