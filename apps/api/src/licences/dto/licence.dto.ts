import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { LICENCE_PLANS, LicencePlan } from '@casetrail/domain';
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

export class IssueLicenceDto {
  @ApiProperty({ example: 'Sitefinity' })
  @IsString()
  @Length(1, 200)
  product!: string;

  @ApiProperty({ example: 'Online Marketing License' })
  @IsString()
  @Length(1, 200)
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

  @ApiPropertyOptional({ description: 'A number of seats, or "unlimited" (the default)' })
  @OptionalField()
  @ValidateIf((dto: IssueLicenceDto) => dto.seats !== 'unlimited')
  @IsInt({ message: 'seats must be a whole number or "unlimited"' })
  @Min(1)
  @Max(1_000_000)
  seats?: number | 'unlimited';

  @ApiProperty()
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
  @ApiProperty({ description: 'An individual company email (group mailboxes are refused)' })
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(254)
  email!: string;

  @ApiProperty()
  @IsString()
  @Length(1, 100)
  firstName!: string;

  @ApiProperty()
  @IsString()
  @Length(1, 100)
  lastName!: string;

  @ApiProperty()
  @IsString()
  @Length(1, 200)
  company!: string;

  @ApiProperty()
  @IsString()
  @Length(1, 100)
  country!: string;

  @ApiProperty({ type: PermissionsDto })
  @IsObject({ message: 'permissions must be an object' })
  @ValidateNested()
  @Type(() => PermissionsDto)
  permissions!: PermissionsDto;
}

export class ChangePermissionsDto {
  @ApiProperty({ type: PartialPermissionsDto })
  @IsObject({ message: 'permissions must be an object' })
  @ValidateNested()
  @Type(() => PartialPermissionsDto)
  permissions!: PartialPermissionsDto;
}
