import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, IsString, Length } from 'class-validator';

export class SlaDashboardQuery {
  @ApiPropertyOptional({ description: 'Cases opened from: a date (that day’s start, UTC) or an instant' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'from must be a date (YYYY-MM-DD) or an ISO-8601 instant' })
  from?: string;

  @ApiPropertyOptional({
    description: 'Cases opened until: a date (through that day, UTC) or an instant (exclusive)',
  })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'to must be a date (YYYY-MM-DD) or an ISO-8601 instant' })
  to?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 200)
  product?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 100)
  accountId?: string;
}
