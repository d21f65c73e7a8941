import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { LICENCE_PLANS, type LicencePlan } from '@casetrail/domain';
import { RecordDamagedDto } from '../../cases/dto/case-detail.dto';
import { SEATS } from '../../licences/dto/licence-list.dto';
import { ApiRecordDamaged } from '../../storage/api-record-damaged';

/**
 * The account reads (AccountQueries) as the OpenAPI document describes them, so a generated client
 * reads the account, its case team and licences, and the revision its changes take as If-Match.
 */

/** MissingCsmWarning (mission-critical-coverage.ts). */
export class MissingCsmWarningDto {
  @ApiProperty({ enum: ['mission-critical-without-csm'] })
  code!: 'mission-critical-without-csm';

  @ApiProperty({ format: 'uuid' })
  accountId!: string;

  @ApiProperty({ description: 'What is missing and what it means, in a sentence' })
  message!: string;

  @ApiProperty({ example: 'PUT /v1/accounts/{accountId}/csm', description: 'The request that puts it right' })
  fix!: string;
}

/** One account of GET /v1/accounts (AccountView). */
export class AccountDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'IANA time zone of its business calendar; null: UTC',
  })
  timeZone!: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    description: "The support policy's named calendar; null: the policy's default",
  })
  calendar!: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'The designated CSM; null: none' })
  csm!: string | null;

  @ApiProperty({ format: 'date-time' })
  registeredAt!: string;

  @ApiRecordDamaged('account')
  recordDamaged?: RecordDamagedDto;
}

/** GET /v1/accounts. */
export class AccountPageDto {
  @ApiProperty({ type: [AccountDto], description: 'Accounts by id (a CSM: those they are designated for)' })
  items!: AccountDto[];

  @ApiPropertyOptional({ description: 'Send as `cursor` for the next page; absent on the last' })
  nextCursor?: string;
}

class AccountCaseTeamMemberDto {
  @ApiProperty({ format: 'email' })
  email!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty({ description: "Receives email notifications of the account's cases" })
  notify!: boolean;

  @ApiProperty({ format: 'date-time' })
  addedAt!: string;
}

class AccountLicenceDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  product!: string;

  @ApiProperty()
  edition!: string;

  @ApiProperty({ enum: LICENCE_PLANS })
  plan!: LicencePlan;

  @ApiProperty({ description: 'Last day of support (YYYY-MM-DD) or an ISO-8601 instant, as issued' })
  activeUntil!: string;

  @ApiProperty({ format: 'date-time', description: 'When the licence stops being in force' })
  expiresAt!: string;

  @ApiProperty({ ...SEATS, description: 'Seats bought: a number or "unlimited"' })
  seats!: number | 'unlimited';

  @ApiProperty({ format: 'email' })
  holderEmail!: string;
}

/** GET /v1/accounts/{accountId}. */
export class AccountDetailDto extends AccountDto {
  @ApiProperty({ description: 'A licence in force is on the Mission Critical plan' })
  missionCritical!: boolean;

  @ApiProperty({
    type: [MissingCsmWarningDto],
    description: 'What an admin must put right (a Mission Critical account with no CSM); empty when nothing',
  })
  warnings!: MissingCsmWarningDto[];

  @ApiProperty({ type: [AccountCaseTeamMemberDto] })
  caseTeam!: AccountCaseTeamMemberDto[];

  @ApiProperty({ type: [AccountLicenceDto] })
  licences!: AccountLicenceDto[];

  @ApiProperty({ type: 'integer', description: "The account record's revision (the ETag its changes take)" })
  revision!: number;
}

/** GET /v1/accounts/{accountId}/case-team/{email}. */
export class CaseTeamMemberEntryDto extends AccountCaseTeamMemberDto {
  @ApiProperty({ format: 'uuid' })
  accountId!: string;

  @ApiProperty({
    type: 'integer',
    description: "The account record's revision (the ETag a PATCH of the preference takes)",
  })
  revision!: number;
}
