import { resumeTarget } from '../../sla/targets/pause-resume';
import { startTargets } from '../../sla/targets/start-targets';
import { fold } from '../../shared/decider';
import { caseDecider } from '../case-decider';
import { caseTimers } from '../case-timers';
import type { CaseActor } from '../actor';
import type { CaseCommand } from '../commands';
import type { CaseEvent } from '../events';
import type { OpenedCase } from '../state';
import { givenCase } from '../testing/given-when-then';
import {
  actors,
  awaitingHistory,
  calendar,
  commands,
  context,
  historyOf,
  inProgressHistory,
  plus,
  policy,
  resolvedHistory,
  T0,
} from '../testing/case-fixtures';

const stateOf = (events: CaseEvent[]) => fold(caseDecider, events) as OpenedCase;
const escalatedAt = plus(T0, { hours: 1 });
const acknowledgedAt = plus(T0, { hours: 1, minutes: 20 });

const acknowledge = (actor: CaseActor = actors.engineer, at = acknowledgedAt): CaseCommand => ({
  type: 'AcknowledgeEscalation',
  caseId: 'case-1',
  actor,
  at,
});
const statusUpdate = (
  at: string,
  actor: CaseActor = actors.engineer,
  body = 'Patch is being tested',
): CaseCommand => ({
  type: 'PostEscalationStatusUpdate',
  caseId: 'case-1',
  actor,
  at,
  body,
});
const deEscalate = (
  at: string,
  reason = 'Workaround in place',
  actor: CaseActor = actors.engineer,
): CaseCommand => ({
  type: 'DeEscalate',
  caseId: 'case-1',
  actor,
  at,
  reason,
});

const escalated = () =>
  historyOf([commands.openCase(), commands.comment(), commands.escalate({ at: escalatedAt })]);
const acknowledged = () => [...escalated(), ...historyOfStep(escalated(), acknowledge())];
function historyOfStep(history: CaseEvent[], command: CaseCommand): CaseEvent[] {
  return givenCase(history, context()).when(command).events();
}

describe('case decider: open case (Escalate)', () => {
  it('a licensed user who sees the case escalates it: level 1, with reason, details, and an acknowledgement due within 1 hour', () => {
    givenCase(inProgressHistory(), context())
      .when(commands.escalate({ at: escalatedAt }))
      .then([
        {
          type: 'CaseEscalated',
          data: {
            caseId: 'case-1',
            at: escalatedAt,
            by: 'alice@acme.example',
            level: 1,
            reason: 'production-impact',
            details: 'Our launch is tomorrow',
            raisedBy: 'customer',
            acknowledgementDueAt: plus(escalatedAt, { hours: 1 }),
            policyVersion: 'casetrail-default-1',
          },
        },
      ]);
    expect(stateOf(escalated()).escalation).toMatchObject({ status: 'awaiting-acknowledgement', level: 1 });
  });

  it('a support engineer may raise an escalation', () => {
    const [event] = historyOfStep(inProgressHistory(), commands.escalate({ actor: actors.engineer }));
    expect(event.data).toMatchObject({ raisedBy: 'engineer', level: 1 });
  });

  it('a customer who is not a licensed user (case-team follower, shared user) may not escalate', () => {
    givenCase(inProgressHistory(), context({ actorIsLicensedUser: false }))
      .when(commands.escalate())
      .thenFails({ code: 'escalation-not-allowed', kind: 'forbidden' });
  });

  it('CSMs do not raise escalations; auditors may not do anything', () => {
    givenCase(inProgressHistory(), context())
      .when(commands.escalate({ actor: actors.csm }))
      .thenFails({ code: 'escalation-not-allowed', kind: 'forbidden' });
    givenCase(inProgressHistory(), context())
      .when(commands.escalate({ actor: actors.auditor }))
      .thenFails({ code: 'read-only-actor', kind: 'forbidden' });
  });

  it('the reason is one of the policy reasons and details are required', () => {
    givenCase(inProgressHistory(), context())
      .when(commands.escalate({ reason: 'impatience' as never }))
      .thenFails({ code: 'invalid-value', kind: 'validation', field: 'reason' });
    givenCase(inProgressHistory(), context())
      .when(commands.escalate({ details: '' }))
      .thenFails({ code: 'text-length-out-of-range', field: 'details' });
  });

  it('a second escalation raises the level, and needs a new acknowledgement', () => {
    const at = plus(T0, { hours: 3 });
    const [second] = historyOfStep(acknowledged(), commands.escalate({ at, reason: 'low-satisfaction' }));
    expect(second.data).toMatchObject({ level: 2, acknowledgementDueAt: plus(at, { hours: 1 }) });
    expect(stateOf([...acknowledged(), second]).escalation).toMatchObject({
      status: 'awaiting-acknowledgement',
      level: 2,
    });
  });

  describe('escalating again before anyone acknowledged', () => {
    const ackDue = plus(escalatedAt, { hours: 1 });

    it('given level 1 awaits acknowledgement, when the customer escalates again, then level 2 is due when level 1 was', () => {
      const at = plus(escalatedAt, { minutes: 50 });
      const [second] = historyOfStep(escalated(), commands.escalate({ at, reason: 'low-satisfaction' }));
      expect(second.data).toMatchObject({ level: 2, acknowledgementDueAt: ackDue });
    });

    it('given level 1 was recorded overdue, when the customer escalates again, then level 2 is still due then and already overdue: no timer fires for it again', () => {
      const overdue: CaseCommand = {
        type: 'RecordEscalationOverdue',
        caseId: 'case-1',
        actor: actors.system,
        at: plus(ackDue, { minutes: 1 }),
        what: 'acknowledgement',
        dueAt: ackDue,
      };
      const late = [...escalated(), ...historyOfStep(escalated(), overdue)];
      const again = [
        ...late,
        ...historyOfStep(late, commands.escalate({ at: plus(ackDue, { minutes: 5 }) })),
      ];
      expect(stateOf(again).escalation).toMatchObject({
        status: 'awaiting-acknowledgement',
        level: 2,
        acknowledgementDueAt: ackDue,
        acknowledgementOverdueAt: plus(ackDue, { minutes: 1 }),
      });
      expect(historyOfStep(again, { ...overdue, at: plus(ackDue, { minutes: 6 }) })).toEqual([]);
      // Its reminders go on where level 1's were due, for the level now owed.
      const reminderAt = plus(ackDue, { hours: 1 });
      expect(caseTimers(stateOf(again))).toContainEqual(
        expect.objectContaining({ kind: 'escalation-acknowledgement-reminder', dueAt: reminderAt }),
      );
      expect(historyOfStep(again, { ...overdue, reminderAt, at: reminderAt })).toEqual([
        expect.objectContaining({ data: expect.objectContaining({ level: 2, dueAt: ackDue, reminder: 1 }) }),
      ]);
    });
  });

  describe('escalating again over an acknowledged level whose status update is overdue (duty manager F1)', () => {
    const owedDue = () => {
      const escalation = stateOf(acknowledged()).escalation;
      if (escalation?.status !== 'acknowledged') throw new Error('expected an acknowledged escalation');
      return escalation.nextStatusUpdateDueAt;
    };
    const overdueUpdate = (at: string, reminderAt?: string): CaseCommand => ({
      type: 'RecordEscalationOverdue',
      caseId: 'case-1',
      actor: actors.system,
      at,
      what: 'status-update',
      dueAt: owedDue(),
      ...(reminderAt !== undefined ? { reminderAt } : {}),
    });
    const late = () => [
      ...acknowledged(),
      ...historyOfStep(acknowledged(), overdueUpdate(plus(owedDue(), { minutes: 1 }))),
    ];
    const raised = () => [
      ...late(),
      ...historyOfStep(late(), commands.escalate({ at: plus(owedDue(), { minutes: 30 }) })),
    ];
    const reAcknowledged = () => [
      ...raised(),
      ...historyOfStep(raised(), acknowledge(actors.engineer, plus(owedDue(), { minutes: 40 }))),
    ];

    it('given the update was recorded overdue, when the customer escalates again, then level 2 is due for acknowledgement when the update was: overdue from the start', () => {
      expect(stateOf(raised()).escalation).toMatchObject({
        status: 'awaiting-acknowledgement',
        level: 2,
        acknowledgementDueAt: owedDue(),
      });
    });

    it('when level 2 is acknowledged, then the update is still owed: due when it was, not alerted afresh, and its reminders go on', () => {
      expect(stateOf(reAcknowledged()).escalation).toMatchObject({
        status: 'acknowledged',
        level: 2,
        nextStatusUpdateDueAt: owedDue(),
        statusUpdateOverdueFor: owedDue(),
      });
      const later = plus(owedDue(), { minutes: 45 });
      expect(historyOfStep(reAcknowledged(), overdueUpdate(later))).toEqual([]);
      const reminder = caseTimers(stateOf(reAcknowledged())).find(
        (timer) => timer.kind === 'escalation-status-update-reminder',
      );
      expect(reminder).toBeDefined();
      const reminderAt = reminder?.dueAt ?? '';
      expect(historyOfStep(reAcknowledged(), overdueUpdate(reminderAt, reminderAt))).toEqual([
        expect.objectContaining({
          type: 'EscalationStatusUpdateOverdue',
          data: expect.objectContaining({ level: 2, dueAt: owedDue(), reminder: 1 }),
        }),
      ]);
    });

    it('given the update was not yet due, when level 2 is acknowledged, then the next update is due no later than it was', () => {
      const early = plus(acknowledgedAt, { minutes: 10 });
      const again = [...acknowledged(), ...historyOfStep(acknowledged(), commands.escalate({ at: early }))];
      const acked = [
        ...again,
        ...historyOfStep(again, acknowledge(actors.engineer, plus(early, { minutes: 5 }))),
      ];
      expect(stateOf(again).escalation).toMatchObject({ acknowledgementDueAt: plus(early, { hours: 1 }) });
      expect(stateOf(acked).escalation).toMatchObject({ nextStatusUpdateDueAt: owedDue() });
    });
  });

  it('levels keep counting after a de-escalation: the case’s second escalation is level 2', () => {
    const ended = [...acknowledged(), ...historyOfStep(acknowledged(), deEscalate(plus(T0, { hours: 2 })))];
    const [again] = historyOfStep(ended, commands.escalate({ at: plus(T0, { hours: 5 }) }));
    expect(again.data).toMatchObject({ level: 2 });
  });

  it('a closed case cannot be escalated', () => {
    const closed = historyOf([
      commands.openCase(),
      commands.comment(),
      commands.resolve(),
      { type: 'CloseCase', caseId: 'case-1', actor: actors.alice, at: plus(T0, { days: 2 }) },
    ]);
    givenCase(closed, context())
      .when(commands.escalate({ at: plus(T0, { days: 3 }) }))
      .thenFails({ code: 'case-closed', kind: 'conflict' });
  });
});

describe('case decider: awaiting-customer case (Escalate)', () => {
  const awaiting = awaitingHistory;
  const answeredAt = plus(T0, { days: 1, hours: 1 });

  it("a customer's escalation is their answer: the resolution clock resumes (due time moved by the pause), then the escalation, on a case in progress", () => {
    const history = awaiting();
    const before = stateOf(history);
    const events = historyOfStep(history, commands.escalate({ at: answeredAt }));

    expect(events.map((event) => event.type)).toEqual(['CustomerResponded', 'CaseEscalated']);
    const resumed = resumeTarget(before.targets.resolution, answeredAt, calendar);
    // The same event as a customer's comment, without a comment: the escalation that follows says it.
    expect(events[0]).toEqual({
      type: 'CustomerResponded',
      data: {
        caseId: 'case-1',
        at: answeredAt,
        by: 'alice@acme.example',
        targets: { ...before.targets, resolution: resumed },
      },
    });
    // Paused for exactly one business day, so the resolution is due one business day later.
    expect(resumed.dueAt).toBe('2024-07-03T09:00:00.000Z');
    expect(events[1].data).toMatchObject({ level: 1, raisedBy: 'customer', at: answeredAt });

    const afterAnswer = stateOf([...history, events[0]]);
    expect(afterAnswer.status).toBe('in-progress');
    const after = stateOf([...history, ...events]);
    expect(after.status).toBe('in-progress');
    expect(after.targets.resolution).toMatchObject({ state: 'running', dueAt: resumed.dueAt });
    expect(after.escalation).toMatchObject({ status: 'awaiting-acknowledgement', level: 1 });
  });

  it('a licensed colleague who sees the case answers for the customer too', () => {
    const events = historyOfStep(awaiting(), commands.escalate({ actor: actors.bob, at: answeredAt }));
    expect(events.map((event) => event.type)).toEqual(['CustomerResponded', 'CaseEscalated']);
    expect(stateOf([...awaiting(), ...events]).status).toBe('in-progress');
  });

  it("an engineer's escalation is no answer from the customer: the case still awaits them, the clock stays paused", () => {
    const history = awaiting();
    const events = historyOfStep(history, commands.escalate({ actor: actors.engineer, at: answeredAt }));

    expect(events.map((event) => event.type)).toEqual(['CaseEscalated']);
    const after = stateOf([...history, ...events]);
    expect(after.status).toBe('awaiting-customer');
    expect(after.targets.resolution).toEqual(stateOf(history).targets.resolution);
    expect(after.targets.resolution.state).toBe('paused');
  });
});

describe('case decider: resolved case (Escalate)', () => {
  const resolved = resolvedHistory;
  const objectedAt = plus(T0, { days: 2 });

  it("a customer's escalation says the resolution did not work: the case is reopened (resolution clock restarted), then escalated", () => {
    const before = stateOf(resolved());
    const { resolution } = startTargets({ severity: 3, openedAt: objectedAt, policy, calendar });
    givenCase(resolved(), context())
      .when(commands.escalate({ at: objectedAt }))
      .then([
        {
          type: 'CaseReopened',
          data: {
            caseId: 'case-1',
            at: objectedAt,
            by: 'alice@acme.example',
            reason: 'The customer escalated the case instead of accepting the proposed resolution',
            reopenedFrom: 'resolved',
            previousTargets: before.targets,
            targets: { firstResponse: before.targets.firstResponse, resolution },
            escalationLevel: 1,
          },
        },
        {
          type: 'CaseEscalated',
          data: {
            caseId: 'case-1',
            at: objectedAt,
            by: 'alice@acme.example',
            level: 1,
            reason: 'production-impact',
            details: 'Our launch is tomorrow',
            raisedBy: 'customer',
            acknowledgementDueAt: plus(objectedAt, { hours: 1 }),
            policyVersion: 'casetrail-default-1',
          },
        },
      ]);
  });

  it('the reopened case is in progress with a running resolution goal, its escalation awaiting acknowledgement, and nothing left to close it automatically', () => {
    const events = historyOfStep(resolved(), commands.escalate({ at: objectedAt }));
    const after = stateOf([...resolved(), ...events]);

    expect(after.status).toBe('in-progress');
    expect(after.targets.resolution).toMatchObject({ state: 'running', startedAt: objectedAt });
    expect(after.escalation).toMatchObject({ status: 'awaiting-acknowledgement', level: 1 });
    expect(after).not.toHaveProperty('autoCloseAt');
    // The quiet period the resolution started (a week after it) ends with nothing to close.
    const quietPeriodEnd = plus(T0, { days: 8 });
    const autoClose: CaseCommand = {
      type: 'CloseCase',
      caseId: 'case-1',
      actor: actors.system,
      at: quietPeriodEnd,
      automatic: true,
      dueAt: quietPeriodEnd,
    };
    givenCase([...resolved(), ...events], context())
      .when(autoClose)
      .thenFails({ code: 'auto-close-no-longer-due' });
  });

  it('a licensed colleague who sees the case objects for the customer too', () => {
    const events = historyOfStep(resolved(), commands.escalate({ actor: actors.bob, at: objectedAt }));
    expect(events.map((event) => event.type)).toEqual(['CaseReopened', 'CaseEscalated']);
    expect(events[0].data).toMatchObject({ by: 'bob@acme.example', escalationLevel: 1 });
  });

  it("a customer's escalation after an engineer's names the level it raised (2) as the reopening's cause", () => {
    const history = [
      ...resolved(),
      ...historyOfStep(
        resolved(),
        commands.escalate({ actor: actors.engineer, at: plus(T0, { hours: 30 }) }),
      ),
    ];
    const events = historyOfStep(history, commands.escalate({ at: objectedAt }));
    expect(events.map((event) => event.type)).toEqual(['CaseReopened', 'CaseEscalated']);
    expect(events[0].data).toMatchObject({ escalationLevel: 2 });
    expect(events[1].data).toMatchObject({ level: 2 });
  });

  it("an engineer's escalation leaves the proposed resolution standing: the case stays resolved, its clock stopped", () => {
    const events = historyOfStep(resolved(), commands.escalate({ actor: actors.engineer, at: objectedAt }));

    expect(events.map((event) => event.type)).toEqual(['CaseEscalated']);
    const after = stateOf([...resolved(), ...events]);
    expect(after.status).toBe('resolved');
    expect(after.targets).toEqual(stateOf(resolved()).targets);
  });

  it('a customer who is not a licensed user may not escalate, so reopens nothing either', () => {
    givenCase(resolved(), context({ actorIsLicensedUser: false }))
      .when(commands.escalate({ at: objectedAt }))
      .thenFails({ code: 'escalation-not-allowed', kind: 'forbidden' });
  });
});

describe('case decider: escalated case (acknowledgement, status updates, de-escalation)', () => {
  it('an engineer acknowledges; status updates are then due on the severity cadence (1 business day for severity 3)', () => {
    givenCase(escalated(), context())
      .when(acknowledge())
      .then([
        {
          type: 'EscalationAcknowledged',
          data: {
            caseId: 'case-1',
            at: acknowledgedAt,
            by: 'eve@vendor.example',
            level: 1,
            nextStatusUpdateDueAt: plus(acknowledgedAt, { days: 1 }),
          },
        },
      ]);
  });

  it('a severity 1 escalation owes status updates every 4 hours', () => {
    const sev1 = historyOf([
      commands.openCase({
        actor: actors.engineer,
        channel: 'phone',
        severity: 1,
        onBehalfOf: actors.alice.email,
      }),
      commands.comment(),
      commands.escalate({ at: escalatedAt }),
    ]);
    const [event] = historyOfStep(sev1, acknowledge());
    expect(event.data).toMatchObject({ nextStatusUpdateDueAt: plus(acknowledgedAt, { hours: 4 }) });
  });

  it("the account's CSM may handle the escalation too", () => {
    expect(historyOfStep(escalated(), acknowledge(actors.csm))).toHaveLength(1);
  });

  it('customers do not acknowledge, update or de-escalate', () => {
    givenCase(escalated(), context())
      .when(acknowledge(actors.alice))
      .thenFails({ code: 'escalation-handling-staff-only', kind: 'forbidden' });
    givenCase(acknowledged(), context())
      .when(statusUpdate(plus(T0, { hours: 2 }), actors.alice))
      .thenFails({ code: 'escalation-handling-staff-only' });
    givenCase(acknowledged(), context())
      .when(deEscalate(plus(T0, { hours: 2 }), 'Fine now', actors.alice))
      .thenFails({ code: 'escalation-handling-staff-only' });
  });

  it('an escalation is acknowledged once: the colleague who comes second is told who acknowledged it, when, and when its next status update is due', () => {
    givenCase(acknowledged(), context())
      .when(acknowledge(actors.otherEngineer, plus(T0, { hours: 2 })))
      .thenFails({
        code: 'escalation-already-acknowledged',
        kind: 'conflict',
        message:
          `The escalation (level 1) is already acknowledged, by eve@vendor.example at ${acknowledgedAt}; ` +
          `its next status update is due by ${plus(acknowledgedAt, { days: 1 })}. Its status updates are owed ` +
          'by eve@vendor.example (acknowledged it; the case is unassigned). To take them over, take the case ' +
          '(POST /v1/cases/case-1/assignment naming yourself); meanwhile anyone handling the escalation may ' +
          'post one with POST /v1/cases/case-1/escalations/status-updates',
      });
  });

  describe('after a hand-over (finding U4: the engineer who took the case over was refused without a next step)', () => {
    const oscar = actors.otherEngineer;
    const takenOverBy = (engineer: CaseActor, at: string): CaseCommand => ({
      type: 'AssignEngineer',
      caseId: 'case-1',
      actor: engineer,
      at,
      engineer: engineer.email,
    });
    const handedOver = () => {
      const history = acknowledged();
      return [...history, ...historyOfStep(history, takenOverBy(oscar, plus(T0, { hours: 2 })))];
    };
    const updateDue = plus(acknowledgedAt, { days: 1 });

    it('the engineer who took the case over is told the escalation is acknowledged once and that they owe its status updates now, with how to post the next (overdue when it is)', () => {
      givenCase(handedOver(), context())
        .when(acknowledge(oscar, plus(updateDue, { minutes: 5 })))
        .thenFails({
          code: 'escalation-already-acknowledged',
          kind: 'conflict',
          message:
            `The escalation (level 1) is already acknowledged, by eve@vendor.example at ${acknowledgedAt}; ` +
            `its next status update is due by ${updateDue}. You owe its status updates now (as the case's ` +
            'assignee): post the next one (overdue) with POST /v1/cases/case-1/escalations/status-updates; ' +
            'there is nothing to acknowledge again',
        });
    });

    it('the engineer who acknowledged it and gave the case away is told who owes the updates now and how to take them back', () => {
      givenCase(handedOver(), context())
        .when(acknowledge(actors.engineer, plus(T0, { hours: 3 })))
        .thenFails({
          code: 'escalation-already-acknowledged',
          message:
            'Its status updates are owed by oscar@vendor.example (assigned to the case). To take them over, ' +
            'take the case (POST /v1/cases/case-1/assignment naming yourself)',
        });
    });

    it('a colleague is told why the assignee is passed over: not vouched for as staff, or no longer able to see the case (finding F5)', () => {
      const passedOver = (notVouched: boolean) =>
        context({
          statusUpdatesOutOfReach: [oscar.email],
          ...(notVouched ? { statusUpdatesNotVouched: [oscar.email] } : {}),
        });
      givenCase(handedOver(), passedOver(true))
        .when(acknowledge(actors.csm, plus(T0, { hours: 3 })))
        .thenFails({
          code: 'escalation-already-acknowledged',
          message:
            "owed by eve@vendor.example (acknowledged it; oscar@vendor.example, the case's assignee, is not " +
            'vouched for as staff)',
        });
      givenCase(handedOver(), passedOver(false))
        .when(acknowledge(actors.csm, plus(T0, { hours: 3 })))
        .thenFails({
          code: 'escalation-already-acknowledged',
          message:
            'owed by eve@vendor.example (acknowledged it; oscar@vendor.example can no longer see the case)',
        });
    });

    it("the account's CSM, who is not assigned cases, is told to ask an engineer to take the case", () => {
      givenCase(handedOver(), context())
        .when(acknowledge(actors.csm, plus(T0, { hours: 3 })))
        .thenFails({
          code: 'escalation-already-acknowledged',
          message:
            'owed by oscar@vendor.example (assigned to the case). To have them taken over, ask an engineer ' +
            'to take the case; meanwhile anyone handling the escalation may post one with',
        });
    });
  });

  it("an engineer's status update on a case nobody answered yet is its first response: the clock stops, the case is in progress", () => {
    const unanswered = historyOf([commands.openCase(), commands.escalate({ at: escalatedAt })]);
    const history = [...unanswered, ...historyOfStep(unanswered, acknowledge())];
    const at = plus(T0, { hours: 2 });
    const events = historyOfStep(history, statusUpdate(at));

    expect(events.map((event) => event.type)).toEqual(['EscalationStatusUpdatePosted', 'FirstResponseGiven']);
    expect(events[1].data).toMatchObject({ via: 'escalation-status-update', at });
    const after = stateOf([...history, ...events]);
    expect(after).toMatchObject({ status: 'in-progress', firstResponseAt: at });
    expect(after.targets.firstResponse).toMatchObject({ state: 'met', metAt: at });
  });

  it("a CSM's status update is no engineer's reply: the response clock runs on", () => {
    const unanswered = historyOf([commands.openCase(), commands.escalate({ at: escalatedAt })]);
    const history = [...unanswered, ...historyOfStep(unanswered, acknowledge(actors.csm))];
    const events = historyOfStep(history, statusUpdate(plus(T0, { hours: 2 }), actors.csm));
    expect(events.map((event) => event.type)).toEqual(['EscalationStatusUpdatePosted']);
  });

  it('status updates come after the acknowledgement', () => {
    givenCase(escalated(), context())
      .when(statusUpdate(plus(T0, { hours: 2 })))
      .thenFails({ code: 'escalation-not-acknowledged', kind: 'conflict' });
  });

  it('each status update sets when the next one is due', () => {
    const at = plus(T0, { hours: 6 });
    givenCase(acknowledged(), context())
      .when(statusUpdate(at))
      .then([
        {
          type: 'EscalationStatusUpdatePosted',
          data: {
            caseId: 'case-1',
            at,
            by: 'eve@vendor.example',
            level: 1,
            body: 'Patch is being tested',
            nextStatusUpdateDueAt: plus(at, { days: 1 }),
          },
        },
      ]);
    givenCase(acknowledged(), context())
      .when(statusUpdate(at, actors.engineer, ''))
      .thenFails({
        code: 'text-length-out-of-range',
        field: 'body',
      });
  });

  it('de-escalation ends the escalation, with a reason', () => {
    const at = plus(T0, { hours: 8 });
    givenCase(acknowledged(), context())
      .when(deEscalate(at))
      .then([
        {
          type: 'CaseDeEscalated',
          data: { caseId: 'case-1', at, by: 'eve@vendor.example', level: 1, reason: 'Workaround in place' },
        },
      ]);
    givenCase(acknowledged(), context())
      .when(deEscalate(at, ' '))
      .thenFails({ code: 'text-length-out-of-range', field: 'reason' });
    const ended = [...acknowledged(), ...historyOfStep(acknowledged(), deEscalate(at))];
    expect(stateOf(ended).escalation).toMatchObject({
      status: 'de-escalated',
      endReason: 'Workaround in place',
    });
  });

  it('without an open escalation there is nothing to acknowledge, update or de-escalate', () => {
    const at = plus(T0, { hours: 2 });
    for (const command of [acknowledge(), statusUpdate(at), deEscalate(at)]) {
      givenCase(inProgressHistory(), context())
        .when(command)
        .thenFails({ code: 'case-not-escalated', kind: 'conflict' });
    }
  });

  describe('an escalation nobody acknowledged (finding N6: it could be ended unseen)', () => {
    it('is not de-escalated: the engineer is told to acknowledge it first, saying how they took it on, then de-escalate', () => {
      givenCase(escalated(), context())
        .when(deEscalate(plus(escalatedAt, { minutes: 10 }), 'Talked to the customer by phone'))
        .thenFails({
          code: 'escalation-not-acknowledged',
          kind: 'conflict',
          message:
            `The escalation (level 1) was never acknowledged (its acknowledgement is due by ` +
            `${plus(escalatedAt, { hours: 1 })}): acknowledge it first with ` +
            'POST /v1/cases/case-1/escalations/acknowledgement, its reason saying how you took it on (e.g. a call ' +
            'with the customer), then de-escalate it with a reason; the history and the escalations board then ' +
            'say who took it on before it ended',
        });
    });

    it('a level 2 whose acknowledgement is overdue neither: the refusal says it is overdue', () => {
      const raised = [
        ...escalated(),
        ...historyOfStep(escalated(), commands.escalate({ at: plus(escalatedAt, { minutes: 30 }) })),
      ];
      givenCase(raised, context())
        .when(deEscalate(plus(escalatedAt, { hours: 2 }), 'He is fine'))
        .thenFails({
          code: 'escalation-not-acknowledged',
          message: `The escalation (level 2) was never acknowledged (its acknowledgement is due by ${plus(escalatedAt, { hours: 1 })}, overdue)`,
        });
    });

    it('once acknowledged, it is de-escalated: the history says who took it on, then who ended it', () => {
      const at = plus(acknowledgedAt, { minutes: 1 });
      const [ended] = historyOfStep(acknowledged(), deEscalate(at, 'Talked to the customer by phone'));
      expect(ended).toMatchObject({ type: 'CaseDeEscalated', data: { level: 1, by: actors.engineer.email } });
    });
  });

  it('de-escalating a resolved case restarts its quiet period', () => {
    // An engineer's escalation: a customer's reopens the case (see the resolved case's Escalate).
    const escalatedResolved = [
      ...resolvedHistory(),
      ...historyOfStep(
        resolvedHistory(),
        commands.escalate({ actor: actors.engineer, at: plus(T0, { days: 2 }) }),
      ),
    ];
    const history = [
      ...escalatedResolved,
      ...historyOfStep(escalatedResolved, acknowledge(actors.engineer, plus(T0, { days: 2, minutes: 10 }))),
    ];
    const at = plus(T0, { days: 3 });
    const events = historyOfStep(history, deEscalate(at));
    expect(events.map((event) => event.type)).toEqual(['CaseDeEscalated', 'AutoClosePostponed']);
    expect(events[1].data).toMatchObject({ autoCloseAt: plus(at, { days: 7 }) });
  });
});

describe('case decider: resolved case with an open escalation (CloseCase)', () => {
  const resolvedAt = plus(T0, { hours: 6 });
  const closingAt = plus(T0, { hours: 7 });
  const resolve = commands.resolve({ at: resolvedAt });
  const close = (actor: CaseActor) => commands.close({ actor, at: closingAt });
  const escalatedThenResolved = () => [...escalated(), ...historyOfStep(escalated(), resolve)];
  const acknowledgedThenResolved = () => [...acknowledged(), ...historyOfStep(acknowledged(), resolve)];

  it('staff may not close it while the escalation awaits acknowledgement, nor once acknowledged: it is de-escalated with a reason first', () => {
    for (const history of [escalatedThenResolved(), acknowledgedThenResolved()]) {
      expect(stateOf(history).status).toBe('resolved');
      for (const actor of [actors.engineer, actors.csm]) {
        givenCase(history, context())
          .when(close(actor))
          .thenFails({
            code: 'escalation-open',
            kind: 'conflict',
            message: /level 1.*de-escalate it with a reason/,
          });
      }
    }
  });

  it("an engineer's escalation of the resolved case holds the closure back the same way, at its level", () => {
    const history = [
      ...resolvedHistory(),
      ...historyOfStep(
        resolvedHistory(),
        commands.escalate({ actor: actors.engineer, at: plus(T0, { days: 2 }) }),
      ),
    ];
    givenCase(history, context())
      .when({ type: 'CloseCase', caseId: 'case-1', actor: actors.otherEngineer, at: plus(T0, { days: 3 }) })
      .thenFails({ code: 'escalation-open', message: /level 1/ });
  });

  it('once de-escalated with a reason, staff may close it', () => {
    const ended = [
      ...acknowledgedThenResolved(),
      ...historyOfStep(acknowledgedThenResolved(), deEscalate(plus(T0, { hours: 6, minutes: 30 }))),
    ];
    const events = historyOfStep(ended, close(actors.engineer));
    expect(events.map((event) => event.type)).toEqual(['CaseClosed']);
    expect(stateOf([...ended, ...events]).escalation).toMatchObject({ endReason: 'Workaround in place' });
  });

  it("the customer's own closure confirms the resolution and withdraws the escalation: a de-escalation by the customer, with its reason, then the closure", () => {
    const history = escalatedThenResolved();
    givenCase(history, context())
      .when({ ...close(actors.alice), reason: 'Confirmed in production' })
      .then([
        {
          type: 'CaseDeEscalated',
          data: {
            caseId: 'case-1',
            at: closingAt,
            by: 'alice@acme.example',
            level: 1,
            reason: 'The customer closed the case, confirming the resolution',
            endedByClosure: true,
          },
        },
        {
          type: 'CaseClosed',
          data: {
            caseId: 'case-1',
            at: closingAt,
            by: 'alice@acme.example',
            automatic: false,
            reason: 'Confirmed in production',
          },
        },
      ]);
    const closed = [...history, ...historyOfStep(history, close(actors.alice))];
    expect(stateOf(closed)).toMatchObject({
      status: 'closed',
      escalation: {
        level: 1,
        status: 'de-escalated',
        endReason: 'The customer closed the case, confirming the resolution',
        endedAt: closingAt,
      },
    });
  });

  it('an acknowledged escalation, or one an engineer raised, ends the same way, at its level, by whichever licensed user closes', () => {
    const engineerRaised = [
      ...resolvedHistory(),
      ...historyOfStep(
        resolvedHistory(),
        commands.escalate({ actor: actors.engineer, at: plus(T0, { days: 2 }) }),
      ),
    ];
    for (const [history, at] of [
      [acknowledgedThenResolved(), closingAt],
      [engineerRaised, plus(T0, { days: 3 })],
    ] as const) {
      const events = historyOfStep(history, { ...close(actors.bob), at });
      expect(events.map((event) => [event.type, event.data.by])).toEqual([
        ['CaseDeEscalated', 'bob@acme.example'],
        ['CaseClosed', 'bob@acme.example'],
      ]);
      expect(events[0].data).toMatchObject({ level: 1, endedByClosure: true });
    }
  });

  it('a case-team member or a person the case is shared with, who may not escalate, may not end the escalation by closing the case: 403 naming who can', () => {
    for (const history of [escalatedThenResolved(), acknowledgedThenResolved()]) {
      for (const licensed of [false, undefined]) {
        givenCase(history, context({ actorIsLicensedUser: licensed }))
          .when(close(actors.bob))
          .thenFails({
            code: 'escalated-closure-not-allowed',
            kind: 'forbidden',
            message: /level 1.*licensed user.*alice@acme\.example.*de-escalate/,
          });
      }
    }
  });

  it('its opener, no longer a licensed user, is told why and who can end it instead, never to ask the person who opened it', () => {
    const held = { shareTickets: true, holderEmail: 'holder@acme.example' };
    for (const [permissions, why] of [
      [
        { ...held, licenceActiveUntil: '2024-06-01', registered: true },
        /licence expired \(active until 2024-06-01\).*renewed/,
      ],
      [
        { ...held, licenceActiveUntil: '2030-12-31', registered: false, removed: true },
        /were removed.*holder@acme\.example/,
      ],
      [
        { ...held, licenceActiveUntil: '2030-12-31', registered: false },
        /not a registered user.*holder@acme\.example/,
      ],
    ] as const) {
      const refused = givenCase(
        escalatedThenResolved(),
        context({ actorIsLicensedUser: false, actorLicencePermissions: permissions }),
      ).when(close(actors.alice));
      refused.thenFails({ code: 'escalated-closure-not-allowed', kind: 'forbidden', message: why });
      // Before: "Ask the person who opened it (alice@acme.example) … to close it", to alice herself.
      refused.thenFails({
        code: 'escalated-closure-not-allowed',
        kind: 'forbidden',
        message: /^(?![\s\S]*person who opened it)[\s\S]*You opened it[\s\S]*de-escalate/,
      });
    }
  });

  it('once support has de-escalated it, anyone who may close the case closes it, licensed or not; nothing more ends', () => {
    const ended = [
      ...acknowledgedThenResolved(),
      ...historyOfStep(acknowledgedThenResolved(), deEscalate(plus(T0, { hours: 6, minutes: 30 }))),
    ];
    givenCase(ended, context({ actorIsLicensedUser: false }))
      .when(close(actors.bob))
      .then([
        {
          type: 'CaseClosed',
          data: { caseId: 'case-1', at: closingAt, by: 'bob@acme.example', automatic: false },
        },
      ]);
  });

  it('without an escalation, who may close the case is as before: the licence is not asked', () => {
    givenCase(resolvedHistory(), context({ actorIsLicensedUser: false }))
      .when(commands.close({ actor: actors.bob }))
      .then([
        {
          type: 'CaseClosed',
          data: { caseId: 'case-1', at: plus(T0, { days: 2 }), by: 'bob@acme.example', automatic: false },
        },
      ]);
  });

  it('closures recorded before, which ended the escalation without a de-escalation, still fold as they did', () => {
    const earlierClosure: CaseEvent = {
      type: 'CaseClosed',
      data: { caseId: 'case-1', at: closingAt, by: 'eve@vendor.example', automatic: false },
    };
    expect(stateOf([...escalatedThenResolved(), earlierClosure])).toMatchObject({
      status: 'closed',
      escalation: { level: 1, status: 'de-escalated', endReason: 'case closed', endedAt: closingAt },
    });
  });
});

describe('case decider: case with an open escalation (RedirectCase)', () => {
  const redirectingAt = plus(T0, { hours: 3 });
  const redirect = commands.redirect({ at: redirectingAt });

  it('an engineer may not redirect it out of support scope while the escalation awaits acknowledgement or is acknowledged, resolved or not: it is de-escalated with a reason first', () => {
    const resolve = commands.resolve({ at: plus(T0, { hours: 2 }) });
    for (const history of [
      escalated(),
      acknowledged(),
      [...escalated(), ...historyOfStep(escalated(), resolve)],
      [...acknowledged(), ...historyOfStep(acknowledged(), resolve)],
    ]) {
      givenCase(history, context())
        .when(redirect)
        .thenFails({
          code: 'escalation-open',
          kind: 'conflict',
          message: /level 1.*de-escalate it with a reason before redirecting the case/,
        });
    }
  });

  it('once de-escalated with a reason, the engineer redirects it', () => {
    const ended = [...acknowledged(), ...historyOfStep(acknowledged(), deEscalate(plus(T0, { hours: 2 })))];
    const events = historyOfStep(ended, redirect);
    expect(events.map((event) => event.type)).toEqual(['CaseRedirected']);
    expect(stateOf([...ended, ...events])).toMatchObject({
      status: 'redirected',
      escalation: { status: 'de-escalated', endReason: 'Workaround in place' },
    });
  });

  it('redirections recorded before, which ended the escalation without a de-escalation, still fold as they did', () => {
    const redirected = historyOfStep(inProgressHistory(), redirect).find(
      (event) => event.type === 'CaseRedirected',
    )!;
    expect(stateOf([...escalated(), redirected])).toMatchObject({
      status: 'redirected',
      escalation: { level: 1, status: 'de-escalated', endReason: 'case redirected', endedAt: redirectingAt },
    });
  });
});
