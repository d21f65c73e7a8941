import { fold } from '../shared/decider';
import { caseDecider } from './case-decider';
import { caseTimers, commandForTimer } from './case-timers';
import type { CaseCommand } from './commands';
import type { CaseEvent } from './events';
import { givenCase } from './testing/given-when-then';
import {
  actors,
  commands,
  context,
  historyOf,
  inProgressHistory,
  openedHistory,
  plus,
  T0,
} from './testing/case-fixtures';

const timersOf = (events: CaseEvent[]) => caseTimers(fold(caseDecider, events));
const after = (history: CaseEvent[], command: CaseCommand) => [
  ...history,
  ...givenCase(history, context()).when(command).events(),
];

describe('caseTimers', () => {
  it('a new case needs the at-risk and breach timers of both targets, earliest first', () => {
    expect(timersOf(openedHistory())).toEqual([
      {
        kind: 'sla-target-at-risk',
        target: 'first-response',
        dueAt: '2024-06-04T09:00:00.000Z',
        fireAt: '2024-06-04T03:00:00.000Z',
      },
      {
        kind: 'sla-target-breach',
        target: 'first-response',
        dueAt: '2024-06-04T09:00:00.000Z',
        fireAt: '2024-06-04T09:00:00.000Z',
      },
      {
        kind: 'sla-target-at-risk',
        target: 'resolution',
        dueAt: '2024-07-02T09:00:00.000Z',
        fireAt: expect.any(String),
      },
      {
        kind: 'sla-target-breach',
        target: 'resolution',
        dueAt: '2024-07-02T09:00:00.000Z',
        fireAt: '2024-07-02T09:00:00.000Z',
      },
    ]);
  });

  it('a met target needs no timers; a raised warning is not raised again', () => {
    expect(
      timersOf(inProgressHistory()).map((timer) => `${timer.kind}:${'target' in timer ? timer.target : ''}`),
    ).toEqual(['sla-target-at-risk:resolution', 'sla-target-breach:resolution']);
  });

  it('a case awaiting the customer has no SLA timers (the resolution clock is paused)', () => {
    const awaiting = after(inProgressHistory(), {
      type: 'RequestInformation',
      caseId: 'case-1',
      actor: actors.engineer,
      at: plus(T0, { hours: 1 }),
    });
    expect(timersOf(awaiting)).toEqual([]);
  });

  it('an escalation adds its acknowledgement timer, then its status-update timer once acknowledged', () => {
    const escalatedAt = plus(T0, { hours: 1 });
    const escalated = after(inProgressHistory(), commands.escalate({ at: escalatedAt }));
    expect(timersOf(escalated)).toContainEqual({
      kind: 'escalation-acknowledgement-overdue',
      dueAt: plus(escalatedAt, { hours: 1 }),
      fireAt: plus(escalatedAt, { hours: 1 }),
    });
    const ackAt = plus(T0, { hours: 2 });
    const acknowledged = after(escalated, {
      type: 'AcknowledgeEscalation',
      caseId: 'case-1',
      actor: actors.engineer,
      at: ackAt,
    });
    const kinds = timersOf(acknowledged).map((timer) => timer.kind);
    expect(kinds).toContain('escalation-status-update-overdue');
    expect(kinds).not.toContain('escalation-acknowledgement-overdue');
  });

  it('a resolved case waits for its automatic closure, unless an escalation holds it open', () => {
    const resolved = historyOf([commands.openCase(), commands.comment(), commands.resolve()]);
    expect(timersOf(resolved)).toEqual([
      { kind: 'auto-close', dueAt: plus(T0, { days: 8 }), fireAt: plus(T0, { days: 8 }) },
    ]);
    // An engineer's escalation: a customer's reopens the case, whose resolution clock then runs again.
    const escalated = after(
      resolved,
      commands.escalate({ actor: actors.engineer, at: plus(T0, { days: 2 }) }),
    );
    expect(timersOf(escalated).map((timer) => timer.kind)).toEqual(['escalation-acknowledgement-overdue']);
  });

  it("a resolved case a customer escalated is reopened: its escalation's acknowledgement and the new resolution goal are timed, no automatic closure", () => {
    const resolved = historyOf([commands.openCase(), commands.comment(), commands.resolve()]);
    const objected = after(resolved, commands.escalate({ at: plus(T0, { days: 2 }) }));
    expect(timersOf(objected).map((timer) => timer.kind)).toEqual([
      'escalation-acknowledgement-overdue',
      'sla-target-at-risk',
      'sla-target-breach',
    ]);
  });

  it('closed, redirected and unopened cases need no timers', () => {
    const closed = historyOf([
      commands.openCase(),
      commands.comment(),
      commands.resolve(),
      { type: 'CloseCase', caseId: 'case-1', actor: actors.alice, at: plus(T0, { days: 2 }) },
    ]);
    expect(timersOf(closed)).toEqual([]);
    expect(timersOf([])).toEqual([]);
  });

  it('every timer, fired when due, turns into a command the decider accepts', () => {
    const escalated = after(openedHistory(), commands.escalate({ at: plus(T0, { hours: 1 }) }));
    for (const timer of timersOf(escalated)) {
      const events = givenCase(escalated, context())
        .when(commandForTimer('case-1', timer, timer.fireAt))
        .events();
      expect(events).toHaveLength(1);
    }
    const resolved = historyOf([commands.openCase(), commands.comment(), commands.resolve()]);
    const [autoClose] = timersOf(resolved);
    expect(
      givenCase(resolved, context())
        .when(commandForTimer('case-1', autoClose, autoClose.fireAt))
        .events(),
    ).toEqual([
      {
        type: 'CaseClosed',
        data: { caseId: 'case-1', at: autoClose.fireAt, by: 'system:sla-timers', automatic: true },
      },
    ]);
  });
});
