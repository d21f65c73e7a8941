import { mailsSentBy } from './support/notifications/delivery-probe';
import { useMailedWorld } from './support/notifications/mailed-world';
import { NotificationWorld } from './support/notifications/notification-world';
import { TestSmtpServer } from './support/notifications/test-smtp-server';
import { type TestApp } from './support/test-app';

const MONA = { email: 'mona@acme.example', name: 'Mona Colleague' };
const PERMISSIONS = { manageUsers: false, shareTickets: false, seeSharedTickets: true };

/**
 * A colleague of the opener who sees the case through see-shared-tickets and escalates it is told
 * of the escalation's progress (acknowledgement, status updates), as long as she still sees the
 * case: once her permission is withdrawn, she hears nothing more of it.
 */
describe("the colleague who requested a case's escalation", () => {
  let smtp: TestSmtpServer;
  let t: TestApp;
  let world: NotificationWorld;
  useMailedWorld('mission-critical', (setting) => ({ smtp, t, world } = setting));

  async function monaCalls(url: string, payload: object): Promise<void> {
    const token = await t.token(MONA.email, [], MONA.name);
    const response = await t.app.inject({
      method: 'POST',
      url,
      headers: { authorization: `Bearer ${token}` },
      payload,
    });
    expect(response.statusCode).toBeLessThan(300);
  }

  const mailsToMona = (action: () => Promise<unknown>) =>
    mailsSentBy(t.runtime.storage, smtp, action, MONA.email);

  it('hears of its acknowledgement and status updates while she sees the case, and not after', async () => {
    await world.call('admin', 'POST', `/v1/licences/${world.licenceId}/users`, {
      email: MONA.email,
      firstName: 'Mona',
      lastName: 'Colleague',
      company: 'Acme',
      country: 'DE',
      permissions: PERMISSIONS,
    });
    await monaCalls(`/v1/licences/${world.licenceId}/users/${MONA.email}/activation`, {});
    const caseId = await world.openCase("Jane's case, escalated by Mona");
    await monaCalls(`/v1/cases/${caseId}/escalations`, { reason: 'low-satisfaction', details: 'slow' });

    const acknowledged = await mailsToMona(() =>
      world.call('csm', 'POST', `/v1/cases/${caseId}/escalations/acknowledgement`, {
        reason: 'CSM on it',
      }),
    );
    expect(acknowledged.map((mail) => mail.subject)).toEqual([
      expect.stringMatching(/: Escalation acknowledged \(level 1\)$/),
    ]);
    expect(acknowledged[0].text).toContain('you requested its escalation');

    const update = await mailsToMona(() =>
      world.call('engineer', 'POST', `/v1/cases/${caseId}/escalations/status-updates`, {
        body: 'Index rebuild running',
      }),
    );
    expect(update.map((mail) => mail.subject)).toEqual([
      expect.stringMatching(/: Escalation status update \(level 1\)$/),
    ]);

    await world.call('admin', 'PATCH', `/v1/licences/${world.licenceId}/users/${MONA.email}`, {
      permissions: { ...PERMISSIONS, seeSharedTickets: false },
    });
    const afterward = await mailsToMona(() =>
      world.call('engineer', 'POST', `/v1/cases/${caseId}/escalations/status-updates`, {
        body: 'Rebuild done',
      }),
    );
    expect(afterward).toEqual([]);
  });
});
