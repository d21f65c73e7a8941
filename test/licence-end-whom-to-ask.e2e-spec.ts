import { projectionsCaughtUp, runDueTimers } from './support/due-timers';
import { mailsSentBy } from './support/notifications/delivery-probe';
import { useMailedWorld } from './support/notifications/mailed-world';
import { PEOPLE, samInvitedAs, type NotificationWorld } from './support/notifications/notification-world';
import type { TestSmtpServer } from './support/notifications/test-smtp-server';
import type { TestApp } from './support/test-app';

const HOLDER = 'boss@acme.example';
const DELEGATE = 'dan.delegate@acme.example';
const INVITEE = 'sam@acme.example';
/** The world's licence is active until 2030-12-31: that day ends at noon UTC the next day. */
const END = '2031-01-01T12:00:00.000Z';

/**
 * A licence's end tells each of its people whom to ask and what they lose in words that fit them:
 * users and invitees are given the holder's address (the console names her too), a user who
 * manages users is told that permission waits for the renewal, and the vendor's admin refused a
 * resend on the ended licence is not sent to "your account manager".
 */
describe('whom a licence’s end tells its people to ask', () => {
  let smtp: TestSmtpServer;
  let t: TestApp;
  let world: NotificationWorld;
  useMailedWorld('enterprise', (setting) => ({ smtp, t, world } = setting));

  it('names the holder to users and invitees, and tells a delegate his manage-users permission is suspended', async () => {
    await world.call('admin', 'POST', `/v1/licences/${world.licenceId}/users`, {
      ...samInvitedAs(DELEGATE),
      permissions: { manageUsers: true, shareTickets: false, seeSharedTickets: false },
    });
    const activated = await t.app.inject({
      method: 'POST',
      url: `/v1/licences/${world.licenceId}/users/${DELEGATE}/activation`,
      headers: { authorization: `Bearer ${await t.token(DELEGATE, [])}` },
    });
    expect(activated.statusCode).toBe(200);
    await world.call('admin', 'POST', `/v1/licences/${world.licenceId}/users`, samInvitedAs(INVITEE));

    const mails = await mailsSentBy(t.runtime.storage, smtp, async () => {
      t.clock.set(END);
      await projectionsCaughtUp(t);
      await runDueTimers(t);
      await projectionsCaughtUp(t);
    });
    const to = (email: string) => mails.find((mail) => mail.envelopeTo.includes(email))!.text;
    // Before, "ask the licence's holder or your account manager", unnamed.
    for (const email of [PEOPLE.opener.email, DELEGATE, INVITEE])
      expect(to(email)).toContain(
        `ask the licence's holder (${HOLDER}) or your account manager to have it renewed`,
      );
    // Before, the delegate's mail was the plain user's.
    expect(to(DELEGATE)).toContain(
      'Your manage-users permission on it is suspended until it is renewed: you cannot invite, change or remove ' +
        'its users, nor see its pending invitations, meanwhile.',
    );
    expect(to(PEOPLE.opener.email)).not.toContain('manage-users');
  });

  it('does not send the vendor admin refused a resend on the ended licence to "your account manager"', async () => {
    const { email, roles, name } = PEOPLE.admin;
    const refused = await t.app.inject({
      method: 'POST',
      url: `/v1/licences/${world.licenceId}/users/${INVITEE}/invitation`,
      headers: { authorization: `Bearer ${await t.token(email, [...roles], name)}` },
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().detail).toContain(
      'its invitations can be sent again once it is renewed (an admin renews it by moving its activeUntil later)',
    );
    expect(refused.json().detail).not.toContain('account manager');
  });
});
