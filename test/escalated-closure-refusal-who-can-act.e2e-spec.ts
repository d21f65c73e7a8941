import { useMailedWorld } from './support/notifications/mailed-world';
import { PEOPLE, samInvitedAs, type NotificationWorld } from './support/notifications/notification-world';
import type { TestApp } from './support/test-app';

const SAM = 'sam@acme.example';

/**
 * A case-team member refused the closure of an escalated case (closing would end the escalation,
 * which only a licensed user who sees the case may do) is told whom to ask. Before, always the
 * opener, even once the opener could not close it either (removed from the licence, say). Now the
 * first who can, by the rule the escalation mails' "Owed by" uses: the opener, else the customer who
 * requested the escalation, else a licensed colleague or support, naming nobody.
 */
describe("a follower's refused closure of an escalated case names someone who can close it", () => {
  let t: TestApp;
  let world: NotificationWorld;
  useMailedWorld('enterprise', (setting) => ({ t, world } = setting));

  const closeAsTom = async (caseId: string) => {
    const { email, name } = PEOPLE.teamMember;
    const response = await t.app.inject({
      method: 'POST',
      url: `/v1/cases/${caseId}/closure`,
      headers: { authorization: `Bearer ${await t.token(email, [], name)}` },
    });
    return { status: response.statusCode, problem: response.json() };
  };

  it('names the opener, then the requester once the opener is removed, then nobody once neither can close it', async () => {
    // Sam, a colleague who sees Jane's shared cases, requests the escalation.
    await world.call('admin', 'POST', `/v1/licences/${world.licenceId}/users`, {
      ...samInvitedAs(SAM),
      permissions: { manageUsers: false, shareTickets: false, seeSharedTickets: true },
    });
    const samToken = await t.token(SAM, [], 'Sam Tester');
    const samCalls = async (method: 'POST', url: string, payload?: object) => {
      const response = await t.app.inject({
        method,
        url,
        headers: { authorization: `Bearer ${samToken}` },
        ...(payload ? { payload } : {}),
      });
      expect(response.statusCode).toBeLessThan(300);
    };
    await samCalls('POST', `/v1/licences/${world.licenceId}/users/${SAM}/activation`);
    const caseId = await world.openCase('Checkout fails');
    await world.call('engineer', 'POST', `/v1/cases/${caseId}/assignment`, {
      engineer: PEOPLE.engineer.email,
    });
    await world.call('engineer', 'POST', `/v1/cases/${caseId}/comments`, { body: 'Looking into it' });
    await samCalls('POST', `/v1/cases/${caseId}/escalations`, {
      reason: 'low-satisfaction',
      details: 'Nobody has looked at this for days',
    });
    await world.call('engineer', 'POST', `/v1/cases/${caseId}/resolution`, { summary: 'Works as designed' });

    const whileOpenerCan = await closeAsTom(caseId);
    expect(whileOpenerCan.status).toBe(403);
    expect(whileOpenerCan.problem.detail).toContain(`Ask the person who opened it (${PEOPLE.opener.email})`);

    await world.call('admin', 'DELETE', `/v1/licences/${world.licenceId}/users/${PEOPLE.opener.email}`);
    const openerRemoved = await closeAsTom(caseId);
    expect(openerRemoved.status).toBe(403);
    expect(openerRemoved.problem.detail).not.toContain(PEOPLE.opener.email);
    expect(openerRemoved.problem.detail).toContain(`Ask the person who requested the escalation (${SAM})`);

    await world.call('admin', 'DELETE', `/v1/licences/${world.licenceId}/users/${SAM}`);
    const neither = await closeAsTom(caseId);
    expect(neither.status).toBe(403);
    expect(String(neither.problem.type).split('/').pop()).toBe('escalated-closure-not-allowed');
    expect(neither.problem.detail).not.toContain(PEOPLE.opener.email);
    expect(neither.problem.detail).not.toContain(SAM);
    expect(neither.problem.detail).toContain('The person who opened it cannot close it now');
  });
});
