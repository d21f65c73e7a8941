import { formatInstant } from '../apps/api/src/notifications/templates/format-instant';
import { mailsSentBy } from './support/notifications/delivery-probe';
import { NotificationWorld, PEOPLE, type Person } from './support/notifications/notification-world';
import { TestSmtpServer } from './support/notifications/test-smtp-server';
import { type TestApp } from './support/test-app';
import { useMailedWorld } from './support/notifications/mailed-world';

/**
 * What a customer is told when a case cannot take what they asked, and when a resolved case that
 * was escalated will now close. Before, refusals on closed, redirected or unresolved cases said only
 * what was wrong ("The case is closed"), and the de-escalation of a resolved case restarted its
 * quiet period without the mail saying when it would now close (the "Case resolved" mail had said
 * only "once de-escalated").
 */
describe('refusals say what to do instead, and the de-escalation mail says when the case closes', () => {
  let smtp: TestSmtpServer;
  let t: TestApp;
  let world: NotificationWorld;
  useMailedWorld('enterprise', (setting) => ({ smtp, t, world } = setting));

  /** One call as `person`, whatever it answers. */
  async function send(person: Person, url: string, payload: object = {}) {
    const { email, roles, name } = PEOPLE[person];
    const token = await t.token(email, [...roles], name);
    return t.app.inject({ method: 'POST', url, headers: { authorization: `Bearer ${token}` }, payload });
  }

  function expectProblem(response: Awaited<ReturnType<typeof send>>, status: number, code: string): string {
    expect(response.headers['content-type']).toContain('application/problem+json');
    const problem = response.json();
    expect({ status: response.statusCode, code: String(problem.type).split('/').pop() }).toEqual({
      status,
      code,
    });
    return problem.detail;
  }

  it('a comment on a closed case is refused saying it can be reopened until when, or a new case opened; the reopening works', async () => {
    const caseId = await world.resolvedCase('Closed too soon');
    await world.call('opener', 'POST', `/v1/cases/${caseId}/closure`, { reason: 'Works now' });
    const history = await world.read('opener', `/v1/cases/${caseId}/history`);
    const closedAt: string = history.events.find((event: { type: string }) => event.type === 'CaseClosed')
      .data.at;

    const refused = await send('opener', `/v1/cases/${caseId}/comments`, { body: 'It broke again' });
    const until = new Date(Date.parse(closedAt) + 30 * 24 * 60 * 60 * 1000).toISOString();
    expect(expectProblem(refused, 409, 'case-closed')).toBe(
      `The case was closed at ${closedAt}. To continue it, reopen it with a reason before ${until} ` +
        '(closed cases can be reopened within 30 days (wall clock)); or open a new case',
    );
    expect(
      (await send('opener', `/v1/cases/${caseId}/reopening`, { reason: 'It broke again' })).statusCode,
    ).toBe(200);
  });

  it('closing a case still in progress is refused saying it closes once resolved, and to comment or escalate until then', async () => {
    const caseId = await world.openCase('Not resolved yet');
    await world.call('engineer', 'POST', `/v1/cases/${caseId}/comments`, { body: 'Looking into it' });
    const refused = await send('opener', `/v1/cases/${caseId}/closure`, { reason: 'Not needed any more' });
    expect(expectProblem(refused, 409, 'invalid-case-transition')).toBe(
      'Cannot close a case that is in-progress: a case is closed once support has proposed a resolution ' +
        '(the case is then resolved). Until then, comment on the case (to say it is no longer needed, or what ' +
        'is still missing) or escalate it',
    );
  });

  it("an engineer closing an escalated, unresolved case is told to resolve it and that the escalation must be de-escalated, not the customer's 'escalate it'", async () => {
    const caseId = await world.openCase('Escalated before any answer');
    await world.call('opener', 'POST', `/v1/cases/${caseId}/escalations`, {
      reason: 'production-impact',
      details: 'Orders are lost',
    });
    const refused = await send('engineer', `/v1/cases/${caseId}/closure`);
    const detail = expectProblem(refused, 409, 'invalid-case-transition');
    expect(detail).toMatch(
      /^Cannot close a case that is new: a case is closed once it is resolved\. Resolve it first/,
    );
    expect(detail).toContain(
      'Its escalation (level 1) is open: staff close an escalated case only once it is de-escalated',
    );
    expect(detail).not.toMatch(/escalate it$/);
  });

  it("the customer closing their escalated, unresolved case is told it is escalated already, not to 'escalate it'", async () => {
    const caseId = await world.openCase('Escalated, then no longer needed');
    await world.call('opener', 'POST', `/v1/cases/${caseId}/escalations`, {
      reason: 'production-impact',
      details: 'Orders are lost',
    });
    const refused = await send('opener', `/v1/cases/${caseId}/closure`, { reason: 'Not needed any more' });
    const detail = expectProblem(refused, 409, 'invalid-case-transition');
    expect(detail).toContain('Until then, comment on the case');
    expect(detail).toContain('It is already escalated (level 1)');
    expect(detail).not.toContain('escalate it');
  });

  it('a comment or an escalation on a redirected case points to the referral, to a reopening until when, and to a new case', async () => {
    const caseId = await world.openCase('Please build us a feature');
    await world.call('engineer', 'POST', `/v1/cases/${caseId}/redirection`, {
      to: 'consulting',
      referral: 'Our consultants build features to order',
    });
    const history = await world.read('opener', `/v1/cases/${caseId}/history`);
    const redirectedAt: string = history.events.find(
      (event: { type: string }) => event.type === 'CaseRedirected',
    ).data.at;
    const until = new Date(Date.parse(redirectedAt) + 30 * 24 * 60 * 60 * 1000).toISOString();
    const expected =
      `The case was redirected out of support scope at ${redirectedAt}, to consulting services: the referral in ` +
      'the case says who takes the request on. If it belongs with support after all (or was redirected by ' +
      `mistake), reopen it with a reason before ${until} (redirected cases, like closed ones, can be reopened ` +
      'within 30 days (wall clock)); for a new problem with the product, open a new case';
    const comment = await send('opener', `/v1/cases/${caseId}/comments`, { body: 'Why?' });
    expect(expectProblem(comment, 409, 'case-redirected')).toBe(expected);
    const escalation = await send('opener', `/v1/cases/${caseId}/escalations`, {
      reason: 'low-satisfaction',
      details: 'We expected support',
    });
    expect(expectProblem(escalation, 409, 'case-redirected')).toBe(expected);
  });

  it("the de-escalation mail of a resolved case says when it now closes, as the 'Case resolved' mail words it", async () => {
    const caseId = await world.openCase('Escalated, resolved, de-escalated');
    await world.call('opener', 'POST', `/v1/cases/${caseId}/escalations`, {
      reason: 'production-impact',
      details: 'Launch tomorrow',
    });
    await world.call('engineer', 'POST', `/v1/cases/${caseId}/comments`, { body: 'On it' });
    await world.call('engineer', 'POST', `/v1/cases/${caseId}/resolution`, { summary: 'Fixed' });
    await world.call('engineer', 'POST', `/v1/cases/${caseId}/escalations/acknowledgement`, {});
    t.clock.advance(60 * 60 * 1000);
    const mails = await mailsSentBy(
      t.runtime.storage,
      smtp,
      () =>
        world.call('engineer', 'POST', `/v1/cases/${caseId}/escalations/de-escalation`, {
          reason: 'The fix holds',
        }),
      PEOPLE.opener.email,
    );

    const history = await world.read('opener', `/v1/cases/${caseId}/history`);
    const postponed = history.events.find((event: { type: string }) => event.type === 'AutoClosePostponed');
    expect(postponed).toBeDefined();
    expect(mails.map((mail) => mail.subject)).toEqual([
      expect.stringMatching(/Case de-escalated \(level 1\)$/),
    ]);
    expect(mails[0].text).toContain(`Closes automatically: ${formatInstant(postponed.data.autoCloseAt)}`);
    expect(mails[0].text).not.toContain('once de-escalated');
  });

  // Last: it ends the world's licence for a while (and renews it after).
  it('on a closed case whose licence has ended, a comment is refused naming a support engineer, not the reopening the customer is refused', async () => {
    const caseId = await world.resolvedCase('Closed, then the licence ended');
    await world.call('opener', 'POST', `/v1/cases/${caseId}/closure`, { reason: 'Works now' });
    const licence = `/v1/licences/${world.licenceId}`;
    await world.call('admin', 'PATCH', licence, { activeUntil: '2020-01-31', reason: 'not renewed' });
    try {
      const refused = await send('opener', `/v1/cases/${caseId}/comments`, { body: 'hello?' });
      const detail = expectProblem(refused, 409, 'case-closed');
      expect(detail).toContain(
        'Its licence is not in force, so you cannot reopen it yourself: ask a support engineer',
      );
      expect(detail).toContain('open a new case under a licence that is in force');
      expect(detail).not.toContain('reopen it with a reason');
      // What it says is so: the customer's reopening is refused, a support engineer's works.
      expect((await send('opener', `/v1/cases/${caseId}/reopening`, { reason: 'x' })).statusCode).toBe(403);
      expect(
        (await send('engineer', `/v1/cases/${caseId}/reopening`, { reason: 'Asked by phone' })).statusCode,
      ).toBe(200);
    } finally {
      await world.call('admin', 'PATCH', licence, { activeUntil: '2030-12-31', reason: 'renewed' });
    }
  });
});
