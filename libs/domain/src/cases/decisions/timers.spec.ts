import { fold } from '../../shared/decider';
import { caseDecider } from '../case-decider';
import { caseTimers, commandForTimer } from '../case-timers';
import type {
  CaseCommand,
  RecordEscalationOverdue,
  RecordSlaTargetAtRisk,
  RecordSlaTargetBreach,
} from '../commands';
import type { CaseEvent, EscalationAcknowledgementOverdue, EscalationStatusUpdateOverdue } from '../events';
import type { OpenedCase } from '../state';
import { givenCase } from '../testing/given-when-then';
import {
  actors,
  commands,
  context,
  historyOf,
  inProgressHistory,
  openedHistory,
  plus,
  T0,
} from '../testing/case-fixtures';

const stateOf = (events: CaseEvent[]) => fold(caseDecider, events) as OpenedCase;
const responseDue = '2024-06-04T09:00:00.000Z'; // severity 3: one business day after T0
const responseAtRisk = '2024-06-04T03:00:00.000Z'; // 75% of the way

const atRisk = (overrides: Partial<RecordSlaTargetAtRisk> = {}): RecordSlaTargetAtRisk => ({
  type: 'RecordSlaTargetAtRisk',
  caseId: 'case-1',
  actor: actors.system,
  at: responseAtRisk,
  target: 'first-response',
  dueAt: responseDue,
  ...overrides,
});
const breach = (overrides: Partial<RecordSlaTargetBreach> = {}): RecordSlaTargetBreach => ({
  type: 'RecordSlaTargetBreach',
  caseId: 'case-1',
  actor: actors.system,
  at: responseDue,
  target: 'first-response',
  dueAt: responseDue,
  ...overrides,
});
const overdue = (overrides: Partial<RecordEscalationOverdue>): RecordEscalationOverdue => ({
  type: 'RecordEscalationOverdue',
  caseId: 'case-1',
  actor: actors.system,
  at: T0,
  what: 'acknowledgement',
  dueAt: T0,
  ...overrides,
});
const after = (history: CaseEvent[], command: CaseCommand) => [
  ...history,
  ...givenCase(history, context()).when(command).events(),
];
const hoursBetween = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 3_600_000;

type OverdueAlert = EscalationAcknowledgementOverdue | EscalationStatusUpdateOverdue;

/** The reminders recorded until `until`, each when its timer fires, as the SLA process manager would. */
function remindersUntil(history: CaseEvent[], until: string): OverdueAlert[] {
  let events: CaseEvent[] = history;
  const reminders: OverdueAlert[] = [];
  for (;;) {
    const timer = caseTimers(stateOf(events)).find((next) => next.kind.endsWith('-reminder'));
    if (!timer || timer.fireAt > until) return reminders;
    const recorded = givenCase(events, context())
      .when(commandForTimer('case-1', timer, timer.fireAt))
      .events();
    reminders.push(...(recorded as OverdueAlert[]));
    events = [...events, ...recorded];
  }
}

describe('case decider: SLA timers on a running target', () => {
  it('the at-risk warning is recorded when 75% of the goal has elapsed', () => {
    givenCase(openedHistory(), context())
      .when(atRisk())
      .then([
        {
          type: 'SlaTargetAtRisk',
          data: {
            caseId: 'case-1',
            at: responseAtRisk,
            by: 'system:sla-timers',
            target: 'first-response',
            dueAt: responseDue,
            atRiskAt: responseAtRisk,
          },
        },
      ]);
    expect(stateOf(after(openedHistory(), atRisk())).targets.firstResponse.atRiskRaisedAt).toBe(
      responseAtRisk,
    );
  });

  it('the warning is recorded once', () => {
    givenCase(after(openedHistory(), atRisk()), context())
      .when(atRisk({ at: plus(responseAtRisk, { minutes: 1 }) }))
      .thenNothing();
  });

  it('an early at-risk timer records nothing', () => {
    givenCase(openedHistory(), context())
      .when(atRisk({ at: plus(responseAtRisk, { minutes: -1 }) }))
      .thenNothing();
  });

  it('a target that passes unmet is a breach, recorded when it happens', () => {
    givenCase(openedHistory(), context())
      .when(breach())
      .then([
        {
          type: 'SlaTargetBreached',
          data: {
            caseId: 'case-1',
            at: responseDue,
            by: 'system:sla-timers',
            target: 'first-response',
            dueAt: responseDue,
          },
        },
      ]);
    expect(stateOf(after(openedHistory(), breach())).targets.firstResponse).toMatchObject({
      state: 'breached',
      breachedAt: responseDue,
    });
  });

  it('a second breach record for the same target and due time yields no event', () => {
    givenCase(after(openedHistory(), breach()), context())
      .when(breach({ at: plus(responseDue, { minutes: 5 }) }))
      .thenNothing();
  });

  it('a breach timer that fires before the due time yields no event', () => {
    givenCase(openedHistory(), context())
      .when(breach({ at: plus(responseDue, { minutes: -1 }) }))
      .thenNothing();
  });

  it('only the timers record at-risk warnings and breaches', () => {
    givenCase(openedHistory(), context())
      .when(breach({ actor: actors.engineer }))
      .thenFails({ code: 'system-only', kind: 'forbidden' });
    givenCase(openedHistory(), context())
      .when(atRisk({ actor: actors.alice }))
      .thenFails({ code: 'system-only' });
  });

  it('the target kind and due time must be well formed', () => {
    givenCase(openedHistory(), context())
      .when(breach({ target: 'lunch' as never }))
      .thenFails({ code: 'invalid-value', field: 'target' });
    givenCase(openedHistory(), context())
      .when(breach({ dueAt: 'tomorrow' }))
      .thenFails({ code: 'invalid-value', field: 'dueAt' });
  });
});

describe('case decider: stale SLA timers', () => {
  it('a target met since yields no event (at risk or breach)', () => {
    givenCase(inProgressHistory(), context()).when(breach()).thenNothing();
    givenCase(inProgressHistory(), context()).when(atRisk()).thenNothing();
  });

  it('a target recomputed since (severity change) yields no event for its old due time', () => {
    const upgraded = after(openedHistory(), commands.changeSeverity({ at: plus(T0, { hours: 2 }) }));
    const resolutionDue = '2024-07-02T09:00:00.000Z';
    givenCase(upgraded, context())
      .when(breach({ target: 'resolution', dueAt: resolutionDue, at: resolutionDue }))
      .thenNothing();
    const newDue = stateOf(upgraded).targets.firstResponse.dueAt;
    expect(
      givenCase(upgraded, context())
        .when(breach({ dueAt: newDue, at: newDue }))
        .events(),
    ).toHaveLength(1);
  });

  it('a paused target yields no event (the case awaits the customer)', () => {
    const awaiting = after(inProgressHistory(), {
      type: 'RequestInformation',
      caseId: 'case-1',
      actor: actors.engineer,
      at: plus(T0, { hours: 1 }),
    });
    const resolutionDue = '2024-07-02T09:00:00.000Z';
    givenCase(awaiting, context())
      .when(breach({ target: 'resolution', dueAt: resolutionDue, at: resolutionDue }))
      .thenNothing();
  });

  it('a redirected case records no breaches', () => {
    const redirected = after(openedHistory(), {
      type: 'RedirectCase',
      caseId: 'case-1',
      actor: actors.engineer,
      at: plus(T0, { hours: 1 }),
      to: 'account-manager',
      referral: 'Licensing questions go to your account manager',
    });
    const resolutionDue = '2024-07-02T09:00:00.000Z';
    givenCase(redirected, context())
      .when(breach({ target: 'resolution', dueAt: resolutionDue, at: resolutionDue }))
      .thenNothing();
  });
});

describe('case decider: escalation timers', () => {
  const escalatedAt = plus(T0, { hours: 1 });
  const ackDue = plus(escalatedAt, { hours: 1 });
  const escalated = () =>
    historyOf([commands.openCase(), commands.comment(), commands.escalate({ at: escalatedAt })]);
  const acknowledgedAt = plus(T0, { hours: 1, minutes: 30 });
  const updateDue = plus(acknowledgedAt, { days: 1 });
  const acknowledged = () =>
    after(escalated(), {
      type: 'AcknowledgeEscalation',
      caseId: 'case-1',
      actor: actors.engineer,
      at: acknowledgedAt,
    });

  it('an escalation not acknowledged in time is recorded as overdue, once', () => {
    const timer = overdue({ what: 'acknowledgement', dueAt: ackDue, at: ackDue });
    givenCase(escalated(), context())
      .when(timer)
      .then([
        {
          type: 'EscalationAcknowledgementOverdue',
          data: {
            caseId: 'case-1',
            at: ackDue,
            by: 'system:sla-timers',
            level: 1,
            dueAt: ackDue,
            nextReminderAt: plus(ackDue, { hours: 1 }),
          },
        },
      ]);
    givenCase(after(escalated(), timer), context()).when(timer).thenNothing();
  });

  it('an acknowledgement timer is stale once acknowledged, or before its due time', () => {
    givenCase(acknowledged(), context())
      .when(overdue({ what: 'acknowledgement', dueAt: ackDue, at: ackDue }))
      .thenNothing();
    givenCase(escalated(), context())
      .when(overdue({ what: 'acknowledgement', dueAt: ackDue, at: plus(ackDue, { minutes: -1 }) }))
      .thenNothing();
  });

  it('a missed status update is recorded as overdue, once per due time', () => {
    const timer = overdue({ what: 'status-update', dueAt: updateDue, at: updateDue });
    givenCase(acknowledged(), context())
      .when(timer)
      .then([
        {
          type: 'EscalationStatusUpdateOverdue',
          data: {
            caseId: 'case-1',
            at: updateDue,
            by: 'system:sla-timers',
            level: 1,
            dueAt: updateDue,
            nextReminderAt: plus(updateDue, { days: 1 }),
          },
        },
      ]);
    givenCase(after(acknowledged(), timer), context()).when(timer).thenNothing();
  });

  describe('while the acknowledgement or update stays missing', () => {
    const ackAlert = overdue({ what: 'acknowledgement', dueAt: ackDue, at: ackDue });
    const ackReminder = (reminderAt: string, at = reminderAt) =>
      overdue({ what: 'acknowledgement', dueAt: ackDue, reminderAt, at });
    const updateAlert = overdue({ what: 'status-update', dueAt: updateDue, at: updateDue });
    const updateReminder = (reminderAt: string, at = reminderAt) =>
      overdue({ what: 'status-update', dueAt: updateDue, reminderAt, at });

    it('given the overdue acknowledgement was alerted, when an acknowledgement window has passed, then a reminder is recorded, once, naming the next', () => {
      const alerted = after(escalated(), ackAlert);
      const reminderAt = plus(ackDue, { hours: 1 });
      givenCase(alerted, context())
        .when(ackReminder(reminderAt))
        .then([
          {
            type: 'EscalationAcknowledgementOverdue',
            data: {
              caseId: 'case-1',
              at: reminderAt,
              by: 'system:sla-timers',
              level: 1,
              dueAt: ackDue,
              reminder: 1,
              // Backing off: two windows after the first reminder, not one.
              nextReminderAt: plus(ackDue, { hours: 3 }),
            },
          },
        ]);
      const reminded = after(alerted, ackReminder(reminderAt));
      givenCase(reminded, context()).when(ackReminder(reminderAt)).thenNothing();
      givenCase(reminded, context())
        .when(ackReminder(plus(ackDue, { hours: 3 })))
        .then([expect.objectContaining({ data: expect.objectContaining({ reminder: 2 }) })]);
    });

    it('a reminder timer fired early, or for a slot not owed, records nothing', () => {
      const alerted = after(escalated(), ackAlert);
      givenCase(alerted, context())
        .when(ackReminder(plus(ackDue, { hours: 1 }), plus(ackDue, { minutes: 59 })))
        .thenNothing();
      givenCase(alerted, context())
        .when(ackReminder(plus(ackDue, { hours: 2 })))
        .thenNothing();
      givenCase(escalated(), context())
        .when(ackReminder(plus(ackDue, { hours: 1 })))
        .thenNothing();
    });

    it('given the alert was recorded late (the timers were stopped), then the next reminder is at the next slot of the due time after it, not a burst of the missed ones', () => {
      const late = overdue({
        what: 'acknowledgement',
        dueAt: ackDue,
        at: plus(ackDue, { hours: 3, minutes: 10 }),
      });
      const [alert] = givenCase(escalated(), context()).when(late).events();
      // The slots of the due time are 1, 3, 7, 15… hours after it.
      expect(alert.data).toMatchObject({ nextReminderAt: plus(ackDue, { hours: 7 }) });
    });

    it('given a reminder caught up after downtime seconds before the next slot, then it stands for that slot: the next is the slot after, and a timer for the skipped slot records nothing', () => {
      const reminded = after(after(escalated(), ackAlert), ackReminder(plus(ackDue, { hours: 1 })));
      const caughtUpAt = new Date(Date.parse(plus(ackDue, { hours: 7 })) - 6_000).toISOString();
      const caughtUp = ackReminder(plus(ackDue, { hours: 3 }), caughtUpAt);
      const [reminder] = givenCase(reminded, context()).when(caughtUp).events();
      expect(reminder.data).toMatchObject({ reminder: 2, nextReminderAt: plus(ackDue, { hours: 15 }) });
      givenCase(after(reminded, caughtUp), context())
        .when(ackReminder(plus(ackDue, { hours: 7 })))
        .thenNothing();
    });

    it('given the overdue acknowledgement was alerted, when nobody acts, then reminders back off: 1, 2, 4, 8 and 16 hours apart, then every 24 hours, numbered on', () => {
      const reminders = remindersUntil(after(escalated(), ackAlert), plus(ackDue, { days: 5 }));
      expect(reminders.map(({ data }) => hoursBetween(ackDue, data.at))).toEqual([
        1, 3, 7, 15, 31, 55, 79, 103,
      ]);
      expect(reminders.map(({ data }) => data.reminder)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
      expect(reminders.every(({ type }) => type === 'EscalationAcknowledgementOverdue')).toBe(true);
    });

    it('given a missed business-day status update was alerted, when nobody acts, then reminders stay one business day apart: a business day is the cap', () => {
      const reminders = remindersUntil(after(acknowledged(), updateAlert), plus(updateDue, { days: 7 }));
      // updateDue is a Tuesday: the weekend is skipped on the calendar, as before.
      expect(reminders.map(({ data }) => data.at)).toEqual(
        [1, 2, 3, 6, 7].map((days) => plus(updateDue, { days })),
      );
    });

    it('given reminders backed off to a day apart, when someone acts and a new due time is missed, then its reminders start again one period after it', () => {
      const alerted = after(escalated(), ackAlert);
      const reminders = remindersUntil(alerted, plus(ackDue, { days: 3 }));
      expect(hoursBetween(reminders[4].data.at, reminders[5].data.at)).toBe(24);
      const actedAt = plus(ackDue, { days: 3 });
      const actions: CaseCommand[] = [
        { type: 'AcknowledgeEscalation', caseId: 'case-1', actor: actors.engineer, at: actedAt },
        { type: 'DeEscalate', caseId: 'case-1', actor: actors.engineer, at: actedAt, reason: 'Handled' },
        commands.escalate({ at: plus(actedAt, { hours: 1 }) }),
      ];
      const history = actions.reduce(after, [...alerted, ...reminders]);
      const newDue = plus(actedAt, { hours: 2 });
      const [alert] = givenCase(history, context())
        .when(overdue({ what: 'acknowledgement', dueAt: newDue, at: newDue }))
        .events();
      expect(alert.data).toMatchObject({ dueAt: newDue, nextReminderAt: plus(newDue, { hours: 1 }) });
      expect(alert.data).not.toHaveProperty('reminder');
    });

    it('given a missed status update was alerted, then a reminder is owed each cadence period (a business day for severity 3) until an update is posted', () => {
      const alerted = after(acknowledged(), updateAlert);
      const firstReminder = plus(updateDue, { days: 1 });
      expect(caseTimers(stateOf(alerted))).toContainEqual({
        kind: 'escalation-status-update-reminder',
        dueAt: firstReminder,
        overdueSince: updateDue,
        fireAt: firstReminder,
      });
      const [reminder] = givenCase(alerted, context()).when(updateReminder(firstReminder)).events();
      expect(reminder).toMatchObject({
        type: 'EscalationStatusUpdateOverdue',
        data: { dueAt: updateDue, reminder: 1, nextReminderAt: plus(updateDue, { days: 2 }) },
      });

      const updated = after(alerted, {
        type: 'PostEscalationStatusUpdate',
        caseId: 'case-1',
        actor: actors.engineer,
        at: plus(updateDue, { hours: 2 }),
        body: 'Back on it',
      });
      givenCase(updated, context()).when(updateReminder(firstReminder)).thenNothing();
      expect(caseTimers(stateOf(updated)).map((timer) => timer.kind)).not.toContain(
        'escalation-status-update-reminder',
      );
    });

    it('alerts recorded before reminders existed are followed by none', () => {
      const legacy: CaseEvent = {
        type: 'EscalationAcknowledgementOverdue',
        data: { caseId: 'case-1', at: ackDue, by: 'system:sla-timers', level: 1, dueAt: ackDue },
      };
      const history = [...escalated(), legacy];
      expect(caseTimers(stateOf(history)).map((timer) => timer.kind)).not.toContain(
        'escalation-acknowledgement-reminder',
      );
      givenCase(history, context()).when(ackAlert).thenNothing();
    });
  });

  it('a status-update timer is stale once an update moved the due time, or after de-escalation', () => {
    const updated = after(acknowledged(), {
      type: 'PostEscalationStatusUpdate',
      caseId: 'case-1',
      actor: actors.csm,
      at: plus(T0, { hours: 5 }),
      body: 'Fix deployed to staging',
    });
    givenCase(updated, context())
      .when(overdue({ what: 'status-update', dueAt: updateDue, at: updateDue }))
      .thenNothing();
    const ended = after(acknowledged(), {
      type: 'DeEscalate',
      caseId: 'case-1',
      actor: actors.engineer,
      at: plus(T0, { hours: 5 }),
      reason: 'Resolved the launch blocker',
    });
    givenCase(ended, context())
      .when(overdue({ what: 'status-update', dueAt: updateDue, at: updateDue }))
      .thenNothing();
  });
});
