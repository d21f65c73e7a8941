import { mailsSentBy } from './support/notifications/delivery-probe';
import { NotificationWorld, PEOPLE } from './support/notifications/notification-world';
import { TestSmtpServer } from './support/notifications/test-smtp-server';
import { type TestApp } from './support/test-app';
import { useMailedWorld } from './support/notifications/mailed-world';

const HOUR = 60 * 60 * 1000;

/**
 * A customer who escalates a case that awaits their answer has answered, loudly: the case is back
 * in progress, in front of an engineer, and the resolution clock runs again exactly as after a
 * customer's comment. Before, the case stayed in the awaiting-customer queue with the vendor's
 * clock paused while the customer complained of slowness. An engineer's escalation is no answer
 * from the customer and leaves the wait alone.
 */
describe("a customer's escalation of a case awaiting them", () => {
  let smtp: TestSmtpServer;
  let t: TestApp;
  let world: NotificationWorld;
  useMailedWorld('enterprise', (setting) => ({ smtp, t, world } = setting));

  /** A case the engineer answered and then asked the customer for details about. */
  async function awaitingCase(title: string): Promise<string> {
    const caseId = await world.openCase(title);
    await world.call('engineer', 'POST', `/v1/cases/${caseId}/assignment`, {
      engineer: PEOPLE.engineer.email,
    });
    await world.call('engineer', 'POST', `/v1/cases/${caseId}/comments`, { body: 'Looking into it' });
    await world.call('engineer', 'POST', `/v1/cases/${caseId}/information-request`, {
      body: 'Which version do you run?',
    });
    return caseId;
  }

  const idsIn = async (queue: string) =>
    (await world.read('engineer', `/v1/queues/${queue}`)).items.map((item: { id: string }) => item.id);

  it('puts it back in progress, its resolution clock running as after a comment, out of the awaiting-customer queue', async () => {
    const escalatedCase = await awaitingCase('Checkout fails on payment');
    const commentedCase = await awaitingCase('Checkout fails on shipping');
    const paused = (await world.read('engineer', `/v1/cases/${escalatedCase}`)).sla.resolution;
    expect(paused.state).toBe('paused');
    expect(await idsIn('awaiting-customer')).toContain(escalatedCase);

    t.clock.advance(2 * HOUR);
    await world.call('opener', 'POST', `/v1/cases/${escalatedCase}/escalations`, {
      reason: 'low-satisfaction',
      details: 'Version 15.1, and please hurry',
    });
    await world.call('opener', 'POST', `/v1/cases/${commentedCase}/comments`, { body: 'Version 15.1' });

    const detail = await world.read('engineer', `/v1/cases/${escalatedCase}`);
    expect(detail.status).toBe('in-progress');
    expect(detail.escalation).toMatchObject({ level: 1 });
    expect(detail.sla.resolution.state).toBe('running');
    // The two hours of waiting do not count against the vendor: due that much later, as after a comment.
    expect(Date.parse(detail.sla.resolution.dueAt)).toBe(Date.parse(paused.dueAt) + 2 * HOUR);
    const commented = await world.read('engineer', `/v1/cases/${commentedCase}`);
    expect(detail.sla.resolution.dueAt).toBe(commented.sla.resolution.dueAt);

    expect(await idsIn('awaiting-customer')).not.toContain(escalatedCase);
    expect(await idsIn('mine')).toContain(escalatedCase);

    const history = await world.read('opener', `/v1/cases/${escalatedCase}/history`);
    const [answered, escalated] = history.events.slice(-2);
    expect(answered).toMatchObject({ type: 'CustomerResponded', actor: PEOPLE.opener.email });
    expect(escalated).toMatchObject({ type: 'CaseEscalated', data: { raisedBy: 'customer', level: 1 } });
  });

  it('tells the assignee once, with the escalation and the case in progress', async () => {
    const caseId = await awaitingCase('Search index stale');

    const toEngineer = await mailsSentBy(
      t.runtime.storage,
      smtp,
      () =>
        world.call('opener', 'POST', `/v1/cases/${caseId}/escalations`, {
          reason: 'production-impact',
          details: 'Any version; the shop is down',
        }),
      PEOPLE.engineer.email,
    );
    expect(toEngineer.map((mail) => mail.subject)).toEqual([
      expect.stringMatching(/Search index stale: Case escalated \(level 1\)$/),
    ]);
    expect(toEngineer[0].text).toMatch(/Status:?\s+In progress/);
  });

  it('from an engineer leaves it awaiting the customer, the resolution clock paused', async () => {
    const caseId = await awaitingCase('Thumbnails missing');
    const paused = (await world.read('engineer', `/v1/cases/${caseId}`)).sla.resolution;
    t.clock.advance(HOUR);

    await world.call('engineer', 'POST', `/v1/cases/${caseId}/escalations`, {
      reason: 'business-operations-risk',
      details: 'Raised on the customer’s behalf',
    });

    const detail = await world.read('engineer', `/v1/cases/${caseId}`);
    expect(detail.status).toBe('awaiting-customer');
    expect(detail.escalation).toMatchObject({ level: 1 });
    // Still paused: the time left is as it was (its dueAt moves on with the wait, as if answered now).
    expect(detail.sla.resolution).toMatchObject({
      state: 'paused',
      remainingMs: paused.remainingMs,
      remainingBusinessMs: paused.remainingBusinessMs,
    });
    expect(await idsIn('awaiting-customer')).toContain(caseId);
  });
});
