import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { LICENCE_PLANS, type LicencePlan } from '@casetrail/domain';
import { RecordDamagedDto } from '../../cases/dto/case-detail.dto';
import { SEATS } from './licence-list.dto';
import { PermissionsDto } from './licence.dto';
import { ApiRecordDamaged } from '../../storage/api-record-damaged';

/**
 * The licence reads (LicenceQueries) as the OpenAPI document describes them: a licence with its
 * users, one user, and the invitations waiting for registration.
 */

/** A licensed user (userView in licence-queries.ts). */
export class LicensedUserDto {
  @ApiProperty({ format: 'email' })
  email!: string;

  @ApiProperty()
  firstName!: string;

  @ApiProperty()
  lastName!: string;

  @ApiProperty()
  company!: string;

  @ApiProperty()
  country!: string;

  @ApiProperty({
    enum: ['pending', 'active'],
    description: 'pending until they complete registration (POST …/activation); active then',
  })
  status!: 'pending' | 'active';

  @ApiProperty({ type: PermissionsDto })
  permissions!: PermissionsDto;

  @ApiProperty({ format: 'date-time' })
  invitedAt!: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'null while pending' })
  registeredAt!: string | null;

  @ApiPropertyOptional({
    type: String,
    format: 'date-time',
    nullable: true,
    description:
      'Pending invitations only: when the invitation was last sent again (POST …/users/{email}/invitation); ' +
      'null while only the invitation itself (invitedAt) went out',
  })
  lastSentAt?: string | null;

  @ApiPropertyOptional({
    format: 'date-time',
    description:
      'Pending invitations only: from when the invitation may be sent again (an hour after it was last sent ' +
      'again; invitedAt if it never was, as the first resend goes at once); a resend sooner is 409 ' +
      'invitation-sent-recently. On a licence that is not in force a resend is refused (403 licence-expired) whatever this says',
  })
  nextResendAt?: string;

  @ApiPropertyOptional({
    description:
      'Pending invitations only: overdue, the rule pendingInvitationsOverdue counts by: pending longer than the ' +
      "policy's follow-up time since it was last sent (lastSentAt, else invitedAt: a resend promises access afresh), " +
      "on a licence in force (an ended licence's invitations wait for its renewal)",
  })
  overdue?: boolean;
}

/** GET /v1/licences/{licenceId}. */
export class LicenceDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  accountId!: string;

  @ApiProperty()
  product!: string;

  @ApiProperty()
  edition!: string;

  @ApiProperty({ enum: LICENCE_PLANS })
  plan!: LicencePlan;

  @ApiProperty({
    description: 'Last day of support (YYYY-MM-DD) or an ISO-8601 instant, as issued or changed',
  })
  activeUntil!: string;

  @ApiProperty({ format: 'date-time', description: 'When the licence stops being in force' })
  expiresAt!: string;

  @ApiProperty({ ...SEATS, description: 'Seats bought: a number or "unlimited"' })
  seats!: number | 'unlimited';

  @ApiProperty({ format: 'email' })
  holderEmail!: string;

  @ApiProperty({ format: 'date-time' })
  issuedAt!: string;

  @ApiPropertyOptional({
    format: 'date-time',
    description:
      'When a change of terms last put the licence in force again after it had ended; absent if it never did. ' +
      'Its pending invitations are promised access afresh from then (their `overdue` counts from it) and may ' +
      'be sent again at once',
  })
  renewedAt?: string;

  @ApiProperty({ description: 'In force now' })
  active!: boolean;

  @ApiProperty({ type: 'integer', description: 'Users holding seats, pending invitations included' })
  seatsUsed!: number;

  @ApiProperty({ ...SEATS, description: 'Seats still free' })
  seatsLeft!: number | 'unlimited';

  @ApiProperty({
    type: [LicensedUserDto],
    description:
      'Every user to the holder, users who manage users and staff; anyone else sees themselves only',
  })
  users!: LicensedUserDto[];

  @ApiProperty({ type: 'integer', description: "The licence record's revision (the ETag its changes take)" })
  revision!: number;

  @ApiRecordDamaged('licence')
  recordDamaged?: RecordDamagedDto;
}

/** GET /v1/licences/{licenceId}/users/{email}. */
export class LicensedUserEntryDto extends LicensedUserDto {
  @ApiProperty({ format: 'uuid' })
  licenceId!: string;

  @ApiProperty({ type: 'integer', description: "The licence record's revision (the ETag its changes take)" })
  revision!: number;
}

/** GET /v1/licences/{licenceId}/pending-invitations. */
export class PendingInvitationsDto {
  @ApiProperty({ format: 'uuid' })
  licenceId!: string;

  @ApiProperty({
    type: 'integer',
    description:
      'Invitations pending for longer than this since they were last sent (lastSentAt, else invitedAt: a resend ' +
      'promises access afresh) are listed (the policy’s follow-up time by default: those are overdue)',
  })
  olderThanHours!: number;

  @ApiProperty({
    description:
      'The licence is in force. When false it has ended: nobody can complete a registration until it is renewed, ' +
      'so the invitations listed wait for the renewal and none is overdue (pendingInvitationsOverdue counts none)',
  })
  licenceActive!: boolean;

  @ApiProperty({ type: [LicensedUserDto], description: 'Oldest invitation first' })
  invitations!: LicensedUserDto[];

  @ApiPropertyOptional({ description: 'Send as `cursor` for the next page; absent on the last' })
  nextCursor?: string;

  @ApiRecordDamaged('licence')
  recordDamaged?: RecordDamagedDto;
}

class OverdueInvitationDto extends LicensedUserDto {
  @ApiProperty({ format: 'uuid' })
  licenceId!: string;

  @ApiProperty({ format: 'uuid' })
  accountId!: string;

  @ApiProperty({
    description:
      'The licence is in force: an invitation on an expired one gives no access until it is renewed',
  })
  licenceActive!: boolean;

  @ApiPropertyOptional({
    description: "The licence's last day of support (absent when the licence is not found)",
  })
  licenceActiveUntil?: string;

  @ApiPropertyOptional({
    type: RecordDamagedDto,
    description:
      "Present while the API knows this invitation's licence's stored record is damaged (events lost, unreadable or changed), " +
      "as a case's detail says it: every command on it answers 503, and what is shown may be out of date",
  })
  recordDamaged?: RecordDamagedDto;
}

class InvitationScopeDto {
  @ApiProperty({ type: [String], description: 'The accounts the CSM is designated for' })
  accountIds!: string[];
}

/** GET /v1/invitations/overdue. */
export class OverdueInvitationsDto {
  @ApiProperty({ type: 'integer' })
  olderThanHours!: number;

  @ApiPropertyOptional({
    type: InvitationScopeDto,
    description: "A CSM's list covers the accounts they are CSM of",
  })
  scope?: InvitationScopeDto;

  @ApiProperty({ type: [OverdueInvitationDto], description: 'Oldest invitation first' })
  invitations!: OverdueInvitationDto[];

  @ApiPropertyOptional({ description: 'Send as `cursor` for the next page; absent on the last' })
  nextCursor?: string;
}
