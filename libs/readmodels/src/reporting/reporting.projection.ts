import { CASE_EVENT_TYPES, type CaseEvent, type CaseEventType } from '@casetrail/domain';
import type { RecordedEvent } from '@casetrail/eventstore';
import type { Projection } from '../projections/projection';
import { streamDocument } from '../projections/stream-document';
import type { ProjectionTransaction } from '../read-model-store.port';
import {
  caseShownChanged,
  escalationId,
  raisedEscalation,
  updatedEscalation,
  withCaseNow,
  type EscalationEntry,
} from './escalation-board';
import { ESCALATIONS, REPORTING_COLLECTIONS, SLA_ACTIVITY, SLA_CASES } from './reporting-collections';
import { activityOf } from './sla-activity';
import { nextCaseFacts, type SlaCaseFacts } from './sla-case-facts';

/**
 * Case events that change no SLA fact, no reportable activity and no escalation: skipped without a
 * read (comments alone are about a third of the log).
 */
const IRRELEVANT: ReadonlySet<CaseEventType> = new Set([
  'CommentAdded',
  'CaseShared',
  'CaseUnshared',
  'SlaTargetAtRisk',
  'AutoClosePostponed',
]);

/**
 * The reporting read side: SLA facts per case (dashboard), reportable activity per day (daily SLA
 * report) and the escalations board. One projection for the three collections, so a rebuild reads
 * the log once for all of them. It keeps its own small per-case facts rather than the full case
 * state, which keeps each event to one small read and one or two small writes.
 */
export const reportingProjection: Projection = {
  name: 'reporting',
  // 2: a paused target is no longer at risk (its stored `atRiskFrom`), as the at-risk queue has it.
  // 3: each target's at-risk window is kept (`AtRiskWindows`), so a case whose other target is
  //    already overdue counts as at risk too.
  // 4: every escalation of a case, ended ones too, shows the case's current severity, status and
  //    Mission Critical cover (ended ones kept those of their end, and the board's filters used them).
  // 5: times to first response and to resolution are measured from the start of the clock their
  //    target was judged on (restarted by a severity upgrade or a reopening), on that target's own
  //    clock: each target keeps `startedAt` and `clock`, each measured activity its spans from there.
  // 6: the escalations board lists Mission Critical escalations first: `missionCritical` is a new
  //    column of `escalations`, made by the rebuild before any API sorts the board on it.
  // 7: an ended escalation names who ended it (`endedBy`) and owes no status update any more
  //    (`nextStatusUpdateDueAt` null); entries ended before have neither until the rebuild.
  // 8: every escalation shows its case's assignee now (kept in `sla_cases`, so assignments are no
  //    longer skipped), how its acknowledgement was taken on (`acknowledgementReason`) and who posted
  //    its last status update (`lastStatusUpdateBy`), from which the board says who owes the next;
  //    `overdueRecorded` counts a level's own alerts only, those of the levels it replaced that it
  //    goes on owing being `overdueCarried` (before, both the raised and the superseded entry counted them).
  version: 8,
  collections: REPORTING_COLLECTIONS,
  handles: CASE_EVENT_TYPES.filter((type) => !IRRELEVANT.has(type)),
  async apply(recorded: RecordedEvent, tx: ProjectionTransaction) {
    const event = { type: recorded.type, data: recorded.data } as CaseEvent;
    const caseId = event.data.caseId;
    const before = await streamDocument<SlaCaseFacts>(tx, SLA_CASES, caseId, recorded);
    const after = nextCaseFacts(before, event);
    if (!after) return;
    if (after !== before) tx.put(SLA_CASES, caseId, after);

    const activity = activityOf(event, recorded.revision, before, after);
    if (activity) tx.put(SLA_ACTIVITY, activity.id, activity);

    // Most cases are never escalated (their level, set by CaseEscalated, stays 0): no entry to follow.
    if (after.escalationLevel > 0) await applyToEscalations(event, before, after, tx);
  },
};

/**
 * The open escalation (always the latest level) follows the event; the ended ones of the case are
 * rewritten only when its severity, status or cover changed, so most events read no more than
 * before. A case's escalations are levels 1 to `escalationLevel` (each one raises the level, see
 * the domain's escalation decisions), so its entries are found by id rather than by a query.
 */
async function applyToEscalations(
  event: CaseEvent,
  before: SlaCaseFacts | undefined,
  after: SlaCaseFacts,
  tx: ProjectionTransaction,
): Promise<void> {
  const latest = before?.escalationLevel ?? 0;
  const openLevel = before?.openEscalation ? latest : 0;
  const caseChanged = before !== undefined && caseShownChanged(before, after);
  let superseded: EscalationEntry | undefined;
  for (let level = 1; level <= latest; level++) {
    const open = level === openLevel;
    if (!open && !caseChanged) continue;
    const id = escalationId(after.id, level);
    const entry = await tx.get<EscalationEntry>(ESCALATIONS, id);
    if (!entry) continue;
    if (open) superseded = entry;
    const updated = open ? updatedEscalation(entry, event, after) : withCaseNow(entry, after);
    if (updated && updated !== entry) tx.put(ESCALATIONS, id, updated);
  }
  if (event.type === 'CaseEscalated') {
    const raised = raisedEscalation(event, after, superseded);
    tx.put(ESCALATIONS, raised.id, raised);
  }
}
