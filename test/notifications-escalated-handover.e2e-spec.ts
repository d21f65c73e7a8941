import { mailsSentBy } from './support/notifications/delivery-probe';
import { useMailedWorld } from './support/notifications/mailed-world';
import { NotificationWorld } from './support/notifications/notification-world';
import { TestSmtpServer } from './support/notifications/test-smtp-server';
import { type TestApp } from './support/test-app';

const BOB = { email: 'bob@vendor.example', name: 'Bob Engineer' };
const HOUR = 60 * 60 * 1000;

/**
 * An engineer handed an escalated case (a shift hand-over) learns from the assignment's mail what
 * the escalation owes next and by when, overdue if so, not just its level: otherwise the first they
 * hear of the obligation is the overdue alert.
 */
describe('the engineer handed an escalated case', () => {
  let smtp: TestSmtpServer;
  let t: TestApp;
  let world: NotificationWorld;
  // Colleagues at the vendor's domain may be assigned before they have taken a case themselves.
  useMailedWorld('enterprise', (setting) => ({ smtp, t, world } = setting), {
    env: { STAFF_EMAIL_DOMAINS: 'vendor.example' },
  });

  /** The case escalated by its opener (the clock stands at Mon 2 Mar 2026, 09:00 UTC). */
  async function escalatedCase(title: string): Promise<string> {
    const caseId = await world.openCase(title);
    await world.call('opener', 'POST', `/v1/cases/${caseId}/escalations`, {
      reason: 'production-impact',
      details: 'Checkout down',
    });
    return caseId;
  }

  /** The text of the mail Bob gets when Eve hands him the case. */
  async function handedToBob(caseId: string): Promise<string> {
    const mails = await mailsSentBy(
      t.runtime.storage,
      smtp,
      () => world.call('engineer', 'POST', `/v1/cases/${caseId}/assignment`, { engineer: BOB.email }),
      BOB.email,
    );
    expect(mails.map((mail) => mail.subject)).toEqual([expect.stringMatching(/: Case assigned to bob@/)]);
    return mails[0].text;
  }

  it('is told an acknowledged escalation is acknowledged and when its next status update is due', async () => {
    const caseId = await escalatedCase('Acknowledged, then handed over');
    await world.call('csm', 'POST', `/v1/cases/${caseId}/escalations/acknowledgement`, {});
    const { escalation } = await world.read('engineer', `/v1/cases/${caseId}`);
    // Severity 2: every business day, from the acknowledgement.
    expect(escalation.nextStatusUpdateDueAt).toBe('2026-03-03T09:00:00.000Z');

    expect(await handedToBob(caseId)).toContain(
      'Escalation: level 1, acknowledged by carla@vendor.example; next status update due Tue 3 Mar 2026, 09:00 UTC\n',
    );
  });

  it('is told an escalation awaits acknowledgement and by when', async () => {
    const caseId = await escalatedCase('Not yet acknowledged, handed over');

    expect(await handedToBob(caseId)).toContain(
      'Escalation: level 1, not yet acknowledged; acknowledgement due Mon 2 Mar 2026, 10:00 UTC\n',
    );
  });

  it('is told the acknowledgement is overdue once its hour has passed', async () => {
    const caseId = await escalatedCase('Acknowledgement overdue, handed over');
    t.clock.advance(2 * HOUR);
    // The scheduler records the overdue acknowledgement at its next look (within a second) and the
    // support team is alerted; the hand-over comes after, as it would an hour later. Not waiting,
    // the assignment could go first and Bob, then the assignee, get the alert too.
    await smtp.waitFor((received) =>
      received.some((mail) =>
        mail.subject.includes('Acknowledgement overdue, handed over: Escalation not acknowledged'),
      ),
    );

    expect(await handedToBob(caseId)).toContain(
      'Escalation: level 1, not yet acknowledged; acknowledgement due Mon 2 Mar 2026, 10:00 UTC, overdue\n',
    );
  });
});
