import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PermissionsDto } from './licence.dto';

/** One change to a licence's users (UserAdministrationEntry in the domain). */
class LicenceUserChangeDto {
  @ApiProperty({ type: 'integer', description: "The change's revision in the licence record" })
  revision!: number;

  @ApiProperty({ format: 'date-time' })
  at!: string;

  @ApiProperty({
    description: 'Who made it: the holder, a user who manages users, an admin, or the user (registration)',
  })
  by!: string;

  @ApiProperty({
    enum: [
      'invited',
      'invitation-resent',
      'registered',
      'permissions-changed',
      'removed',
      'withdrawn',
      'holder-changed',
    ],
    description:
      'removed: a registered user taken off the licence; withdrawn: a pending invitation taken back ' +
      'before the person completed registration',
  })
  change!: string;

  @ApiProperty({
    format: 'email',
    description: 'The user it was made to; for holder-changed, the new holder',
  })
  email!: string;

  @ApiPropertyOptional({
    format: 'email',
    description: 'The holder who handed the licence over (holder-changed)',
  })
  previousHolderEmail?: string;

  @ApiPropertyOptional({
    type: PermissionsDto,
    description: 'After the change (invited, invitation-resent, permissions-changed)',
  })
  permissions?: PermissionsDto;

  @ApiPropertyOptional({ type: PermissionsDto, description: 'Before the change (permissions-changed)' })
  previousPermissions?: PermissionsDto;

  @ApiPropertyOptional({ description: 'Why, when the person gave a reason' })
  reason?: string;
}

/** GET /v1/licences/{licenceId}/user-changes. */
export class LicenceUserChangesDto {
  @ApiProperty({ format: 'uuid' })
  licenceId!: string;

  @ApiProperty({ type: [LicenceUserChangeDto], description: 'Newest first' })
  changes!: LicenceUserChangeDto[];

  @ApiPropertyOptional({ description: 'Send as `cursor` for the next (older) page; absent on the last' })
  nextCursor?: string;
}
