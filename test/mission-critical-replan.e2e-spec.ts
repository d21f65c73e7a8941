import { mailsSentBy } from './support/notifications/delivery-probe';
import { useMailedWorld } from './support/notifications/mailed-world';
import { NotificationWorld, PEOPLE } from './support/notifications/notification-world';
import { TestSmtpServer, type ReceivedMail } from './support/notifications/test-smtp-server';
import { type TestApp } from './support/test-app';

/**
 * DOMAIN.md "Support plans and Mission Critical": the CSM is notified of all activity on a Mission
 * Critical account's cases, and they lead every queue. A re-plan of a licence (PATCH
 * /v1/licences/{id}) is an event, so the account's cases follow it at once, not at the next
 * once-a-minute review, and the CSM hears of what customers write right after it.
 */
describe('re-planning a licence to or from mission-critical', () => {
  let smtp: TestSmtpServer;
  let t: TestApp;
  let world: NotificationWorld;
  useMailedWorld('enterprise', (setting) => ({ smtp, t, world } = setting));

  const mailsOf = (action: () => Promise<unknown>) => mailsSentBy(t.runtime.storage, smtp, action);
  const reachesCsm = (mails: ReceivedMail[]) =>
    mails.some((mail) => mail.envelopeTo.includes(PEOPLE.csm.email) && mail.subject.includes('comment'));

  const replan = (plan: string) =>
    world.call('admin', 'PATCH', `/v1/licences/${world.licenceId}`, { plan, reason: 'Re-planned' });

  /** The case's cover as its detail shows it, polled for up to `withinMs` until it is `expected`. */
  async function coverFollows(caseId: string, expected: boolean, withinMs: number): Promise<boolean> {
    const deadline = Date.now() + withinMs;
    for (;;) {
      const detail = await world.read('engineer', `/v1/cases/${caseId}`);
      if (detail.priority.missionCritical === expected) return true;
      if (Date.now() > deadline) return false;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  const coverChanges = async (caseId: string) =>
    (await world.read('engineer', `/v1/cases/${caseId}/history`)).events.filter(
      (entry: { type: string }) => entry.type === 'MissionCriticalChanged',
    );

  it('mails the CSM a comment made right after the upgrade, and lifts the case at once (once)', async () => {
    const caseId = await world.openCase('Checkout fails', 3);
    const mails = await mailsOf(async () => {
      await replan('mission-critical');
      await world.call('opener', 'POST', `/v1/cases/${caseId}/comments`, {
        body: 'Second try after upgrade',
      });
    });
    expect(reachesCsm(mails.filter((mail) => mail.subject.includes('comment')))).toBe(true);

    // Without waiting for the once-a-minute review (the test app's first round ran at its start).
    expect(await coverFollows(caseId, true, 5_000)).toBe(true);
    expect(await coverChanges(caseId)).toHaveLength(1);
  });

  it('drops the case at once on the downgrade, after which the CSM no longer hears of it', async () => {
    const caseId = await world.openCase('Search is slow', 3);
    expect(await coverFollows(caseId, true, 5_000)).toBe(true);
    await replan('enterprise');
    expect(await coverFollows(caseId, false, 5_000)).toBe(true);
    const mails = await mailsOf(() =>
      world.call('opener', 'POST', `/v1/cases/${caseId}/comments`, { body: 'Still slow' }),
    );
    expect(reachesCsm(mails)).toBe(false);
  });
});
