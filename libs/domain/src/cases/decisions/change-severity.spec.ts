import { parseSupportPolicy } from '../../policy/parse-support-policy';
import { fold } from '../../shared/decider';
import { recomputeTargetsOnSeverityChange } from '../../sla/targets/severity-change';
import { caseDecider } from '../case-decider';
import { caseTimers } from '../case-timers';
import type { CaseCommand } from '../commands';
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
/** The history once `command` is decided on it. */
const after = (history: CaseEvent[], command: CaseCommand, ctx = context()) => [
  ...history,
  ...givenCase(history, ctx).when(command).events(),
];

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

  describe('lowering the severity and raising it straight back', () => {
    // Raised to severity 1 at 11:00: the next status update is due at 15:00.
    const atSeverity1 = after(acknowledged, commands.changeSeverity({ at: plus(T0, { hours: 2 }) }));
    const dueAtSeverity1 = plus(T0, { hours: 6 });
    const lowered = (at: string) =>
      after(atSeverity1, commands.changeSeverity({ at, severity: 2, reason: 'Workaround in place' }));
    const raised = (history: CaseEvent[], at: string) =>
      after(history, commands.changeSeverity({ at, severity: 1, reason: 'The workaround failed' }));

    it('given a severity-1 update due in a minute, when the severity goes 1 to 2 and back to 1, then it is still due when it was', () => {
      const history = raised(
        lowered(plus(dueAtSeverity1, { minutes: -1 })),
        plus(dueAtSeverity1, { minutes: -1 }),
      );
      expect(escalationOf(atSeverity1)).toMatchObject({ nextStatusUpdateDueAt: dueAtSeverity1 });
      expect(escalationOf(history)).toMatchObject({ nextStatusUpdateDueAt: dueAtSeverity1 });
    });

    it('given the lowered severity lasted past the severity-1 due time, when it is raised back, then the shorter cadence runs from the raise', () => {
      const raisedAt = plus(dueAtSeverity1, { minutes: 30 });
      const history = raised(lowered(plus(dueAtSeverity1, { minutes: -1 })), raisedAt);
      expect(escalationOf(history)).toMatchObject({ nextStatusUpdateDueAt: plus(raisedAt, { hours: 4 }) });
    });

    it('given a status update was posted at the lower severity, when it is raised back, then the cadence runs from the raise, not held to the earlier interval', () => {
      const updateAt = plus(dueAtSeverity1, { minutes: -2 });
      const updated = after(lowered(plus(dueAtSeverity1, { minutes: -3 })), {
        type: 'PostEscalationStatusUpdate',
        caseId: 'case-1',
        actor: actors.engineer,
        at: updateAt,
        body: 'Workaround holding',
      });
      const raisedAt = plus(dueAtSeverity1, { minutes: -1 });
      expect(escalationOf(raised(updated, raisedAt))).toMatchObject({
        nextStatusUpdateDueAt: plus(raisedAt, { hours: 4 }),
      });
    });

    it('given 1 to 3 to 2 to 1, when raised back to 1, then it is still due when severity 1 was', () => {
      const at = plus(dueAtSeverity1, { minutes: -5 });
      const toThree = after(
        atSeverity1,
        commands.changeSeverity({ at, severity: 3, reason: 'Cosmetic after all' }),
      );
      const toTwo = after(toThree, commands.changeSeverity({ at, severity: 2, reason: 'Not cosmetic' }));
      expect(escalationOf(raised(toTwo, at))).toMatchObject({ nextStatusUpdateDueAt: dueAtSeverity1 });
    });
  });

  describe('raising the severity and lowering it straight back after a policy update', () => {
    // The duty manager's F3: the new policy gives severity 3 a 3-business-day cadence (and severity 2
    // one of 2 days, so the raise keeps the due time).
    const updated = context({
      policy: parseSupportPolicy({
        version: 'slower-updates',
        escalation: {
          statusUpdateCadence: {
            2: { amount: 2, unit: 'days', clock: 'business' },
            3: { amount: 3, unit: 'days', clock: 'business' },
          },
        },
      }),
    });

    it('given an update due Tuesday 10:30 under the old policy, when the severity goes 3 to 2 and back to 3 under the new one, then it is still due Tuesday 10:30', () => {
      const at = plus(T0, { hours: 2 });
      const raised = after(acknowledged, commands.changeSeverity({ at, severity: 2 }), updated);
      expect(escalationOf(raised)).toMatchObject({ nextStatusUpdateDueAt: dueAfterAcknowledgement });
      const back = after(
        raised,
        commands.changeSeverity({ at: plus(at, { minutes: 1 }), severity: 3, reason: 'Back down' }),
        updated,
      );
      expect(escalationOf(back)).toMatchObject({ nextStatusUpdateDueAt: dueAfterAcknowledgement });
    });

    it('given no earlier stay at severity 3 since the acknowledgement, when a severity 2 case is lowered to 3, then the new cadence counts from the acknowledgement (a real downgrade)', () => {
      const atTwo = after(acknowledged, commands.changeSeverity({ at: plus(T0, { hours: 2 }), severity: 2 }));
      const updateAt = plus(T0, { hours: 3 });
      const updatedAtTwo = after(atTwo, {
        type: 'PostEscalationStatusUpdate',
        caseId: 'case-1',
        actor: actors.engineer,
        at: updateAt,
        body: 'Investigating',
      });
      const lowered = after(
        updatedAtTwo,
        commands.changeSeverity({ at: plus(T0, { hours: 4 }), severity: 3, reason: 'Minor' }),
        updated,
      );
      expect(escalationOf(lowered)).toMatchObject({ nextStatusUpdateDueAt: plus(updateAt, { days: 3 }) });
    });
  });

  it('an escalation not yet acknowledged owes no status updates: nothing to move', () => {
    const escalated = historyOf([commands.openCase(), commands.escalate()]);
    const events = givenCase(escalated, context()).when(commands.changeSeverity()).events();
    expect(events.at(-1)?.data).not.toHaveProperty('nextStatusUpdateDueAt');
  });
});

describe('case decider: SLA deadlines over a severity round trip and a pause', () => {
  const severity = (at: string, to: 1 | 2 | 3) =>
    commands.changeSeverity({ at, severity: to, reason: to === 3 ? 'Only staging' : 'Worse than thought' });
  const requestInformation = (at: string): CaseCommand => ({
    type: 'RequestInformation',
    caseId: 'case-1',
    actor: actors.engineer,
    at,
  });
  const customerReply = (at: string) => commands.comment({ actor: actors.alice, commentId: 'c-reply', at });
  // Severity 3 opened Monday 09:00 (T0): first response at risk Tuesday 03:00, due Tuesday 09:00.
  const responseDue = '2024-06-04T09:00:00.000Z';

  it('given a severity 3 case 33 s before its first response is due, when it goes to 2 and back to 3, then it is still due when it was', () => {
    const upgraded = after(openedHistory(), severity('2024-06-04T08:59:27Z', 2));
    expect(upgraded.at(-1)?.data).toMatchObject({
      newTargets: { firstResponse: { severity: 2, dueAt: responseDue } },
    });
    const back = after(upgraded, severity('2024-06-04T08:59:30Z', 3));
    expect(stateOf(back).targets.firstResponse).toMatchObject({
      severity: 3,
      dueAt: responseDue,
      state: 'running',
    });
  });

  it('given the at-risk warning was recorded, when the severity goes 3 to 2 to 3, then no second warning is due', () => {
    const warnedAt = '2024-06-04T03:00:00.000Z';
    const [warningTimer] = caseTimers(stateOf(openedHistory()));
    expect(warningTimer).toMatchObject({ kind: 'sla-target-at-risk', fireAt: warnedAt });
    const warned = after(openedHistory(), {
      type: 'RecordSlaTargetAtRisk',
      caseId: 'case-1',
      actor: actors.system,
      at: warnedAt,
      target: 'first-response',
      dueAt: responseDue,
    });
    const back = after(
      after(warned, severity('2024-06-04T08:00:00Z', 2)),
      severity('2024-06-04T08:30:00Z', 3),
    );
    const timers = caseTimers(stateOf(back)).filter((timer) => timer.kind === 'sla-target-at-risk');
    expect(timers.map((timer) => timer.target)).not.toContain('first-response');
  });

  it('given a severity 2 case raised to 1 and lowered back to 2 a week before its resolution is due, when the customer answers an information request 100 ms later, then the resolution is due 100 ms later than before', () => {
    // The tester's sequence: severity 1 from Friday 14 June would give until Tuesday 25 June, later
    // than the severity 2 deadline, Friday 21 June 09:00.
    const opened = openedHistory({ severity: 2 });
    const dueBefore = stateOf(opened).targets.resolution.dueAt;
    expect(dueBefore).toBe('2024-06-21T09:00:00.000Z');
    const upgraded = after(opened, severity('2024-06-14T09:00:00Z', 1));
    expect(stateOf(upgraded).targets.resolution).toMatchObject({ severity: 1, dueAt: dueBefore });
    const roundTrip = after(upgraded, severity('2024-06-14T10:00:00Z', 2));
    expect(stateOf(roundTrip).targets.resolution.dueAt).toBe(dueBefore);
    const requested = after(roundTrip, requestInformation('2024-06-14T11:00:00.000Z'));
    const [, responded] = givenCase(requested, context())
      .when(customerReply('2024-06-14T11:00:00.100Z'))
      .events();
    expect(responded).toMatchObject({
      type: 'CustomerResponded',
      data: { targets: { resolution: { state: 'running', dueAt: '2024-06-21T09:00:00.100Z' } } },
    });
  });

  it('given a downgrade held the deadline (the lower severity has the shorter goal), when the customer answers an information request 100 ms later, then the resolution is due 100 ms later, not earlier', () => {
    const shorterThree = context({
      policy: parseSupportPolicy({
        version: 'shorter-three',
        severities: { 3: { resolutionGoal: { amount: 5, unit: 'days', clock: 'business' } } },
      }),
    });
    const opened = historyOf([commands.openCase({ severity: 2 })], shorterThree);
    const downgraded = after(opened, severity(plus(T0, { hours: 1 }), 3), shorterThree);
    expect(stateOf(downgraded).targets.resolution).toMatchObject({
      severity: 3,
      dueAt: '2024-06-21T09:00:00.000Z',
    });
    const requested = after(downgraded, requestInformation('2024-06-03T12:00:00.000Z'), shorterThree);
    const [, responded] = givenCase(requested, shorterThree)
      .when(customerReply('2024-06-03T12:00:00.100Z'))
      .events();
    expect(responded).toMatchObject({
      type: 'CustomerResponded',
      data: { targets: { resolution: { state: 'running', dueAt: '2024-06-21T09:00:00.100Z' } } },
    });
  });
});
