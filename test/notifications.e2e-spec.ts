import { SLA_PROCESS_ACTOR } from '@casetrail/domain';
import { ALL_PROJECTIONS } from '@casetrail/readmodels/all-projections';
import { NOTIFICATIONS_OUTBOX_PROJECTION } from '@casetrail/readmodels/notifications';
import { ProjectionRunner } from '@casetrail/readmodels';
import { ExecuteCaseCommand } from '../apps/api/src/cases/commands/case-command';
import { CommandGateway } from '../apps/api/src/commands/command-gateway';
import { NotificationPipelineHost } from '../apps/api/src/notifications/notification-pipeline.host';
import { mailsSentBy, untilAllDelivered } from './support/notifications/delivery-probe';
import { useMailedWorld } from './support/notifications/mailed-world';
import { NotificationWorld, PEOPLE } from './support/notifications/notification-world';
import { TestSmtpServer, type ReceivedMail } from './support/notifications/test-smtp-server';
import { type TestApp } from './support/test-app';

const SUPPORT_TEAM = 'support-team@vendor.example';
const CUSTOMERS: string[] = [
  PEOPLE.opener.email,
  PEOPLE.teamMember.email,
  PEOPLE.optedOutMember.email,
  PEOPLE.sharedUser.email,
];

/**
 * Notifications end to end: HTTP commands -> events -> outbox writer -> delivery worker -> a real
 * SMTP server started here, every message parsed back. Each step waits until everything written
 * so far is delivered, then looks at exactly the messages that step caused.
 */
describe('case notifications over SMTP', () => {
  let smtp: TestSmtpServer;
  let t: TestApp;
  let world: NotificationWorld;
  let caseId: string;
  useMailedWorld('mission-critical', (setting) => ({ smtp, t, world } = setting), {
    env: { SUPPORT_TEAM_EMAIL: SUPPORT_TEAM, PUBLIC_URL: 'https://support.example' },
  });

  /** The messages `action` causes, once everything is delivered. */
  const mailsOf = (action: () => Promise<unknown>) => mailsSentBy(t.runtime.storage, smtp, action);

  const recipients = (mails: ReceivedMail[]) => mails.flatMap((mail) => mail.envelopeTo).sort();
  const to = (mails: ReceivedMail[], email: string) => mails.find((mail) => mail.envelopeTo.includes(email))!;

  it('tells the case team and the Mission Critical CSM of a new case, not the opener who opened it nor who opted out', async () => {
    const mails = await mailsOf(async () => (caseId = await world.openCase('Checkout fails')));
    expect(recipients(mails)).toEqual([PEOPLE.csm.email, PEOPLE.teamMember.email]);

    const mail = to(mails, PEOPLE.teamMember.email);
    expect(mail.subject).toBe(`[Casetrail #${caseId.slice(-12)}] Checkout fails: New case opened`);
    expect(mail.to).toEqual([PEOPLE.teamMember.email]);
    expect(mail.text).toContain(`Case: ${caseId}`);
    expect(mail.text).toContain('By: Jane Doe <jane@acme.example>');
    expect(mail.text).toMatch(/^First response: due \w{3} \d+ \w{3} \d{4}, \d\d:\d\d UTC$/m);
    expect(mail.text).toContain(`https://support.example/#/cases/${caseId}`);
    expect(mail.html).toContain('New case opened');
    expect(mail.messageId).toMatch(/^<[0-9a-f-]{36}\.[0-9a-f]{16}@casetrail>$/);
    expect(mail.inReplyTo).toBe(`<case-${caseId}@casetrail>`);
    expect(mail.references).toEqual([`<case-${caseId}@casetrail>`]);
  });

  it('tells everyone on the case, the newly shared user included, when an engineer shares it', async () => {
    const mails = await mailsOf(() =>
      world.call('engineer', 'POST', `/v1/cases/${caseId}/shares`, {
        email: PEOPLE.sharedUser.email,
        name: PEOPLE.sharedUser.name,
      }),
    );
    expect(recipients(mails)).toEqual(
      [PEOPLE.csm.email, PEOPLE.sharedUser.email, PEOPLE.opener.email, PEOPLE.teamMember.email].sort(),
    );
    expect(to(mails, PEOPLE.sharedUser.email).text).toContain(
      'You receive this because this case is shared with you.',
    );
  });

  it('keeps assignments among staff, naming who acted by the name they signed in with', async () => {
    const mails = await mailsOf(() =>
      world.call('engineer', 'POST', `/v1/cases/${caseId}/assignment`, { engineer: PEOPLE.engineer.email }),
    );
    expect(recipients(mails)).toEqual([PEOPLE.csm.email]);
    expect(to(mails, PEOPLE.csm.email).text).toContain('By: Eve Engineer <eve@vendor.example>');
  });

  it('refuses to make a customer the assignee (who would receive internal notes), naming engineer', async () => {
    const token = await t.token(PEOPLE.engineer.email, [...PEOPLE.engineer.roles]);
    const before = (await t.runtime.storage.eventStore.readStream(`case-${caseId}`)).length;
    for (const customer of [PEOPLE.opener, PEOPLE.sharedUser, PEOPLE.optedOutMember]) {
      const response = await t.app.inject({
        method: 'POST',
        url: `/v1/cases/${caseId}/assignment`,
        headers: { authorization: `Bearer ${token}` },
        payload: { engineer: customer.email.toUpperCase() },
      });
      expect(response.statusCode).toBe(422);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.json()).toMatchObject({ errors: [expect.objectContaining({ field: 'engineer' })] });
    }
    expect((await t.runtime.storage.eventStore.readStream(`case-${caseId}`)).length).toBe(before);
  });

  it('lets no customer make known staff unassignable by typing their email into a licence', async () => {
    // The holder tries to invite the engineer and the CSM as licensed users of the customer's
    // licence: records customers write themselves, which would call them customers. Known staff
    // are refused as licensed users (422 licensed-user-is-staff naming email).
    const holder = await t.token('boss@acme.example');
    for (const staff of [PEOPLE.engineer, PEOPLE.csm]) {
      const invited = await t.app.inject({
        method: 'POST',
        url: `/v1/licences/${world.licenceId}/users`,
        headers: { authorization: `Bearer ${holder}` },
        payload: {
          email: staff.email,
          firstName: 'Not',
          lastName: 'Customer',
          company: 'Acme',
          country: 'BG',
          permissions: { manageUsers: false, shareTickets: false, seeSharedTickets: false },
        },
      });
      expect(invited.statusCode).toBe(422);
      expect(invited.json()).toMatchObject({ errors: [expect.objectContaining({ field: 'email' })] });
    }
    // Eve was assigned a case above and Carla is the account's CSM: both stay staff, so Eve may be
    // given a new case and Carla another account. (A case of its own: whoever works it hears of
    // its internal notes from then on.)
    const otherCase = await world.openCase('Search index stale');
    const engineer = await t.token(PEOPLE.engineer.email, [...PEOPLE.engineer.roles]);
    const assigned = await t.app.inject({
      method: 'POST',
      url: `/v1/cases/${otherCase}/assignment`,
      headers: { authorization: `Bearer ${engineer}` },
      payload: { engineer: PEOPLE.engineer.email },
    });
    expect(assigned.statusCode).toBe(200);
    const admin = await t.token(PEOPLE.admin.email, [...PEOPLE.admin.roles]);
    const beta = await world.call('admin', 'POST', '/v1/accounts', { name: 'Beta' });
    const named = await t.app.inject({
      method: 'PUT',
      url: `/v1/accounts/${beta.id}/csm`,
      headers: { authorization: `Bearer ${admin}` },
      payload: { email: PEOPLE.csm.email },
    });
    expect(named.statusCode).toBe(200);
    // An engineer nobody vouched for yet is refused by another, but may take a case themselves.
    const newcomer = 'ned@vendor.example';
    await t.app.inject({
      method: 'POST',
      url: `/v1/licences/${world.licenceId}/users`,
      headers: { authorization: `Bearer ${holder}` },
      payload: {
        email: newcomer,
        firstName: 'Ned',
        lastName: 'New',
        company: 'Acme',
        country: 'BG',
        permissions: { manageUsers: false, shareTickets: false, seeSharedTickets: false },
      },
    });
    const assign = async (token: string) =>
      (
        await t.app.inject({
          method: 'POST',
          url: `/v1/cases/${otherCase}/assignment`,
          headers: { authorization: `Bearer ${token}` },
          payload: { engineer: newcomer },
        })
      ).statusCode;
    expect(await assign(engineer)).toBe(422);
    expect(await assign(await t.token(newcomer, ['engineer']))).toBe(200);
    // Known now, they stay assignable even on a case shared with their email.
    await world.call('engineer', 'POST', `/v1/cases/${caseId}/shares`, { email: newcomer, name: 'Not Ned' });
    const onShared = await t.app.inject({
      method: 'POST',
      url: `/v1/cases/${caseId}/assignment`,
      headers: { authorization: `Bearer ${engineer}` },
      payload: { engineer: newcomer },
    });
    expect(onShared.statusCode).toBe(200);
    await world.call('engineer', 'POST', `/v1/cases/${caseId}/assignment`, {
      engineer: PEOPLE.engineer.email,
    });
    await world.call('engineer', 'DELETE', `/v1/cases/${caseId}/shares/${newcomer}`);
  });

  it('refuses to make a customer the CSM (who hears of everything, internal notes included), naming email', async () => {
    const admin = await t.token(PEOPLE.admin.email, [...PEOPLE.admin.roles]);
    const before = (await t.runtime.storage.eventStore.readStream(`account-${world.accountId}`)).length;
    for (const customer of [
      PEOPLE.opener,
      PEOPLE.teamMember,
      PEOPLE.optedOutMember,
      PEOPLE.sharedUser,
      { email: 'boss@acme.example' },
    ]) {
      const response = await t.app.inject({
        method: 'PUT',
        url: `/v1/accounts/${world.accountId}/csm`,
        headers: { authorization: `Bearer ${admin}` },
        payload: { email: customer.email },
      });
      expect(response.statusCode).toBe(422);
      expect(response.json()).toMatchObject({ errors: [expect.objectContaining({ field: 'email' })] });
    }
    expect((await t.runtime.storage.eventStore.readStream(`account-${world.accountId}`)).length).toBe(before);
  });

  it('never lets an internal note reach a customer', async () => {
    const mails = await mailsOf(() =>
      world.call('engineer', 'POST', `/v1/cases/${caseId}/comments`, {
        body: 'Internal: their cache config is wrong',
        internal: true,
      }),
    );
    expect(recipients(mails)).toEqual([PEOPLE.csm.email]);
    expect(to(mails, PEOPLE.csm.email).text).toContain(
      'Internal note:\nInternal: their cache config is wrong',
    );
    const everyCustomerMail = smtp.received.filter((mail) =>
      mail.envelopeTo.some((email) => CUSTOMERS.includes(email)),
    );
    expect(everyCustomerMail.some((mail) => mail.text.includes('cache config'))).toBe(false);
  });

  it("tells customers of the engineer's public reply, showing the case as the reply left it", async () => {
    const mails = await mailsOf(() =>
      world.call('engineer', 'POST', `/v1/cases/${caseId}/comments`, {
        body: 'Please clear the output cache.',
      }),
    );
    expect(recipients(mails)).toEqual(
      [PEOPLE.csm.email, PEOPLE.sharedUser.email, PEOPLE.opener.email, PEOPLE.teamMember.email].sort(),
    );
    const mail = to(mails, PEOPLE.opener.email);
    expect(mail.subject).toMatch(/Checkout fails: New comment$/);
    expect(mail.text).toContain('Comment:\nPlease clear the output cache.');
    expect(mail.text).toContain('By: Eve Engineer <eve@vendor.example>');
    expect(mail.text).toContain('Status: In progress');
    expect(mail.text).toMatch(/First response: met at /);
  });

  it('honours notification preferences changed through the case-team endpoint from the next event on', async () => {
    await world.call(
      'teamMember',
      'PATCH',
      `/v1/accounts/${world.accountId}/case-team/${PEOPLE.teamMember.email}`,
      { notify: false },
    );
    await world.call(
      'optedOutMember',
      'PATCH',
      `/v1/accounts/${world.accountId}/case-team/${PEOPLE.optedOutMember.email}`,
      { notify: true },
    );
    const mails = await mailsOf(() =>
      world.call('opener', 'POST', `/v1/cases/${caseId}/comments`, { body: 'Cleared it; still failing.' }),
    );
    expect(recipients(mails)).toEqual(
      [PEOPLE.csm.email, PEOPLE.engineer.email, PEOPLE.optedOutMember.email, PEOPLE.sharedUser.email].sort(),
    );
    expect(to(mails, PEOPLE.engineer.email).text).toContain(
      'You receive this because the case is assigned to you.',
    );
  });

  it('tells customers, engineers and the CSM of an escalation', async () => {
    const mails = await mailsOf(() =>
      world.call('opener', 'POST', `/v1/cases/${caseId}/escalations`, {
        reason: 'production-impact',
        details: 'Launch tomorrow',
      }),
    );
    expect(recipients(mails)).toEqual(
      [
        PEOPLE.csm.email,
        PEOPLE.engineer.email,
        PEOPLE.optedOutMember.email,
        PEOPLE.sharedUser.email,
        SUPPORT_TEAM,
      ].sort(),
    );
    expect(to(mails, SUPPORT_TEAM).subject).toMatch(/Case escalated \(level 1\)$/);
  });

  it('tells only engineers and the CSM of an SLA breach', async () => {
    const detail = await t.app.inject({
      method: 'GET',
      url: `/v1/cases/${caseId}`,
      headers: { authorization: `Bearer ${await t.token(PEOPLE.engineer.email, ['engineer'])}` },
    });
    const dueAt: string = detail.json().sla.resolution.dueAt;
    const mails = await mailsOf(() =>
      t.app.get(CommandGateway).send(
        new ExecuteCaseCommand(
          {
            type: 'RecordSlaTargetBreach',
            caseId,
            actor: SLA_PROCESS_ACTOR,
            at: dueAt,
            target: 'resolution',
            dueAt,
          },
          { actor: { sub: SLA_PROCESS_ACTOR.email, email: SLA_PROCESS_ACTOR.email, roles: [] } },
        ),
      ),
    );
    expect(recipients(mails)).toEqual([PEOPLE.csm.email, PEOPLE.engineer.email, SUPPORT_TEAM].sort());
    const mail = to(mails, PEOPLE.engineer.email);
    expect(mail.subject).toMatch(/Resolution target breached$/);
    expect(mail.text).toContain('By: Casetrail (automatic)');
    expect(mail.text).toMatch(/Resolution: breached \(was due /);
  });

  it('never sends a message twice, and reports the counts on /health', async () => {
    await untilAllDelivered(t.runtime.storage);
    const ids = smtp.received.map((mail) => mail.messageId);
    expect(new Set(ids).size).toBe(ids.length);
    // The counts are an operator's details: an admin's token shows them.
    const admin = await t.token(PEOPLE.admin.email, ['admin']);
    const health = await t.app.inject({
      method: 'GET',
      url: '/health',
      headers: { authorization: `Bearer ${admin}` },
    });
    expect(health.json().notifications).toMatchObject({
      pending: 0,
      sent: ids.length,
      dead: 0,
      interrupted: 0,
    });
    expect(health.json().notifications.pipeline.delivery.state).toBe('active');
  });

  it('mails no one again when the read models and the outbox are rebuilt', async () => {
    const before = smtp.received.length;
    const runner = t.app.get(ProjectionRunner);
    for (const projection of ALL_PROJECTIONS) await runner.rebuild(projection.name);
    const pipeline = t.app.get(NotificationPipelineHost).pipeline!;
    await pipeline.runner.rebuild(NOTIFICATIONS_OUTBOX_PROJECTION);

    // The next event is delivered, and it alone: history was not sent again.
    const mails = await mailsOf(() =>
      world.call('engineer', 'POST', `/v1/cases/${caseId}/comments`, { body: 'Found it.' }),
    );
    expect(recipients(mails)).toEqual(
      [PEOPLE.csm.email, PEOPLE.optedOutMember.email, PEOPLE.sharedUser.email, PEOPLE.opener.email].sort(),
    );
    expect(smtp.received.length).toBe(before + mails.length);
    const ids = smtp.received.map((mail) => mail.messageId);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
