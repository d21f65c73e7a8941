import { Controller, Get, Header, Headers, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/public.decorator';
import { ApiNoTokenNeeded, METRICS_TOKEN_SCHEME } from '../openapi/api-no-token.decorator';
import { ApiProblemResponse } from '../problems/api-problem-responses';
import { assertMetricsAccess } from './metrics-access';
import type { MetricsSettings } from './metrics-settings';
import { METRICS_SETTINGS } from './metrics.tokens';
import { MetricsService } from './metrics.service';

@ApiTags('operations')
@Controller()
export class MetricsController {
  constructor(
    @Inject(MetricsService) private readonly metrics: MetricsService,
    @Inject(METRICS_SETTINGS) private readonly settings: MetricsSettings,
  ) {}

  // Public to the JWT guard: a scraper holds no person's token. METRICS_TOKEN, when set, guards it.
  @Public()
  @ApiNoTokenNeeded(METRICS_TOKEN_SCHEME)
  @Get('metrics')
  @Header('content-type', 'text/plain; version=0.0.4; charset=utf-8')
  @ApiOperation({
    summary: 'Prometheus metrics',
    description: 'Public unless METRICS_TOKEN is set; then the scraper sends it as its bearer token.',
  })
  @ApiOkResponse({
    description: 'The Prometheus text exposition format',
    content: { 'text/plain': { schema: { type: 'string' } } },
  })
  @ApiProblemResponse(401, 'METRICS_TOKEN is set and the request does not send it as its bearer token')
  scrape(@Headers('authorization') authorization: string | undefined): Promise<string> {
    assertMetricsAccess(authorization, this.settings.token);
    return this.metrics.scrape();
  }
}
