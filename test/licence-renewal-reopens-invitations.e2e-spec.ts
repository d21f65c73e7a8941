import { ApiClient } from './support/fixtures/api-client';
import { useMailedWorld } from './support/notifications/mailed-world';
import { NotificationWorld, PEOPLE, samInvitedAs } from './support/notifications/notification-world';
import { type TestApp } from './support/test-app';

const HOLDER = { email: 'boss@acme.example', name: 'Bo Boss' };
const SAM = 'sam.tester@acme.example';
const HOURS = 3_600_000;

/**
 * customer3 F3: while a licence is ended nobody can register, so that time must not count against
 * the access promise (isInvitationOverdue): the renewal, which mails the invitee that they can
 * complete their registration now, starts the promise again, and lifts the hourly limit on sending
 * the invitation again set before the end. Before, the invitation was overdue the moment the
 * licence was renewed (entry, holder's count, follow-up list, staff list), and "Send again" was
 * refused until an hour after the resend made before the end.
 */
describe('a renewal after an end promises pending invitations access afresh', () => {
  let t: TestApp;
  let world: NotificationWorld;
  useMailedWorld('enterprise', (setting) => ({ t, world } = setting));

  async function call(
    as: { email: string; roles?: string[] },
    method: string,
    url: string,
    payload?: object,
  ) {
    const token = await t.token(as.email, (as.roles ?? []) as Parameters<TestApp['token']>[1]);
    return new ApiClient(t.app).send({ method: method as 'GET', url, payload }, token);
  }
  const licenceUrl = () => `/v1/licences/${world.licenceId}`;
  const resend = () => call(HOLDER, 'POST', `${licenceUrl()}/users/${SAM}/invitation`);
  async function changeEnd(activeUntil: string) {
    const changed = await call(PEOPLE.admin, 'PATCH', licenceUrl(), { activeUntil, reason: 'term' });
    expect(changed.status).toBe(200);
  }
  const endNow = () => changeEnd(new Date(t.clock.now().getTime() - 60_000).toISOString());
  const renew = () => changeEnd('2031-12-31');
  async function entryOfSam() {
    const licence = await call(HOLDER, 'GET', licenceUrl());
    return licence.json().users.find((user: { email: string }) => user.email === SAM);
  }
  async function overdueEverywhere() {
    const listed = (await call(HOLDER, 'GET', '/v1/licences'))
      .json()
      .items.find((item: { id: string }) => item.id === world.licenceId);
    const followUp = (await call(HOLDER, 'GET', `${licenceUrl()}/pending-invitations`)).json();
    const staff = (await call(PEOPLE.admin, 'GET', '/v1/invitations/overdue')).json();
    return {
      entry: (await entryOfSam()).overdue,
      count: listed.pendingInvitationsOverdue,
      followUp: followUp.invitations.map((user: { email: string }) => user.email),
      staff: staff.invitations.map((user: { email: string }) => user.email),
    };
  }

  it('lets the holder send the invitation again at once after the renewal, whatever limit the last resend set', async () => {
    expect((await call(HOLDER, 'POST', `${licenceUrl()}/users`, samInvitedAs(SAM))).status).toBe(201);
    expect((await resend()).status).toBe(200);
    t.clock.advance(60_000);
    await endNow();
    t.clock.advance(4 * 60_000);
    await renew();

    const entry = await entryOfSam();
    expect(Date.parse(entry.nextResendAt)).toBeLessThanOrEqual(t.clock.now().getTime());
    expect((await resend()).status).toBe(200);
  });

  it('counts the access promise from the renewal: not overdue at once, overdue once it has passed since', async () => {
    t.clock.advance(60_000);
    await endNow();
    t.clock.advance(60 * HOURS); // longer than the 48 hours promised
    await renew();
    const renewedAt = t.clock.now().getTime();

    const none = { entry: false, count: 0, followUp: [], staff: [] };
    expect(await overdueEverywhere()).toEqual(none);
    t.clock.set(new Date(renewedAt + 48 * HOURS - 1_000).toISOString());
    expect(await overdueEverywhere()).toEqual(none);
    t.clock.set(new Date(renewedAt + 48 * HOURS).toISOString());
    expect(await overdueEverywhere()).toEqual({ entry: true, count: 1, followUp: [SAM], staff: [SAM] });
  });
});
