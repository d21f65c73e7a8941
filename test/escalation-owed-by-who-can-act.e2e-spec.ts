import { ProjectionRunner } from '@casetrail/readmodels';
import { runDueTimers, later } from './support/due-timers';
import { appendLegacyAssignment } from './support/notifications/legacy-assignment';
import { mailsSentBy } from './support/notifications/delivery-probe';
import { useMailedWorld } from './support/notifications/mailed-world';
import { PEOPLE, type NotificationWorld } from './support/notifications/notification-world';
import type { TestSmtpServer } from './support/notifications/test-smtp-server';
import type { TestApp } from './support/test-app';

/**
 * An acknowledged escalation's status updates are owed by someone who can still see the case
 * (finding F6): a CSM taken off the account, who posted the last update or was assigned the case as
 * its CSM, gets 404 on it and no mail of it, so the duty passes to the next who can (here the
 * engineer who acknowledged it). The board's and the case detail's statusUpdatesOwedBy and the
 * overdue alert's "Owed by" line name that engineer (the line saying whom they passed over), and the
 * alert reaches them. Before, they named the ex-CSM and the alert reached only the support team list.
 */
describe('escalation status updates owed by someone who can still see the case', () => {
  let t: TestApp;
  let smtp: TestSmtpServer;
  let world: NotificationWorld;
  useMailedWorld('mission-critical', (setting) => ({ t, smtp, world } = setting));

  const eve = PEOPLE.engineer.email;
  const carla = PEOPLE.csm.email;

  const escalateAndAcknowledge = async (caseId: string) => {
    await world.call('opener', 'POST', `/v1/cases/${caseId}/escalations`, {
      reason: 'production-impact',
      details: 'All EU checkouts failing',
    });
    await world.call('engineer', 'POST', `/v1/cases/${caseId}/escalations/acknowledgement`, {
      reason: 'Called Jane',
    });
  };
  const replaceTheCsm = () =>
    world.call('admin', 'PUT', `/v1/accounts/${world.accountId}/csm`, { email: 'erin.csm@vendor.example' });
  const owedOnBoard = async (caseId: string) =>
    (await world.read('engineer', '/v1/escalations')).items.find(
      (item: { caseId: string }) => item.caseId === caseId,
    )?.statusUpdatesOwedBy;
  /** The overdue alert's mails to Eve once the update is missed. */
  const alertsToEve = async (caseId: string) => {
    const { nextStatusUpdateDueAt } = (await world.read('engineer', `/v1/cases/${caseId}`)).escalation;
    const mails = await mailsSentBy(
      t.runtime.storage,
      smtp,
      async () => {
        t.clock.set(later(nextStatusUpdateDueAt, 1000));
        await runDueTimers(t);
      },
      eve,
    );
    return mails.filter((mail) => mail.subject.includes('Escalation status update overdue'));
  };
  /** The board names Eve, and the one overdue alert reaches her, naming her in Carla's stead. */
  const expectEveOwesInCarlasStead = async (caseId: string, whyEveIsTold: string) => {
    expect(await owedOnBoard(caseId)).toBe(eve);
    expect((await world.read('engineer', `/v1/cases/${caseId}`)).escalation.statusUpdatesOwedBy).toBe(eve);
    // A colleague's second acknowledgement is told the same.
    const again = await t.app.inject({
      method: 'POST',
      url: `/v1/cases/${caseId}/escalations/acknowledgement`,
      headers: { authorization: `Bearer ${await t.token('bob@vendor.example', ['engineer'])}` },
      payload: {},
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().detail).toContain(
      `owed by ${eve} (acknowledged it; ${carla} can no longer see the case)`,
    );
    const alerts = await alertsToEve(caseId);
    expect(alerts).toHaveLength(1);
    expect(alerts[0].text).toContain(
      `${eve} (acknowledged the escalation; ${carla} can no longer see the case)`,
    );
    // Her footer says why she owes it as the line above it does (finding F4: "while the case is
    // assigned to nobody", on an assigned case too).
    expect(alerts[0].text).toContain(`You receive this because ${whyEveIsTold}.\n`);
  };

  it('passes over a CSM taken off the account who posted the last update: the acknowledger owes it and is alerted', async () => {
    const caseId = await world.openCase('Checkout down for the EU shop');
    await escalateAndAcknowledge(caseId);
    await world.call('csm', 'POST', `/v1/cases/${caseId}/escalations/status-updates`, {
      body: 'Patch is being tested',
    });
    expect(await owedOnBoard(caseId)).toBe(carla);
    await replaceTheCsm();

    await expectEveOwesInCarlasStead(
      caseId,
      'you acknowledged its escalation, and so owe its status updates while the case is assigned to ' +
        `nobody and ${carla} can no longer see the case`,
    );
  });

  it("passes over the case's assignee once they are no longer its account's CSM", async () => {
    // The first case's replacement still stands: Carla is the account's CSM again for this one.
    await world.call('admin', 'PUT', `/v1/accounts/${world.accountId}/csm`, { email: carla });
    const caseId = await world.openCase('Search index stale');
    // Assigned by a colleague as the account's CSM (stored as such assignments were).
    await appendLegacyAssignment(t, caseId, { engineer: carla, by: eve, correlationId: 'assigned-the-csm' });
    if (!(await t.app.get(ProjectionRunner).catchUp())) throw new Error('projections did not catch up');
    await escalateAndAcknowledge(caseId);
    await replaceTheCsm();

    await expectEveOwesInCarlasStead(
      caseId,
      `you acknowledged its escalation, and so owe its status updates while ${carla}, the case's ` +
        'assignee, can no longer see the case',
    );
  });

  it('names and mails, on a level raised over the update an ex-CSM assignee owed, whoever owed it in her stead', async () => {
    await world.call('admin', 'PUT', `/v1/accounts/${world.accountId}/csm`, { email: carla });
    const caseId = await world.openCase('Reports time out');
    await appendLegacyAssignment(t, caseId, {
      engineer: carla,
      by: eve,
      correlationId: 'assigned-the-csm-2',
    });
    if (!(await t.app.get(ProjectionRunner).catchUp())) throw new Error('projections did not catch up');
    await escalateAndAcknowledge(caseId);
    // Carla has taken a case herself as an engineer: the desk vouches for her as staff at send time,
    // so only the writer's facts tell that, taken off the account, she no longer sees this one.
    const takenByCarla = await world.openCase('Exports slow');
    const taken = await t.app.inject({
      method: 'POST',
      url: `/v1/cases/${takenByCarla}/assignment`,
      headers: { authorization: `Bearer ${await t.token(carla, ['engineer', 'csm'], 'Carla CSM')}` },
      payload: { engineer: carla },
    });
    expect(taken.statusCode).toBeLessThan(300);
    // Carla, the assignee, misses the update while still the account's CSM: she owed it.
    const { nextStatusUpdateDueAt } = (await world.read('engineer', `/v1/cases/${caseId}`)).escalation;
    t.clock.set(later(nextStatusUpdateDueAt, 1000));
    await runDueTimers(t);
    await replaceTheCsm();

    // Raised over level 1's missed update, level 2's acknowledgement is due when that update was.
    const mails = await mailsSentBy(t.runtime.storage, smtp, async () => {
      await world.call('opener', 'POST', `/v1/cases/${caseId}/escalations`, {
        reason: 'low-satisfaction',
        details: 'no update received',
      });
      await runDueTimers(t);
    });
    const alerts = mails.filter((mail) => mail.subject.includes('not acknowledged (level 2'));
    const toEve = alerts.filter((mail) => mail.envelopeTo.includes(eve));
    expect(toEve).toHaveLength(1);
    expect(alerts.filter((mail) => mail.envelopeTo.includes(carla))).toEqual([]);
    for (const alert of alerts) {
      expect(alert.text).toContain(
        `owed by ${eve} (acknowledged the escalation; ${carla} can no longer see the case)\n`,
      );
      expect(alert.text).not.toContain(`owed by ${carla}`);
    }
    expect(toEve[0].text).toContain(
      "You receive this because you owed level 1's missed status update, which this level was raised " +
        `over, while ${carla}, the case's assignee, can no longer see the case.\n`,
    );
  });
});
