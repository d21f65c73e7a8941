import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { LICENCE_PLANS, type LicencePlan } from '@casetrail/domain';
import { objectOrNull } from '../../openapi/nullable-schema';
import { RecordDamagedDto } from '../../cases/dto/case-detail.dto';
import { PageQuery } from '../../cases/dto/case-queries.dto';
import { AccountIdFilter } from '../../reporting/shared/account-id-filter.decorator';
import { PermissionsDto } from './licence.dto';
import { ApiRecordDamaged } from '../../storage/api-record-damaged';

/** GET /v1/licences: a customer's own licences (all of them, no paging needed), or a page of staff's. */
export class LicenceListQuery extends PageQuery {
  @AccountIdFilter()
  accountId?: string;
}

/** A count of seats, or "unlimited" (seats bought, seats left). */
export const SEATS = {
  oneOf: [
    { type: 'integer', minimum: 0 },
    { type: 'string', enum: ['unlimited'] },
  ],
};

/** The OpenAPI description of one licence of GET /v1/licences (LicenceListItem). */
export class LicenceListItemDto {
  @ApiProperty({ format: 'uuid', description: 'The licence id cases are opened with (licenceId)' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  accountId!: string;

  @ApiProperty({ nullable: true, type: String })
  accountName!: string | null;

  @ApiProperty({
    nullable: true,
    type: String,
    example: 'America/Los_Angeles',
    description:
      "The account's IANA time zone (null: UTC), in which the mails (and the console) say when the licence ends",
  })
  accountTimeZone!: string | null;

  @ApiProperty({ example: 'Sitefinity' })
  product!: string;

  @ApiProperty({ example: 'Online Marketing License' })
  edition!: string;

  @ApiProperty({
    enum: LICENCE_PLANS,
    description: 'Phone support comes with enterprise and mission-critical',
  })
  plan!: LicencePlan;

  @ApiProperty({ example: '2027-12-31', description: 'Last day of support' })
  activeUntil!: string;

  @ApiProperty({ format: 'date-time', description: 'The instant the licence ends' })
  expiresAt!: string;

  @ApiProperty({ description: 'Whether the licence is in force now' })
  active!: boolean;

  @ApiProperty({ ...SEATS, description: 'Seats bought: a number or "unlimited"' })
  seats!: number | 'unlimited';

  @ApiPropertyOptional({
    type: 'integer',
    description:
      'Users holding seats, pending invitations included. Only to those who see the licence (staff, the holder, ' +
      'active users of a licence in force); a pending invitee sees the terms alone',
  })
  seatsUsed?: number;

  @ApiPropertyOptional({ ...SEATS, description: 'Seats still free (with seatsUsed)' })
  seatsLeft?: number | 'unlimited';

  @ApiPropertyOptional({
    type: Number,
    minimum: 0,
    description: 'Invitations not yet registered (with seatsUsed)',
  })
  pendingInvitations?: number;

  @ApiPropertyOptional({
    type: Number,
    minimum: 0,
    description:
      "Of pendingInvitations, the overdue ones: pending longer than the policy's follow-up time " +
      '(licensing.pendingInvitationFollowUpHours, 48 hours by default: the access promise) since they were last sent ' +
      '(a resend promises access afresh, from its own sending). 0 on a licence that has ended: its invitations wait ' +
      'for the renewal. GET /v1/licences/{licenceId}/pending-invitations lists them, and ' +
      'POST /v1/licences/{licenceId}/users/{email}/invitation sends one again',
  })
  pendingInvitationsOverdue?: number;

  @ApiPropertyOptional({
    description:
      "The holder's email (with seatsUsed); also to a pending invitee once the licence has ended: whom to ask for " +
      'the renewal her registration waits for',
  })
  holderEmail?: string;

  @ApiProperty({
    type: [String],
    enum: ['holder', 'active-user', 'pending-invitation'],
    description:
      "The caller's own standing on the licence: its holder, an active licensed user, an invitee who has not " +
      'completed registration (see activation); both holder and user when the holder added themselves; empty for staff',
  })
  standing!: string[];

  @ApiProperty({
    ...objectOrNull(PermissionsDto),
    description:
      "The caller's own permissions as a licensed user (basic always comes with them); null if not a user",
  })
  permissions!: PermissionsDto | null;

  @ApiProperty({
    description: 'Whether the caller may log cases on it now (an active user of a licence in force)',
  })
  mayOpenCases!: boolean;

  @ApiProperty({
    description:
      'Whether the caller may change the permissions of its users and remove them now: its holder (on a licence ' +
      'that is not in force too), or an active user with manage users of a licence in force (the permission lapses ' +
      'with the licence). Inviting is mayInviteUsers',
  })
  mayManageUsers!: boolean;

  @ApiProperty({
    description:
      'Whether the caller may invite users to it (and send invitations again) now: mayManageUsers, while the licence ' +
      'is in force; on one that is not, nobody may until it is renewed (403 licence-expired)',
  })
  mayInviteUsers!: boolean;

  @ApiPropertyOptional({
    example: '/v1/licences/0190a5c2-0000-7000-8000-000000000001/users/jane.doe@acme.example/activation',
    description:
      'For a pending invitation of a licence in force: POST it (no body, with your own token) to complete the ' +
      'registration. Absent while the licence is ended (see registrationWaitsForRenewal)',
  })
  activation?: string;

  @ApiPropertyOptional({
    enum: [true],
    description:
      'For a pending invitation of a licence that has ended: the registration waits for its renewal (completing it ' +
      'now is refused, 403 licence-expired); ask the holder (holderEmail) or your account manager to have it renewed',
  })
  registrationWaitsForRenewal?: true;

  @ApiRecordDamaged('licence')
  recordDamaged?: RecordDamagedDto;
}

export class LicenceListDto {
  @ApiProperty({ type: [LicenceListItemDto] })
  items!: LicenceListItemDto[];

  @ApiPropertyOptional({ description: 'Staff only: the next page (cursor)' })
  nextCursor?: string;

  @ApiPropertyOptional({
    description: "A CSM's list covers the accounts they are CSM of: { accountIds }",
  })
  scope?: { accountIds: string[] };
}
