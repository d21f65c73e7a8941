import type { DomainEvent } from '@casetrail/domain';
import type { RecordedEvent } from '@casetrail/eventstore';

interface Folding<State, Event> {
  evolve: (state: State, event: Event) => State;
  initialState: State;
}

/** Folds recorded events (only their type and data, as the domain sees them) into state. */
export function foldRecorded<State, Event extends DomainEvent>(
  decider: Folding<State, Event>,
  events: readonly RecordedEvent[],
): State {
  return events.reduce(
    (current, event) => decider.evolve(current, { type: event.type, data: event.data } as Event),
    decider.initialState,
  );
}
