import {
  NOTIFICATION_DELIVERIES,
  type DeliveryRecord,
} from '../apps/api/src/notifications/delivery/delivery-record';
import { untilAllDelivered } from './support/notifications/delivery-probe';
import { appendLegacyAssignment } from './support/notifications/legacy-assignment';
import { useMailedWorld } from './support/notifications/mailed-world';
import { NotificationWorld, PEOPLE } from './support/notifications/notification-world';
import { TestSmtpServer } from './support/notifications/test-smtp-server';
import { type TestApp } from './support/test-app';

/**
 * Commands refuse to assign a case to a customer, who would hear its internal notes. An assignment
 * stored before the rule knew case openers as customers stays the case's assignee until someone
 * reassigns it: what reaches that person only as the assignee (internal notes, the assignment
 * itself) is withheld at send time, while what they hear as a customer still reaches them.
 */
describe('a customer stored as a case’s assignee before the rule refused it', () => {
  let smtp: TestSmtpServer;
  let t: TestApp;
  let world: NotificationWorld;
  useMailedWorld('mission-critical', (setting) => ({ smtp, t, world } = setting));

  it('is never mailed internal notes, and still hears of public replies as the opener', async () => {
    const caseId = await world.openCase('Editor crashes');
    // Removed from her licence since, Jane is known as a customer only for having opened a case.
    await world.call('admin', 'DELETE', `/v1/licences/${world.licenceId}/users/${PEOPLE.opener.email}`);
    // The assignment as an earlier release let it through, when openers were not known as customers.
    await appendLegacyAssignment(t, caseId, {
      engineer: PEOPLE.opener.email,
      by: PEOPLE.engineer.email,
      correlationId: 'assigned-before-the-rule',
    });

    await world.call('engineer', 'POST', `/v1/cases/${caseId}/comments`, {
      body: 'Her plugin list looks odd; check with the vendor first',
      internal: true,
    });
    await world.call('engineer', 'POST', `/v1/cases/${caseId}/comments`, { body: 'We are on it' });
    await untilAllDelivered(t.runtime.storage);

    const mailTo = (email: string) => smtp.received.filter((mail) => mail.envelopeTo.includes(email));
    const toJane = mailTo(PEOPLE.opener.email);
    expect(toJane.some((mail) => mail.text.includes('We are on it'))).toBe(true);
    // Her invitation to the licence, her removal from it, and the public reply: no internal note, no
    // "assigned to you".
    expect(toJane.map((mail) => mail.subject)).toEqual([
      expect.stringMatching(/You are invited to/),
      expect.stringMatching(/You were removed from/),
      expect.stringMatching(/Editor crashes: New comment$/),
    ]);
    expect(toJane.filter((mail) => mail.text.includes('check with the vendor'))).toEqual([]);
    // Staff still hear of it: the Mission Critical CSM gets the internal note.
    expect(mailTo(PEOPLE.csm.email).some((mail) => mail.text.includes('check with the vendor first'))).toBe(
      true,
    );

    const { items: withheld } = await t.runtime.storage.readModels.find<DeliveryRecord>(
      NOTIFICATION_DELIVERIES,
      {
        where: { status: 'withheld' },
      },
    );
    // The internal note and the assignment itself, both hers only as the assignee.
    expect(withheld.map((record) => record.recipient)).toEqual([PEOPLE.opener.email, PEOPLE.opener.email]);
    for (const record of withheld) {
      expect(record.lastError).toContain("is the case's assignee but known as a customer (case opener)");
    }

    // Nothing failed: /health stays up, and counts them for the operator.
    const admin = await t.token(PEOPLE.admin.email, ['admin']);
    const health = await t.app.inject({
      method: 'GET',
      url: '/health',
      headers: { authorization: `Bearer ${admin}` },
    });
    expect(health.json()).toMatchObject({ status: 'up', notifications: { dead: 0, withheld: 2 } });
  });
});
