import {
  CASE_EVENT_TYPES,
  evolveCase,
  initialCaseState,
  type CaseEvent,
  type OpenedCase,
} from '@casetrail/domain';
import type { RecordedEvent } from '@casetrail/eventstore';
import type { Projection } from '../projections/projection';
import { storedCaseState } from '../projections/stored-case-state';
import { streamDocument } from '../projections/stream-document';
import type { ProjectionTransaction } from '../read-model-store.port';
import { slaTimerDocuments } from './sla-timer-schedule';

/** Pending timers, one row each (`SlaTimerDocument`). */
export const SLA_TIMERS = 'sla_timers';
/**
 * This projection's own copy of each case's state: projections have independent checkpoints, so it
 * never reads the cases projection's rows, which may be ahead of or behind it.
 */
export const SLA_TIMER_CASES = 'sla_timer_cases';

interface SlaTimerCaseDocument {
  id: string;
  revision: number;
  state: OpenedCase;
  /** The rows this case has in `sla_timers`, so the next change can remove the ones it no longer needs. */
  timerIds: string[];
}

/**
 * The durable schedule of the SLA process manager. After every case event the case's timers are
 * derived again from its state and replace the previous ones, so a met target, a resumed clock,
 * an acknowledged escalation or a reopened case leaves no stale timer behind; a timer whose
 * command was recorded disappears with the event it produced.
 */
export const slaTimersProjection: Projection = {
  name: 'sla-timers',
  // 2: a case's state is kept without its comments (stored-case-state.ts).
  version: 2,
  collections: [
    {
      name: SLA_TIMERS,
      indexedFields: ['caseId', 'kind', 'fireAt'],
      compoundIndexes: [['caseId', 'fireAt']],
    },
    { name: SLA_TIMER_CASES, indexedFields: [] },
  ],
  handles: [...CASE_EVENT_TYPES],
  async apply(recorded: RecordedEvent, tx: ProjectionTransaction) {
    const event = { type: recorded.type, data: recorded.data } as CaseEvent;
    const caseId = event.data.caseId;
    const existing = await streamDocument<SlaTimerCaseDocument>(tx, SLA_TIMER_CASES, caseId, recorded);
    const state = evolveCase(existing?.state ?? initialCaseState, event);
    if (state.status === 'none') return;

    const timers = slaTimerDocuments(state, recorded.revision, recorded.id);
    const current = new Set(timers.map((timer) => timer.id));
    for (const id of existing?.timerIds ?? []) if (!current.has(id)) tx.delete(SLA_TIMERS, id);
    // Rows that stay are written again: their `caseRevision` must say they still hold at this revision.
    for (const timer of timers) tx.put(SLA_TIMERS, timer.id, timer);
    const caseDoc: SlaTimerCaseDocument = {
      id: caseId,
      revision: recorded.revision,
      state: storedCaseState(state),
      timerIds: [...current],
    };
    tx.put(SLA_TIMER_CASES, caseId, caseDoc);
  },
};
