import { describeBrokenLink, type ChainWalker } from './chain-walker';
import { describeUnreadable } from './evidence-log';
import { describeFirstChange } from './first-changed-revision';
import { describeRunOwners } from './lost-stream-ends';
import { describeMissingPositions, type DeletedPositions } from './missing-positions';
import { describeMovedEvent, type MovedEvent } from './moved-events';
import { describeChangedEvent, describeRemovedTail, type ReadModelCrossCheck } from './removed-tails';

/** Ranges of missing positions, and moved events, printed at most (`--json` has them all). */
const MISSING_RANGES_LISTED = 20;

/** What `verify` found, walking the log and comparing it with the read models. */
export interface Verdict {
  walker: ChainWalker;
  /**
   * Positions missing from a log that numbers its events without gaps (SQLite), where events were
   * deleted (not those a moved event explains); empty elsewhere.
   */
  missing: readonly DeletedPositions[];
  /** How many events were deleted there. */
  missingCount: number;
  /** Events the log holds out of their stream's order: their positions were changed. */
  moved: readonly MovedEvent[];
  /** Undefined when there are no read models to compare with. */
  crossCheck?: ReadModelCrossCheck;
  readModelsLocation: string;
}

export function isIntact({ walker, missing, moved, crossCheck }: Verdict): boolean {
  return (
    walker.broken.length === 0 &&
    walker.unreadable.length === 0 &&
    moved.length === 0 &&
    missing.length === 0 &&
    (crossCheck?.removed.length ?? 0) === 0 &&
    (crossCheck?.changed.length ?? 0) === 0
  );
}

/** `verify --json`: everything found, unabridged. */
export function verdictJson(verdict: Verdict): string {
  const { walker, missing, moved, crossCheck } = verdict;
  const { events, streams, broken } = walker;
  const json = {
    intact: isIntact(verdict),
    events,
    streams,
    broken,
    unreadable: walker.unreadable,
    moved,
    missingPositions: missing,
    removed: crossCheck?.removed ?? [],
    changed: crossCheck?.changed ?? [],
    readModelsCompared: compared(verdict),
    timeReversals: walker.timeReversals,
  };
  return `${JSON.stringify(json, null, 2)}\n`;
}

/**
 * `verify`'s lines: one per finding, each starting with what it is (BROKEN, MOVED, REMOVED,
 * CHANGED, NOTE), and an indented line under it for what narrows it down; then the summary.
 */
export function verdictText(verdict: Verdict): string {
  const { walker, missing, moved, crossCheck } = verdict;
  const lines = [
    ...walker.broken.map((link) => `BROKEN ${describeBrokenLink(link)}`),
    ...walker.unreadable
      .slice(0, MISSING_RANGES_LISTED)
      .map((entry) => `BROKEN ${describeUnreadable(entry)}`),
    ...(walker.unreadable.length > MISSING_RANGES_LISTED
      ? [
          `BROKEN ... and ${walker.unreadable.length - MISSING_RANGES_LISTED} more stored events that cannot be read (--json lists them all)`,
        ]
      : []),
    ...moved.slice(0, MISSING_RANGES_LISTED).map((event) => `MOVED ${describeMovedEvent(event)}`),
    ...(moved.length > MISSING_RANGES_LISTED
      ? [
          `MOVED ... and ${moved.length - MISSING_RANGES_LISTED} more events out of order (--json lists them all)`,
        ]
      : []),
    ...missing.slice(0, MISSING_RANGES_LISTED).flatMap((range) => {
      const owners = describeRunOwners(range);
      return [`REMOVED ${describeMissingPositions(range)}`, ...(owners ? [`  ${owners}`] : [])];
    }),
    ...(missing.length > MISSING_RANGES_LISTED
      ? [
          `REMOVED ... and ${missing.length - MISSING_RANGES_LISTED} more ranges of missing positions (--json lists them all)`,
        ]
      : []),
    ...(crossCheck?.removed ?? []).map((tail) => `REMOVED ${describeRemovedTail(tail)}`),
    ...(crossCheck?.changed ?? []).flatMap((change) => [
      `CHANGED ${describeChangedEvent(change)}`,
      ...(change.firstChange ? [`  ${describeFirstChange(change.firstChange)}`] : []),
    ]),
    ...walker.timeReversals
      .slice(0, MISSING_RANGES_LISTED)
      .map(
        (reversal) =>
          `NOTE the recorded time runs backwards at position ${reversal.position} (${reversal.recordedAt}, after ${reversal.previousRecordedAt} at position ${reversal.previousPosition}): the two events may have swapped positions, which no hash covers, or the server's clock stepped back`,
      ),
    ...(walker.timeReversals.length > MISSING_RANGES_LISTED
      ? [
          `NOTE ... and ${walker.timeReversals.length - MISSING_RANGES_LISTED} more places where the recorded time runs backwards (--json lists them all)`,
        ]
      : []),
    ...(compared(verdict)
      ? []
      : [
          crossCheck
            ? `NOTE the read models at ${verdict.readModelsLocation} have applied nothing yet: the log was not compared with what they applied (events removed from the end of a stream or of the log, or replaced, go unseen)`
            : `NOTE there are no read models at ${verdict.readModelsLocation}: the log was not compared with what they applied (events removed from the end of a stream or of the log, or replaced, go unseen)`,
        ]),
    summary(verdict),
  ];
  return `${lines.join('\n')}\n`;
}

function summary(verdict: Verdict): string {
  const { walker, missingCount, moved, crossCheck } = verdict;
  const { broken, unreadable, events, streams } = walker;
  const removed = crossCheck?.removed.length ?? 0;
  const changed = crossCheck?.changed.length ?? 0;
  if (isIntact(verdict))
    return compared(verdict)
      ? `Verified ${events} events in ${streams} streams: every hash chain is intact, and nothing the read models saw is missing.`
      : `Verified ${events} events in ${streams} streams: every hash chain is intact (not compared with read models).`;
  const parts = [
    ...(broken.length > 0
      ? [`${broken.length} of ${streams} streams ${broken.length === 1 ? 'has' : 'have'} a broken hash chain`]
      : []),
    ...(unreadable.length > 0 ? [`${unreadable.length} stored event(s) cannot be read`] : []),
    ...(moved.length > 0
      ? [`${moved.length} event(s) out of their stream's order in the log (positions changed)`]
      : []),
    ...(missingCount > 0 ? [`${missingCount} event(s) deleted from the log, where it skips positions`] : []),
    ...(removed > 0 ? [`${removed} sign(s) of events removed from the end of a stream or of the log`] : []),
    ...(changed > 0 ? [`${changed} event(s) the read models applied no longer at their revision`] : []),
  ];
  return `${parts.join('; ')} (${events} events read).`;
}

/** Whether the log was compared with read models that had applied some of it. */
function compared({ crossCheck }: Verdict): boolean {
  return crossCheck !== undefined && crossCheck.seenUpTo > 0;
}
