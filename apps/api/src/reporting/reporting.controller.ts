import {
  Controller,
  Get,
  Header,
  Headers,
  Inject,
  NotAcceptableException,
  Query,
  Res,
  UseInterceptors,
} from '@nestjs/common';
import { ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Actor } from '../auth/actor';
import { CurrentActor } from '../auth/current-actor.decorator';
import { SlaDailyReportQuery } from './daily/sla-daily-report.query';
import { SlaDailyReportService } from './daily/sla-daily-report.service';
import { slaDailyCsv } from './daily/sla-daily-csv';
import { slaDailyContentDisposition } from './daily/sla-daily-filename';
import { SlaDashboardQuery } from './dashboard/sla-dashboard.query';
import { SlaDashboardService } from './dashboard/sla-dashboard.service';
import { EscalationsBoardQuery } from './escalations/escalations-board.query';
import { EscalationsBoardService } from './escalations/escalations-board.service';
import { negotiateReportFormat, REPORT_FORMATS } from './shared/report-format';
import { ApiReadProblems } from '../problems/api-problem-responses';
import { PROBLEM_CONTENT_TYPE } from '../problems/problem-details';
import { UndeclaredQueryInterceptor } from '../shared/undeclared-query.interceptor';

/** API.md's reporting reads: the SLA dashboard, the daily SLA report and the escalations board. Staff only. */
@ApiReadProblems()
@ApiTags('reporting')
@UseInterceptors(UndeclaredQueryInterceptor)
@Controller('v1')
export class ReportingController {
  constructor(
    @Inject(SlaDashboardService) private readonly dashboards: SlaDashboardService,
    @Inject(SlaDailyReportService) private readonly dailyReports: SlaDailyReportService,
    @Inject(EscalationsBoardService) private readonly escalations: EscalationsBoardService,
  ) {}

  @Get('dashboards/sla')
  slaDashboard(@Query() query: SlaDashboardQuery, @CurrentActor() actor: Actor) {
    return this.dashboards.dashboard(actor, query);
  }

  @Get('reports/sla-daily')
  @ApiProduces(...REPORT_FORMATS)
  @ApiResponse({
    status: 406,
    description: `Accept takes none of ${REPORT_FORMATS.join(', ')} (the detail lists them)`,
    content: { [PROBLEM_CONTENT_TYPE]: {} },
  })
  // JSON and CSV share this URL, so a cache must key them by Accept or serve one to the other.
  @Header('vary', 'Accept')
  async slaDaily(
    @Query() query: SlaDailyReportQuery,
    @CurrentActor() actor: Actor,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    // Before any work: a client that reads neither format would get a body it cannot use.
    const format = negotiateReportFormat(accept);
    if (format === undefined) {
      throw new NotAcceptableException(
        `The daily report is available as ${REPORT_FORMATS.join(' or ')}; Accept takes neither`,
      );
    }
    const report = await this.dailyReports.report(actor, query);
    if (format === 'application/json') return report;
    void reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', slaDailyContentDisposition(report));
    return slaDailyCsv(report);
  }

  @Get('escalations')
  escalationsBoard(@Query() query: EscalationsBoardQuery, @CurrentActor() actor: Actor) {
    return this.escalations.board(actor, query);
  }
}
