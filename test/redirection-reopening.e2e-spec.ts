import { PEOPLE, type NotificationWorld, type Person } from './support/notifications/notification-world';
import { useMailedWorld } from './support/notifications/mailed-world';
import type { TestApp } from './support/test-app';

const DAY = 24 * 60 * 60 * 1000;

/**
 * A redirection closes the case as redirected (DOMAIN.md "Scope triage"), and a recently closed
 * case can be reopened: within the reopen window after the redirection, the customer who disputes
 * the scope call or the engineer who made a slip reopens it with a reason, back in progress with a
 * new resolution goal, as a closed case. The daily report keeps the day's redirection; the
 * dashboard counts the reopened case as a normal one again. Before, every write on a redirected
 * case was 409 case-redirected "open a new case", so a wrong redirection was permanent.
 */
describe('a redirected case is reopened within the reopen window', () => {
  let t: TestApp;
  let world: NotificationWorld;
  useMailedWorld('enterprise', (setting) => ({ t, world } = setting));

  /** One POST as `person`, whatever it answers. */
  async function attempt(person: Person, url: string, payload: object) {
    const { email, roles, name } = PEOPLE[person];
    const token = await t.token(email, [...roles], name);
    return t.app.inject({ method: 'POST', url, headers: { authorization: `Bearer ${token}` }, payload });
  }

  async function redirectedAtOf(caseId: string): Promise<string> {
    const { events } = await world.read('engineer', `/v1/cases/${caseId}/history`);
    return events.filter((event: { type: string }) => event.type === 'CaseRedirected').pop().data.at;
  }

  const severityTwo = (board: { severities: { severity: number }[] }) =>
    board.severities.find((figures) => figures.severity === 2) as Record<string, any>;

  it("the customer's reply is refused saying till when the case can be reopened; the customer reopens it, and it is in progress with a new resolution goal", async () => {
    const caseId = await world.openCase('Grid sort question');
    await world.call('engineer', 'POST', `/v1/cases/${caseId}/redirection`, {
      to: 'account-manager',
      referral: 'Sorting questions on licence tiers go to your account manager',
    });
    const redirectedAt = await redirectedAtOf(caseId);
    t.clock.advance(DAY);

    const reply = await attempt('opener', `/v1/cases/${caseId}/comments`, {
      body: 'But it is a product question!',
    });
    expect(reply.statusCode).toBe(409);
    expect(reply.headers['content-type']).toContain('application/problem+json');
    const until = new Date(Date.parse(redirectedAt) + 30 * DAY).toISOString();
    expect(reply.json().detail).toBe(
      `The case was redirected out of support scope at ${redirectedAt}, to the account manager: the referral in ` +
        'the case says who takes the request on. If it belongs with support after all (or was redirected by ' +
        `mistake), reopen it with a reason before ${until} (redirected cases, like closed ones, can be reopened ` +
        'within 30 days (wall clock)); for a new problem with the product, open a new case',
    );

    const reopened = await attempt('opener', `/v1/cases/${caseId}/reopening`, {
      reason: 'Not licensing: sorting is broken',
    });
    expect(reopened.statusCode).toBe(200);
    const detail = await world.read('engineer', `/v1/cases/${caseId}`);
    const { events } = await world.read('engineer', `/v1/cases/${caseId}/history`);
    const reopening = events.find((event: { type: string }) => event.type === 'CaseReopened');
    expect(reopening.data).toMatchObject({
      reopenedFrom: 'redirected',
      reason: 'Not licensing: sorting is broken',
    });
    expect(detail.status).toBe('in-progress');
    expect(detail).not.toHaveProperty('redirectedTo');
    expect(detail.sla.resolution).toMatchObject({ state: 'running', startedAt: reopening.data.at });
    expect(detail.sla.resolution).not.toHaveProperty('stoppedBy');
    expect((await attempt('opener', `/v1/cases/${caseId}/comments`, { body: 'Thanks' })).statusCode).toBe(
      201,
    );
  });

  it('the engineer corrects a redirection to the wrong place: reopens it and redirects it again; the day still reports its redirections, and the dashboard counts the reopened case as any other', async () => {
    const dashboard = () => world.read('engineer', `/v1/dashboards/sla?accountId=${world.accountId}`);
    const openBefore = severityTwo(await dashboard()).open;
    const caseId = await world.openCase('Custom sort implementation');
    await world.call('engineer', 'POST', `/v1/cases/${caseId}/redirection`, {
      to: 'account-manager',
      referral: 'Sorting questions on licence tiers go to your account manager',
    });
    const day = (await redirectedAtOf(caseId)).slice(0, 10);
    const redirectionsOfTheDay = async () => {
      const report = await world.read('engineer', `/v1/reports/sla-daily?from=${day}&to=${day}`);
      return report.rows.find((row: { severity: number }) => row.severity === 2).redirections;
    };
    const redirectedOnce = await redirectionsOfTheDay();
    expect(severityTwo(await dashboard()).open).toBe(openBefore);

    t.clock.advance(60 * 1000);
    await world.call('engineer', 'POST', `/v1/cases/${caseId}/reopening`, {
      reason: 'Wrong target: a custom implementation is consulting',
    });
    expect(severityTwo(await dashboard()).open).toBe(openBefore + 1);
    expect(await redirectionsOfTheDay()).toBe(redirectedOnce);

    await world.call('engineer', 'POST', `/v1/cases/${caseId}/redirection`, {
      to: 'consulting',
      referral: 'A custom sort implementation is consulting work',
    });
    expect(await world.read('engineer', `/v1/cases/${caseId}`)).toMatchObject({
      status: 'redirected',
      redirectedTo: 'consulting',
    });
    expect(await redirectionsOfTheDay()).toBe(redirectedOnce + 1);
  });

  it('after the reopen window the reopening is refused 409 reopen-window-elapsed, as a closed case’s is', async () => {
    const caseId = await world.openCase('Renewal question');
    await world.call('engineer', 'POST', `/v1/cases/${caseId}/redirection`, {
      to: 'account-manager',
      referral: 'Renewals are handled by your account manager',
    });
    const redirectedAt = await redirectedAtOf(caseId);
    t.clock.advance(31 * DAY);

    const refused = await attempt('opener', `/v1/cases/${caseId}/reopening`, { reason: 'Still need help' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({
      type: expect.stringMatching(/\/reopen-window-elapsed$/),
      detail:
        `The case was redirected out of support scope at ${redirectedAt}, to the account manager; redirected ` +
        'cases can be reopened within 30 days (wall clock). Open a new case instead (the referral in the case ' +
        'says who takes the redirected request on)',
    });
    // A reply is still refused as the README says: case-redirected, saying the window has passed.
    const reply = await attempt('opener', `/v1/cases/${caseId}/comments`, { body: 'Still need help' });
    expect(reply.statusCode).toBe(409);
    expect(reply.json()).toMatchObject({
      type: expect.stringMatching(/\/case-redirected$/),
      detail: expect.stringContaining('can be reopened within 30 days (wall clock) only'),
    });
  });
});
