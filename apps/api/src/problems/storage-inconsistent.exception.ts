import { HttpException, HttpStatus } from '@nestjs/common';

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
    readonly evidence: LostEventsEvidence,
    readonly refused: RefusedOnLostEvents = 'change',
  ) {
    super(describe(evidence, refused), HttpStatus.SERVICE_UNAVAILABLE);
  }
}

function describe(
  { stream, appliedRevision, storedRevision }: LostEventsEvidence,
  refused: RefusedOnLostEvents,
): string {
  const separator = stream.indexOf('-');
  const [kind, id] = [stream.slice(0, separator), stream.slice(separator + 1)];
  const subject = `${kind} ${id}`;
  const stored =
    storedRevision < 0
      ? 'holds no events'
      : storedRevision === appliedRevision
        ? `holds another event at revision ${storedRevision}`
        : `ends at revision ${storedRevision}`;
  const evidence =
    `the read models applied its events up to revision ${appliedRevision}, but its stream in the ` +
    `event store ${stored}, so stored events are missing.`;
  if (refused === 'read') {
    return (
      `The ${subject} cannot be replayed from its stream: ${evidence} What is left would read as the ` +
      `whole story, so it is not shown. \`GET /v1/${kind}s/${id}/integrity\` reports the loss, and ` +
      '`casetrail replay` shows the events that are left. An operator must run `casetrail verify`, ' +
      'which names the missing events, and restore the event store'
    );
  }
  return (
    `The ${subject} cannot take changes: ${evidence} Nothing was written. An operator must run ` +
    '`casetrail verify`, which names the missing events, and restore the event store before this ' +
    'takes changes again'
  );
}
