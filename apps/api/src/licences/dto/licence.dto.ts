import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  activeUntilOutOfRange,
  LICENCE_PLANS,
  LicencePlan,
  MAX_EDITION_LENGTH,
  MAX_LICENCE_SEATS,
} from '@casetrail/domain';
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
  ValidateBy,
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

/*
 * The checks of each term's value, applied alike by issuance and a change of terms, so the same bad
 * value gets the same answer on both routes: what the document declares of a term (its type, the
 * plans, the seat range, a date's form, the edition's length) is a 400 `validation` naming the field,
 * as a severity of 4 or an over-long title is on the case routes. What the licence decider alone
 * refuses (a blank edition, a forbidden character, an instant without offset, a licence already
 * ended at issuance) stays its 422, on both routes too. Before, PATCH answered a plan of "gold", 0
 * seats, "tomorrow" or a 201-character edition with 422 where issuance answered 400.
 */
const PlanTerm = () => IsIn(LICENCE_PLANS, { message: `plan must be one of ${LICENCE_PLANS.join(', ')}` });

const SEATS_RANGE = `seats must be a whole number from 1 to ${MAX_LICENCE_SEATS}, or "unlimited"`;
const SeatsTerm = () =>
  applyDecorators(
    ValidateIf((dto: { seats?: unknown }) => dto.seats !== 'unlimited'),
    IsInt({ message: 'seats must be a whole number or "unlimited"' }),
    Min(1, { message: SEATS_RANGE }),
    Max(MAX_LICENCE_SEATS, { message: SEATS_RANGE }),
  );

const ActiveUntilTerm = () =>
  applyDecorators(
    IsISO8601(
      { strict: true },
      { message: 'activeUntil must be a date (YYYY-MM-DD) or an ISO-8601 instant' },
    ),
    ValidateBy({
      name: 'activeUntilInRange',
      validator: {
        // Only a value the decider can read is judged here; anything else has its own answer.
        validate: (value: unknown) => endOutOfRange(value) === undefined,
        defaultMessage: (args) => endOutOfRange(args?.value) ?? 'activeUntil is out of range',
      },
    }),
  );

/** Why `value` ends a licence after the year 9999 (activeUntilOutOfRange), when it is a readable activeUntil. */
function endOutOfRange(value: unknown): string | undefined {
  try {
    return typeof value === 'string' ? activeUntilOutOfRange(value) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * What `activeUntil` means, on both routes. A date is the customer's last day of support, and no
 * customer should lose it to a time zone (the account's or anyone's); an instant is what an admin
 * who writes one means: that very moment, even at midnight (a CRM's export of a date).
 */
const ACTIVE_UNTIL_MEANING =
  "A date (YYYY-MM-DD) is the last day of support and covers that whole day everywhere, the account's time " +
  'zone included: the licence ends when the day has ended at UTC-12, at noon UTC the next day (`expiresAt`). ' +
  'An ISO-8601 instant with its offset is taken as the exact end: 2027-12-31T00:00:00Z ends the licence at ' +
  'the start of 31 December UTC, 36 hours before the date 2027-12-31 does; send the date to keep that day. ' +
  'The end must fall by 9999-12-31T23:59:59.999Z (so the latest date is 9999-12-30), or 400.';

const EditionTerm = () => applyDecorators(IsString(), Length(1, MAX_EDITION_LENGTH));

export class IssueLicenceDto {
  @ApiProperty({ minLength: 1, maxLength: 200, example: 'Sitefinity' })
  @IsString()
  @Length(1, 200)
  product!: string;

  @ApiProperty({ minLength: 1, maxLength: MAX_EDITION_LENGTH, example: 'Online Marketing License' })
  @EditionTerm()
  edition!: string;

  @ApiProperty({ enum: LICENCE_PLANS })
  @PlanTerm()
  plan!: LicencePlan;

  @ApiProperty({
    example: '2027-12-31',
    description: `Last day of support (YYYY-MM-DD) or an ISO-8601 instant. ${ACTIVE_UNTIL_MEANING}`,
  })
  @ActiveUntilTerm()
  activeUntil!: string;

  @ApiPropertyOptional({ ...SEATS_TERM, description: 'A number of seats, or "unlimited" (the default)' })
  @OptionalField()
  @SeatsTerm()
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
 * value. Each term is checked as at issuance (PlanTerm and the others above): 400 naming the field
 * for what the document declares, then the licence decider's own rules (422), and an empty change
 * is 422 too. The `reason` is every command's (ReasonField).
 */
export class ChangeLicenceTermsDto {
  @ApiPropertyOptional({
    example: '2027-12-31',
    description:
      'Renew (a later date) or end early (a date already past, which ends the licence at once): the last day of ' +
      `support (YYYY-MM-DD) or an ISO-8601 instant with offset. ${ACTIVE_UNTIL_MEANING}`,
  })
  @OptionalField()
  @ActiveUntilTerm()
  activeUntil?: string;

  @ApiPropertyOptional({
    ...SEATS_TERM,
    description:
      'A number of seats, or "unlimited"; never fewer than the users holding seats (pending invitations included), or 409',
  })
  @OptionalField()
  @SeatsTerm()
  seats?: number | 'unlimited';

  @ApiPropertyOptional({
    enum: LICENCE_PLANS,
    description: 'Phone support and Mission Critical cover follow the plan',
  })
  @OptionalField()
  @PlanTerm()
  plan?: LicencePlan;

  @ApiPropertyOptional({ example: 'Enterprise License', minLength: 1, maxLength: MAX_EDITION_LENGTH })
  @OptionalField()
  @EditionTerm()
  edition?: string;

  /** Checked here as every command's reason is (400 for its type or length), not left to the decider alone. */
  @ReasonField('Renewal order 4711')
  reason?: string;
}
