import { mailsSentBy } from './support/notifications/delivery-probe';
import { NotificationWorld, PEOPLE } from './support/notifications/notification-world';
import { TestSmtpServer } from './support/notifications/test-smtp-server';
import { type TestApp } from './support/test-app';
import { useMailedWorld } from './support/notifications/mailed-world';

const DANA = 'dana@vendor.example';
const OSCAR = { email: 'oscar@vendor.example', name: 'Oscar Engineer' };

/**
 * A CSM sees only the cases of the accounts they are CSM of (DOMAIN.md "Who may see a case"). One
 * who worked on a case (acknowledged its escalation) and is then taken off its account gets 404 for
 * it, and from then on no mail about it either, internal notes above all; designated again, they
 * hear of it again. An engineer who worked on the case sees every case and keeps hearing of it. So
 * with a case assigned to the CSM that they never acted on: as its assignee they hear of it only
 * while CSM of its account.
 */
describe('a CSM taken off the account of a case they worked on', () => {
  let smtp: TestSmtpServer;
  let t: TestApp;
  let world: NotificationWorld;
  useMailedWorld('mission-critical', (setting) => ({ smtp, t, world } = setting));

  /** Who the messages `action` causes go to, once everything is delivered. */
  async function recipientsOf(action: () => Promise<unknown>): Promise<string[]> {
    const mails = await mailsSentBy(t.runtime.storage, smtp, action);
    return mails.flatMap((mail) => mail.envelopeTo).sort();
  }

  /** Oscar, an engineer not assigned to the case, writes on it. */
  async function oscarComments(caseId: string, body: string, internal: boolean): Promise<void> {
    const token = await t.token(OSCAR.email, ['engineer'], OSCAR.name);
    const response = await t.app.inject({
      method: 'POST',
      url: `/v1/cases/${caseId}/comments`,
      headers: { authorization: `Bearer ${token}` },
      payload: { body, internal },
    });
    expect(response.statusCode).toBe(201);
  }

  async function carlaReads(caseId: string): Promise<number> {
    const token = await t.token(PEOPLE.csm.email, ['csm'], PEOPLE.csm.name);
    const response = await t.app.inject({
      method: 'GET',
      url: `/v1/cases/${caseId}`,
      headers: { authorization: `Bearer ${token}` },
    });
    return response.statusCode;
  }

  const note = (caseId: string, body: string) => () =>
    world.call('engineer', 'POST', `/v1/cases/${caseId}/comments`, { body, internal: true });

  it('is mailed nothing about the case once replaced or removed, and is again once designated again', async () => {
    const caseId = await world.openCase('Login loop');
    await world.call('engineer', 'POST', `/v1/cases/${caseId}/assignment`, {
      engineer: PEOPLE.engineer.email,
    });
    await world.call('opener', 'POST', `/v1/cases/${caseId}/escalations`, {
      reason: 'production-impact',
      details: 'Nobody can sign in',
    });
    await world.call('csm', 'POST', `/v1/cases/${caseId}/escalations/acknowledgement`);
    await oscarComments(caseId, 'Internal: the session cookie is dropped by the proxy', true);

    // While Carla is the account's CSM, she hears of the notes (as CSM, and as one who worked on it).
    expect(await recipientsOf(note(caseId, 'Internal: proxy vendor contacted'))).toEqual(
      [PEOPLE.csm.email, OSCAR.email].sort(),
    );

    await world.call('admin', 'PUT', `/v1/accounts/${world.accountId}/csm`, {
      email: DANA,
      reason: 'Carla moved to EMEA',
    });
    expect(await carlaReads(caseId)).toBe(404);
    expect(await recipientsOf(note(caseId, 'Internal: contract renewal at risk'))).toEqual(
      [DANA, OSCAR.email].sort(),
    );
    const publicReply = await recipientsOf(() =>
      world.call('engineer', 'POST', `/v1/cases/${caseId}/comments`, { body: 'We are on it' }),
    );
    expect(publicReply).toContain(DANA);
    expect(publicReply).not.toContain(PEOPLE.csm.email);

    await world.call('admin', 'DELETE', `/v1/accounts/${world.accountId}/csm`, { reason: 'Dana leaves' });
    expect(await recipientsOf(note(caseId, 'Internal: margin notes, do not share'))).toEqual([OSCAR.email]);

    await world.call('admin', 'PUT', `/v1/accounts/${world.accountId}/csm`, { email: PEOPLE.csm.email });
    expect(await carlaReads(caseId)).toBe(200);
    const backAgain = smtp.received.length;
    expect(await recipientsOf(note(caseId, 'Internal: Carla is back on the account'))).toEqual(
      [PEOPLE.csm.email, OSCAR.email].sort(),
    );
    const toCarla = smtp.received
      .slice(backAgain)
      .find((mail) => mail.envelopeTo.includes(PEOPLE.csm.email))!;
    expect(toCarla.text).toContain('Carla is back on the account');

    // Nothing that went to Carla while she was off the account.
    const carlasMail = smtp.received.filter((mail) => mail.envelopeTo.includes(PEOPLE.csm.email));
    for (const secret of ['contract renewal at risk', 'We are on it', 'margin notes']) {
      expect(carlasMail.filter((mail) => mail.text.includes(secret))).toEqual([]);
    }
  });

  it('is mailed nothing, as its assignee, about a case assigned to her that she never acted on, once replaced', async () => {
    // Eve hands the case to Carla, the account's CSM (again, after the test above), who never acts on it.
    const caseId = await world.openCase('Export times out');
    await world.call('engineer', 'POST', `/v1/cases/${caseId}/assignment`, { engineer: PEOPLE.csm.email });
    expect(await recipientsOf(note(caseId, 'Internal: Carla owns the renewal talks'))).toEqual([
      PEOPLE.csm.email,
    ]);

    await world.call('admin', 'PUT', `/v1/accounts/${world.accountId}/csm`, {
      email: DANA,
      reason: 'Carla moved to EMEA',
    });
    expect(await carlaReads(caseId)).toBe(404);
    // Dana, the account's CSM now, hears of it (a Mission Critical account); Carla, its assignee, does not.
    expect(await recipientsOf(note(caseId, 'Internal: discount approved'))).toEqual([DANA]);
    expect(
      await recipientsOf(() =>
        world.call('engineer', 'POST', `/v1/cases/${caseId}/comments`, { body: 'The export is fixed' }),
      ),
    ).toEqual([DANA, PEOPLE.opener.email, PEOPLE.teamMember.email].sort());

    await world.call('admin', 'PUT', `/v1/accounts/${world.accountId}/csm`, { email: PEOPLE.csm.email });
    expect(await recipientsOf(note(caseId, 'Internal: Carla is back'))).toEqual([PEOPLE.csm.email]);
  });
});
