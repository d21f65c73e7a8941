import { HttpException, HttpStatus } from '@nestjs/common';
import type { RevisionGap } from '@casetrail/eventstore';

/** What shows that a stream lost events its read models had applied. */
export interface LostEventsEvidence {
  /** `<kind>-<id>`, e.g. `case-…`. */
  stream: string;
  /** The revision of the last event the read models applied. */
  appliedRevision: number;
  /** The revision the stream ends at now; -1 when it holds no event at all. */
  storedRevision: number;
}

/**
 * What shows that a stream lost events inside it: read whole, its revisions skip `missingRevision`
 * (0: its opening event), and the event read in its place is at `foundRevision`. Its end may still
 * be the one the read models applied, so only a read of the whole stream (a command's decision,
 * `?asOf=`) shows it; see firstRevisionGap.
 */
export type RevisionGapEvidence = { stream: string } & RevisionGap;

/**
 * What shows that a stream holds events changed after they were written: its hash chain broke at
 * `brokenAt` (an edited event, a re-ordered log), found when a command loaded it, or earlier by a
 * history, an integrity check or another refusal this process remembers (DamagedStreams).
 */
export interface DamagedChainEvidence {
  stream: string;
  /** What was found, in a sentence an operator can act on (also /health's word on the stream). */
  damage: string;
}

/**
 * Either evidence of lost events (the stream's end short of what was applied, or a hole in it), or
 * of events changed since they were written.
 */
export type MissingEventsEvidence = LostEventsEvidence | RevisionGapEvidence | DamagedChainEvidence;

/**
 * What was refused because of the loss: a `change` (a command: it would be decided on a history
 * that lacks the lost events and reuse their revisions, so they could no longer be named), or a
 * `read` replayed from the stream (the history, `?asOf=`: what is left would pass for the whole
 * story). Nothing is written either way; the detail says which, for staff and for the log.
 */
export type RefusedOnLostEvents = 'change' | 'read';

/**
 * The read models applied events the event store no longer holds (deleted, or the store restored
 * from an older copy): refused with 503 until an operator has looked (`casetrail verify`) and
 * restored the store. The message (staff's detail) names the stream and both revisions; customers
 * get a plain answer instead (see customerStoreDamageDetail).
 */
export class StorageInconsistentException extends HttpException {
  constructor(
    readonly evidence: MissingEventsEvidence,
    readonly refused: RefusedOnLostEvents = 'change',
    /**
     * For a stream already known damaged: what is still needed before it takes changes again, when
     * that is no longer a restore (stepStillNeeded: the row reads again, a rebuild is what is left).
     */
    stillNeeded?: string,
  ) {
    super(describe(evidence, refused, stillNeeded), HttpStatus.SERVICE_UNAVAILABLE);
  }
}

function describe(
  evidence: MissingEventsEvidence,
  refused: RefusedOnLostEvents,
  stillNeeded?: string,
): string {
  const { stream } = evidence;
  const separator = stream.indexOf('-');
  const [kind, id] = [stream.slice(0, separator), stream.slice(separator + 1)];
  const subject = `${kind} ${id}`;
  const gap = 'missingRevision' in evidence;
  const found = describeMissingEvents(evidence);
  if ('damage' in evidence) {
    // Decided on changed events, a command would act on data nobody wrote (and mail it).
    return (
      `The ${subject} cannot take changes: its stream in the event store was found damaged: ${found}. ` +
      'Nothing was written. ' +
      (stillNeeded
        ? `It takes changes again once ${stillNeeded}`
        : 'An operator must run `casetrail verify` and restore the event store before this takes changes again')
    );
  }
  if (refused === 'read') {
    // A hole leaves a state folded without the lost event; a lost end, a story that stops early.
    const left = gap
      ? `A state folded from what is left is not one the ${kind} had`
      : 'What is left would read as the whole story';
    return (
      `The ${subject} cannot be replayed from its stream: ${found} ${left}, so it is not shown. ` +
      `\`GET /v1/${kind}s/${id}/integrity\` reports the loss, and \`casetrail replay\` shows the events ` +
      'that are left. An operator must run `casetrail verify`, which names the missing events, and ' +
      'restore the event store'
    );
  }
  return (
    `The ${subject} cannot take changes: ${found} Nothing was written. An operator must run ` +
    '`casetrail verify`, which names the missing events, and restore the event store before this ' +
    'takes changes again'
  );
}

/** The evidence in a sentence: what the stream lacks (also /health's word on a damaged stream). */
export function describeMissingEvents(evidence: MissingEventsEvidence): string {
  if ('damage' in evidence) return evidence.damage;
  return 'missingRevision' in evidence ? whatIsMissing(evidence) : whatWasApplied(evidence);
}

function whatWasApplied({ appliedRevision, storedRevision }: LostEventsEvidence): string {
  const stored =
    storedRevision < 0
      ? 'holds no events'
      : storedRevision === appliedRevision
        ? `holds another event at revision ${storedRevision}`
        : `ends at revision ${storedRevision}`;
  return (
    `the read models applied its events up to revision ${appliedRevision}, but its stream in the ` +
    `event store ${stored}, so stored events are missing.`
  );
}

function whatIsMissing({ missingRevision, foundRevision }: RevisionGapEvidence): string {
  const lacks =
    missingRevision === 0
      ? `lacks its opening event at revision 0 (its first stored event is at revision ${foundRevision})`
      : `lacks revision ${missingRevision} (the next stored event is at revision ${foundRevision})`;
  return `its stream in the event store ${lacks}, so stored events are missing.`;
}
