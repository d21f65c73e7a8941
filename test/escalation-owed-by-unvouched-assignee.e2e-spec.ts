import { ProjectionRunner } from '@casetrail/readmodels';
import { runDueTimers } from './support/due-timers';
import { appendLegacyAssignment } from './support/notifications/legacy-assignment';
import { mailsSentBy } from './support/notifications/delivery-probe';
import { useMailedWorld } from './support/notifications/mailed-world';
import { PEOPLE, type NotificationWorld } from './support/notifications/notification-world';
import type { TestSmtpServer } from './support/notifications/test-smtp-server';
import type { TestApp } from './support/test-app';

const later = (instant: string, ms: number) => new Date(Date.parse(instant) + ms).toISOString();

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
});
