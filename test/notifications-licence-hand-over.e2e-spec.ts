import { mailsSentBy, recipientsAndSubjects } from './support/notifications/delivery-probe';
import { useMailedWorld } from './support/notifications/mailed-world';
import { PEOPLE, type NotificationWorld } from './support/notifications/notification-world';
import type { TestSmtpServer } from './support/notifications/test-smtp-server';
import type { TestApp } from './support/test-app';

const BOSS = 'boss@acme.example';
const JANE = PEOPLE.opener.email;
const LICENCE = 'Sitefinity (Online Marketing License)';

/**
 * Newcomer review 2, N3: a licence handed over (PUT /v1/licences/{id}/holder) was mailed to nobody,
 * so the new holder learnt it only from the next registration mailed to them, and the previous one
 * never. Now the new holder is told they hold it (and how to manage its users), the previous one
 * that they no longer do (and whether they keep a user entry); as with every licence-change mail,
 * whoever made the change is not mailed it: a holder handing over is answered by the API.
 */
describe('a licence handed over to another holder, by mail', () => {
  let smtp: TestSmtpServer;
  let t: TestApp;
  let world: NotificationWorld;
  useMailedWorld('enterprise', (setting) => ({ smtp, t, world } = setting));

  const mailsOf = (action: () => Promise<unknown>) => mailsSentBy(t.runtime.storage, smtp, action);
  const sentTo = recipientsAndSubjects;
  const holderUrl = () => `/v1/licences/${world.licenceId}/holder`;

  it("tells the new holder of the holder's own hand-over, and not the holder who made it", async () => {
    const token = await t.token(BOSS, [], 'Bob Boss');
    const mails = await mailsOf(async () => {
      const answer = await t.app.inject({
        method: 'PUT',
        url: holderUrl(),
        headers: { authorization: `Bearer ${token}` },
        payload: { email: JANE, reason: 'boss leaving' },
      });
      expect(answer.statusCode).toBe(200);
    });
    expect(sentTo(mails)).toEqual([[JANE, `[Casetrail] You now hold ${LICENCE}`]]);
    expect(mails[0].text).toContain(`Bob Boss <${BOSS}> handed ${LICENCE} over to you: you now hold it`);
    expect(mails[0].text).toContain('As its holder you manage its users');
    expect(mails[0].text).toContain(`/v1/licences/${world.licenceId}/users  {"email": "..."`);
    expect(mails[0].text).toContain('Reason: boss leaving\n');
  });

  it("tells both of an admin's hand-over, and the previous holder what they keep", async () => {
    const back = await mailsOf(() => world.call('admin', 'PUT', holderUrl(), { email: BOSS }));
    expect(sentTo(back)).toEqual([
      [BOSS, `[Casetrail] You now hold ${LICENCE}`],
      [JANE, `[Casetrail] You no longer hold ${LICENCE}`],
    ]);
    const toJane = back.find((mail) => mail.envelopeTo.includes(JANE))!;
    expect(toJane.text).toContain(
      `Ada Admin <${PEOPLE.admin.email}> handed ${LICENCE} over to ${BOSS}: you no longer hold it`,
    );
    expect(toJane.text).toContain('You keep your user entry and its permissions');
    // Jane does not manage users: the holder's powers are gone with the licence.
    expect(toJane.text).toContain('You no longer manage its users');

    // Bob never had a user entry: handed away, the licence is no longer his to read.
    const away = await mailsOf(() => world.call('admin', 'PUT', holderUrl(), { email: JANE }));
    const toBoss = away.find((mail) => mail.envelopeTo.includes(BOSS))!;
    expect(toBoss.subject).toBe(`[Casetrail] You no longer hold ${LICENCE}`);
    expect(toBoss.text).toContain('You have no user entry on this licence, so you can no longer read it');
  });

  it('tells a previous holder who manages users that they keep administering its users, within a delegate’s limits', async () => {
    // Jane holds the licence again (the previous test) and is given manage users on her own entry.
    await world.call('admin', 'PATCH', `/v1/licences/${world.licenceId}/users/${JANE}`, {
      permissions: { manageUsers: true, shareTickets: true, seeSharedTickets: false },
    });
    const mails = await mailsOf(() => world.call('admin', 'PUT', holderUrl(), { email: BOSS }));
    const toJane = mails.find((mail) => mail.envelopeTo.includes(JANE))!;
    // Before: "You no longer manage its users", though her PATCH and DELETE of users still succeed.
    expect(toJane.text).not.toContain('You no longer manage its users');
    expect(toJane.text).toContain(
      "You keep the manage-users permission: you can still invite colleagues, change users' permissions and " +
        "remove users, but not the holder's entry",
    );
    expect(toJane.text).toContain('You are no longer told of changes to it; the new holder is.');
  });
});
