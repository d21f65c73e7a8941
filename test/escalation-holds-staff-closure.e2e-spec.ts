import { NotificationWorld, PEOPLE, type Person } from './support/notifications/notification-world';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * An open escalation ends with a reason from the engineer or CSM handling it. Staff closing the
 * resolved case are refused (409 escalation-open) until it is de-escalated, as the automatic
 * closure already waited; before, their closure went through at once and the escalation ended as
 * "de-escalated" ("case closed") with nobody acknowledging it, and the customer could not escalate
 * again. The customer's own closure still confirms the resolution and ends the escalation.
 */
describe('closing a resolved case whose escalation is open', () => {
  let t: TestApp;
  let world: NotificationWorld;

  beforeAll(async () => {
    t = await startTestApp();
    world = await new NotificationWorld(t).setUp('enterprise');
  });

  afterAll(async () => {
    await t.close();
  });

  /** Escalated by the customer while in progress, then resolved by the engineer. */
  async function escalatedThenResolved(title: string): Promise<string> {
    const caseId = await world.openCase(title);
    await world.call('engineer', 'POST', `/v1/cases/${caseId}/comments`, { body: 'Looking into it' });
    await world.call('opener', 'POST', `/v1/cases/${caseId}/escalations`, {
      reason: 'low-satisfaction',
      details: 'Nobody has looked at this for days',
    });
    await world.call('engineer', 'POST', `/v1/cases/${caseId}/resolution`, { summary: 'Works as designed' });
    return caseId;
  }

  async function close(person: Person, caseId: string) {
    const { email, roles, name } = PEOPLE[person];
    const token = await t.token(email, [...roles], name);
    return t.app.inject({
      method: 'POST',
      url: `/v1/cases/${caseId}/closure`,
      headers: { authorization: `Bearer ${token}` },
    });
  }

  it("is refused to staff with a problem naming the escalation's level, and records nothing; once de-escalated with a reason it closes", async () => {
    const caseId = await escalatedThenResolved('Checkout fails');
    const before = await world.read('engineer', `/v1/cases/${caseId}/history`);

    for (const person of ['engineer', 'csm'] as const) {
      const refused = await close(person, caseId);
      expect(refused.statusCode).toBe(409);
      expect(refused.headers['content-type']).toContain('application/problem+json');
      const problem = refused.json();
      expect(String(problem.type).split('/').pop()).toBe('escalation-open');
      expect(problem.detail).toMatch(/level 1.*de-escalate it with a reason/);
    }

    const after = await world.read('engineer', `/v1/cases/${caseId}/history`);
    expect(after.events).toHaveLength(before.events.length);
    const detail = await world.read('engineer', `/v1/cases/${caseId}`);
    expect(detail).toMatchObject({ status: 'resolved', autoCloseWaitsFor: 'de-escalation' });
    expect(detail.escalation).toMatchObject({ level: 1, status: 'awaiting-acknowledgement' });

    await world.call('engineer', 'POST', `/v1/cases/${caseId}/escalations/acknowledgement`);
    await world.call('engineer', 'POST', `/v1/cases/${caseId}/escalations/de-escalation`, {
      reason: 'Explained the design on a call; the customer agreed',
    });
    expect((await close('engineer', caseId)).statusCode).toBe(200);
    const closed = await world.read('engineer', `/v1/cases/${caseId}`);
    expect(closed.status).toBe('closed');
    expect(closed.escalation).toMatchObject({
      status: 'de-escalated',
      endReason: 'Explained the design on a call; the customer agreed',
    });
  });

  it("the customer's own closure confirms the resolution and ends the escalation", async () => {
    const caseId = await escalatedThenResolved('Search index stale');
    expect((await close('opener', caseId)).statusCode).toBe(200);
    const detail = await world.read('engineer', `/v1/cases/${caseId}`);
    expect(detail.status).toBe('closed');
    expect(detail.escalation).toMatchObject({ level: 1, status: 'de-escalated', endReason: 'case closed' });
  });
});
