import { PEOPLE, type NotificationWorld } from './support/notifications/notification-world';
import { useMailedWorld } from './support/notifications/mailed-world';
import type { TestApp } from './support/test-app';

/**
 * Two people of the vendor acknowledge the same escalation (a shift handover, the CSM and the
 * engineer): the one who comes second learns from the refusal and from the case detail who took
 * it, so who owes its status updates. Before, the 409 said only "The escalation is already
 * acknowledged" and the case detail's escalation had no `acknowledgedBy`: only the escalations
 * board named the colleague.
 */
describe('an escalation acknowledged by a colleague names them', () => {
  let t: TestApp;
  let world: NotificationWorld;
  useMailedWorld('mission-critical', (setting) => ({ t, world } = setting));

  it('the second acknowledgement is refused naming who acknowledged it and when, and the case detail says so too', async () => {
    const caseId = await world.openCase('Escalated during the handover');
    await world.call('opener', 'POST', `/v1/cases/${caseId}/escalations`, {
      reason: 'production-impact',
      details: 'Checkout down for the EU shop',
    });
    await world.call('csm', 'POST', `/v1/cases/${caseId}/escalations/acknowledgement`, {
      reason: 'CSM on it, calling the customer',
    });
    t.clock.advance(60 * 1000);
    await world.call('csm', 'POST', `/v1/cases/${caseId}/escalations/status-updates`, {
      body: 'Index rebuild running',
    });
    const { escalation } = await world.read('engineer', `/v1/cases/${caseId}`);

    const token = await t.token(PEOPLE.engineer.email, [...PEOPLE.engineer.roles], PEOPLE.engineer.name);
    const refused = await t.app.inject({
      method: 'POST',
      url: `/v1/cases/${caseId}/escalations/acknowledgement`,
      headers: { authorization: `Bearer ${token}` },
      payload: {},
    });

    expect(escalation).toMatchObject({
      status: 'acknowledged',
      acknowledgedBy: PEOPLE.csm.email,
      acknowledgedAt: expect.any(String),
      lastStatusUpdateAt: expect.any(String),
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.json()).toMatchObject({
      type: expect.stringMatching(/escalation-already-acknowledged$/),
      detail:
        `The escalation (level 1) is already acknowledged, by ${PEOPLE.csm.email} at ${escalation.acknowledgedAt}; ` +
        `its next status update is due by ${escalation.nextStatusUpdateDueAt}. Its status updates are owed by ` +
        `${PEOPLE.csm.email} (posted its last status update; the case is unassigned). To take them over, take ` +
        `the case (POST /v1/cases/${caseId}/assignment naming yourself); meanwhile anyone handling the ` +
        `escalation may post one with POST /v1/cases/${caseId}/escalations/status-updates`,
    });
  });
});
