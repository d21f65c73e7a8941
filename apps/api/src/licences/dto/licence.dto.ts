import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { LICENCE_PLANS, LicencePlan, MAX_EDITION_LENGTH, MAX_LICENCE_SEATS } from '@casetrail/domain';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsObject,
  IsISO8601,
  IsString,
  Length,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { OptionalField } from '../../shared/optional.decorator';
import { ReasonField } from '../../shared/reason-field';
import { TrimmedEmail } from '../../shared/trimmed-email.decorator';

/** The seats a licence is issued or changed with, as the validators below take them. */
const SEATS_TERM = {
  oneOf: [
    { type: 'integer', minimum: 1, maximum: MAX_LICENCE_SEATS },
    { type: 'string', enum: ['unlimited'] },
  ],
};

export class IssueLicenceDto {
  @ApiProperty({ minLength: 1, maxLength: 200, example: 'Sitefinity' })
  @IsString()
  @Length(1, 200)
  product!: string;

  @ApiProperty({ minLength: 1, maxLength: MAX_EDITION_LENGTH, example: 'Online Marketing License' })
  @IsString()
  @Length(1, MAX_EDITION_LENGTH)
  edition!: string;

  @ApiProperty({ enum: LICENCE_PLANS })
  @IsIn(LICENCE_PLANS, { message: `plan must be one of ${LICENCE_PLANS.join(', ')}` })
  plan!: LicencePlan;

  @ApiProperty({
    example: '2027-12-31',
    description: 'Last day of support (YYYY-MM-DD) or an ISO-8601 instant',
  })
  @IsISO8601({ strict: true }, { message: 'activeUntil must be a date (YYYY-MM-DD) or an ISO-8601 instant' })
  activeUntil!: string;

  @ApiPropertyOptional({ ...SEATS_TERM, description: 'A number of seats, or "unlimited" (the default)' })
  @OptionalField()
  @ValidateIf((dto: IssueLicenceDto) => dto.seats !== 'unlimited')
  @IsInt({ message: 'seats must be a whole number or "unlimited"' })
  @Min(1)
  @Max(MAX_LICENCE_SEATS)
  seats?: number | 'unlimited';

  @ApiProperty({ format: 'email', maxLength: 254 })
  @TrimmedEmail()
  @IsEmail({}, { message: 'holderEmail must be an email address' })
  @MaxLength(254)
  holderEmail!: string;
}

export class PermissionsDto {
  @ApiProperty()
  @IsBoolean()
  manageUsers!: boolean;

  @ApiProperty()
  @IsBoolean()
  shareTickets!: boolean;

  @ApiProperty()
  @IsBoolean()
  seeSharedTickets!: boolean;
}

export class PartialPermissionsDto {
  @ApiPropertyOptional()
  @OptionalField()
  @IsBoolean()
  manageUsers?: boolean;

  @ApiPropertyOptional()
  @OptionalField()
  @IsBoolean()
  shareTickets?: boolean;

  @ApiPropertyOptional()
  @OptionalField()
  @IsBoolean()
  seeSharedTickets?: boolean;
}

export class AssignLicensedUserDto {
  @ApiProperty({
    format: 'email',
    maxLength: 254,
    description: 'An individual company email (group mailboxes are refused)',
  })
  @TrimmedEmail()
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(254)
  email!: string;

  @ApiProperty({ minLength: 1, maxLength: 100 })
  @IsString()
  @Length(1, 100)
  firstName!: string;

  @ApiProperty({ minLength: 1, maxLength: 100 })
  @IsString()
  @Length(1, 100)
  lastName!: string;

  @ApiProperty({ minLength: 1, maxLength: 200 })
  @IsString()
  @Length(1, 200)
  company!: string;

  @ApiProperty({ minLength: 1, maxLength: 100 })
  @IsString()
  @Length(1, 100)
  country!: string;

  @ApiProperty({ type: PermissionsDto })
  @IsObject({ message: 'permissions must be an object' })
  @ValidateNested()
  @Type(() => PermissionsDto)
  permissions!: PermissionsDto;

  @ReasonField('New developer on the web team')
  reason?: string;
}

export class ChangePermissionsDto {
  @ApiProperty({ type: PartialPermissionsDto })
  @IsObject({ message: 'permissions must be an object' })
  @ValidateNested()
  @Type(() => PartialPermissionsDto)
  permissions!: PartialPermissionsDto;

  @ReasonField('Now leads the support contacts for the team')
  reason?: string;
}

/**
 * PATCH /v1/licences/{licenceId}: the terms to change, any of them; what is left out keeps its
 * value. Only each term's JSON type is checked here (400 naming the field, as a wrong type is on
 * every route; `seats: "10"` was a 422 here and a 400 at issuance): the licence decider checks
 * each well-typed value exactly as at issuance and answers a bad one with 422 naming the field,
 * and an empty change with 422 too. The `reason` is every command's (ReasonField).
 */
export class ChangeLicenceTermsDto {
  @ApiPropertyOptional({
    example: '2027-12-31',
    description:
      'Renew (a later date) or end early (a date already past, which ends the licence at once): the last day of ' +
      'support (YYYY-MM-DD) or an ISO-8601 instant with offset',
  })
  @OptionalField()
  @IsString({ message: 'activeUntil must be a date (YYYY-MM-DD) or an ISO-8601 instant, as a string' })
  activeUntil?: string;

  @ApiPropertyOptional({
    ...SEATS_TERM,
    description:
      'A number of seats, or "unlimited"; never fewer than the users holding seats (pending invitations included), or 409',
  })
  @OptionalField()
  @ValidateIf((dto: ChangeLicenceTermsDto) => dto.seats !== 'unlimited')
  @IsInt({ message: 'seats must be a whole number or "unlimited"' })
  seats?: number | 'unlimited';

  @ApiPropertyOptional({
    enum: LICENCE_PLANS,
    description: 'Phone support and Mission Critical cover follow the plan',
  })
  @OptionalField()
  @IsString({ message: `plan must be a string, one of ${LICENCE_PLANS.join(', ')}` })
  plan?: LicencePlan;

  @ApiPropertyOptional({ example: 'Enterprise License', maxLength: MAX_EDITION_LENGTH })
  @OptionalField()
  @IsString({ message: 'edition must be a string' })
  edition?: string;

  /** Checked here as every command's reason is (400 for its type or length), not left to the decider alone. */
  @ReasonField('Renewal order 4711')
  reason?: string;
}
