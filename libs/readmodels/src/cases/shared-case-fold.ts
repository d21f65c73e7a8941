import { evolveCase, type CaseEvent, type CaseState } from '@casetrail/domain';
import type { RecordedEvent } from '@casetrail/eventstore';

/** Folds remembered: a one-pass rebuild applies a whole read batch to one projection, then the next. */
const REMEMBERED_FOLDS = 20_000;

const folds = new Map<string, { before: CaseState; after: CaseState }>();

/**
 * `evolveCase` for the projections that each keep their own copy of a case's state (cases,
 * sla-timers, notifications): they apply the same event to the same state, so all but the first
 * get the first one's result, the very same frozen object, instead of folding again and holding
 * one more copy. Exact: evolveCase is a pure function of the state and the event, and a recorded
 * event's id names one event. A state read back from the store is another object and simply folds
 * anew.
 */
export function foldCaseEvent(before: CaseState, recorded: RecordedEvent): CaseState {
  const remembered = folds.get(recorded.id);
  // An opening does not depend on the state before it.
  if (remembered && (remembered.before === before || recorded.type === 'CaseOpened')) {
    return remembered.after;
  }
  const after = evolveCase(before, { type: recorded.type, data: recorded.data } as CaseEvent);
  folds.delete(recorded.id);
  folds.set(recorded.id, { before, after });
  if (folds.size > REMEMBERED_FOLDS) folds.delete(folds.keys().next().value!);
  return after;
}
