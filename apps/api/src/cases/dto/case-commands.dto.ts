import { IdField } from '../../shared/id-field.decorator';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  CASE_CHANNELS,
  CASE_SEVERITIES,
  CASE_TEXT_LIMITS,
  CaseChannel,
  CaseSeverity,
  ESCALATION_REASONS,
  EscalationReason,
  REDIRECT_TARGETS,
  RedirectTarget,
} from '@casetrail/domain';
import { IsBoolean, IsEmail, IsIn, IsString, Length, Matches, MaxLength } from 'class-validator';
import { OptionalField } from '../../shared/optional.decorator';
import { UUID } from '../../shared/path-params';
import { ReasonField, RequiredReasonField } from '../../shared/reason-field';
import { TrimmedEmail } from '../../shared/trimmed-email.decorator';

/**
 * Request bodies of the case commands (API.md). These check shape and bounds so a bad request is
 * refused before anything is read; the decider re-checks every rule (it is the last word).
 */
const text = (kind: keyof typeof CASE_TEXT_LIMITS) =>
  Length(CASE_TEXT_LIMITS[kind].min, CASE_TEXT_LIMITS[kind].max);

/** The same bounds, for the OpenAPI document (which counts characters as these validators do). */
const textLength = (kind: keyof typeof CASE_TEXT_LIMITS) => ({
  minLength: CASE_TEXT_LIMITS[kind].min,
  maxLength: CASE_TEXT_LIMITS[kind].max,
});

export class OpenCaseDto {
  @ApiProperty({ description: 'Licence the case is logged under', format: 'uuid' })
  @IsString()
  @Matches(UUID, { message: 'licenceId must be a licence id (a UUID)' })
  @IdField()
  licenceId!: string;

  @ApiProperty({ ...textLength('title') })
  @IsString()
  @text('title')
  title!: string;

  @ApiProperty({ ...textLength('description') })
  @IsString()
  @text('description')
  description!: string;

  @ApiProperty({
    enum: CASE_SEVERITIES,
    description: '1 Production System Down (phone only), 2 Restricted Operations, 3 Question',
  })
  @IsIn(CASE_SEVERITIES, { message: 'severity must be 1, 2 or 3' })
  severity!: CaseSeverity;

  @ApiProperty({ enum: CASE_CHANNELS })
  @IsIn(CASE_CHANNELS, { message: 'channel must be web or phone' })
  channel!: CaseChannel;

  @ApiPropertyOptional({ ...textLength('category') })
  @OptionalField()
  @IsString()
  @text('category')
  category?: string;

  @ApiPropertyOptional({
    format: 'email',
    maxLength: 254,
    description: 'Engineers only: the licensed user who phoned',
  })
  @OptionalField()
  @TrimmedEmail()
  @IsEmail({}, { message: 'onBehalfOf must be an email address' })
  @MaxLength(254)
  onBehalfOf?: string;
}

export class ChangeSeverityDto {
  @ApiProperty({ enum: CASE_SEVERITIES })
  @IsIn(CASE_SEVERITIES, { message: 'severity must be 1, 2 or 3' })
  severity!: CaseSeverity;

  @RequiredReasonField('The customer reports all editors are blocked')
  reason!: string;
}

export class EscalateDto {
  @ApiProperty({ enum: ESCALATION_REASONS })
  @IsIn(ESCALATION_REASONS, { message: `reason must be one of ${ESCALATION_REASONS.join(', ')}` })
  reason!: EscalationReason;

  @ApiProperty({ ...textLength('details') })
  @IsString()
  @text('details')
  details!: string;
}

export class BodyDto {
  @ApiProperty({ ...textLength('body') })
  @IsString()
  @text('body')
  body!: string;
}

export class OptionalBodyDto {
  @ApiPropertyOptional({ ...textLength('body') })
  @OptionalField()
  @IsString()
  @text('body')
  body?: string;
}

/** An information request: the question for the customer, and why the clock may stop for it. */
export class InformationRequestDto extends OptionalBodyDto {
  @ReasonField('The fix depends on logs only the customer has')
  reason?: string;
}

export class ReasonDto {
  @RequiredReasonField('It failed again after the restart')
  reason!: string;
}

export class AddCommentDto {
  @ApiProperty({ ...textLength('body') })
  @IsString()
  @text('body')
  body!: string;

  @ApiPropertyOptional({
    default: false,
    description: 'Internal notes are staff-only and never shown to customers',
  })
  @OptionalField()
  @IsBoolean()
  internal?: boolean;
}

export class AssignEngineerDto {
  @ApiProperty({ format: 'email', maxLength: 254, description: "The engineer's email" })
  @TrimmedEmail()
  @IsEmail({}, { message: 'engineer must be an email address' })
  @MaxLength(254)
  engineer!: string;

  @ReasonField()
  reason?: string;
}

export class ResolveCaseDto {
  @ApiProperty({ ...textLength('summary') })
  @IsString()
  @text('summary')
  summary!: string;
}

export class RedirectCaseDto {
  @ApiProperty({ enum: REDIRECT_TARGETS })
  @IsIn(REDIRECT_TARGETS, { message: `to must be one of ${REDIRECT_TARGETS.join(', ')}` })
  to!: RedirectTarget;

  @ApiProperty({ ...textLength('referral') })
  @IsString()
  @text('referral')
  referral!: string;
}

export class ShareCaseDto {
  @ApiProperty({ format: 'email', maxLength: 254 })
  @TrimmedEmail()
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(254)
  email!: string;

  @ApiProperty({ ...textLength('name') })
  @IsString()
  @text('name')
  name!: string;

  @ReasonField('Their team takes over the integration')
  reason?: string;
}
