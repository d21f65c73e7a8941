import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, MaxLength } from 'class-validator';
import { TrimmedEmail } from '../../shared/trimmed-email.decorator';
import { ReasonField } from '../../shared/reason-field';

/** PUT /v1/licences/{licenceId}/holder: who holds the licence from now on, and why. */
export class ChangeLicenceHolderDto {
  @ApiProperty({
    format: 'email',
    maxLength: 254,
    example: 'new.owner@acme.example',
    description:
      "The new holder's individual address. An admin may name anyone; the current holder names an active (registered) user of the licence.",
  })
  @TrimmedEmail()
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(254)
  email!: string;

  @ReasonField('The previous licence owner left the company')
  reason?: string;
}
