import { formatInstant } from '../apps/api/src/notifications/templates/format-instant';
import { mailsSentBy } from './support/notifications/delivery-probe';
import { useMailedWorld } from './support/notifications/mailed-world';
import { NotificationWorld, PEOPLE } from './support/notifications/notification-world';
import { TestSmtpServer } from './support/notifications/test-smtp-server';
import { type TestApp } from './support/test-app';

/**
 * The mails about a resolved case tell the customer what becomes of it: when it closes by itself
 * (the quiet period, which staff's public activity restarts).
 */
describe('the mails about a resolved case', () => {
  let smtp: TestSmtpServer;
  let t: TestApp;
  let world: NotificationWorld;
  useMailedWorld('mission-critical', (setting) => ({ smtp, t, world } = setting));

  it("give the new automatic closing time when staff's comment restarts the quiet period", async () => {
    const caseId = await world.resolvedCase('Resolved, then commented on by support');
    const mails = await mailsSentBy(
      t.runtime.storage,
      smtp,
      () =>
        world.call('engineer', 'POST', `/v1/cases/${caseId}/comments`, {
          body: 'The patch is on the download page too',
        }),
      PEOPLE.opener.email,
    );

    const history = await world.read('opener', `/v1/cases/${caseId}/history`);
    const postponed = history.events.find((event: { type: string }) => event.type === 'AutoClosePostponed');
    expect(mails.map((mail) => mail.subject)).toEqual([expect.stringMatching(/: New comment$/)]);
    expect(mails[0].text).toContain(`Closes automatically: ${formatInstant(postponed.data.autoCloseAt)}\n`);
    expect(mails[0].text).not.toContain(formatInstant(postponed.data.previousAutoCloseAt));
    expect(mails[0].text).toContain('Status: Resolved');
  });

  it("say the case was reopened by the customer's reply that reopened it", async () => {
    const caseId = await world.resolvedCase('Resolved, then the customer says it still fails');
    const mails = await mailsSentBy(
      t.runtime.storage,
      smtp,
      () =>
        world.call('opener', 'POST', `/v1/cases/${caseId}/comments`, {
          body: 'Still failing for users in the EU group',
        }),
      PEOPLE.engineer.email,
    );

    expect(mails.map((mail) => mail.subject)).toEqual([
      expect.stringMatching(/: Case reopened by the customer's reply$/),
    ]);
    expect(mails[0].text).toContain('Still failing for users in the EU group');
    expect(mails[0].text).toContain('Status: In progress\n');
    // The next reply on the reopened case is a comment again.
    const next = await mailsSentBy(
      t.runtime.storage,
      smtp,
      () => world.call('opener', 'POST', `/v1/cases/${caseId}/comments`, { body: 'Only since Monday' }),
      PEOPLE.engineer.email,
    );
    expect(next.map((mail) => mail.subject)).toEqual([expect.stringMatching(/: New comment$/)]);
  });

  it("show staff the case closed when the customer's closure ended its escalation", async () => {
    const caseId = await world.openCase('Escalated, resolved, closed by the customer');
    await world.call('engineer', 'POST', `/v1/cases/${caseId}/assignment`, {
      engineer: PEOPLE.engineer.email,
    });
    await world.call('engineer', 'POST', `/v1/cases/${caseId}/comments`, { body: 'Looking into it' });
    await world.call('opener', 'POST', `/v1/cases/${caseId}/escalations`, {
      reason: 'low-satisfaction',
      details: 'Nobody has looked at this for days',
    });
    await world.call('engineer', 'POST', `/v1/cases/${caseId}/resolution`, { summary: 'Reindexed' });
    const mails = await mailsSentBy(t.runtime.storage, smtp, () =>
      world.call('opener', 'POST', `/v1/cases/${caseId}/closure`, { reason: 'Root cause found ourselves' }),
    );

    const ended = mails.filter((mail) =>
      /: Escalation ended \(level 1\): the customer closed the case$/.test(mail.subject),
    );
    // The assignee and the CSM of this Mission Critical account (and the support team list).
    expect(ended.flatMap((mail) => mail.envelopeTo)).toEqual(
      expect.arrayContaining([PEOPLE.engineer.email, PEOPLE.csm.email]),
    );
    for (const mail of ended) {
      expect(mail.text).toContain('Status: Closed\n');
      // They get no mail of the closure itself (finding F8): this one gives the customer's reason.
      expect(mail.text).toContain("Customer's reason for closing: Root cause found ourselves\n");
      expect(mail.text).not.toContain('Status: Resolved');
      expect(mail.text).not.toContain('Closes automatically');
    }
  });

  it('tells the customers who follow the case that the closure ended its escalation (customer2 F10)', async () => {
    const caseId = await world.openCase('Escalated, resolved, closed: the team hears the escalation ended');
    await world.call('engineer', 'POST', `/v1/cases/${caseId}/comments`, { body: 'Looking into it' });
    await world.call('opener', 'POST', `/v1/cases/${caseId}/escalations`, {
      reason: 'production-impact',
      details: 'Orders are failing',
    });
    await world.call('engineer', 'POST', `/v1/cases/${caseId}/resolution`, { summary: 'Reindexed' });
    const mails = await mailsSentBy(
      t.runtime.storage,
      smtp,
      () => world.call('opener', 'POST', `/v1/cases/${caseId}/closure`, {}),
      PEOPLE.teamMember.email,
    );

    // One mail, the closure's, which says the escalation ended with it.
    expect(mails.map((mail) => mail.subject)).toEqual([
      expect.stringMatching(/: Case closed; its escalation \(level 1\) ended with it$/),
    ]);
    expect(mails[0].text).toContain('Escalation: level 1, ended by this closure\n');
  });
});
