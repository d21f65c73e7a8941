import { Controller, Get, Headers, Inject, Query, Res, UseInterceptors } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiOperation, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Actor } from '../auth/actor';
import { CurrentActor } from '../auth/current-actor.decorator';
import { SlaDailyReportQuery } from './daily/sla-daily-report.query';
import { SlaDailyReportService } from './daily/sla-daily-report.service';
import { slaDailyCsv } from './daily/sla-daily-csv';
import { slaDailyContentDisposition } from './daily/sla-daily-filename';
import { SLA_DAILY_CSV_DESCRIPTION, SlaDailyReportDto } from './daily/sla-daily-report.dto';
import { SlaDashboardDto } from './dashboard/sla-dashboard.dto';
import { SlaDashboardQuery } from './dashboard/sla-dashboard.query';
import { SlaDashboardService } from './dashboard/sla-dashboard.service';
import { EscalationsBoardQuery } from './escalations/escalations-board.query';
import { EscalationsBoardService } from './escalations/escalations-board.service';
import { EscalationsBoardDto } from './escalations/escalations-board.dto';
import { ApiNegotiated } from './shared/api-negotiated.decorator';
import { JSON_ONLY, REPORT_FORMATS, requireAcceptableFormat } from './shared/report-format';
import { ApiReadModelsBehind, ApiReadProblems } from '../problems/api-problem-responses';
import { UndeclaredQueryInterceptor } from '../shared/undeclared-query.interceptor';
import { ValidationProblemException } from '../problems/validation-problem.exception';

/** U+FEFF at the start of a UTF-8 file: how Excel tells UTF-8 from the Windows code page. */
const UTF8_BYTE_ORDER_MARK = '\uFEFF';

/** API.md's reporting reads: the SLA dashboard, the daily SLA report and the escalations board. Staff only. */
@ApiReadProblems()
// ReportingAccess refuses a report from read models that hold none of the log.
@ApiReadModelsBehind()
@ApiExtraModels(SlaDailyReportDto)
@ApiTags('reporting')
@UseInterceptors(UndeclaredQueryInterceptor)
@Controller('v1')
export class ReportingController {
  constructor(
    @Inject(SlaDashboardService) private readonly dashboards: SlaDashboardService,
    @Inject(SlaDailyReportService) private readonly dailyReports: SlaDailyReportService,
    @Inject(EscalationsBoardService) private readonly escalations: EscalationsBoardService,
  ) {}

  // Each read checks Accept before any work: a client that reads none of its types would get a
  // body it cannot use (and a dashboard asked for CSV must say it has none, not send JSON).
  @Get('dashboards/sla')
  @ApiOperation({
    summary:
      'The SLA dashboard per severity: open, breached, at risk, goals met, median and p90 times (staff; a CSM sees their accounts)',
  })
  @ApiNegotiated(JSON_ONLY)
  @ApiOkResponse({
    type: SlaDashboardDto,
    description:
      'Per severity, for the cohort of cases opened in the period (no `from`/`to`: every case ever opened): ' +
      'open cases, cases breached now and at risk now, open escalations, and how the first-response and ' +
      'resolution goals went (met, missed, metPercent, median and p90 times)',
  })
  slaDashboard(
    @Query() query: SlaDashboardQuery,
    @CurrentActor() actor: Actor,
    @Headers('accept') accept: string | undefined,
  ) {
    requireAcceptableFormat(accept, JSON_ONLY, 'The SLA dashboard');
    return this.dashboards.dashboard(actor, query);
  }

  @Get('reports/sla-daily')
  @ApiOperation({
    summary:
      'The daily SLA report per severity, as JSON or CSV (Accept: text/csv) (staff; a CSM sees their accounts)',
  })
  @ApiNegotiated(REPORT_FORMATS)
  @ApiOkResponse({
    description:
      'One row per UTC day and severity: what happened that day (cases opened, first responses and ' +
      'resolutions given and how many on time, breaches recorded, escalations, redirections). JSON by ' +
      'default; `Accept: text/csv` gives the same rows as CSV',
    content: {
      'application/json': { schema: { $ref: getSchemaPath(SlaDailyReportDto) } },
      'text/csv': { schema: { type: 'string', description: SLA_DAILY_CSV_DESCRIPTION } },
    },
  })
  async slaDaily(
    @Query() query: SlaDailyReportQuery,
    @CurrentActor() actor: Actor,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const format = requireAcceptableFormat(accept, REPORT_FORMATS, 'The daily report');
    // Before any work, as Accept is: a client asking JSON for a mark only CSV has would otherwise
    // never learn its parameter did nothing.
    if (query.bom === 'true' && format !== 'text/csv') {
      throw new ValidationProblemException([
        { field: 'bom', message: 'bom applies to the CSV form only: ask for it with Accept: text/csv' },
      ]);
    }
    const report = await this.dailyReports.report(actor, query);
    if (format === 'application/json') return report;
    void reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', slaDailyContentDisposition(report));
    return (query.bom === 'true' ? UTF8_BYTE_ORDER_MARK : '') + slaDailyCsv(report);
  }

  @Get('escalations')
  @ApiOperation({
    summary:
      'The escalations board: open (default), overdue or all escalations (staff; a CSM sees their accounts)',
  })
  @ApiNegotiated(JSON_ONLY)
  @ApiOkResponse({
    type: EscalationsBoardDto,
    description: 'A page of escalations: open ones (default), the overdue ones among them, or all of them',
  })
  escalationsBoard(
    @Query() query: EscalationsBoardQuery,
    @CurrentActor() actor: Actor,
    @Headers('accept') accept: string | undefined,
  ) {
    requireAcceptableFormat(accept, JSON_ONLY, 'The escalations board');
    return this.escalations.board(actor, query);
  }
}
