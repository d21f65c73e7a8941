import type { BrokenLink } from '@casetrail/eventstore';
import { LOGGED_FOR_OPERATOR } from '../../problems/store-damage-audience';
import type { LostEvents } from '../case-integrity-report';

/**
 * The integrity findings' sentences as a customer, or a customer's compliance auditor, reads them
 * (on a history, an as-of read and GET /integrity alike): what is wrong with the record, in its
 * revisions, and that the operator has it, as their 503s say. Not what the operator runs, nor what
 * the desk's read models applied: they can do nothing with either (the desk's staff can: they get
 * the evidence, see chainMarkOf and caseIntegrityReport).
 */
export function plainChainReason(brokenAt: Pick<BrokenLink, 'revision'>): string {
  return (
    `The record's hash chain is broken at revision ${brokenAt.revision}: that entry and every ` +
    `later one cannot be proven to be as they were written. ${LOGGED_FOR_OPERATOR}.`
  );
}

/** See plainChainReason: the events a case's record lost, without the read models' part in finding it. */
export function plainLostEventsReason(lost: Omit<LostEvents, 'reason'>): string {
  const held = `This case's record held revision ${lost.appliedRevision}`;
  const found =
    lost.eventIdNow !== undefined
      ? `The entry at revision ${lost.appliedRevision} of this case's record is no longer the one it held: an entry was replaced or inserted before it`
      : lost.streamEndsAt === null
        ? `${held}, but it now holds no entries: they were removed`
        : `${held}, but it now ends at revision ${lost.streamEndsAt}: entries were removed from its end`;
  // Without a full stop at its end, as the staff's sentence (the console adds one).
  return `${found}. ${LOGGED_FOR_OPERATOR}`;
}
