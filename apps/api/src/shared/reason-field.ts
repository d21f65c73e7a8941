import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { MAX_REASON_LENGTH } from '@casetrail/domain';
import { IsString, Length } from 'class-validator';
import { OptionalField } from './optional.decorator';

/**
 * The optional `reason` of a change that needs none (DOMAIN.md: every change records who, when and
 * why). Checked as the required reasons are: a string of 1 to MAX_REASON_LENGTH characters here
 * (400), then by the decider, which trims it and refuses a blank one or control characters (422).
 * Kept in the event's data and shown as the entry's `reason` in the history.
 */
export const ReasonField = (example = 'Hand-over while the assignee is on leave') =>
  applyDecorators(
    ApiPropertyOptional({
      type: String,
      minLength: 1,
      maxLength: MAX_REASON_LENGTH,
      example,
      description: 'Why the change is made; kept with it and shown as `reason` in the history',
    }),
    OptionalField(),
    IsString(),
    Length(1, MAX_REASON_LENGTH),
  );

/** The body of a command that took none before it took a reason (closure, unsharing, removals). */
export class OptionalReasonDto {
  @ReasonField('No longer works on this project')
  reason?: string;
}

/**
 * What such a command's metadata is built from: its body only when it gives a reason. Without one
 * the request stays the bodyless command it was (see `commandMeta`): `null` or an array is still
 * refused as "takes no body", and an Idempotency-Key's request hash is still that of no body, so a
 * retry of a request sent before reasons were taken is still recognised.
 */
export function bodyWithReason(body: OptionalReasonDto | undefined): OptionalReasonDto | undefined {
  return body?.reason === undefined ? undefined : body;
}
