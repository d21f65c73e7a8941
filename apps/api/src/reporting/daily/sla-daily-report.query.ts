import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { ReportFiltersQuery } from '../shared/report-filters.query';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class SlaDailyReportQuery extends ReportFiltersQuery {
  @ApiPropertyOptional({ description: 'First day (UTC), YYYY-MM-DD; default 29 days before `to`' })
  @IsOptional()
  @Matches(DATE, { message: 'from must be a date (YYYY-MM-DD)' })
  from?: string;

  @ApiPropertyOptional({
    description:
      'Last day (UTC, inclusive), YYYY-MM-DD; default today, but never before `from` and at most 365 days after it',
  })
  @IsOptional()
  @Matches(DATE, { message: 'to must be a date (YYYY-MM-DD)' })
  to?: string;

  @ApiPropertyOptional({
    enum: ['true', 'false'],
    description:
      'CSV only (`Accept: text/csv`): `true` starts the file with a UTF-8 byte order mark, so that Excel ' +
      'reads a product name such as "Köln Suite" as UTF-8 rather than as the Windows code page. Default ' +
      '`false`: other CSV readers take the mark for part of the first column name',
  })
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'bom must be true or false' })
  bom?: 'true' | 'false';
}
