import { ProjectionRunner } from '@casetrail/readmodels';
import {
  NOTIFICATION_DELIVERIES,
  type DeliveryRecord,
} from '../apps/api/src/notifications/delivery/delivery-record';
import { runDueTimers, later } from './support/due-timers';
import { appendLegacyAssignment } from './support/notifications/legacy-assignment';
import { mailsSentBy } from './support/notifications/delivery-probe';
import { useMailedWorld } from './support/notifications/mailed-world';
import { PEOPLE, type NotificationWorld } from './support/notifications/notification-world';
import type { TestSmtpServer } from './support/notifications/test-smtp-server';
import type { TestApp } from './support/test-app';

/**
 * A case still assigned, from before the vouching rules, to an outsider nothing vouches for as staff:
 * the mail that reaches them as its assignee is held back, and the board passes them over as owing
 * the escalation's status updates. The overdue alert's "Owed by" line, whose writer cannot judge the
 * assignee (it has no directory), named them all the same, so the CSM and the support team chased
 * someone who never hears of the case. Judged at send time, it names who can act in their stead, as
 * the board does, and says why the assignee is passed over.
 */
describe("the overdue alert's Owed by line and an assignee nothing vouches for", () => {
  let t: TestApp;
  let smtp: TestSmtpServer;
  let world: NotificationWorld;
  useMailedWorld('mission-critical', (setting) => ({ t, smtp, world } = setting));

  const OUTSIDER = 'otto@outsider.example';
  const eve = PEOPLE.engineer.email;
  const carla = PEOPLE.csm.email;

  it('names the engineer who acknowledged the escalation, not the unvouched assignee, and says why', async () => {
    const caseId = await world.openCase('Checkout down for the EU shop');
    await appendLegacyAssignment(t, caseId, { engineer: OUTSIDER, by: eve, correlationId: 'to-an-outsider' });
    if (!(await t.app.get(ProjectionRunner).catchUp())) throw new Error('projections did not catch up');
    await world.call('opener', 'POST', `/v1/cases/${caseId}/escalations`, {
      reason: 'production-impact',
      details: 'All EU checkouts failing',
    });
    await world.call('engineer', 'POST', `/v1/cases/${caseId}/escalations/acknowledgement`, {
      reason: 'Called Jane',
    });
    const onBoard = (await world.read('engineer', '/v1/escalations')).items.find(
      (item: { caseId: string }) => item.caseId === caseId,
    );
    expect(onBoard.statusUpdatesOwedBy).toBe(eve);

    const { nextStatusUpdateDueAt } = (await world.read('engineer', `/v1/cases/${caseId}`)).escalation;
    const toCarla = await mailsSentBy(
      t.runtime.storage,
      smtp,
      async () => {
        t.clock.set(later(nextStatusUpdateDueAt, 1000));
        await runDueTimers(t);
      },
      carla,
    );
    const alerts = toCarla.filter((mail) => mail.subject.includes('Escalation status update overdue'));
    expect(alerts).toHaveLength(1);
    expect(alerts[0].text).toContain(
      `Owed by: ${eve} (acknowledged the escalation; ${OUTSIDER}, the case's assignee, is not vouched for ` +
        'as staff and gets none of its mail: reassign the case)\n',
    );
    expect(alerts[0].text).not.toContain(`Owed by: ${OUTSIDER}`);
    // The outsider still hears nothing of it.
    expect(smtp.received.filter((mail) => mail.envelopeTo.includes(OUTSIDER))).toEqual([]);
  });
  /** Customer Jane's case, assigned (by an earlier release) to the outsider, escalated and acknowledged by `by`. */
  const acknowledgedWithOutsiderAssigned = async (title: string, by: 'engineer' | 'csm') => {
    const caseId = await world.openCase(title);
    await appendLegacyAssignment(t, caseId, {
      engineer: OUTSIDER,
      by: eve,
      correlationId: `to-an-outsider-${title}`,
    });
    if (!(await t.app.get(ProjectionRunner).catchUp())) throw new Error('projections did not catch up');
    await world.call('opener', 'POST', `/v1/cases/${caseId}/escalations`, {
      reason: 'production-impact',
      details: 'All EU checkouts failing',
    });
    await world.call(by, 'POST', `/v1/cases/${caseId}/escalations/acknowledgement`, { reason: 'On it' });
    return caseId;
  };
  /** Every mail of the missed status update's alert, by recipient. */
  const overdueAlertsByRecipient = async (caseId: string) => {
    const { nextStatusUpdateDueAt } = (await world.read('engineer', `/v1/cases/${caseId}`)).escalation;
    const mails = await mailsSentBy(t.runtime.storage, smtp, async () => {
      t.clock.set(later(nextStatusUpdateDueAt, 1000));
      await runDueTimers(t);
    });
    const alerts = new Map<string, string[]>();
    for (const mail of mails.filter((sent) => sent.subject.includes('Escalation status update overdue')))
      for (const to of mail.envelopeTo) alerts.set(to, [...(alerts.get(to) ?? []), mail.text]);
    return alerts;
  };

  it('mails the alert once to the engineer it names in the stead of the unvouched assignee (finding F1), and nobody twice', async () => {
    const caseId = await acknowledgedWithOutsiderAssigned('Payments timing out', 'engineer');
    // A colleague's second acknowledgement is told who owes the updates, and why the assignee does
    // not, as the alert says it (finding F5: "can no longer see the case", a CSM's words).
    const again = await t.app.inject({
      method: 'POST',
      url: `/v1/cases/${caseId}/escalations/acknowledgement`,
      headers: { authorization: `Bearer ${await t.token('bob@vendor.example', ['engineer'])}` },
      payload: {},
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().detail).toContain(
      `owed by ${eve} (acknowledged it; ${OUTSIDER}, the case's assignee, is not vouched for as staff)`,
    );
    const alerts = await overdueAlertsByRecipient(caseId);
    expect(alerts.get(eve)).toHaveLength(1);
    expect(alerts.get(eve)![0]).toContain(
      `Owed by: ${eve} (acknowledged the escalation; ${OUTSIDER}, the case's assignee, is not vouched for ` +
        'as staff and gets none of its mail: reassign the case)\n',
    );
    // Her footer says why, as the line does (finding F4: it said "while the case is assigned to nobody").
    expect(alerts.get(eve)![0]).toContain(
      'You receive this because you acknowledged its escalation, and so owe its status updates while ' +
        `${OUTSIDER}, the case's assignee, is not vouched for as staff.\n`,
    );
    expect([...alerts.keys()].sort()).toEqual([carla, eve, 'support-team@casetrail.local']);
    for (const texts of alerts.values()) expect(texts).toHaveLength(1);
  });

  it('sends the CSM who acknowledged, named as owing the update, the one alert she gets as the CSM', async () => {
    const caseId = await acknowledgedWithOutsiderAssigned('Reports empty', 'csm');
    const alerts = await overdueAlertsByRecipient(caseId);
    expect(alerts.get(carla)).toHaveLength(1);
    expect(alerts.get(carla)![0]).toContain(`Owed by: ${carla} (acknowledged the escalation; ${OUTSIDER}`);
    expect(alerts.get(eve)).toBeUndefined();
  });

  it("says on the overdue acknowledgement's alert that the unvouched assignee was not told (finding F3)", async () => {
    const caseId = await world.openCase('Invoices not sent');
    await appendLegacyAssignment(t, caseId, {
      engineer: OUTSIDER,
      by: eve,
      correlationId: 'to-an-outsider-f3',
    });
    if (!(await t.app.get(ProjectionRunner).catchUp())) throw new Error('projections did not catch up');
    await world.call('opener', 'POST', `/v1/cases/${caseId}/escalations`, {
      reason: 'production-impact',
      details: 'No invoices since noon',
    });
    const { acknowledgementDueAt } = (await world.read('engineer', `/v1/cases/${caseId}`)).escalation;
    const mails = await mailsSentBy(t.runtime.storage, smtp, async () => {
      t.clock.set(later(acknowledgementDueAt, 1000));
      await runDueTimers(t);
    });
    const alerts = mails.filter((mail) => mail.subject.includes('Escalation not acknowledged in time'));
    expect(
      alerts
        .map((mail) => mail.envelopeTo)
        .flat()
        .sort(),
    ).toEqual([carla, 'support-team@casetrail.local']);
    for (const alert of alerts)
      expect(alert.text).toContain(
        `Assigned to: ${OUTSIDER} (not vouched for as staff, not told: reassign or acknowledge)\n`,
      );
  });

  it("names and mails, on a level raised over the missed update, whoever owed it in the unvouched assignee's stead (finding F9)", async () => {
    const caseId = await acknowledgedWithOutsiderAssigned('Exports stuck', 'engineer');
    expect((await overdueAlertsByRecipient(caseId)).get(eve)).toHaveLength(1);
    /** The level-2 alerts (or reminders) `act` sends, by recipient. */
    const levelTwoAlerts = async (act: () => Promise<unknown>) => {
      const mails = await mailsSentBy(t.runtime.storage, smtp, async () => {
        await act();
        await runDueTimers(t);
      });
      const alerts = new Map<string, string[]>();
      for (const mail of mails.filter((sent) => sent.subject.includes('not acknowledged (level 2')))
        for (const to of mail.envelopeTo) alerts.set(to, [...(alerts.get(to) ?? []), mail.text]);
      return alerts;
    };
    // Raised over level 1's missed update, its acknowledgement is due when that update was: overdue at once.
    const first = await levelTwoAlerts(() =>
      world.call('opener', 'POST', `/v1/cases/${caseId}/escalations`, {
        reason: 'low-satisfaction',
        details: 'no update received',
      }),
    );
    const expectNamesEve = (alerts: Map<string, string[]>) => {
      expect([...alerts.keys()].sort()).toEqual([carla, eve, 'support-team@casetrail.local']);
      for (const texts of alerts.values()) {
        expect(texts).toHaveLength(1);
        expect(texts[0]).toContain(
          `owed by ${eve} (acknowledged the escalation; ${OUTSIDER}, the case's assignee, is not vouched for ` +
            'as staff and gets none of its mail: reassign the case)\n',
        );
        expect(texts[0]).not.toContain(`owed by ${OUTSIDER}`);
      }
      expect(alerts.get(eve)![0]).toContain(
        "You receive this because you owed level 1's missed status update, which this level was raised " +
          `over, while ${OUTSIDER}, the case's assignee, is not vouched for as staff.\n`,
      );
    };
    expectNamesEve(first);
    // And so does its reminder, an hour on (the writer keeps who had taken level 1 on).
    const { acknowledgementDueAt } = (await world.read('engineer', `/v1/cases/${caseId}`)).escalation;
    const reminder = await levelTwoAlerts(async () => t.clock.set(later(acknowledgementDueAt, 3_601_000)));
    expect(reminder.get(carla)?.[0]).toContain('reminder 1');
    expectNamesEve(reminder);
  });

  // Last: the outsider is vouched for from here on.
  it('sends the acknowledger nothing when the desk vouches for the assignee by the time the alert goes out: the assignee owes it', async () => {
    const caseId = await acknowledgedWithOutsiderAssigned('Login loops', 'engineer');
    // The outsider takes another case themselves (only an engineer's token can): staff from now on.
    const otherCase = await world.openCase('Something else');
    const asOutsider = await t.token(OUTSIDER, ['engineer'], 'Otto Outsider');
    const taken = await t.app.inject({
      method: 'POST',
      url: `/v1/cases/${otherCase}/assignment`,
      headers: { authorization: `Bearer ${asOutsider}` },
      payload: { engineer: OUTSIDER },
    });
    expect(taken.statusCode).toBeLessThan(300);
    const alerts = await overdueAlertsByRecipient(caseId);
    expect(alerts.get(eve)).toBeUndefined();
    // Her row was written (the writer cannot judge the assignee) and set aside at send time.
    const setAside = await t.runtime.storage.readModels.find<DeliveryRecord>(NOTIFICATION_DELIVERIES, {
      where: { caseId, recipient: eve, status: 'unneeded' },
    });
    expect(setAside.items).toHaveLength(1);
    expect(setAside.items[0].lastError).toContain(`the case's assignee, ${OUTSIDER}, is not vouched for`);
    expect(alerts.get(OUTSIDER)).toHaveLength(1);
    expect(alerts.get(OUTSIDER)![0]).toContain(`Owed by: ${OUTSIDER} (assigned to the case)\n`);
  });

  it('counts on /health the alerts set aside as unneeded, apart from those sent and the failures', async () => {
    const admin = await t.token(PEOPLE.admin.email, ['admin']);
    const health = async () =>
      (
        await t.app.inject({ method: 'GET', url: '/health', headers: { authorization: `Bearer ${admin}` } })
      ).json();
    const recordsIn = async (status: DeliveryRecord['status'], caseId?: string) =>
      t.runtime.storage.readModels.count(NOTIFICATION_DELIVERIES, { status, ...(caseId ? { caseId } : {}) });
    const before = (await health()).notifications;

    // The outsider is vouched for by now (the test above): Eve's row for the missed update is set aside.
    const caseId = await acknowledgedWithOutsiderAssigned('Labels misprinted', 'engineer');
    await overdueAlertsByRecipient(caseId);
    expect(await recordsIn('unneeded', caseId)).toBe(1);
    const after = await health();
    // No failure: /health stays up, and counts them apart, not as sent, not as dead.
    expect(after.status).toBe('up');
    expect(after.notifications.unneeded).toBeGreaterThan(before.unneeded);
    expect(after.notifications).toMatchObject({
      unneeded: await recordsIn('unneeded'),
      sent: await recordsIn('sent'),
      dead: before.dead,
      pending: 0,
    });
  });
});
