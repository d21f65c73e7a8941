import { mailsSentBy } from './support/notifications/delivery-probe';
import { useMailedWorld } from './support/notifications/mailed-world';
import { NotificationWorld, PEOPLE } from './support/notifications/notification-world';
import { TestSmtpServer } from './support/notifications/test-smtp-server';
import { type TestApp } from './support/test-app';

const BOB = { email: 'bob@vendor.example', name: 'Bob Engineer' };

/**
 * A colleague takes over a case: the engineer who had it (and heard of everything on it until then)
 * is told it was reassigned, to whom, by whom and why, instead of the case silently leaving `mine`.
 */
describe('the engineer whose case a colleague takes over', () => {
  let smtp: TestSmtpServer;
  let t: TestApp;
  let world: NotificationWorld;
  // Colleagues at the vendor's domain may be assigned before they have taken a case themselves.
  useMailedWorld('mission-critical', (setting) => ({ smtp, t, world } = setting), {
    env: { STAFF_EMAIL_DOMAINS: 'vendor.example' },
  });

  async function bobAssigns(caseId: string, payload: object): Promise<void> {
    const token = await t.token(BOB.email, ['engineer'], BOB.name);
    const response = await t.app.inject({
      method: 'POST',
      url: `/v1/cases/${caseId}/assignment`,
      headers: { authorization: `Bearer ${token}` },
      payload,
    });
    expect(response.statusCode).toBe(200);
  }

  it('is mailed that the case was reassigned, to whom and by whom, staff only', async () => {
    const caseId = await world.openCase('Escalated while Eve had it');
    await world.call('engineer', 'POST', `/v1/cases/${caseId}/assignment`, {
      engineer: PEOPLE.engineer.email,
    });
    await world.call('opener', 'POST', `/v1/cases/${caseId}/escalations`, {
      reason: 'production-impact',
      details: 'Checkout down',
    });

    const mails = await mailsSentBy(t.runtime.storage, smtp, () =>
      bobAssigns(caseId, { engineer: BOB.email, reason: 'Shift handover' }),
    );

    const toEve = mails.filter((mail) => mail.envelopeTo.includes(PEOPLE.engineer.email));
    expect(toEve.map((mail) => mail.subject)).toEqual([
      expect.stringMatching(/: Case reassigned from eve@vendor\.example to bob@vendor\.example$/),
    ]);
    // To whom in the headline, by whom in `By`, each said once (a `Previously:` line repeated the headline).
    expect(toEve[0].text.startsWith(`Case reassigned from ${PEOPLE.engineer.email} to ${BOB.email}\n`)).toBe(
      true,
    );
    expect(toEve[0].text).not.toContain('Previously:');
    expect(toEve[0].text).toContain(`By: ${BOB.name} <${BOB.email}>\n`);
    expect(toEve[0].text).toContain('Reason: Shift handover\n');
    expect(toEve[0].text).toContain('the case was assigned to you until this change');
    // Staff only: the customers hear nothing of who works the case.
    const customers: string[] = [PEOPLE.opener.email, PEOPLE.teamMember.email];
    expect(mails.flatMap((mail) => mail.envelopeTo).filter((to) => customers.includes(to))).toEqual([]);
  });

  it('tells nobody of their own hand-over but the colleague who gets the case', async () => {
    const caseId = await world.openCase('Handed over by Eve');
    await world.call('engineer', 'POST', `/v1/cases/${caseId}/assignment`, {
      engineer: PEOPLE.engineer.email,
    });

    const mails = await mailsSentBy(t.runtime.storage, smtp, () =>
      world.call('engineer', 'POST', `/v1/cases/${caseId}/assignment`, { engineer: BOB.email }),
    );

    expect(mails.flatMap((mail) => mail.envelopeTo).sort()).toEqual([BOB.email, PEOPLE.csm.email].sort());
  });
});
