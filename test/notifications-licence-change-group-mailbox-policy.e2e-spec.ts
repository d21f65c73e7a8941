import { mailsSentBy, recipientsAndSubjects } from './support/notifications/delivery-probe';
import { useMailedWorld } from './support/notifications/mailed-world';
import { samInvitedAs, type NotificationWorld } from './support/notifications/notification-world';
import type { TestSmtpServer } from './support/notifications/test-smtp-server';
import type { TestApp } from './support/test-app';

const HOLDER = 'boss@acme.example';
const INFO = 'info@acme.example';

/**
 * DOMAIN.md: group addresses are refused with a clear error, "the detection rules are configurable".
 * The outbox writer kept no licence-change mail from a group mailbox by the built-in patterns, not
 * the policy's: an operator whose policy accepts info@ (a person's address at their company) had
 * that user invited, and then never told of their own permissions change.
 */
describe('licence-change mail follows the policy’s group-mailbox patterns', () => {
  let smtp: TestSmtpServer;
  let t: TestApp;
  let world: NotificationWorld;
  useMailedWorld('enterprise', (setting) => ({ smtp, t, world } = setting), {
    policy: { version: 'only-support-is-a-group', licensing: { groupMailboxPatterns: ['^support$'] } },
  });

  it('mails a user the policy accepts as a person, though the built-in patterns call it a group', async () => {
    await world.call('admin', 'POST', `/v1/licences/${world.licenceId}/users`, samInvitedAs(INFO));
    const mails = await mailsSentBy(t.runtime.storage, smtp, () =>
      world.call('admin', 'PATCH', `/v1/licences/${world.licenceId}/users/${INFO}`, {
        permissions: { manageUsers: false, shareTickets: true, seeSharedTickets: false },
      }),
    );
    expect(recipientsAndSubjects(mails)).toEqual([
      [HOLDER, `[Casetrail] The permissions of ${INFO} on Sitefinity (Online Marketing License) changed`],
      [INFO, '[Casetrail] Your permissions on Sitefinity (Online Marketing License) changed'],
    ]);
  });
});
