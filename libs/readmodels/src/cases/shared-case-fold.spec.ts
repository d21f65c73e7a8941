import { evolveCase, initialCaseState, type CaseEvent, type CaseState } from '@casetrail/domain';
import { actors, commands, historyOf, plus, T0 } from '@casetrail/domain/cases/testing/case-fixtures';
import type { RecordedEvent } from '@casetrail/eventstore';
import { foldCaseEvent } from './shared-case-fold';

function recorded(events: CaseEvent[]): RecordedEvent[] {
  return events.map((event, index) => ({
    id: `event-${Math.random()}-${index}`,
    stream: 'case-1',
    revision: index,
    position: index + 1,
    type: event.type,
    data: event.data,
    metadata: { actor: 'test', correlationId: 'c', schemaVersion: 1 },
    recordedAt: T0,
  })) as RecordedEvent[];
}

const history = recorded(
  historyOf([
    commands.openCase(),
    commands.comment({ actor: actors.engineer, at: plus(T0, { minutes: 5 }) }),
    commands.changeSeverity({ at: plus(T0, { hours: 1 }) }),
  ]),
);

const fold = (events: RecordedEvent[], step: (state: CaseState, event: RecordedEvent) => CaseState) =>
  events.reduce(step, initialCaseState);

describe('foldCaseEvent (the case fold the projections share)', () => {
  it('folds exactly as evolveCase does', () => {
    expect(fold(history, foldCaseEvent)).toEqual(
      fold(history, (state, event) => evolveCase(state, { type: event.type, data: event.data } as CaseEvent)),
    );
  });

  it('hands a second projection folding the same events the very objects the first one got', () => {
    const first: CaseState[] = [];
    const second: CaseState[] = [];
    fold(history, (state, event) => (first[first.length] = foldCaseEvent(state, event)));
    fold(history, (state, event) => (second[second.length] = foldCaseEvent(state, event)));
    second.forEach((state, index) => expect(state).toBe(first[index]));
  });

  it('folds anew from a state that is another object (read back from the store), with the same result', () => {
    const [opened, comment] = history;
    const shared = foldCaseEvent(initialCaseState, opened);
    const afterComment = foldCaseEvent(shared, comment);
    const readBack = JSON.parse(JSON.stringify(shared)) as CaseState;
    const again = foldCaseEvent(readBack, comment);
    expect(again).not.toBe(afterComment);
    expect(again).toEqual(afterComment);
  });
});
