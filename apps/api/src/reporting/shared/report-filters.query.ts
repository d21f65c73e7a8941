import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length } from 'class-validator';
import { AccountIdFilter } from './account-id-filter.decorator';

/** The filters every report shares: one product, one account (a CSM may name only their own). */
export class ReportFiltersQuery {
  @ApiPropertyOptional({
    minLength: 1,
    maxLength: 200,
    description:
      'Only cases of this product, in any spelling that differs from the licensed one only by case or ' +
      'Unicode form (the figures and `filters.product` show one spelling). For engineers, auditors and admins, ' +
      "who see every account, a product no licence ever had is 404 `product-not-found`; a CSM (or a customer's " +
      'compliance auditor) gets the figures of their accounts for it, empty for an unknown product as for one only ' +
      'other customers license, with `filters.product` as asked',
  })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  product?: string;

  @AccountIdFilter()
  accountId?: string;
}
