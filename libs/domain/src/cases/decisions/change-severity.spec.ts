import { fold } from '../../shared/decider';
import { recomputeTargetsOnSeverityChange } from '../../sla/targets/severity-change';
import { caseDecider } from '../case-decider';
import type { CaseEvent } from '../events';
import type { OpenedCase } from '../state';
import { givenCase } from '../testing/given-when-then';
import {
  actors,
  calendar,
  commands,
  context,
  historyOf,
  openedHistory,
  plus,
  policy,
  T0,
} from '../testing/case-fixtures';

const stateOf = (events: CaseEvent[]) => fold(caseDecider, events) as OpenedCase;

describe('case decider: open case (ChangeSeverity)', () => {
  it('an engineer changes severity with a reason; the event records old and new severity and targets, and the policy version', () => {
    const history = openedHistory();
    const at = plus(T0, { hours: 2 });
    const before = stateOf(history);
    const { after } = recomputeTargetsOnSeverityChange({
      targets: before.targets,
      oldSeverity: 3,
      newSeverity: 1,
      changedAt: at,
      openedAt: T0,
      policy,
      calendar,
    });
    givenCase(history, context())
      .when(commands.changeSeverity({ at }))
      .then([
        {
          type: 'SeverityChanged',
          data: {
            caseId: 'case-1',
            at,
            by: 'eve@vendor.example',
            from: 3,
            to: 1,
            reason: 'Production is down for all editors',
            previousTargets: before.targets,
            newTargets: after,
            policyVersion: policy.version,
          },
        },
      ]);
    expect(
      stateOf([...history, ...givenCase(history, context()).when(commands.changeSeverity({ at })).events()]),
    ).toMatchObject({
      severity: 1,
      targets: after,
    });
  });

  it('an upgrade restarts unmet clocks from the change under the new goals (never breached retroactively)', () => {
    const at = plus(T0, { hours: 2 });
    const [changed] = givenCase(openedHistory(), context()).when(commands.changeSeverity({ at })).events();
    // Severity 1: respond within 1 hour of the change, resolve within 7 business days of it.
    expect(changed.data).toMatchObject({
      newTargets: {
        firstResponse: { state: 'running', startedAt: at, dueAt: plus(at, { hours: 1 }), severity: 1 },
        resolution: { state: 'running', startedAt: at, dueAt: '2024-06-12T11:00:00.000Z' },
      },
    });
  });

  it('a downgrade recomputes unmet targets from the opening under the new goals, and never tightens them', () => {
    const history = openedHistory({ severity: 2 });
    const [changed] = givenCase(history, context())
      .when(commands.changeSeverity({ severity: 3, reason: 'Only the staging site is affected' }))
      .events();
    expect(changed.data).toMatchObject({
      from: 2,
      to: 3,
      newTargets: {
        firstResponse: { startedAt: T0, dueAt: '2024-06-04T09:00:00.000Z' },
        resolution: { startedAt: T0, dueAt: '2024-07-02T09:00:00.000Z' },
      },
    });
  });

  it('met targets stay met', () => {
    const history = historyOf([commands.openCase(), commands.comment()]);
    const [changed] = givenCase(history, context()).when(commands.changeSeverity()).events();
    expect(changed.data).toMatchObject({
      newTargets: { firstResponse: stateOf(history).targets.firstResponse },
    });
  });

  it('a breach that already happened is recorded before an upgrade restarts the clock, and stays a breach', () => {
    const late = plus(T0, { days: 2 });
    const events = givenCase(openedHistory(), context())
      .when(commands.changeSeverity({ at: late }))
      .events();
    expect(events.map((event) => event.type)).toEqual(['SlaTargetBreached', 'SeverityChanged']);
    expect(events[1].data).toMatchObject({
      previousTargets: { firstResponse: { state: 'breached' } },
      newTargets: { firstResponse: { state: 'breached' }, resolution: { state: 'running', startedAt: late } },
    });
  });

  it('customers cannot change severity (they escalate or comment instead); neither can CSMs', () => {
    for (const actor of [actors.alice, actors.csm]) {
      givenCase(openedHistory(), context())
        .when(commands.changeSeverity({ actor }))
        .thenFails({ code: 'severity-change-engineer-only', kind: 'forbidden' });
    }
  });

  it('a reason is required', () => {
    givenCase(openedHistory(), context())
      .when(commands.changeSeverity({ reason: '' }))
      .thenFails({ code: 'text-length-out-of-range', kind: 'validation', field: 'reason' });
  });

  it('the new severity must differ from the current one and be 1, 2 or 3', () => {
    givenCase(openedHistory(), context())
      .when(commands.changeSeverity({ severity: 3 }))
      .thenFails({ code: 'severity-unchanged', field: 'severity' });
    givenCase(openedHistory(), context())
      .when(commands.changeSeverity({ severity: 0 as never }))
      .thenFails({ code: 'invalid-value', field: 'severity' });
  });

  it('an engineer may raise a web case to severity 1 (the channel rule applies to opening only)', () => {
    expect(givenCase(openedHistory(), context()).when(commands.changeSeverity()).events()).toHaveLength(1);
  });
});

describe('case decider: severity change on an acknowledged escalation (status update cadence)', () => {
  // Severity 3 opened Monday 09:00 UTC, escalated at 10:00, acknowledged at 10:30: the next status
  // update is due a business day later, Tuesday 10:30.
  const acknowledged = historyOf([
    commands.openCase(),
    commands.escalate(),
    {
      type: 'AcknowledgeEscalation',
      caseId: 'case-1',
      actor: actors.engineer,
      at: plus(T0, { minutes: 90 }),
    },
  ]);
  const dueAfterAcknowledgement = plus(T0, { days: 1, minutes: 90 });
  const escalationOf = (events: CaseEvent[]) => stateOf(events).escalation;

  it('an upgrade puts the shorter cadence in force from the change (severity 1: 4 hours)', () => {
    expect(escalationOf(acknowledged)).toMatchObject({ nextStatusUpdateDueAt: dueAfterAcknowledgement });
    const at = plus(T0, { hours: 2 });
    const events = givenCase(acknowledged, context()).when(commands.changeSeverity({ at })).events();
    expect(events.at(-1)?.data).toMatchObject({ nextStatusUpdateDueAt: plus(at, { hours: 4 }) });
    expect(escalationOf([...acknowledged, ...events])).toMatchObject({
      status: 'acknowledged',
      nextStatusUpdateDueAt: plus(at, { hours: 4 }),
    });
  });

  it('a downgrade counts the longer cadence from the last update, never earlier than it was due', () => {
    const upgraded = [
      ...acknowledged,
      ...givenCase(acknowledged, context())
        .when(commands.changeSeverity({ at: plus(T0, { hours: 2 }) }))
        .events(),
    ];
    const events = givenCase(upgraded, context())
      .when(commands.changeSeverity({ at: plus(T0, { hours: 3 }), severity: 3, reason: 'Back up' }))
      .events();
    expect(escalationOf([...upgraded, ...events])).toMatchObject({
      nextStatusUpdateDueAt: dueAfterAcknowledgement,
    });
  });

  it('a due time already passed stays as it was: the missed update is a fact', () => {
    const late = plus(dueAfterAcknowledgement, { hours: 1 });
    const events = givenCase(acknowledged, context())
      .when(commands.changeSeverity({ at: late }))
      .events();
    expect(events.at(-1)?.data).not.toHaveProperty('nextStatusUpdateDueAt');
    expect(escalationOf([...acknowledged, ...events])).toMatchObject({
      nextStatusUpdateDueAt: dueAfterAcknowledgement,
    });
  });

  it('an escalation not yet acknowledged owes no status updates: nothing to move', () => {
    const escalated = historyOf([commands.openCase(), commands.escalate()]);
    const events = givenCase(escalated, context()).when(commands.changeSeverity()).events();
    expect(events.at(-1)?.data).not.toHaveProperty('nextStatusUpdateDueAt');
  });
});
