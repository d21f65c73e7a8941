import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { MAX_REASON_LENGTH } from '@casetrail/domain';
import { characterCount } from '@casetrail/domain/shared/text-length';
import { IsString, ValidateBy, type ValidationArguments, type ValidationOptions } from 'class-validator';
import { OptionalField } from './optional.decorator';

/**
 * What the API checks of every `reason` (a severity change's, a reopening's, or the optional one of
 * an assignment, a share, an account or licence change), so that a bad reason is answered with one
 * problem whichever command carries it:
 * - not text, or longer than MAX_REASON_LENGTH characters: 400 here, `validation`, naming `reason`;
 * - blank (empty, white space or invisible characters alone) or holding a control character: 422 by
 *   the decider, naming `reason` (`text-length-out-of-range`, `unsafe-character`).
 * The length is counted as the deciders count it (trimmed, in characters, so an emoji counts once
 * and a variation selector too), so a reason is never too long for one and not for the other. There
 * is no minimum here: only the decider knows blank (it trims and sees invisible characters), and a
 * minimum of one character here made `""` a 400 where `" "` was a 422.
 */
const reasonChecks = (validation?: ValidationOptions) =>
  applyDecorators(
    IsString(validation),
    ValidateBy({
      name: 'maxReasonCharacters',
      validator: {
        validate: (value: unknown) =>
          typeof value === 'string' && characterCount(value.trim()) <= MAX_REASON_LENGTH,
        defaultMessage: () => `reason must be shorter than or equal to ${MAX_REASON_LENGTH} characters`,
      },
    }),
  );

const REASON_SCHEMA = { type: String, minLength: 1, maxLength: MAX_REASON_LENGTH } as const;

/**
 * The optional `reason` of a change that needs none (DOMAIN.md: every change records who, when and
 * why), checked as above. Kept in the event's data and shown as the entry's `reason` in the history.
 */
export const ReasonField = (example = 'Hand-over while the assignee is on leave') =>
  applyDecorators(
    ApiPropertyOptional({
      ...REASON_SCHEMA,
      example,
      description: 'Why the change is made; kept with it and shown as `reason` in the history',
    }),
    OptionalField(),
    reasonChecks(),
  );

/** The `reason` a change cannot go without (a severity change, a reopening, a de-escalation). */
export const RequiredReasonField = (example: string) =>
  applyDecorators(
    ApiProperty({
      ...REASON_SCHEMA,
      example,
      description: 'Why the change is made; kept with it and shown as `reason` in the history',
    }),
    reasonChecks({ message: missingOrNotText }),
  );

/**
 * A required reason left out is said to be required (finding F10: a de-escalation without one was
 * told "reason must be a string", as if it had been given as something else). A `null` one was
 * given, as something other than text, and gets the answer every command gives it, the optional
 * reasons' included (test/reason-problems-every-command.e2e-spec.ts).
 */
function missingOrNotText({ value }: ValidationArguments): string {
  return value === undefined ? 'reason is required: say why the change is made' : 'reason must be a string';
}

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
