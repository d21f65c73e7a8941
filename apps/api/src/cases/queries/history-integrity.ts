import type { BrokenLink, RecordedEvent } from '@casetrail/eventstore';
import { isVendorStaff, type Actor } from '../../auth/actor';
import { chainVerdict, type LostEvents } from '../case-integrity-report';
import { plainChainReason, plainLostEventsReason } from './plain-integrity-wording';
import type { HistoryEntry } from './case-history';

/**
 * Whether the hash chain behind a history (or a past state folded from it) holds, judged on the
 * server as `GET /v1/cases/{id}/integrity` judges its links. A read of an edited stream is answered,
 * not refused: every event is there and readable, and the edit is the evidence an auditor has to
 * look at (`replay` and `export` show it too, under their verdict). What it must not do is read as
 * fact: this says from which revision on the story is unproven. Lost or unreadable events are
 * another matter: what is left would read as the whole story, so those reads answer 503.
 */
export interface ChainMark {
  /** Every link holds: each event is as it was written (as far as a hash chain without a key shows). */
  valid: boolean;
  /** The first link that does not hold, as `GET /integrity` names it. */
  brokenAt?: Omit<BrokenLink, 'stream'>;
  /** The first unproven revision: the broken link's, and every later one with it. */
  unprovenFrom?: number;
  /**
   * The above in a sentence, for a person reading the answer: with what the operator does for the
   * desk's staff, in plain words for anyone else (see verdictFor).
   */
  reason?: string;
}

/** A history entry, with whether its link and every one before it hold. */
export type MarkedHistoryEntry = HistoryEntry & {
  /**
   * True when this event's hash link and every one before it hold; false from the first broken
   * link on (the event may be whole or edited: nothing proves either).
   */
  verified: boolean;
};

/** The mark of a stream's events (in revision order, every one readable). */
export function chainMarkOf(events: readonly RecordedEvent[]): ChainMark {
  const { brokenAt } = chainVerdict(events);
  if (!brokenAt) return { valid: true };
  return {
    valid: false,
    brokenAt,
    unprovenFrom: brokenAt.revision,
    reason:
      `The hash chain is broken at revision ${brokenAt.revision} (${brokenAt.problem}): that event and every ` +
      'later one are unproven, and may have been changed after they were written. An operator runs ' +
      '`casetrail verify` and restores the stream from a backup.',
  };
}

/**
 * Whether `actor` reads desk-wide log positions (history entries, a position-out-of-order finding):
 * the desk's own staff. Not a customer, nor a customer's compliance auditor (`auditedAccounts`):
 * the gaps between their account's positions count every other customer's events alike.
 */
export function readsLogPositions(actor: Actor): boolean {
  return isVendorStaff(actor);
}

/** What a verdict may hold that its reader sees according to who they are (see verdictFor). */
interface ReadersVerdict {
  brokenAt?: Omit<BrokenLink, 'stream'>;
  /** ChainMark's sentence. */
  reason?: string;
  /** A case's integrity report's. */
  lostEvents?: LostEvents;
}

/**
 * A chain's verdict as `actor` reads it: the desk's staff with the evidence; a customer and a
 * customer's compliance auditor without desk-wide log positions (see readsLogPositions), and with
 * its sentences in plain words (no operator's remedy, no read models: plain-integrity-wording), the
 * same on a history, an as-of read and the integrity check.
 */
export function verdictFor<Verdict extends ReadersVerdict>(actor: Actor, verdict: Verdict): Verdict {
  return isVendorStaff(actor) ? verdict : inPlainWords(withoutLogPositions(verdict));
}

function inPlainWords<Verdict extends ReadersVerdict>(verdict: Verdict): Verdict {
  const { brokenAt, reason, lostEvents } = verdict;
  return {
    ...verdict,
    ...(reason !== undefined && brokenAt ? { reason: plainChainReason(brokenAt) } : {}),
    ...(lostEvents ? { lostEvents: { ...lostEvents, reason: plainLostEventsReason(lostEvents) } } : {}),
  };
}

/**
 * A chain's verdict as a customer reads it: a `position-out-of-order` link quotes two events'
 * desk-wide log positions (`expected`, `actual`), which customers do not read (see
 * HistoryEntry.position); they keep the revision, the event and the rule it broke.
 */
export function withoutLogPositions<Verdict extends { brokenAt?: Omit<BrokenLink, 'stream'> }>(
  verdict: Verdict,
): Verdict {
  if (verdict.brokenAt?.problem !== 'position-out-of-order') return verdict;
  const { expected: _expected, actual: _actual, ...brokenAt } = verdict.brokenAt;
  return { ...verdict, brokenAt };
}

/** The entries, each marked verified or not by the chain's mark. */
export function markedEntries(entries: readonly HistoryEntry[], mark: ChainMark): MarkedHistoryEntry[] {
  return entries.map((entry) => ({ ...entry, verified: isProven(entry.revision, mark) }));
}

/** Whether the event at `revision` lies before the first broken link (or the chain holds). */
export function isProven(revision: number, mark: ChainMark): boolean {
  return mark.unprovenFrom === undefined || revision < mark.unprovenFrom;
}
