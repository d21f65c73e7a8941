import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length } from 'class-validator';
import { AccountIdFilter } from './account-id-filter.decorator';

/** The filters every report shares: one product, one account (a CSM may name only their own). */
export class ReportFiltersQuery {
  @ApiPropertyOptional({ description: 'Only cases of this product, spelled as on its licences' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  product?: string;

  @AccountIdFilter()
  accountId?: string;
}
