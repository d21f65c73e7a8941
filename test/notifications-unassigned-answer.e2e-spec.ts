import { mailsSentBy } from './support/notifications/delivery-probe';
import { useMailedWorld } from './support/notifications/mailed-world';
import { NotificationWorld, PEOPLE } from './support/notifications/notification-world';
import { TestSmtpServer } from './support/notifications/test-smtp-server';
import { type TestApp } from './support/test-app';

const BOB = { email: 'bob@vendor.example', name: 'Bob Engineer' };

/**
 * An engineer who asked the customer for information on a case nobody is assigned is mailed the
 * answer, a comment or an escalation (as one who worked on the case, who already hears of its
 * internal notes); once someone else is assigned, the assignee is.
 */
describe("the customer's answer to an engineer's question", () => {
  let smtp: TestSmtpServer;
  let t: TestApp;
  let world: NotificationWorld;
  // Enterprise: no CSM told of everything, so only the rule under test reaches staff.
  // Colleagues at the vendor's domain may be assigned before they have taken a case themselves.
  useMailedWorld('enterprise', (setting) => ({ smtp, t, world } = setting), {
    env: { STAFF_EMAIL_DOMAINS: 'vendor.example' },
  });

  const answer = (caseId: string) => () =>
    world.call('opener', 'POST', `/v1/cases/${caseId}/comments`, { body: 'CSV please' });

  it('reaches the engineer who asked, on a case nobody is assigned', async () => {
    const caseId = await world.openCase('Export format');
    await world.call('engineer', 'POST', `/v1/cases/${caseId}/information-request`, {
      body: 'Which export format?',
    });

    const mails = await mailsSentBy(t.runtime.storage, smtp, answer(caseId), PEOPLE.engineer.email);

    expect(mails.map((mail) => mail.subject)).toEqual([expect.stringMatching(/: New comment$/)]);
    expect(mails[0].text).toContain('CSV please');
    expect(mails[0].text).toContain('you have worked on this case');
  });

  it('reaches the engineer who asked when the customer answers by escalating', async () => {
    const caseId = await world.openCase('Export format, answered by an escalation');
    await world.call('engineer', 'POST', `/v1/cases/${caseId}/information-request`, {
      body: 'Please send the logs',
    });

    // On a case awaiting the customer, the escalation is their answer (CustomerResponded first).
    const mails = await mailsSentBy(
      t.runtime.storage,
      smtp,
      () =>
        world.call('opener', 'POST', `/v1/cases/${caseId}/escalations`, {
          reason: 'business-operations-risk',
          details: 'We cannot send logs, it is urgent',
        }),
      PEOPLE.engineer.email,
    );

    expect(mails.map((mail) => mail.subject)).toEqual([
      expect.stringMatching(/: Case escalated \(level 1\)$/),
    ]);
    expect(mails[0].text).toContain('We cannot send logs, it is urgent');
    expect(mails[0].text).toContain('you have worked on this case');
  });

  it('reaches the assignee instead once a colleague is assigned', async () => {
    const caseId = await world.openCase('Export format, assigned to Bob');
    await world.call('engineer', 'POST', `/v1/cases/${caseId}/information-request`, {
      body: 'Which export format?',
    });
    await world.call('engineer', 'POST', `/v1/cases/${caseId}/assignment`, { engineer: BOB.email });

    const mails = await mailsSentBy(t.runtime.storage, smtp, answer(caseId));

    const staff = mails.flatMap((mail) => mail.envelopeTo).filter((to) => to.endsWith('@vendor.example'));
    expect(staff).toEqual([BOB.email]);
  });
});
