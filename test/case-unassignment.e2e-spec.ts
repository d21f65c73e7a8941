import { ApiClient } from './support/fixtures/api-client';
import { mailsSentBy } from './support/notifications/delivery-probe';
import { useMailedWorld } from './support/notifications/mailed-world';
import { NotificationWorld, PEOPLE } from './support/notifications/notification-world';
import { TestSmtpServer } from './support/notifications/test-smtp-server';
import { type TestApp } from './support/test-app';

const BOB = { email: 'bob@vendor.example', name: 'Bob Engineer' };

/**
 * DELETE /v1/cases/{caseId}/assignment: an engineer who took the wrong case, or goes off shift,
 * puts it back in the `unassigned` queue, with a reason for staff, as any change is recorded.
 * Before, a case once assigned never came back to `unassigned` (`engineer: null` was a 400, DELETE
 * a 405): it could only be pushed onto a named colleague.
 */
describe('unassigning a case', () => {
  let smtp: TestSmtpServer;
  let t: TestApp;
  let world: NotificationWorld;
  let api: ApiClient;
  useMailedWorld('mission-critical', (setting) => {
    ({ smtp, t, world } = setting);
    api = new ApiClient(t.app);
  });

  const tokenOf = (person: keyof typeof PEOPLE) =>
    t.token(PEOPLE[person].email, [...PEOPLE[person].roles], PEOPLE[person].name);
  const queue = async (name: string) => {
    const response = await api.expect(
      200,
      { method: 'GET', url: `/v1/queues/${name}` },
      await tokenOf('engineer'),
    );
    return (response.json().items as { id: string }[]).map((item) => item.id);
  };
  const unassign = async (
    caseId: string,
    token: string,
    headers: Record<string, string> = {},
    payload?: object,
  ) => api.send({ method: 'DELETE', url: `/v1/cases/${caseId}/assignment`, headers, payload }, token);

  async function evesCase(title: string): Promise<string> {
    const caseId = await world.openCase(title);
    await world.call('engineer', 'POST', `/v1/cases/${caseId}/assignment`, {
      engineer: PEOPLE.engineer.email,
    });
    return caseId;
  }

  it('puts the case back in the unassigned queue, out of mine, and the history says so', async () => {
    const caseId = await evesCase('Taken by mistake');
    expect(await queue('mine')).toContain(caseId);
    expect(await queue('unassigned')).not.toContain(caseId);
    const eve = await tokenOf('engineer');

    const revision = (await api.expect(200, { method: 'GET', url: `/v1/cases/${caseId}` }, eve)).json()
      .revision;
    const answer = await unassign(
      caseId,
      eve,
      { 'if-match': `"${revision}"`, 'idempotency-key': 'give-it-back' },
      { reason: 'Took the wrong row in the console' },
    );

    expect(answer.status).toBe(200);
    expect(answer.json()).toMatchObject({ id: caseId, revision: revision + 1 });
    expect(await queue('unassigned')).toContain(caseId);
    expect(await queue('mine')).not.toContain(caseId);
    const detail = await api.expect(200, { method: 'GET', url: `/v1/cases/${caseId}` }, eve);
    expect(detail.json().assignee).toBeNull();

    const history = (await api.expect(200, { method: 'GET', url: `/v1/cases/${caseId}/history` }, eve)).json()
      .events as { type: string; data: Record<string, unknown> }[];
    expect(history.at(-1)).toMatchObject({
      type: 'CaseUnassigned',
      data: {
        previousEngineer: PEOPLE.engineer.email,
        by: PEOPLE.engineer.email,
        reason: 'Took the wrong row in the console',
      },
    });
    // The reason is for staff, like an assignment's: the customer reads who gave it back, not why.
    const customersHistory = (
      await api.expect(200, { method: 'GET', url: `/v1/cases/${caseId}/history` }, await tokenOf('opener'))
    ).json().events as { type: string; data: Record<string, unknown> }[];
    const seen = customersHistory.find((entry) => entry.type === 'CaseUnassigned');
    expect(seen?.data).toMatchObject({
      previousEngineer: PEOPLE.engineer.email,
      redacted: 'assignment reason',
    });
    expect(seen?.data).not.toHaveProperty('reason');

    // A retry with the same key is answered as first answered; a case nobody has changes nothing.
    const retry = await unassign(
      caseId,
      eve,
      { 'idempotency-key': 'give-it-back' },
      { reason: 'Took the wrong row in the console' },
    );
    expect(retry.status).toBe(200);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    const again = await unassign(caseId, eve);
    expect(again.status).toBe(200);
    expect(again.json().revision).toBe(revision + 1);
  });

  it('refuses a stale If-Match with 412, and leaves the case assigned', async () => {
    const caseId = await evesCase('Two tabs');
    const stale = await unassign(caseId, await tokenOf('engineer'), { 'if-match': '"0"' });
    expect(stale.status).toBe(412);
    expect(await queue('mine')).toContain(caseId);
  });

  it('is for engineers: a customer of the case is refused 403, a stranger 404', async () => {
    const caseId = await evesCase('Not yours to hand back');
    const customer = await unassign(caseId, await tokenOf('opener'));
    expect(customer.status).toBe(403);
    expect(customer.json().detail).toMatch(/unassign a case/);
    const stranger = await unassign(caseId, await t.token('mallory@elsewhere.example', [], 'Mallory'));
    expect(stranger.status).toBe(404);
    expect(await queue('mine')).toContain(caseId);
  });

  it('mails the engineer a colleague took the case from, as a reassignment is mailed, staff only', async () => {
    const caseId = await evesCase('Eve went off shift');
    const bob = await t.token(BOB.email, ['engineer'], BOB.name);

    const mails = await mailsSentBy(t.runtime.storage, smtp, async () => {
      expect((await unassign(caseId, bob, {}, { reason: 'Eve is off shift' })).status).toBe(200);
    });

    const toEve = mails.filter((mail) => mail.envelopeTo.includes(PEOPLE.engineer.email));
    expect(toEve.map((mail) => mail.subject)).toEqual([
      expect.stringMatching(/: Case unassigned from eve@vendor\.example: back in the unassigned queue$/),
    ]);
    expect(toEve[0].text).toContain(`By: ${BOB.name} <${BOB.email}>\n`);
    expect(toEve[0].text).toContain('Reason: Eve is off shift\n');
    expect(toEve[0].text).toContain('the case was assigned to you until this change');
    const customers: string[] = [PEOPLE.opener.email, PEOPLE.teamMember.email];
    expect(mails.flatMap((mail) => mail.envelopeTo).filter((to) => customers.includes(to))).toEqual([]);
  });

  it("tells nobody of an engineer's own hand-back but the Mission Critical account's CSM", async () => {
    const caseId = await evesCase('Handed back by Eve');
    const mails = await mailsSentBy(t.runtime.storage, smtp, () =>
      world.call('engineer', 'DELETE', `/v1/cases/${caseId}/assignment`),
    );
    expect(mails.flatMap((mail) => mail.envelopeTo)).toEqual([PEOPLE.csm.email]);
  });
});
