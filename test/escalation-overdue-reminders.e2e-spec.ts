import { SlaTimerFirer } from '../apps/api/src/sla-timers/sla-timer-firer';
import { CASES, type CaseDocument } from '@casetrail/readmodels/cases/cases.projection';
import { slaTimerDocuments } from '@casetrail/readmodels/sla-timers/sla-timer-schedule';
import { runDueTimers } from './support/due-timers';
import { mailsSentBy } from './support/notifications/delivery-probe';
import { useMailedWorld } from './support/notifications/mailed-world';
import { PEOPLE, type NotificationWorld } from './support/notifications/notification-world';
import type { TestSmtpServer } from './support/notifications/test-smtp-server';
import type { TestApp } from './support/test-app';

const SECOND = 1000;
const later = (instant: string, ms: number) => new Date(Date.parse(instant) + ms).toISOString();

/**
 * An escalation left without its status updates (or its acknowledgement) is alerted again each
 * period while it stays so, not once: before, a severity-1 escalation abandoned for two days raised
 * one alert at the first due time and nothing after, and the board's `overdueRecorded` stayed 1.
 */
describe('escalation overdue reminders', () => {
  let t: TestApp;
  let smtp: TestSmtpServer;
  let world: NotificationWorld;
  useMailedWorld('mission-critical', (setting) => ({ t, smtp, world } = setting));

  const overdueEvents = async (caseId: string) =>
    (
      (await world.read('engineer', `/v1/cases/${caseId}/history`)).events as { type: string; data: any }[]
    ).filter((event) => event.type === 'EscalationStatusUpdateOverdue');
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

  it('records, shows and mails a missed status update again each cadence period while none is posted, once each', async () => {
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
});
