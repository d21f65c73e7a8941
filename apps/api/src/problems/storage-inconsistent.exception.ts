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
 * The read models applied events the event store no longer holds (deleted, or the store restored
 * from an older copy). A command decided now would be decided on a history that lacks them, and
 * would reuse their revisions, so the lost events could no longer be named: refused with 503 and
 * nothing written, until an operator has looked (`casetrail verify`) and restored the store.
 */
export class StorageInconsistentException extends HttpException {
  constructor(readonly evidence: LostEventsEvidence) {
    super(describe(evidence), HttpStatus.SERVICE_UNAVAILABLE);
  }
}

function describe({ stream, appliedRevision, storedRevision }: LostEventsEvidence): string {
  const separator = stream.indexOf('-');
  const subject = `${stream.slice(0, separator)} ${stream.slice(separator + 1)}`;
  const stored =
    storedRevision < 0
      ? 'holds no events'
      : storedRevision === appliedRevision
        ? `holds another event at revision ${storedRevision}`
        : `ends at revision ${storedRevision}`;
  return (
    `The ${subject} cannot take changes: the read models applied its events up to revision ` +
    `${appliedRevision}, but its stream in the event store ${stored}, so stored events are missing. ` +
    'Nothing was written. An operator must run `casetrail verify`, which names the missing events, ' +
    'and restore the event store before this takes changes again'
  );
}
