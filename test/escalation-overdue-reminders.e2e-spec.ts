import { formatInstant } from '../apps/api/src/notifications/templates/format-instant';
import { SlaTimerFirer } from '../apps/api/src/sla-timers/sla-timer-firer';
import { CASES, type CaseDocument } from '@casetrail/readmodels/cases/cases.projection';
import { slaTimerDocuments } from '@casetrail/readmodels/sla-timers/sla-timer-schedule';
import { runDueTimers, later } from './support/due-timers';
import { mailsSentBy } from './support/notifications/delivery-probe';
import { useMailedWorld } from './support/notifications/mailed-world';
import { PEOPLE, type NotificationWorld } from './support/notifications/notification-world';
import type { TestSmtpServer } from './support/notifications/test-smtp-server';
import type { TestApp } from './support/test-app';

const SECOND = 1000;
const HOUR = 3_600 * SECOND;
/**
 * An escalation left without its status updates (or its acknowledgement) is alerted again while it
 * stays so, not once: before, a severity-1 escalation abandoned for two days raised one alert at the
 * first due time and nothing after, and the board's `overdueRecorded` stayed 1. The reminders back
 * off (one period, then doubling intervals up to a day) rather than repeating each period: an
 * unacknowledged escalation mailed everyone every hour for as long as nobody acted.
 */
describe('escalation overdue reminders', () => {
  let t: TestApp;
  let smtp: TestSmtpServer;
  let world: NotificationWorld;
  useMailedWorld('mission-critical', (setting) => ({ t, smtp, world } = setting));

  const overdueEvents = async (caseId: string, type = 'EscalationStatusUpdateOverdue') =>
    (
      (await world.read('engineer', `/v1/cases/${caseId}/history`)).events as { type: string; data: any }[]
    ).filter((event) => event.type === type);
  /** The CSM's mails once the clock reaches `at` (the app's own scheduler may fire first) and a round has run. */
  const mailsToCsmAt = (at: string, rounds = 1) =>
    mailsSentBy(
      t.runtime.storage,
      smtp,
      async () => {
        t.clock.set(at);
        for (let round = 0; round < rounds; round++) await runDueTimers(t);
      },
      PEOPLE.csm.email,
    );

  it('records, shows and mails a missed status update again while none is posted (a business day later for severity 2), once each', async () => {
    const caseId = await world.openCase('Checkout down for the EU shop');
    await world.call('opener', 'POST', `/v1/cases/${caseId}/escalations`, {
      reason: 'production-impact',
      details: 'All EU checkouts failing',
    });
    await world.call('engineer', 'POST', `/v1/cases/${caseId}/escalations/acknowledgement`, {});
    const { nextStatusUpdateDueAt } = (await world.read('engineer', `/v1/cases/${caseId}`)).escalation;

    const first = await mailsToCsmAt(later(nextStatusUpdateDueAt, SECOND));
    const [alert] = await overdueEvents(caseId);
    const reminderAt: string = alert.data.nextReminderAt;
    expect(Date.parse(reminderAt)).toBeGreaterThan(Date.parse(nextStatusUpdateDueAt));

    const reminded = await mailsToCsmAt(later(reminderAt, SECOND), 2);

    // Only the escalation's alerts: the case's SLA targets come due on the way too.
    const escalationAlerts = (mails: { subject: string }[]) =>
      mails.map((mail) => mail.subject).filter((subject) => subject.includes('Escalation'));
    expect(escalationAlerts(first)).toEqual([
      expect.stringMatching(/Escalation status update overdue \(level 1\)$/),
    ]);
    // A reminder says it is one, so it does not read as the first alert sent twice.
    expect(escalationAlerts(reminded)).toEqual([
      expect.stringMatching(/Escalation status update still overdue \(level 1, reminder 1\)$/),
    ]);
    expect((await overdueEvents(caseId)).map((event) => event.data)).toEqual([
      expect.objectContaining({ dueAt: nextStatusUpdateDueAt, nextReminderAt: reminderAt }),
      expect.objectContaining({
        dueAt: nextStatusUpdateDueAt,
        reminder: 1,
        nextReminderAt: expect.any(String),
      }),
    ]);
    const board = await world.read('engineer', '/v1/escalations?state=overdue');
    expect(board.items.filter((entry: { caseId: string }) => entry.caseId === caseId)).toEqual([
      expect.objectContaining({ overdue: true, overdueRecorded: 2, nextStatusUpdateDueAt }),
    ]);
  });

  it('mails the missed status update to the engineer who acknowledged the unassigned escalation, and its reminder, once a colleague took the case, to that colleague instead, naming the one who owes it to all (finding U4)', async () => {
    const caseId = await world.openCase('Reports export stuck');
    await world.call('opener', 'POST', `/v1/cases/${caseId}/escalations`, {
      reason: 'production-impact',
      details: 'Month-end reports cannot be exported',
    });
    await world.call('engineer', 'POST', `/v1/cases/${caseId}/escalations/acknowledgement`, {});
    const detail = await world.read('engineer', `/v1/cases/${caseId}`);
    expect(detail.assignee).toBeNull();
    const { nextStatusUpdateDueAt } = detail.escalation;
    const alertsAt = async (at: string, rounds: number) =>
      (
        await mailsSentBy(t.runtime.storage, smtp, async () => {
          t.clock.set(at);
          for (let round = 0; round < rounds; round++) await runDueTimers(t);
        })
      ).filter((mail) => mail.subject.includes('Reports export stuck: Escalation status update'));

    const alert = await alertsAt(later(nextStatusUpdateDueAt, SECOND), 1);
    const [{ data }] = await overdueEvents(caseId);
    // Finding U4: Dan takes the case over; the updates are his to post now, and Eve is not chased.
    const dan = { email: 'dan@vendor.example', roles: ['engineer' as const], name: 'Dan Engineer' };
    const taken = await t.app.inject({
      method: 'POST',
      url: `/v1/cases/${caseId}/assignment`,
      headers: { authorization: `Bearer ${await t.token(dan.email, [...dan.roles], dan.name)}` },
      payload: { engineer: dan.email, reason: 'taking over' },
    });
    expect(taken.statusCode).toBe(200);
    const reminder = await alertsAt(later(data.nextReminderAt, SECOND), 2);

    const toEve = alert.filter((mail) => mail.envelopeTo.includes(PEOPLE.engineer.email));
    expect(toEve).toHaveLength(1);
    expect(toEve[0].text).toContain(
      'because you acknowledged its escalation or posted its last status update, and so owe its status updates while the case is assigned to nobody',
    );
    // Every copy (the CSM's, the support list's) says whose update is missing.
    expect(alert.length).toBeGreaterThan(1);
    for (const mail of alert) {
      expect(mail.text).toContain(`Owed by: ${PEOPLE.engineer.email} (acknowledged the escalation)\n`);
    }
    expect(reminder.filter((mail) => mail.envelopeTo.includes(PEOPLE.engineer.email))).toEqual([]);
    expect(reminder.filter((mail) => mail.envelopeTo.includes(dan.email))).toHaveLength(1);
    expect(reminder.length).toBeGreaterThan(1);
    for (const mail of reminder) {
      expect(mail.text).toContain(`Owed by: ${dan.email} (assigned to the case)\n`);
    }
  });

  it('a reminder timer fired again (a retry after a crash, a second scheduler) records and mails nothing more', async () => {
    const caseId = await world.openCase('Search index stale');
    await world.call('opener', 'POST', `/v1/cases/${caseId}/escalations`, {
      reason: 'production-impact',
      details: 'Search returns nothing',
    });
    await world.call('engineer', 'POST', `/v1/cases/${caseId}/escalations/acknowledgement`, {});
    const { nextStatusUpdateDueAt } = (await world.read('engineer', `/v1/cases/${caseId}`)).escalation;
    t.clock.set(later(nextStatusUpdateDueAt, SECOND));
    await runDueTimers(t);
    const row = await t.runtime.storage.readModels.get<CaseDocument>(CASES, caseId);
    const reminder = slaTimerDocuments(row!).find(
      (timer) => timer.kind === 'escalation-status-update-reminder',
    );
    expect(reminder).toBeDefined();
    t.clock.set(later(reminder!.fireAt, SECOND));
    await runDueTimers(t);

    const again = await mailsSentBy(
      t.runtime.storage,
      smtp,
      () => t.app.get(SlaTimerFirer).fire(reminder!, later(reminder!.fireAt, 2 * SECOND)),
      PEOPLE.csm.email,
    );

    expect(again).toEqual([]);
    expect(await overdueEvents(caseId)).toHaveLength(2);
  });

  it('reminds an escalation nobody acknowledges 1, 2 and 4 hours apart, not every hour, each mail naming the next reminder', async () => {
    const caseId = await world.openCase('Payments API timing out');
    await world.call('opener', 'POST', `/v1/cases/${caseId}/escalations`, {
      reason: 'production-impact',
      details: 'Payments time out for every customer',
    });
    const { acknowledgementDueAt } = (await world.read('engineer', `/v1/cases/${caseId}`)).escalation;
    const hoursOverdue = (hours: number) => later(acknowledgementDueAt, hours * HOUR + SECOND);
    const escalationAlerts = (mails: { subject: string; text: string }[]) =>
      mails.filter((mail) => mail.subject.includes('Escalation'));

    const alert = escalationAlerts(await mailsToCsmAt(hoursOverdue(0)));
    const firstReminder = escalationAlerts(await mailsToCsmAt(hoursOverdue(1), 2));
    const anHourLater = escalationAlerts(await mailsToCsmAt(hoursOverdue(2), 2));
    const secondReminder = escalationAlerts(await mailsToCsmAt(hoursOverdue(3), 2));
    const threeHoursLater = escalationAlerts(await mailsToCsmAt(hoursOverdue(6), 2));
    const thirdReminder = escalationAlerts(await mailsToCsmAt(hoursOverdue(7), 2));

    expect([alert, firstReminder, secondReminder, thirdReminder].map((mails) => mails.length)).toEqual([
      1, 1, 1, 1,
    ]);
    expect([...anHourLater, ...threeHoursLater]).toEqual([]);
    expect(thirdReminder[0].subject).toMatch(
      /Escalation still not acknowledged in time \(level 1, reminder 3\)$/,
    );
    const dueAtHours = (instant: string) => (Date.parse(instant) - Date.parse(acknowledgementDueAt)) / HOUR;
    const recorded = await overdueEvents(caseId, 'EscalationAcknowledgementOverdue');
    expect(recorded.map((event) => [event.data.reminder, dueAtHours(event.data.nextReminderAt)])).toEqual([
      [undefined, 1],
      [1, 3],
      [2, 7],
      [3, 15],
    ]);
    // The mail says when the next one comes, as recorded (the CSM has no time zone: UTC).
    expect(thirdReminder[0].text).toContain(
      `Next reminder: ${formatInstant(later(acknowledgementDueAt, 15 * HOUR))}`,
    );
  });

  it('after downtime, a reminder caught up seconds before the next slot is the one reminder: that slot is skipped, not mailed seconds later', async () => {
    const caseId = await world.openCase('Invoices not generated');
    await world.call('opener', 'POST', `/v1/cases/${caseId}/escalations`, {
      reason: 'business-operations-risk',
      details: 'No invoice went out today',
    });
    const { acknowledgementDueAt } = (await world.read('engineer', `/v1/cases/${caseId}`)).escalation;
    const overdueBy = (ms: number) => later(acknowledgementDueAt, ms);
    // This case's alone: the earlier tests' escalations are still reminded meanwhile.
    const escalationAlerts = (mails: { subject: string }[]) =>
      mails.filter((mail) => mail.subject.includes('Invoices not generated: Escalation'));

    await mailsToCsmAt(overdueBy(SECOND));
    await mailsToCsmAt(overdueBy(HOUR + SECOND), 2);
    // The timers stop after the first reminder and start again 5 seconds before the 7-hour slot:
    // the 3-hour reminder is caught up then.
    const caughtUp = escalationAlerts(await mailsToCsmAt(overdueBy(7 * HOUR - 5 * SECOND), 2));
    const atTheSlot = escalationAlerts(await mailsToCsmAt(overdueBy(7 * HOUR + SECOND), 2));
    const nextSlot = escalationAlerts(await mailsToCsmAt(overdueBy(15 * HOUR + SECOND), 2));

    expect([caughtUp.length, atTheSlot.length, nextSlot.length]).toEqual([1, 0, 1]);
    const dueAtHours = (instant: string) => (Date.parse(instant) - Date.parse(acknowledgementDueAt)) / HOUR;
    const recorded = await overdueEvents(caseId, 'EscalationAcknowledgementOverdue');
    expect(recorded.map((event) => [event.data.reminder, dueAtHours(event.data.nextReminderAt)])).toEqual([
      [undefined, 1],
      [1, 3],
      [2, 15],
      [3, 31],
    ]);
  });
});
