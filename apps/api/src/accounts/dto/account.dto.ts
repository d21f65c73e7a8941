import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsEmail, IsOptional, IsString, Length, MaxLength } from 'class-validator';
import { OptionalField } from '../../shared/optional.decorator';
import { ReasonField } from '../../shared/reason-field';
import { TrimmedEmail } from '../../shared/trimmed-email.decorator';

export class RegisterAccountDto {
  @ApiProperty({ minLength: 1, maxLength: 200 })
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiPropertyOptional({
    minLength: 1,
    maxLength: 64,
    description: 'IANA time zone of the business calendar, e.g. Europe/Sofia (default UTC)',
  })
  @OptionalField()
  @IsString()
  @Length(1, 64)
  timeZone?: string;

  @ApiPropertyOptional({
    minLength: 1,
    maxLength: 64,
    type: String,
    description:
      'One of the support policy’s named calendars (working hours and holidays), e.g. de-public-holidays; ' +
      'left out or null: the policy’s default calendar (as PATCH takes it)',
    nullable: true,
  })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  calendar?: string | null;
}

export class ChangeAccountDto {
  @ApiPropertyOptional({ minLength: 1, maxLength: 200 })
  @OptionalField()
  @IsString()
  @Length(1, 200)
  name?: string;

  @ApiPropertyOptional({
    minLength: 1,
    maxLength: 64,
    type: String,
    description:
      'IANA time zone of the business calendar for cases opened from now on (null: UTC); open cases keep theirs',
    nullable: true,
  })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  timeZone?: string | null;

  @ApiPropertyOptional({
    minLength: 1,
    maxLength: 64,
    type: String,
    description:
      'One of the support policy’s named calendars for cases opened from now on (null: the policy’s ' +
      'default calendar); open cases keep theirs',
    nullable: true,
  })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  calendar?: string | null;

  @ReasonField('Legal rename after the merger')
  reason?: string;
}

export class AssignCsmDto {
  @ApiProperty({ format: 'email', maxLength: 254 })
  @TrimmedEmail()
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(254)
  email!: string;

  @ReasonField('The account moved to the EMEA team')
  reason?: string;
}

export class AddCaseTeamMemberDto {
  @ApiProperty({ format: 'email', maxLength: 254 })
  @TrimmedEmail()
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(254)
  email!: string;

  @ApiProperty({ minLength: 1, maxLength: 200 })
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiProperty({ description: 'Receive email notifications of the account’s cases' })
  @IsBoolean()
  notify!: boolean;

  @ReasonField('Follows the migration project for the business')
  reason?: string;
}

export class ChangeNotificationPreferenceDto {
  @ApiProperty()
  @IsBoolean()
  notify!: boolean;

  @ReasonField('Reads the weekly summary instead')
  reason?: string;
}
