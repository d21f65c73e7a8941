import { ApiClient } from './support/fixtures/api-client';
import { undeclaredIn } from './support/openapi/declared-response';
import { OpenApiDocument } from './support/openapi/openapi-document';
import { OpenApiValidator } from './support/openapi/openapi-validator';
import { mailsSentBy } from './support/notifications/delivery-probe';
import { useMailedWorld } from './support/notifications/mailed-world';
import { NotificationWorld, PEOPLE, samInvitedAs } from './support/notifications/notification-world';
import { TestSmtpServer } from './support/notifications/test-smtp-server';
import { type TestApp } from './support/test-app';
import { formatInstant } from '../apps/api/src/notifications/templates/format-instant';

const HOLDER = { email: 'boss@acme.example', name: 'Bo Boss' };
const SAM = 'sam.tester@acme.example';

/**
 * DOMAIN.md "Licences and licensed users": the policy promises access within 48 hours (an operator
 * may set another time: licensing.pendingInvitationFollowUpHours), so pending invitations older
 * than that are surfaced. The holder sees at a glance which licences broke the promise (GET
 * /v1/licences), sends a lost invitation again instead of being told the invitee "is already a
 * user", and the invitation mail promises the policy's time, not a fixed 48 hours.
 */
describe('overdue invitations: flagged in the licence list, sent again, promising the policy’s time', () => {
  let smtp: TestSmtpServer;
  let t: TestApp;
  let world: NotificationWorld;
  // With the operator's policy file.
  useMailedWorld('enterprise', (setting) => ({ smtp, t, world } = setting), {
    policy: { version: 'resend-72h', licensing: { pendingInvitationFollowUpHours: 72 } },
  });

  /** One call as `as`, whose answer must be the one the OpenAPI document declares (Ajv). */
  async function send(
    method: 'GET' | 'POST',
    url: string,
    as: { email: string; roles?: Parameters<TestApp['token']>[1] },
    payload?: object,
  ) {
    const token = await t.token(as.email, as.roles ?? []);
    const response = await new ApiClient(t.app).send({ method, url, payload }, token);
    const docs = await OpenApiDocument.of(t.app);
    expect(undeclaredIn(docs, new OpenApiValidator(docs), method, url, response)).toEqual([]);
    return { ...response, statusCode: response.status };
  }
  const mailsOf = (action: () => Promise<unknown>) => mailsSentBy(t.runtime.storage, smtp, action);
  const invite = (email: string) =>
    send('POST', `/v1/licences/${world.licenceId}/users`, HOLDER, samInvitedAs(email));
  const resend = (email: string, as: { email: string } = HOLDER) =>
    send('POST', `/v1/licences/${world.licenceId}/users/${email}/invitation`, as);
  async function listed() {
    const response = await send('GET', '/v1/licences', HOLDER);
    expect(response.statusCode).toBe(200);
    return response.json().items.find((item: { id: string }) => item.id === world.licenceId);
  }

  /** The user's entry on the licence, as its holder's GET /v1/licences/{id} gives it. */
  async function entryOf(email: string) {
    const licence = await send('GET', `/v1/licences/${world.licenceId}`, HOLDER);
    expect(licence.statusCode).toBe(200);
    return licence.json().users.find((user: { email: string }) => user.email === email);
  }

  let invitedAt = '';

  it('promises access within the policy’s follow-up time, and flags the invitation once it has passed', async () => {
    const [mail] = await mailsOf(async () => expect((await invite(SAM)).statusCode).toBe(201));
    expect(mail.text).toContain('Support promises you access within 72 hours of this invitation');
    expect(mail.text).not.toContain('48 hours');
    invitedAt = t.clock.now().toISOString();

    expect(await listed()).toMatchObject({ pendingInvitations: 1, pendingInvitationsOverdue: 0 });
    t.clock.set(new Date(Date.parse(invitedAt) + 73 * 3_600_000).toISOString());
    expect(await listed()).toMatchObject({ pendingInvitations: 1, pendingInvitationsOverdue: 1 });
  });

  it('says how to send the invitation again when the pending address is invited again', async () => {
    const again = await invite(SAM);
    expect(again.statusCode).toBe(409);
    expect(again.json().detail).toContain(`/v1/licences/${world.licenceId}/users/${SAM}/invitation`);
  });

  it('sends the invitation again, keeping its date, and counts it overdue no longer: the reminder promises afresh', async () => {
    let status = 0;
    const mails = await mailsOf(async () => (status = (await resend(SAM)).statusCode));
    expect(status).toBe(200);
    expect(mails.flatMap((mail) => mail.envelopeTo)).toEqual([SAM]);
    expect(mails[0].subject).toBe(
      '[Casetrail] Reminder: you are invited to Sitefinity (Online Marketing License): complete your registration',
    );
    // A fresh promise from the reminder (the first one has passed), and support to turn to, not the
    // holder who has just sent it (customer2 F9).
    const promisedBy = formatInstant(new Date(t.clock.now().getTime() + 72 * 3_600_000).toISOString());
    expect(mails[0].text).toContain(`within 72 hours of this reminder, by ${promisedBy}.`);
    expect(mails[0].text).toContain('If you cannot log cases by then, contact support.');
    expect(mails[0].text).not.toContain(`contact ${HOLDER.name}`);
    expect(mails[0].text).toContain('Sent again');
    expect(mails[0].text).toContain(`/v1/licences/${world.licenceId}/users/${SAM}/activation`);

    // Before, the count and the follow-up list kept it overdue (licadmin F9): the reminder's promise
    // runs from the reminder. Every pending one is still listed with its own date.
    const overdue = await send('GET', `/v1/licences/${world.licenceId}/pending-invitations`, HOLDER);
    expect(overdue.json()).toMatchObject({ licenceActive: true, invitations: [] });
    expect(await entryOf(SAM)).toMatchObject({ overdue: false });
    expect(await listed()).toMatchObject({ pendingInvitations: 1, pendingInvitationsOverdue: 0 });
    const pending = await send(
      'GET',
      `/v1/licences/${world.licenceId}/pending-invitations?olderThanHours=0`,
      HOLDER,
    );
    expect(pending.json().invitations).toEqual([expect.objectContaining({ email: SAM, invitedAt })]);
  });

  it('sends an invitation at most once an hour: a resend too soon is 409, naming when it may be sent again', async () => {
    const lastSent = t.clock.now().toISOString();
    let refused = {
      statusCode: 0,
      headers: {} as Record<string, unknown>,
      json: () => ({}) as { type?: string; detail?: string },
    };
    const none = await mailsOf(async () => (refused = await resend(SAM)));
    expect(refused.statusCode).toBe(409);
    const nextAt = new Date(Date.parse(lastSent) + 3_600_000).toISOString();
    expect(refused.json()).toMatchObject({
      type: expect.stringContaining('invitation-sent-recently'),
      detail: expect.stringContaining(`it can be sent again from ${nextAt}`),
      // When, for a client to wait or tell the user without reading the text.
      retryAfter: nextAt,
    });
    expect(refused.headers['retry-after']).toBe('3600');
    expect(none).toEqual([]);

    // Half an hour on, half an hour left.
    t.clock.set(new Date(Date.parse(lastSent) + 1_800_000).toISOString());
    const later = await resend(SAM);
    expect(later.statusCode).toBe(409);
    expect(later.headers['retry-after']).toBe('1800');
    expect(later.json()).toMatchObject({ retryAfter: nextAt });

    t.clock.set(nextAt);
    let status = 0;
    const mails = await mailsOf(async () => (status = (await resend(SAM)).statusCode));
    expect(status).toBe(200);
    expect(mails.flatMap((mail) => mail.envelopeTo)).toEqual([SAM]);
  });

  it('lists a pending invitation with when it was last sent again and from when it may be sent again', async () => {
    // Sent again just now (the previous test's last resend): an hour from now, as the 409 would say.
    const lastSent = t.clock.now().toISOString();
    const nextAt = new Date(Date.parse(lastSent) + 3_600_000).toISOString();
    expect(await entryOf(SAM)).toMatchObject({
      status: 'pending',
      invitedAt,
      lastSentAt: lastSent,
      nextResendAt: nextAt,
    });
    const pending = await send(
      'GET',
      `/v1/licences/${world.licenceId}/pending-invitations?olderThanHours=0`,
      HOLDER,
    );
    expect(pending.json().invitations).toEqual([
      expect.objectContaining({ email: SAM, lastSentAt: lastSent, nextResendAt: nextAt }),
    ]);

    // Never sent again: the invitation alone, and a resend goes at once.
    const fresh = 'ria.fresh@acme.example';
    expect((await invite(fresh)).statusCode).toBe(201);
    const freshAt = t.clock.now().toISOString();
    expect(await entryOf(fresh)).toMatchObject({ lastSentAt: null, nextResendAt: freshAt });

    // A registered user's entry has neither: there is no invitation to send.
    const registered = await entryOf(PEOPLE.opener.email);
    expect(registered).not.toHaveProperty('lastSentAt');
    expect(registered).not.toHaveProperty('nextResendAt');
  });

  it('names who made the invitation in a reminder someone else sent, and who sent it again', async () => {
    // An hour after the last resend (the previous tests'), an admin sends it again for the holder.
    t.clock.advance(61 * 60_000);
    const admin = PEOPLE.admin;
    const token = await t.token(admin.email, admin.roles, admin.name);
    const url = `/v1/licences/${world.licenceId}/users/${SAM}/invitation`;
    let status = 0;
    const [mail] = await mailsOf(
      async () => (status = (await new ApiClient(t.app).send({ method: 'POST', url }, token)).status),
    );
    expect(status).toBe(200);
    // Before, the reminder read "Ada Admin <admin@…> invited you", beside the holder's invitation date.
    expect(mail.text).toContain(
      `${HOLDER.email} invited you to Sitefinity (Online Marketing License) ` +
        `(sent again by Ada Admin <${admin.email}>: your registration is still pending)`,
    );
    expect(mail.text).toContain(`Invited by: ${HOLDER.email}\n`);
    expect(mail.text).toContain(`Sent again by: Ada Admin <${admin.email}>\n`);
    expect(mail.text).not.toContain('Ada Admin <admin@vendor.example> invited you');
  });

  it('counts a resent invitation overdue again once the reminder’s own promise has passed, here and for staff', async () => {
    // The admin's reminder (the previous test) went out just now.
    const reminded = t.clock.now().getTime();
    const staffList = async () => {
      const admin = PEOPLE.admin;
      const token = await t.token(admin.email, admin.roles, admin.name);
      const response = await new ApiClient(t.app).send(
        { method: 'GET', url: '/v1/invitations/overdue' },
        token,
      );
      return response.json().invitations.map((invitation: { email: string }) => invitation.email);
    };
    const overdueList = async () =>
      (await send('GET', `/v1/licences/${world.licenceId}/pending-invitations`, HOLDER))
        .json()
        .invitations.map((invitation: { email: string }) => invitation.email);
    // Ria, invited an hour before that reminder and never reminded, falls overdue first.
    t.clock.set(new Date(reminded + 72 * 3_600_000 - 1).toISOString());
    expect(await listed()).toMatchObject({ pendingInvitationsOverdue: 1 });
    expect(await overdueList()).toEqual(['ria.fresh@acme.example']);
    expect(await staffList()).not.toContain(SAM);

    expect(await entryOf(SAM)).toMatchObject({ overdue: false });
    expect(await entryOf('ria.fresh@acme.example')).toMatchObject({ overdue: true });

    t.clock.set(new Date(reminded + 72 * 3_600_000).toISOString());
    expect(await entryOf(SAM)).toMatchObject({ overdue: true });
    expect(await listed()).toMatchObject({ pendingInvitationsOverdue: 2 });
    expect(await overdueList()).toEqual([SAM, 'ria.fresh@acme.example']);
    expect(await staffList()).toEqual(expect.arrayContaining([SAM, 'ria.fresh@acme.example']));
  });

  it('counts no invitation of a licence that has ended as overdue: they wait for its renewal', async () => {
    const admin = PEOPLE.admin;
    const token = await t.token(admin.email, admin.roles, admin.name);
    const ended = await new ApiClient(t.app).send(
      {
        method: 'PATCH',
        url: `/v1/licences/${world.licenceId}`,
        payload: { activeUntil: '2026-03-01', reason: 'not renewed' },
      },
      token,
    );
    expect(ended.status).toBe(200);
    // Before, both stayed counted overdue, though nobody can register until the renewal (licadmin F15).
    expect(await listed()).toMatchObject({
      active: false,
      pendingInvitations: 2,
      pendingInvitationsOverdue: 0,
    });
    expect(await entryOf(SAM)).toMatchObject({ status: 'pending', overdue: false });
    const pending = await send('GET', `/v1/licences/${world.licenceId}/pending-invitations`, HOLDER);
    expect(pending.json()).toMatchObject({
      licenceActive: false,
      invitations: [
        expect.objectContaining({ email: SAM }),
        expect.objectContaining({ email: 'ria.fresh@acme.example' }),
      ],
    });
  });

  it('lists no invitation of an ended licence as overdue for staff, unless asked for those waiting for renewal', async () => {
    // The licence ended in the previous test; both invitations wait for its renewal.
    const staffList = async (query = '') => {
      const response = await send('GET', `/v1/invitations/overdue${query}`, PEOPLE.admin);
      expect(response.statusCode).toBe(200);
      return response.json().invitations as { email: string; licenceActive: boolean; overdue: boolean }[];
    };
    // Before, both were listed on the "overdue" list with overdue: false, more than the licence counts.
    expect(await staffList()).toEqual([]);
    expect(await listed()).toMatchObject({ pendingInvitationsOverdue: 0 });
    expect(await staffList('?includeEnded=true')).toEqual([
      expect.objectContaining({ email: SAM, licenceActive: false, overdue: false }),
      expect.objectContaining({ email: 'ria.fresh@acme.example', licenceActive: false, overdue: false }),
    ]);
    const wrong = await send('GET', '/v1/invitations/overdue?includeEnded=yes', PEOPLE.admin);
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().detail ?? JSON.stringify(wrong.json())).toContain('includeEnded');
  });

  it('refuses to resend to a registered user (409), a stranger (404) and an unknown address (404)', async () => {
    const registered = await resend(PEOPLE.opener.email);
    expect(registered.statusCode).toBe(409);
    expect(registered.json().type).toContain('licensed-user-already-registered');
    expect((await resend(SAM, { email: 'zed@other.example' })).statusCode).toBe(404);
    expect((await resend('nobody@acme.example')).statusCode).toBe(404);
  });
});
