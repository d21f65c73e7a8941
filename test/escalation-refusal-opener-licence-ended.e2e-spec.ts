import { useMailedWorld } from './support/notifications/mailed-world';
import { PEOPLE, type NotificationWorld } from './support/notifications/notification-world';
import type { TestApp } from './support/test-app';

/**
 * Someone a case is shared with may not escalate it, and is told whom to ask: the case's opener,
 * while the opener can escalate it. Once the opener's licence has ended (and no other of the account
 * is hers), the opener would be refused too (licence-expired), so the refusal sends the sharee to
 * support instead. Before, it still named the opener.
 */
describe("a sharee's escalation refusal after the opener's licence ended", () => {
  let t: TestApp;
  let world: NotificationWorld;
  useMailedWorld('enterprise', (setting) => ({ t, world } = setting));

  const escalateAs = async (person: keyof typeof PEOPLE, caseId: string) => {
    const { email, roles, name } = PEOPLE[person];
    const response = await t.app.inject({
      method: 'POST',
      url: `/v1/cases/${caseId}/escalations`,
      headers: { authorization: `Bearer ${await t.token(email, [...roles], name)}` },
      payload: { reason: 'low-satisfaction', details: 'Slow answers' },
    });
    return { status: response.statusCode, problem: response.json() };
  };

  it('names the opener while she can escalate, and support once she cannot', async () => {
    const caseId = await world.openCase('Checkout fails');
    await world.call('opener', 'POST', `/v1/cases/${caseId}/shares`, {
      email: PEOPLE.sharedUser.email,
      name: PEOPLE.sharedUser.name,
    });
    const inForce = await escalateAs('sharedUser', caseId);
    expect(inForce.status).toBe(403);
    expect(inForce.problem.detail).toContain(
      `Ask the person who opened it (${PEOPLE.opener.email}) to escalate it`,
    );

    await world.call('admin', 'PATCH', `/v1/licences/${world.licenceId}`, {
      activeUntil: '2020-01-01',
      reason: 'Order cancelled',
    });
    expect((await escalateAs('opener', caseId)).problem.type).toContain('licence-expired');
    const ended = await escalateAs('sharedUser', caseId);
    expect(ended.status).toBe(403);
    expect(ended.problem.detail).not.toContain(PEOPLE.opener.email);
    expect(ended.problem.detail).toContain(
      'The person who opened it cannot escalate it now either (no licence of theirs with the customer is in ' +
        'force): ask support to escalate it, in a comment on the case',
    );
  });
});
