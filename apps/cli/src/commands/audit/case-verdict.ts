import type { BrokenLink } from '@casetrail/eventstore';
import {
  caseIntegrityReport,
  chainVerdict,
  type LostEvents,
} from '../../../../api/src/cases/case-integrity-report';
import type { Evidence } from '../shared/evidence-session';
import { describeBrokenLink } from './chain-walker';
import type { CaseRecord } from './case-stream';
import { describeUnreadable, isUnreadable, readableOnly, type UnreadableEvent } from './evidence-log';

/**
 * What `replay` and `export` find of one case: the integrity endpoint's report on it (its hash
 * chain, and its stream's end against what its read-model row applied), so the three agree. A
 * stream that lost its last events is a shorter chain, whole: only the row shows the loss.
 */
export interface CaseVerdict {
  brokenLink?: BrokenLink;
  lostEvents?: LostEvents;
  /** Rows of the stream that cannot be read: the chain is judged up to the first of them. */
  unreadable?: UnreadableEvent[];
  /** Why the stream's end could not be held against the read models; absent when it was. */
  endUnchecked?: string;
}

/**
 * Without read models, or without the case's row in them, nothing shows events removed from the
 * stream's end: the verdict says so rather than calling the chain intact.
 */
export function caseVerdict(
  record: CaseRecord,
  { readModels, readModelsLocation }: Pick<Evidence, 'readModels' | 'readModelsLocation'>,
  checkedAt: string,
): CaseVerdict {
  const { caseId, stream, entries, row } = record;
  const events = readableOnly(entries);
  const unreadable = entries.filter(isUnreadable);
  // What follows a row that cannot be read is unproven: the chain is judged up to it, where it
  // would otherwise call the row a missing revision.
  const firstUnreadable = unreadable[0]?.revision ?? Infinity;
  const { brokenAt } = chainVerdict(events.filter((event) => event.revision < firstUnreadable));
  // The end against the row, unless the row's own event cannot be read: nothing to compare then.
  const lostEvents =
    row && !unreadable.some((entry) => entry.revision === row.revision)
      ? caseIntegrityReport(caseId, events, row, checkedAt).lostEvents
      : undefined;
  return {
    ...(brokenAt ? { brokenLink: { stream, ...brokenAt } } : {}),
    ...(lostEvents ? { lostEvents } : {}),
    ...(unreadable.length > 0 ? { unreadable } : {}),
    ...(row
      ? {}
      : {
          endUnchecked: readModels
            ? `the read models at ${readModelsLocation} hold no row for the case (not projected yet)`
            : `there are no read models at ${readModelsLocation} to compare it with`,
        }),
  };
}

/** True: nothing wrong; false: tampering or lost events found; null: links whole, end unchecked. */
export function isIntact(verdict: CaseVerdict): boolean | null {
  if (verdict.brokenLink || verdict.lostEvents || verdict.unreadable) return false;
  return verdict.endUnchecked ? null : true;
}

/** The verdict in one line: what broke, or the head hash an auditor can keep. */
export function describeCaseVerdict(verdict: CaseVerdict, headHash: string | undefined): string {
  const problems = [
    ...(verdict.brokenLink ? [`hash chain BROKEN: ${describeBrokenLink(verdict.brokenLink)}`] : []),
    ...(verdict.unreadable ?? []).map((entry) => `hash chain BROKEN: ${describeUnreadable(entry)}`),
    ...(verdict.lostEvents ? [`events LOST: ${verdict.lostEvents.reason}`] : []),
  ];
  if (problems.length > 0) return problems.join('; ');
  if (verdict.endUnchecked)
    return `hash chain intact up to head ${headHash ?? 'none'}, but its end was NOT CHECKED (${verdict.endUnchecked}): events removed from the end of the stream would go unseen`;
  return `hash chain intact, head ${headHash}`;
}
