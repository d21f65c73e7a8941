import type { DomainEvent } from '@casetrail/domain';
import type { EventStore, RecordedEvent } from '@casetrail/eventstore';

/** Reads one stream and folds it: write-side decisions read their context from events, not read models. */
export async function loadState<State, Event extends DomainEvent>(
  store: EventStore,
  stream: string,
  decider: { evolve: (state: State, event: Event) => State; initialState: State },
): Promise<{ state: State; events: RecordedEvent[] }> {
  const events = await store.readStream(stream);
  const state = events.reduce(
    (current, event) => decider.evolve(current, { type: event.type, data: event.data } as Event),
    decider.initialState,
  );
  return { state, events };
}
