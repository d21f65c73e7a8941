import { IdField } from '../../shared/id-field.decorator';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length } from 'class-validator';

/** The filters every report shares: one product, one account (a CSM may name only their own). */
export class ReportFiltersQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 200)
  product?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 100)
  @IdField()
  accountId?: string;
}
