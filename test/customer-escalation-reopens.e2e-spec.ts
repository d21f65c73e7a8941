import { mailsSentBy } from './support/notifications/delivery-probe';
import { NotificationWorld, PEOPLE } from './support/notifications/notification-world';
import { TestSmtpServer } from './support/notifications/test-smtp-server';
import { type TestApp } from './support/test-app';
import { useMailedWorld } from './support/notifications/mailed-world';

/**
 * A customer who escalates a resolved case is saying the resolution did not work, as a reply to it
 * would: the case is reopened (back in progress and in the engineers' queues with a fresh
 * resolution goal) and escalated, and the people on the case get one message (the escalation,
 * showing the case in progress), not two. Before, the case stayed resolved, out of every work
 * queue, its resolution clock stopped, waiting for the escalation to end so the quiet period could
 * close it. An engineer's escalation leaves the proposed resolution standing.
 */
describe("a customer's escalation of a resolved case", () => {
  let smtp: TestSmtpServer;
  let t: TestApp;
  let world: NotificationWorld;
  useMailedWorld('enterprise', (setting) => ({ smtp, t, world } = setting));

  const idsIn = async (queue: string) =>
    (await world.read('engineer', `/v1/queues/${queue}`)).items.map((item: { id: string }) => item.id);

  it('reopens it: in progress with a new resolution goal, in the work queues and the escalated queue, awaiting acknowledgement', async () => {
    const caseId = await world.resolvedCase('Checkout fails again');
    const escalatedAt = t.clock.now().toISOString();
    await world.call('opener', 'POST', `/v1/cases/${caseId}/escalations`, {
      reason: 'production-impact',
      details: 'The restart did not help; the shop is down',
    });

    const detail = await world.read('engineer', `/v1/cases/${caseId}`);
    expect(detail.status).toBe('in-progress');
    expect(detail.sla.resolution).toMatchObject({ state: 'running' });
    expect(Date.parse(detail.sla.resolution.dueAt)).toBeGreaterThan(Date.parse(escalatedAt));
    expect(detail).not.toHaveProperty('autoCloseAt');
    expect(detail.escalation).toMatchObject({ level: 1, status: 'awaiting-acknowledgement', escalatedAt });
    expect(Date.parse(detail.escalation.acknowledgementDueAt)).toBeGreaterThan(Date.parse(escalatedAt));

    expect(await idsIn('mine')).toContain(caseId);
    expect(await idsIn('open')).toContain(caseId);
    expect(await idsIn('escalated')).toContain(caseId);

    const history = await world.read('opener', `/v1/cases/${caseId}/history`);
    const [reopened, escalated] = history.events.slice(-2);
    expect(reopened).toMatchObject({
      type: 'CaseReopened',
      actor: PEOPLE.opener.email,
      data: {
        reopenedFrom: 'resolved',
        reason: 'The customer escalated the case instead of accepting the proposed resolution',
        escalationLevel: 1,
      },
    });
    expect(escalated).toMatchObject({ type: 'CaseEscalated', data: { raisedBy: 'customer', level: 1 } });
  });

  it('tells the assignee once, with the escalation and the case in progress', async () => {
    const caseId = await world.resolvedCase('Search index stale');

    const toEngineer = await mailsSentBy(
      t.runtime.storage,
      smtp,
      () =>
        world.call('opener', 'POST', `/v1/cases/${caseId}/escalations`, {
          reason: 'low-satisfaction',
          details: 'The index is stale again',
        }),
      PEOPLE.engineer.email,
    );
    // Only this case's mail: resolving it moved the clock two hours, past the acknowledgement window
    // of the case the test before escalated, whose overdue alert may be delivered meanwhile.
    const aboutThisCase = toEngineer.filter((mail) => mail.subject.includes('Search index stale'));
    expect(aboutThisCase.map((mail) => mail.subject)).toEqual([
      expect.stringMatching(/Search index stale: Case reopened and escalated by the customer \(level 1\)$/),
    ]);
    expect(aboutThisCase[0].text).toMatch(/Status:?\s+In progress/);
  });

  it('from an engineer leaves it resolved, out of the open queue, its closure waiting for the de-escalation', async () => {
    const caseId = await world.resolvedCase('Thumbnails missing');
    await world.call('engineer', 'POST', `/v1/cases/${caseId}/escalations`, {
      reason: 'business-operations-risk',
      details: 'Watching the fix in production',
    });

    const detail = await world.read('engineer', `/v1/cases/${caseId}`);
    expect(detail).toMatchObject({ status: 'resolved', autoCloseWaitsFor: 'de-escalation' });
    expect(detail.escalation).toMatchObject({ level: 1 });
    expect(await idsIn('open')).not.toContain(caseId);
    expect(await idsIn('escalated')).toContain(caseId);
    // Its escalation's status updates are owed to the end: its assignee's queue keeps it till then.
    expect(await idsIn('mine')).toContain(caseId);
  });
});
