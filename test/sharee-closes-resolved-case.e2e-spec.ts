import { NotificationWorld, PEOPLE } from './support/notifications/notification-world';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * Who may confirm a resolution by closing the case (DOMAIN.md: "Per-case sharing adds one person to
 * one case: they see it, update it and get its notifications"; the policy: people a case is shared
 * with "can see and update" it). Closing a resolved case is an update like a comment, so a person
 * the case is shared with, licensed or not, may close it, as a case-team member may; the opener,
 * who may disagree, reopens it within the reopening window. Only licensed users log and escalate
 * cases, and so only they may end an open escalation by closing (escalation-holds-staff-closure).
 */
describe('a person a resolved case is shared with closes it', () => {
  let t: TestApp;
  let world: NotificationWorld;

  beforeAll(async () => {
    t = await startTestApp();
    world = await new NotificationWorld(t).setUp('enterprise');
  });
  afterAll(() => t.close());

  const closure = async (email: string, caseId: string) =>
    t.app.inject({
      method: 'POST',
      url: `/v1/cases/${caseId}/closure`,
      headers: { authorization: `Bearer ${await t.token(email, [], 'Someone')}` },
      payload: { reason: 'Works again on our side' },
    });

  it('closes the resolved case in their name, and the opener can reopen it', async () => {
    const caseId = await world.resolvedCase('Images missing on the product page');
    await world.call('engineer', 'POST', `/v1/cases/${caseId}/shares`, {
      email: PEOPLE.sharedUser.email,
      name: PEOPLE.sharedUser.name,
    });

    // Someone at the same partner the case is not shared with does not even see it.
    expect((await closure('pat@partner.example', caseId)).statusCode).toBe(404);

    const closed = await closure(PEOPLE.sharedUser.email, caseId);
    expect(closed.statusCode).toBe(200);
    const { events } = await world.read('engineer', `/v1/cases/${caseId}/history`);
    expect(events.at(-1)).toMatchObject({
      type: 'CaseClosed',
      actor: PEOPLE.sharedUser.email,
      data: { automatic: false, reason: 'Works again on our side' },
    });
    expect(await world.read('opener', `/v1/cases/${caseId}`)).toMatchObject({ status: 'closed' });

    await world.call('opener', 'POST', `/v1/cases/${caseId}/reopening`, {
      reason: 'Still missing on the mobile site',
    });
    expect(await world.read('opener', `/v1/cases/${caseId}`)).toMatchObject({ status: 'in-progress' });
  });
});
