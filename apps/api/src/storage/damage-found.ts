import { UnreadableEventError } from '@casetrail/eventstore';
import {
  describeMissingEvents,
  StorageInconsistentException,
  type MissingEventsEvidence,
} from '../problems/storage-inconsistent.exception';
import type { DamagedStreams } from './damaged-streams';

/**
 * What a refusal on a damaged stream leaves behind, whoever met it (a user's request through
 * ProblemDetailsFilter, the SLA timers, the Mission Critical review, the lapse round): the stream is
 * remembered (lost end included, `lostFromRevision`), so /health names it and later commands on it,
 * theirs and the users', are refused instead of appended onto it.
 */
export function recordMissingEvents(
  damaged: Pick<DamagedStreams, 'recordLostEvents'> | undefined,
  evidence: MissingEventsEvidence,
): void {
  damaged?.recordLostEvents(evidence, describeMissingEvents(evidence));
}

/**
 * Remembers the stream `error` found damaged (events lost from it, or a stored event that cannot
 * be read); false when `error` is no such finding.
 */
export function recordDamageFound(
  damaged: Pick<DamagedStreams, 'recordLostEvents' | 'record'> | undefined,
  error: unknown,
): error is StorageInconsistentException | UnreadableEventError {
  if (error instanceof StorageInconsistentException) {
    recordMissingEvents(damaged, error.evidence);
    return true;
  }
  if (error instanceof UnreadableEventError) {
    damaged?.record(error.stream, error.message);
    return true;
  }
  return false;
}
