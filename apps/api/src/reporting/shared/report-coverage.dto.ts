import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** ReportCoverage (reporting-scope.ts) as the OpenAPI document describes it: a report's `scope`. */
export class ReportCoverageDto {
  @ApiProperty({
    enum: ['all', 'requested', 'your-accounts'],
    description:
      'Whose accounts the figures cover: `all` (engineers, auditors and admins who named no account), ' +
      '`requested` (the one account `accountId` names), `your-accounts` (a CSM who named none: only the ' +
      "accounts they are the designated CSM of, never the whole desk; a customer's compliance auditor: " +
      'the accounts their token names)',
  })
  accounts!: 'all' | 'requested' | 'your-accounts';

  @ApiPropertyOptional({
    type: [String],
    description: 'The accounts covered (`requested` and `your-accounts`; absent for `all`), sorted',
  })
  accountIds?: string[];

  @ApiPropertyOptional({ description: 'For `your-accounts`: the CSM whose accounts these are' })
  csm?: string;

  @ApiPropertyOptional({
    description:
      "For `your-accounts` of a customer's compliance auditor: the auditor whose accounts these are",
  })
  auditor?: string;
}
