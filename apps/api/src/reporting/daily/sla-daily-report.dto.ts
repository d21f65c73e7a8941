import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CASE_SEVERITIES, type Severity } from '@casetrail/domain';
import { ReportCoverageDto } from '../shared/report-coverage.dto';
import { FIGURE_DESCRIPTIONS } from '../shared/figure-descriptions';
import { SLA_DAILY_COLUMNS, type SlaDailyRow } from './sla-daily-report';

/**
 * GET /v1/reports/sla-daily as the OpenAPI document describes it (SlaDailyReport,
 * sla-daily-report.ts): what SlaDailyReportService counts for each row, and the CSV it sends for
 * `Accept: text/csv`.
 */
export class SlaDailyRowDto implements SlaDailyRow {
  @ApiProperty({ example: '2026-11-16', description: 'The day, a UTC calendar date (00:00 to 24:00 UTC)' })
  date!: string;

  @ApiProperty({ enum: CASE_SEVERITIES })
  severity!: Severity;

  @ApiProperty({ type: 'integer', description: 'Cases opened that day at this severity' })
  opened!: number;

  @ApiProperty({
    type: 'integer',
    description:
      'First responses given that day on a goal of this severity (the severity the target was judged on), ' +
      'on time or late: the times the median and p90 are taken over',
  })
  firstResponses!: number;

  @ApiProperty({ type: 'integer', description: 'Of `firstResponses`, those given before the target was due' })
  firstResponsesMet!: number;

  @ApiProperty({
    type: 'number',
    nullable: true,
    description: `firstResponsesMet / firstResponses × 100 (responses still owed are not counted: see \`breaches\`). ${FIGURE_DESCRIPTIONS.percent}`,
  })
  firstResponseMetPercent!: number | null;

  @ApiProperty({ type: 'integer', nullable: true, description: FIGURE_DESCRIPTIONS.responseMedian })
  firstResponseMedianBusinessMs!: number | null;

  @ApiProperty({ type: 'integer', nullable: true, description: FIGURE_DESCRIPTIONS.responseP90 })
  firstResponseP90BusinessMs!: number | null;

  @ApiProperty({
    type: 'integer',
    description:
      'Resolutions proposed that day on a goal of this severity, on time or late, each met or not against the ' +
      'target at that moment; one later undone by a reopening is still counted (a past day never changes). ' +
      'Redirections are not resolutions (see `redirections`)',
  })
  resolutions!: number;

  @ApiProperty({ type: 'integer', description: 'Of `resolutions`, those proposed before the target was due' })
  resolutionsMet!: number;

  @ApiProperty({
    type: 'number',
    nullable: true,
    description: `resolutionsMet / resolutions × 100. ${FIGURE_DESCRIPTIONS.percent}`,
  })
  resolutionMetPercent!: number | null;

  @ApiProperty({ type: 'integer', nullable: true, description: FIGURE_DESCRIPTIONS.resolutionMedian })
  resolutionMedianBusinessMs!: number | null;

  @ApiProperty({ type: 'integer', nullable: true, description: FIGURE_DESCRIPTIONS.resolutionP90 })
  resolutionP90BusinessMs!: number | null;

  @ApiProperty({
    type: 'integer',
    description:
      'Breaches recorded that day (SlaTargetBreached events, either target) on goals of this severity, filed on ' +
      'the day the breach was recorded: normally its due time; after downtime, when the timers caught up',
  })
  breaches!: number;

  @ApiProperty({
    type: 'integer',
    description: 'Escalations raised that day (each level counts) on cases of this severity at the time',
  })
  escalations!: number;

  @ApiProperty({
    type: 'integer',
    description:
      'Cases redirected out of support scope that day (severity at the time): reported apart from resolutions',
  })
  redirections!: number;

  @ApiPropertyOptional({ description: 'The `product` filter, on every row of a report filtered by product' })
  product?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'The `accountId` filter, on every row of a report filtered by account',
  })
  accountId?: string;

  @ApiPropertyOptional({
    type: [String],
    description:
      "A CSM's report that named no account: their accounts (`scope`), on every row, so an exported row does not " +
      "read as the whole desk's figures (one CSV cell, ids separated by spaces)",
  })
  accountIds?: string[];
}

class SlaDailyFiltersDto {
  @ApiPropertyOptional()
  product?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  accountId?: string;
}

export class SlaDailyReportDto {
  @ApiProperty({ example: '2026-11-01', description: 'First day (UTC date), as asked or defaulted' })
  from!: string;

  @ApiProperty({ example: '2026-11-30', description: 'Last day (UTC date, included)' })
  to!: string;

  @ApiProperty({ type: SlaDailyFiltersDto })
  filters!: SlaDailyFiltersDto;

  @ApiProperty({ type: ReportCoverageDto })
  scope!: ReportCoverageDto;

  @ApiProperty({
    type: [SlaDailyRowDto],
    description:
      'Every day from `from` to `to`, oldest first, severities 1 to 3 each: a quiet day, or one that has not ' +
      'happened yet, is listed with zeros. The report follows the days things happened on: each first ' +
      'response and each resolution on the day it was given, met or not against the target at that moment, ' +
      'a resolution later undone by a reopening included, and breaches on the day they were recorded. The ' +
      'dashboard follows a cohort instead, so their figures for the same dates differ',
  })
  rows!: SlaDailyRowDto[];
}

/** The CSV the same read sends for `Accept: text/csv` (slaDailyCsv). */
export const SLA_DAILY_CSV_DESCRIPTION =
  'RFC 4180 CSV, UTF-8 (no byte order mark unless `bom=true`), CRLF line ends: a header line, then one line per row as in the JSON `rows`, ' +
  `same order. Columns: ${SLA_DAILY_COLUMNS.join(', ')}; then \`product\` and \`accountId\` when the report is ` +
  "filtered by them, then `accountIds` on a CSM's report of their accounts (ids separated by spaces). A null " +
  "figure is an empty cell; text that a spreadsheet would read as a formula starts with `'`. Sent as an " +
  'attachment named sla-daily-<from>-<to>[-product-<product>][-account-<accountId>|-accounts-of-<csm>].csv';
