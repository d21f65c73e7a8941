import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CASE_SEVERITIES, type Severity } from '@casetrail/domain';
import { ReportCoverageDto } from '../shared/report-coverage.dto';
import { FIGURE_DESCRIPTIONS } from '../shared/figure-descriptions';
import type { GoalFigures, SeverityFigures } from './sla-dashboard';

/**
 * GET /v1/dashboards/sla as the OpenAPI document describes it (SlaDashboard, sla-dashboard.ts).
 * Each definition says what SlaDashboardService computes, so a figure can be recomputed from the
 * case details without reading the code.
 */
export class GoalFiguresDto implements GoalFigures {
  @ApiProperty({
    type: 'integer',
    description:
      "The cohort's targets of this goal met on time (state `met`). A resolution of a redirected case is " +
      'not counted at all (neither met, missed nor measured): the case was referred out, not resolved. ' +
      'Its cases: `GET /v1/cases?firstResponse=met&goalSeverity=<severity>` (or `resolution=met`) with the ' +
      "dashboard's filters as `openedFrom`, `openedTo`, `product` and `accountId`",
  })
  met!: number;

  @ApiProperty({
    type: 'integer',
    description:
      'Targets missed: breached (recorded, answered late or not at all), or still owed past their due time ' +
      'now (before the breach timer has recorded it). Open targets not yet due, and paused ones, are not counted. ' +
      'Its cases: `GET /v1/cases?firstResponse=missed&goalSeverity=<severity>` (or `resolution=missed`) with ' +
      "the dashboard's filters, evaluated at the time of the request",
  })
  missed!: number;

  @ApiProperty({
    type: 'number',
    nullable: true,
    description: `met / (met + missed) × 100: the goals with an outcome, so targets not yet due do not lower it. ${FIGURE_DESCRIPTIONS.percent}`,
  })
  metPercent!: number | null;

  @ApiProperty({
    type: 'integer',
    description:
      'How many times the median and p90 are taken over: first responses given, resolutions of cases now ' +
      'resolved or closed (a reopened case counts its resolution after the reopening). Not met + missed: ' +
      'a goal still owed past its due time (or breached and still unanswered) is missed but has no time to ' +
      'measure yet, while a late answer is both missed and measured',
  })
  measured!: number;

  @ApiProperty({ type: 'integer', nullable: true, description: FIGURE_DESCRIPTIONS.median })
  medianBusinessMs!: number | null;

  @ApiProperty({ type: 'integer', nullable: true, description: FIGURE_DESCRIPTIONS.p90 })
  p90BusinessMs!: number | null;
}

export class SeverityFiguresDto implements SeverityFigures {
  @ApiProperty({
    enum: CASE_SEVERITIES,
    description: 'Every dashboard lists severities 1, 2 and 3, in order',
  })
  severity!: Severity;

  @ApiProperty({
    example: 'Production System Down',
    description: "The severity's name in the support policy",
  })
  name!: string;

  @ApiProperty({
    type: 'integer',
    description:
      'Cases of the cohort open now (new, in progress or awaiting the customer), under their current severity',
  })
  open!: number;

  @ApiProperty({
    type: 'integer',
    description:
      'Open cases (not goals) with a target past due and unanswered now, under their current severity: a case ' +
      'whose first response and resolution are both overdue counts once. A paused target (awaiting the ' +
      'customer) is never breached now. The same cases as the `breaching` queue lists (of this severity, opened in the period)',
  })
  breachedNow!: number;

  @ApiProperty({
    type: 'integer',
    description:
      'Open cases with a running target past its at-risk share of the goal (default 75 %) and not yet due, ' +
      'now, under their current severity. A paused target is not at risk. A case whose other target is ' +
      'already past due counts here and in `breachedNow`',
  })
  atRisk!: number;

  @ApiProperty({
    type: 'integer',
    description: 'Cases of the cohort (current severity) with an escalation not yet de-escalated',
  })
  openEscalations!: number;

  @ApiProperty({
    type: 'integer',
    description:
      'Of `openEscalations`, the cases whose escalation is overdue now: its acknowledgement or its next status ' +
      "update past due, whether or not the overdue alert has gone out yet (the escalations board's `overdue`)",
  })
  overdueEscalations!: number;

  @ApiProperty({
    type: GoalFiguresDto,
    description:
      'First-response goals, each counted under the severity its target was judged on (a case raised from 3 ' +
      'to 1 after a missed severity-3 response counts that miss under 3)',
  })
  firstResponse!: GoalFiguresDto;

  @ApiProperty({
    type: GoalFiguresDto,
    description:
      "Resolution goals, likewise; redirected cases are left out (they appear in the daily report's `redirections`)",
  })
  resolution!: GoalFiguresDto;
}

class SlaDashboardFiltersDto {
  @ApiPropertyOptional({
    format: 'date-time',
    description: 'Cohort start (inclusive): a date given as `from` is its UTC start',
  })
  from?: string;

  @ApiPropertyOptional({
    format: 'date-time',
    description: "Cohort end (exclusive): a date given as `to` is echoed as the next day's UTC start",
  })
  to?: string;

  @ApiPropertyOptional()
  product?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  accountId?: string;
}

export class SlaDashboardDto {
  @ApiProperty({
    format: 'date-time',
    description:
      'The instant the time-dependent figures (open, breachedNow, atRisk, missed) were evaluated at',
  })
  asOf!: string;

  @ApiProperty({
    type: SlaDashboardFiltersDto,
    description:
      'The cohort: the cases opened in `[from, to)`, of `product` and `accountId` when given. Without `from` and ' +
      '`to` the cohort is every case ever opened (all of history); with only one, it is open-ended on the other side',
  })
  filters!: SlaDashboardFiltersDto;

  @ApiProperty({ type: ReportCoverageDto })
  scope!: ReportCoverageDto;

  @ApiProperty({
    type: [SeverityFiguresDto],
    description:
      'One entry per severity (1, 2, 3). The dashboard follows a cohort: the cases opened in the period, each ' +
      'target judged as it stands now (met; missed if breached, or still owed past its due time; open targets ' +
      "not yet due are not counted), and a reopened case's resolution is the one after its reopening. The daily " +
      'report counts by the day things happened instead, so their figures for the same dates differ',
  })
  severities!: SeverityFiguresDto[];

  @ApiProperty({
    type: 'integer',
    description: "The severities' `overdueEscalations` together: the cohort's escalations overdue now",
  })
  overdueEscalations!: number;
}
