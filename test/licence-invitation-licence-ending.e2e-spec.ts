import { formatInstant } from '../apps/api/src/notifications/templates/format-instant';
import { mailsSentBy } from './support/notifications/delivery-probe';
import { useMailedWorld } from './support/notifications/mailed-world';
import { samInvitedAs, type NotificationWorld } from './support/notifications/notification-world';
import type { TestSmtpServer } from './support/notifications/test-smtp-server';
import type { TestApp } from './support/test-app';

const SAM = 'sam.late@acme.example';

/**
 * An invitation to a licence that ends before the access support promises (48 hours by default)
 * says when the licence ends instead of promising access it cannot give, and whom to ask for its
 * renewal; its reminder says the same. Before, both promised access by a time after the licence's
 * end, and the invitation sent the invitee to the inviter while the reminder sent them to support.
 */
describe('an invitation to a licence that ends before the promised access', () => {
  let smtp: TestSmtpServer;
  let t: TestApp;
  let world: NotificationWorld;
  useMailedWorld('enterprise', (setting) => ({ smtp, t, world } = setting));

  it('says when the licence ends, in the invitation and in its reminder alike', async () => {
    const end = new Date(t.clock.now().getTime() + 3 * 3_600_000);
    end.setUTCSeconds(0, 0);
    await world.call('admin', 'PATCH', `/v1/licences/${world.licenceId}`, {
      activeUntil: end.toISOString().replace('.000Z', 'Z'),
      reason: 'Order cancelled',
    });
    const ends =
      `The licence ends ${formatInstant(end.toISOString())}, before the 48 hours within which support promises ` +
      'access: complete your registration before then. Once it has ended you cannot complete it, nor log cases ' +
      "on it, until it is renewed: ask the licence's holder or your account manager to have it renewed.";

    const [invitation] = await mailsSentBy(
      t.runtime.storage,
      smtp,
      () => world.call('admin', 'POST', `/v1/licences/${world.licenceId}/users`, samInvitedAs(SAM)),
      SAM,
    );
    expect(invitation.text).toContain(ends);
    expect(invitation.text).not.toContain('promises you access');
    expect(invitation.text).toContain(`Licence ends: ${formatInstant(end.toISOString())}\n`);

    t.clock.advance(61 * 60_000);
    const [reminder] = await mailsSentBy(
      t.runtime.storage,
      smtp,
      () => world.call('admin', 'POST', `/v1/licences/${world.licenceId}/users/${SAM}/invitation`),
      SAM,
    );
    expect(reminder.subject).toMatch(/^\[Casetrail\] Reminder: /);
    expect(reminder.text).toContain(ends);
    expect(reminder.text).not.toContain('promises you access');
  });
});
