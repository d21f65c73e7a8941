import { caseDecider, type CaseCommand, type CaseState } from '@casetrail/domain';
import { commands, context, plus, T0 } from '@casetrail/domain/cases/testing/case-fixtures';
import type { RecordedEvent } from '@casetrail/eventstore';
import { givenReasonOf } from '../../commands/given-reason';
import { historyEntries } from './case-history';

/**
 * The events the commands record, stored as the case command handler stores them: the command's
 * reason copied into the metadata of every event it records.
 */
function recorded(steps: readonly CaseCommand[]): RecordedEvent[] {
  const events: RecordedEvent[] = [];
  let state: CaseState = caseDecider.initialState;
  for (const command of steps) {
    const reason = givenReasonOf(command);
    for (const event of caseDecider.decide(command, state, context())) {
      state = caseDecider.evolve(state, event);
      const revision = events.length;
      events.push({
        ...event,
        id: `e${revision}`,
        stream: 'case-case-1',
        revision,
        position: revision + 1,
        metadata: {
          actor: event.data.by,
          correlationId: `c${revision}`,
          schemaVersion: 1,
          ...(reason ? { reason } : {}),
        },
        recordedAt: event.data.at,
      });
    }
  }
  return events;
}

const reasonsOf = (events: RecordedEvent[]) =>
  historyEntries(events, { staff: true }).map(({ type, reason }) => ({ type, reason }));

describe("a case history's reason of each event", () => {
  it("gives the de-escalation a customer's closure records its own reason, and the closure the customer's", () => {
    const events = recorded([
      commands.openCase(),
      commands.comment(),
      commands.escalate(),
      commands.resolve(),
      commands.close({ reason: 'Thanks, works' }),
    ]);
    expect(reasonsOf(events).slice(-2)).toEqual([
      { type: 'CaseDeEscalated', reason: 'The customer closed the case, confirming the resolution' },
      { type: 'CaseClosed', reason: 'Thanks, works' },
    ]);
  });

  it("gives the reopening a customer's reply records its own reason, where the reply gave none", () => {
    const events = recorded([
      commands.openCase(),
      commands.comment(),
      commands.resolve(),
      commands.comment({
        actor: commands.openCase().actor,
        commentId: 'c-2',
        body: 'Still broken here',
        at: plus(T0, { days: 1, hours: 1 }),
      }),
    ]);
    const reopened = reasonsOf(events).find(({ type }) => type === 'CaseReopened');
    expect(reopened).toEqual({
      type: 'CaseReopened',
      reason: 'The customer replied to the proposed resolution',
    });
  });

  it("gives the reopening a customer's escalation records its own reason, not the escalation's code", () => {
    const events = recorded([
      commands.openCase(),
      commands.comment(),
      commands.resolve(),
      commands.escalate({ reason: 'low-satisfaction', at: plus(T0, { days: 1, hours: 1 }) }),
    ]);
    const reasons = reasonsOf(events);
    expect(reasons.find(({ type }) => type === 'CaseReopened')).toEqual({
      type: 'CaseReopened',
      reason: 'The customer escalated the case instead of accepting the proposed resolution',
    });
    expect(reasons.find(({ type }) => type === 'CaseEscalated')).toEqual({
      type: 'CaseEscalated',
      reason: 'low-satisfaction',
    });
  });

  it('shows the reason a person gave for their change, and none for an event without one', () => {
    const events = recorded([
      commands.openCase(),
      commands.changeSeverity({ reason: 'Revenue impact confirmed' }),
    ]);
    expect(reasonsOf(events)).toEqual([
      { type: 'CaseOpened', reason: undefined },
      { type: 'SeverityChanged', reason: 'Revenue impact confirmed' },
    ]);
  });
});
