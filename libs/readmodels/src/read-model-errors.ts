import { DomainError } from '@casetrail/domain';
import type { GlobalPosition } from '@casetrail/eventstore';

/**
 * A page cursor that does not decode, or that was issued for another sort order or other filters.
 * It is the caller's input, so it is a validation error the API turns into a 400 on `cursor`.
 */
export class InvalidCursorError extends DomainError {
  constructor(reason: string) {
    super(
      'invalid-cursor',
      'validation',
      `The page cursor is not valid for this query: ${reason}; start again from the first page (without cursor)`,
      'cursor',
    );
  }
}

/**
 * The projection's checkpoint moved while a batch was being applied: another runner applied
 * events too (its lease outlived ours). The batch was discarded; the runner should stand by.
 */
export class CheckpointConflictError extends Error {
  constructor(
    readonly projection: string,
    readonly expected: GlobalPosition,
    readonly actual: GlobalPosition,
  ) {
    super(`Checkpoint of projection ${projection} moved from ${expected} to ${actual} during a batch`);
    this.name = 'CheckpointConflictError';
  }
}

/** A collection, field or document that breaks the read-model store's rules (see the port). */
export class ReadModelUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReadModelUsageError';
  }
}
