import { NotificationWorld } from './support/notifications/notification-world';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * A resolved case whose escalation is still open owes status updates until it is de-escalated (the
 * timers go on alerting its assignee), so it stays in its assignee's queue and in the Mission
 * Critical queue, as it does in `escalated`. Before, both dropped it at the resolution while only
 * `escalated` and the escalations board kept it.
 */
describe('queues: a resolved case with an open escalation', () => {
  let t: TestApp;
  let world: NotificationWorld;

  beforeAll(async () => {
    t = await startTestApp();
    world = await new NotificationWorld(t).setUp('mission-critical');
  });
  afterAll(() => t.close());

  const queue = async (name: string) =>
    ((await world.read('engineer', `/v1/queues/${name}`)).items as { id: string }[]).map((item) => item.id);

  it('stays in mine and mission-critical until it is de-escalated', async () => {
    const caseId = await world.resolvedCase('Fix deployed, updates still owed');
    await world.call('engineer', 'POST', `/v1/cases/${caseId}/escalations`, {
      reason: 'production-impact',
      details: 'Watching the fix in production',
    });
    await world.call('engineer', 'POST', `/v1/cases/${caseId}/escalations/acknowledgement`, {});

    expect((await world.read('engineer', `/v1/cases/${caseId}`)).status).toBe('resolved');
    expect(await queue('mine')).toContain(caseId);
    expect(await queue('mission-critical')).toContain(caseId);
    expect(await queue('escalated')).toContain(caseId);

    await world.call('engineer', 'POST', `/v1/cases/${caseId}/escalations/de-escalation`, {
      reason: 'Fix holding for a day',
    });

    expect(await queue('mine')).not.toContain(caseId);
    expect(await queue('mission-critical')).not.toContain(caseId);
  });
});
