import type { CaseEvent } from '@casetrail/domain';
import {
  activityId,
  type SlaActivity,
  type SlaActivityKind,
} from '@casetrail/readmodels/reporting/sla-activity';
import { SLA_ACTIVITY } from '@casetrail/readmodels/reporting/reporting-collections';
import { isUnreadable, type LogEntry } from './evidence-log';
import type { ReadModelEvidence } from './read-model-evidence';

/** The event type each kind of SLA activity is filed for (see `activityOf`). */
const EVENT_OF_ACTIVITY = {
  opened: 'CaseOpened',
  'first-response': 'FirstResponseGiven',
  resolution: 'CaseResolved',
  breach: 'SlaTargetBreached',
  escalation: 'CaseEscalated',
  redirection: 'CaseRedirected',
} as const satisfies Record<SlaActivityKind, CaseEvent['type']>;

/**
 * Where a case stream that was rewritten (an event inserted, removed or replaced, and the chain
 * computed again) first differs from what the read models applied. The case's row names only the
 * last event it applied; the reporting projection files each reportable event (opened, first
 * response, resolution, breach, escalation, redirection) as `<caseId>:<revision>`, with what
 * happened and when, and never rewrites it. So the first such record the stream no longer bears out
 * is a revision the stream changed at or after, and the last one before it that still holds is a
 * revision the stream still held as it was.
 */
export interface FirstChange {
  /** The first revision known to hold another event than the one the read models applied. */
  revision: number;
  /** What the read models recorded there: an event of this type, at this time. */
  applied: { type: string; at: string };
  /** What the stream holds there now; null when it ends before. */
  now: { type: string; at: string } | null;
  /** The last revision below it the records show unchanged; null when none does. */
  unchangedUpTo: number | null;
}

/**
 * Checks the case's SLA activity records up to `appliedRevision` (what its row applied) against
 * its stream as it is now (in revision order); undefined when none of them differs. A revision
 * whose row cannot be read tells neither way, and is passed over (it is reported apart).
 */
export async function firstChangedRevision(
  readModels: Pick<ReadModelEvidence, 'get'>,
  caseId: string,
  entries: readonly LogEntry[],
  appliedRevision: number,
): Promise<FirstChange | undefined> {
  const byRevision = new Map(entries.map((entry) => [entry.revision, entry]));
  let unchangedUpTo: number | null = null;
  for (let revision = 0; revision <= appliedRevision; revision++) {
    const record = await readModels.get<SlaActivity>(SLA_ACTIVITY, activityId(caseId, revision));
    if (!record) continue;
    const applied = { type: EVENT_OF_ACTIVITY[record.kind], at: record.at };
    const event = byRevision.get(revision);
    if (event && isUnreadable(event)) continue;
    const now = event ? { type: event.type, at: (event.data as { at?: string }).at ?? '' } : null;
    if (now && now.type === applied.type && now.at === applied.at) {
      unchangedUpTo = revision;
      continue;
    }
    return { revision, applied, now, unchangedUpTo };
  }
  return undefined;
}

/** A clause for the line that names the change: where it begins, as narrowly as the records tell. */
export function describeFirstChange(change: FirstChange): string {
  const { revision, applied, now, unchangedUpTo } = change;
  const held = now ? `it now holds a ${now.type} of ${now.at}` : 'the stream now ends before it';
  const from =
    unchangedUpTo === null
      ? `at or before revision ${revision}`
      : unchangedUpTo === revision - 1
        ? `at revision ${revision}`
        : `between revisions ${unchangedUpTo + 1} and ${revision}`;
  return `the stream was changed ${from}: the SLA report filed a ${applied.type} of ${applied.at} as revision ${revision}, but ${held}`;
}
