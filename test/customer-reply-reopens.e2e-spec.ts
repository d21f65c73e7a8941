import { mailsSentBy } from './support/notifications/delivery-probe';
import { NotificationWorld, PEOPLE } from './support/notifications/notification-world';
import { TestSmtpServer } from './support/notifications/test-smtp-server';
import { type TestApp } from './support/test-app';
import { useMailedWorld } from './support/notifications/mailed-world';

/**
 * A customer who answers a proposed resolution instead of confirming it is objecting: the reply
 * reopens the case, so it is back in the engineers' queues with a fresh resolution goal, and the
 * people on the case get one message (the reply, showing the case in progress), not two. Before,
 * the case stayed resolved, out of every queue, until the quiet period closed it.
 */
describe("a customer's reply to a resolved case", () => {
  let smtp: TestSmtpServer;
  let t: TestApp;
  let world: NotificationWorld;
  useMailedWorld('enterprise', (setting) => ({ smtp, t, world } = setting));

  it('reopens it: in progress again, a new resolution goal from the reply, back in the queues', async () => {
    const caseId = await world.resolvedCase('Checkout fails again');
    const repliedAt = t.clock.now().toISOString();
    await world.call('opener', 'POST', `/v1/cases/${caseId}/comments`, {
      body: 'Still failing after the restart',
    });

    const detail = await world.read('engineer', `/v1/cases/${caseId}`);
    expect(detail.status).toBe('in-progress');
    expect(detail.sla.resolution).toMatchObject({ state: 'running' });
    expect(Date.parse(detail.sla.resolution.dueAt)).toBeGreaterThan(Date.parse(repliedAt));

    const mine = await world.read('engineer', '/v1/queues/mine');
    expect(mine.items.map((item: { id: string }) => item.id)).toContain(caseId);

    const history = await world.read('opener', `/v1/cases/${caseId}/history`);
    const [reopened, reply] = history.events.slice(-2);
    expect(reopened).toMatchObject({
      type: 'CaseReopened',
      actor: PEOPLE.opener.email,
      data: { reopenedFrom: 'resolved', reason: 'The customer replied to the proposed resolution' },
    });
    expect(reply).toMatchObject({ type: 'CommentAdded', data: { body: 'Still failing after the restart' } });
    expect(reopened.data.commentId).toBe(reply.data.commentId);
  });

  it('tells the assignee once, with the reply and the case in progress', async () => {
    const caseId = await world.resolvedCase('Search index stale');

    const toEngineer = await mailsSentBy(
      t.runtime.storage,
      smtp,
      () =>
        world.call('opener', 'POST', `/v1/cases/${caseId}/comments`, { body: 'The index is stale again' }),
      PEOPLE.engineer.email,
    );
    expect(toEngineer.map((mail) => mail.subject)).toEqual([
      expect.stringMatching(/Search index stale: Case reopened by the customer's reply$/),
    ]);
    expect(toEngineer[0].text).toContain('The index is stale again');
    expect(toEngineer[0].text).toMatch(/Status:?\s+In progress/);
  });

  it('from staff leaves it resolved, out of the queues, only its automatic closure later', async () => {
    const caseId = await world.resolvedCase('Thumbnails missing');
    await world.call('engineer', 'POST', `/v1/cases/${caseId}/comments`, {
      body: 'Let us know if it recurs',
    });

    expect((await world.read('engineer', `/v1/cases/${caseId}`)).status).toBe('resolved');
    const mine = await world.read('engineer', '/v1/queues/mine');
    expect(mine.items.map((item: { id: string }) => item.id)).not.toContain(caseId);
  });
});
