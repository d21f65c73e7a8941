import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import { ReportFiltersQuery } from '../shared/report-filters.query';
import { DATE_OR_INSTANT } from '../shared/report-period';

export class SlaDashboardQuery extends ReportFiltersQuery {
  @ApiPropertyOptional({ description: 'Cases opened from: a date (that day’s start, UTC) or an instant' })
  @IsOptional()
  @Matches(DATE_OR_INSTANT, {
    message: 'from must be a date (YYYY-MM-DD) or an ISO-8601 instant with an offset',
  })
  from?: string;

  @ApiPropertyOptional({
    description:
      'Cases opened until: a date (through that day, UTC; echoed as the next day’s start, so 9999-12-31 as +010000-01-01T00:00:00.000Z) or an instant (exclusive)',
  })
  @IsOptional()
  @Matches(DATE_OR_INSTANT, {
    message: 'to must be a date (YYYY-MM-DD) or an ISO-8601 instant with an offset',
  })
  to?: string;
}
