/**
 * The decider pattern: `decide(command, state, context)` returns the events a command produces;
 * `evolve(state, event)` folds one event into state. Both are pure: time, ids and policy arrive
 * in `context` or in the command, never from the environment.
 */
export interface DomainEvent<Type extends string = string, Data = unknown> {
  type: Type;
  data: Data;
}

export interface Decider<Command, Event, State, Context> {
  decide(command: Command, state: State, context: Context): Event[];
  evolve(state: State, event: Event): State;
  initialState: State;
}

/** Fold a list of events from the initial state. */
export function fold<Event, State>(
  decider: Pick<Decider<unknown, Event, State, unknown>, 'evolve' | 'initialState'>,
  events: readonly Event[],
): State {
  return events.reduce(decider.evolve, decider.initialState);
}

/** For exhaustive `switch` statements over discriminated unions. */
export function assertNever(value: never): never {
  throw new Error(`Unexpected value: ${JSON.stringify(value)}`);
}
