import type { OpenedCase } from '@casetrail/domain';
import type { RecordedEvent } from '@casetrail/eventstore';
import type { CollectionDefinition, ProjectionTransaction } from '../read-model-store.port';
import { slaTimerDocuments } from './sla-timer-schedule';

/** Pending timers, one row each (`SlaTimerDocument`): the SLA process manager's durable schedule. */
export const SLA_TIMERS = 'sla_timers';

export const SLA_TIMERS_COLLECTION: CollectionDefinition = {
  name: SLA_TIMERS,
  indexedFields: ['caseId', 'kind', 'fireAt'],
  compoundIndexes: [['caseId', 'fireAt']],
};

/**
 * Replace a case's timer rows with the ones its state needs after `recorded`, and return their ids
 * (kept with the case, so its next event can remove the rows it no longer needs). Deriving them
 * again after every event means a met target, a resumed clock, an acknowledged escalation or a
 * reopened case leaves no stale timer behind, and a timer whose command was recorded disappears
 * with the event it produced.
 */
export function replaceCaseTimers(
  tx: ProjectionTransaction,
  state: OpenedCase,
  recorded: RecordedEvent,
  previousIds: readonly string[],
): string[] {
  const timers = slaTimerDocuments(state, recorded.revision, recorded.id);
  const ids = timers.map((timer) => timer.id);
  for (const id of previousIds) if (!ids.includes(id)) tx.delete(SLA_TIMERS, id);
  // Rows that stay are written again: their `caseRevision` must say they still hold at this revision.
  for (const timer of timers) tx.put(SLA_TIMERS, timer.id, timer);
  return ids;
}
