import { mailsSentBy, recipientsAndSubjects } from './support/notifications/delivery-probe';
import { useMailedWorld } from './support/notifications/mailed-world';
import { PEOPLE, type NotificationWorld } from './support/notifications/notification-world';
import type { TestSmtpServer } from './support/notifications/test-smtp-server';
import type { TestApp } from './support/test-app';

const HOLDER = 'boss@acme.example';
const BYSTANDERS: string[] = [
  PEOPLE.teamMember.email,
  PEOPLE.optedOutMember.email,
  PEOPLE.sharedUser.email,
  PEOPLE.csm.email,
  PEOPLE.engineer.email,
];

/**
 * A licence's administration mails its holder, and the user a change is about (findings F8: it was
 * silent): a change of permissions, a removal (which says truthfully what becomes of the cases the
 * user opened) and an early end. Nobody else hears of it: not the case team, not a sharee from
 * another company, not staff.
 */
describe("a licence's administration, by mail", () => {
  let smtp: TestSmtpServer;
  let t: TestApp;
  let world: NotificationWorld;
  useMailedWorld('enterprise', (setting) => ({ smtp, t, world } = setting));

  const mailsOf = (action: () => Promise<unknown>) => mailsSentBy(t.runtime.storage, smtp, action);
  const sentTo = recipientsAndSubjects;

  it('tells the holder and the user of a change of permissions and a removal, and the removed opener keeps her case', async () => {
    const caseId = await world.openCase('Import stalls');
    await world.call('opener', 'POST', `/v1/cases/${caseId}/shares`, {
      email: PEOPLE.sharedUser.email,
      name: PEOPLE.sharedUser.name,
    });
    const user = `/v1/licences/${world.licenceId}/users/${PEOPLE.opener.email}`;

    const changed = await mailsOf(() =>
      world.call('admin', 'PATCH', user, {
        permissions: { manageUsers: false, shareTickets: false, seeSharedTickets: true },
        reason: 'Sharing is the team lead’s job',
      }),
    );
    expect(sentTo(changed)).toEqual([
      [
        HOLDER,
        '[Casetrail] The permissions of jane@acme.example on Sitefinity (Online Marketing License) changed',
      ],
      [PEOPLE.opener.email, '[Casetrail] Your permissions on Sitefinity (Online Marketing License) changed'],
    ]);
    const toJane = changed.find((mail) => mail.envelopeTo.includes(PEOPLE.opener.email))!;
    expect(toJane.text).toContain(
      'Permissions: basic, see shared tickets\nBefore: basic, share tickets, see shared tickets\n',
    );

    const removed = await mailsOf(() => world.call('admin', 'DELETE', user));
    expect(sentTo(removed)).toEqual([
      [HOLDER, '[Casetrail] jane@acme.example was removed from Sitefinity (Online Marketing License)'],
      [PEOPLE.opener.email, '[Casetrail] You were removed from Sitefinity (Online Marketing License)'],
    ]);
    expect(removed.find((mail) => mail.envelopeTo.includes(PEOPLE.opener.email))!.text).toContain(
      'The cases you opened stay yours: you can still read them and comment on those not yet closed. ' +
        'You can no longer open cases on this licence, nor escalate or share the ones you opened.',
    );
    expect(
      [...changed, ...removed].flatMap((mail) => mail.envelopeTo).filter((to) => BYSTANDERS.includes(to)),
    ).toEqual([]);

    // What the mail says is so: she reads and comments on her case, and may not escalate it or open another.
    expect((await world.read('opener', `/v1/cases/${caseId}`)).id).toBe(caseId);
    await world.call('opener', 'POST', `/v1/cases/${caseId}/comments`, { body: 'Still stalls' });
    await expect(
      world.call('opener', 'POST', `/v1/cases/${caseId}/escalations`, {
        reason: 'production-impact',
        details: 'Imports stopped',
      }),
    ).rejects.toThrow(/: 403 /);
    await expect(world.openCase('Another one')).rejects.toThrow(/: 403 /);
  });

  it('tells the holder alone that the licence ends early, from when, and what its users lose', async () => {
    const ended = await mailsOf(() =>
      world.call('admin', 'PATCH', `/v1/licences/${world.licenceId}`, {
        activeUntil: '2026-06-30',
        reason: 'Contract terminated',
      }),
    );
    expect(sentTo(ended)).toEqual([
      [HOLDER, '[Casetrail] Sitefinity (Online Marketing License) ends early: active until 2026-06-30'],
    ]);
    expect(ended[0].text).toContain('Active until: 2026-06-30 (was 2030-12-31)\n');
    expect(ended[0].text).toContain(
      'its users can no longer open, share or reopen cases on it until it is renewed',
    );
    expect(ended[0].text).toContain(
      'those who are also users of another licence of the account that is in force can still escalate them',
    );
    expect(ended[0].text).toContain('Reason: Contract terminated\n');
  });
});
