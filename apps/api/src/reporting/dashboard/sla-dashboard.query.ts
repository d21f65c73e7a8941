import { ApiPropertyOptional } from '@nestjs/swagger';
import { ReportFiltersQuery } from '../shared/report-filters.query';
import { DateOrInstantQuery } from '../shared/date-or-instant-query.decorator';

export class SlaDashboardQuery extends ReportFiltersQuery {
  @ApiPropertyOptional({ description: 'Cases opened from: a date (that day’s start, UTC) or an instant' })
  @DateOrInstantQuery()
  from?: string;

  @ApiPropertyOptional({
    description:
      'Cases opened until: a date (through that day, UTC; echoed as the next day’s start, so 9999-12-31 as +010000-01-01T00:00:00.000Z) or an instant (exclusive)',
  })
  @DateOrInstantQuery()
  to?: string;
}
