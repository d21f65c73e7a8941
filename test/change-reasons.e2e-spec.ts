import { mintToken } from '../apps/api/src/auth/token-minter';
import { openCase } from './support/fault/seed';
import { useSeededTestApp } from './support/fault/seeded-test-app';
import { TEST_SECRET } from './support/test-app';

/**
 * DOMAIN.md: "Every change records who, when and why." Every command that changes a case, an
 * account or a licence and needs no reason takes an optional `reason`: in the body, on DELETE too
 * (Fastify parses a JSON body on any method). Given, it is in the event's data and is the history
 * entry's `reason`, as a severity change's is; a bad one is refused naming `reason`; left out, the
 * command works as it did.
 */
describe('optional reasons of changes (who, when and why)', () => {
  const seeded = useSeededTestApp();
  const CSM = 'carla.csm@vendor.example';
  const MEMBER = 'tom.teammate@acme.example';
  const NEW_USER = 'ned.new@acme.example';
  const SHARED = 'dora.dev@acme.example';
  type Entry = { type: string; reason?: string; data: Record<string, unknown> };

  const world = () => seeded.world;
  const send = (method: string, url: string, token: string, body?: unknown) =>
    seeded.send(method, url, token, body) as Promise<{ status: number; body: any }>;
  const ok = async (method: string, url: string, token: string, body?: unknown) => {
    const answer = await send(method, url, token, body);
    if (answer.status !== 200 && answer.status !== 201)
      throw new Error(`${method} ${url}: ${answer.status} ${JSON.stringify(answer.body)}`);
    return answer;
  };
  const history = async (url: string): Promise<Entry[]> => {
    const answer = await send('GET', url, world().adminToken);
    expect(answer.status).toBe(200);
    return answer.body.events;
  };
  const lastOf = (events: Entry[], type: string) => events.filter((event) => event.type === type).at(-1);
  const caseHistory = (caseId: string) => history(`/v1/cases/${caseId}/history`);
  const accountHistory = () => history(`/v1/accounts/${world().accountId}/history`);
  const licenceHistory = () => history(`/v1/licences/${world().licenceId}/history`);
  const member = () => `/v1/accounts/${world().accountId}/case-team/${MEMBER}`;
  const licensedUser = () => `/v1/licences/${world().licenceId}/users/${NEW_USER}`;

  /** A case of the seeded customer, resolved by the engineer, so it can be closed. */
  const resolvedCase = async () => {
    const caseId = await openCase(seeded.send, world());
    await ok('POST', `/v1/cases/${caseId}/resolution`, world().engineerToken, { summary: 'Fixed in 14.3' });
    return caseId;
  };

  /** The reason is the history entry's `reason` and is in the event's data: trimmed, as stored. */
  const expectReason = (entry: Entry | undefined, reason: string) => {
    expect(entry).toBeDefined();
    expect({ type: entry!.type, reason: entry!.reason, inData: entry!.data.reason }).toEqual({
      type: entry!.type,
      reason,
      inData: reason,
    });
  };
  const expectNoReason = (entry: Entry | undefined) => {
    expect(entry).toBeDefined();
    expect(entry!.reason).toBeUndefined();
    expect(entry!.data).not.toHaveProperty('reason');
  };

  describe('a reason given is recorded and shown in the history', () => {
    it('on the case routes: assignment, sharing, unsharing (DELETE with a body) and closing', async () => {
      const { engineerToken, customerToken, engineerEmail } = world();
      const caseId = await resolvedCase();
      await ok('POST', `/v1/cases/${caseId}/assignment`, engineerToken, {
        engineer: engineerEmail,
        reason: '  Publishing specialist  ',
      });
      await ok('POST', `/v1/cases/${caseId}/shares`, customerToken, {
        email: SHARED,
        name: 'Dora Dev',
        reason: 'Dora runs the integration',
      });
      await ok('DELETE', `/v1/cases/${caseId}/shares/${SHARED}`, customerToken, { reason: 'Dora left' });
      await ok('POST', `/v1/cases/${caseId}/closure`, customerToken, { reason: 'Confirmed in production' });

      const events = await caseHistory(caseId);
      expectReason(lastOf(events, 'EngineerAssigned'), 'Publishing specialist');
      expectReason(lastOf(events, 'CaseShared'), 'Dora runs the integration');
      expectReason(lastOf(events, 'CaseUnshared'), 'Dora left');
      expectReason(lastOf(events, 'CaseClosed'), 'Confirmed in production');
    });

    it('on the routes that stop or start a clock: an information request and an escalation acknowledgement', async () => {
      const { engineerToken, customerToken } = world();
      const caseId = await openCase(seeded.send, world());
      await ok('POST', `/v1/cases/${caseId}/information-request`, engineerToken, {
        body: 'Please send the server log',
        reason: 'The fix depends on logs only the customer has',
      });
      await ok('POST', `/v1/cases/${caseId}/comments`, customerToken, { body: 'Attached' });
      await ok('POST', `/v1/cases/${caseId}/escalations`, customerToken, {
        reason: 'production-impact',
        details: 'Checkout is down',
      });
      await ok('POST', `/v1/cases/${caseId}/escalations/acknowledgement`, engineerToken, {
        reason: 'Call booked with their CTO',
      });

      const events = await caseHistory(caseId);
      const asked = lastOf(events, 'InformationRequested');
      expectReason(asked, 'The fix depends on logs only the customer has');
      expect(asked!.data.body).toBe('Please send the server log');
      expectReason(lastOf(events, 'EscalationAcknowledged'), 'Call booked with their CTO');
    });

    it('on the account routes: details (with the previous values), CSM assign and unassign, case team', async () => {
      const { accountId, adminToken, engineerToken } = world();
      const account = `/v1/accounts/${accountId}`;
      await ok('PATCH', account, adminToken, { name: 'Acme Ltd', reason: 'legal rename' });
      await ok('PUT', `${account}/csm`, adminToken, { email: CSM, reason: 'EMEA team takes over' });
      await ok('DELETE', `${account}/csm`, adminToken, { reason: 'Carla left' });
      await ok('POST', `${account}/case-team`, engineerToken, {
        email: MEMBER,
        name: 'Tom Team',
        notify: true,
        reason: 'Follows the migration',
      });
      await ok('PATCH', member(), adminToken, { notify: false, reason: 'Reads the weekly summary' });
      await ok('DELETE', member(), engineerToken, { reason: 'Project over' });

      const events = await accountHistory();
      const renamed = lastOf(events, 'AccountDetailsChanged');
      expectReason(renamed, 'legal rename');
      expect(renamed!.data).toMatchObject({ name: 'Acme Ltd', previous: { name: 'Acme' } });
      expectReason(lastOf(events, 'CustomerSuccessManagerAssigned'), 'EMEA team takes over');
      expectReason(lastOf(events, 'CustomerSuccessManagerUnassigned'), 'Carla left');
      expectReason(lastOf(events, 'CaseTeamMemberAdded'), 'Follows the migration');
      expectReason(lastOf(events, 'CaseTeamNotificationPreferenceChanged'), 'Reads the weekly summary');
      expectReason(lastOf(events, 'CaseTeamMemberRemoved'), 'Project over');
    });

    it('on the licensed-user routes: assign, change permissions, remove (DELETE with a body)', async () => {
      const { licenceId, adminToken, customerToken } = world();
      await ok('POST', `/v1/licences/${licenceId}/users`, customerToken, {
        email: NEW_USER,
        firstName: 'Ned',
        lastName: 'New',
        company: 'Acme',
        country: 'BG',
        permissions: { manageUsers: false, shareTickets: false, seeSharedTickets: false },
        reason: 'New developer on the web team',
      });
      await ok('PATCH', licensedUser(), customerToken, {
        permissions: { shareTickets: true },
        reason: 'Shares tickets with the team',
      });
      await ok('DELETE', licensedUser(), adminToken, { reason: 'Left the company' });

      const events = await licenceHistory();
      expectReason(lastOf(events, 'LicensedUserAssigned'), 'New developer on the web team');
      expectReason(lastOf(events, 'LicensedUserPermissionsChanged'), 'Shares tickets with the team');
      expectReason(lastOf(events, 'LicensedUserRemoved'), 'Left the company');
    });
  });

  describe('a bad reason is refused naming reason, and nothing is recorded', () => {
    /** Every route that takes an optional reason, with a body that is valid but for it. */
    const routes = (caseId: string): [string, string, string, Record<string, unknown>][] => {
      const { accountId, licenceId, adminToken, engineerToken, engineerEmail } = world();
      return [
        ['POST', `/v1/cases/${caseId}/assignment`, engineerToken, { engineer: engineerEmail }],
        ['POST', `/v1/cases/${caseId}/shares`, engineerToken, { email: SHARED, name: 'Dora' }],
        ['DELETE', `/v1/cases/${caseId}/shares/${SHARED}`, engineerToken, {}],
        ['POST', `/v1/cases/${caseId}/closure`, engineerToken, {}],
        ['POST', `/v1/cases/${caseId}/information-request`, engineerToken, { body: 'Logs?' }],
        ['POST', `/v1/cases/${caseId}/escalations/acknowledgement`, engineerToken, {}],
        ['PATCH', `/v1/accounts/${accountId}`, adminToken, { name: 'Acme Bad' }],
        ['PUT', `/v1/accounts/${accountId}/csm`, adminToken, { email: CSM }],
        ['DELETE', `/v1/accounts/${accountId}/csm`, adminToken, {}],
        [
          'POST',
          `/v1/accounts/${accountId}/case-team`,
          adminToken,
          { email: MEMBER, name: 'T', notify: true },
        ],
        ['PATCH', member(), adminToken, { notify: true }],
        ['DELETE', member(), adminToken, {}],
        [
          'POST',
          `/v1/licences/${licenceId}/users`,
          adminToken,
          {
            email: NEW_USER,
            firstName: 'N',
            lastName: 'N',
            company: 'Acme',
            country: 'BG',
            permissions: { manageUsers: false, shareTickets: false, seeSharedTickets: false },
          },
        ],
        ['PATCH', licensedUser(), adminToken, { permissions: { shareTickets: true } }],
        ['DELETE', licensedUser(), adminToken, {}],
      ];
    };

    it.each([
      ['too long (400, as the required reasons)', 'x'.repeat(2_001), 400],
      ['not text (400)', 42, 400],
      ['holding a control character (422)', 'legal\u0007rename', 422],
      ['holding a text-direction override (422)', 'legal\u202Erename', 422],
      ['blank (422)', '   ', 422],
    ])('a reason %s', async (_what, reason, status) => {
      const caseId = await resolvedCase();
      const before = await seeded.t.runtime.storage.eventStore.headPosition();
      for (const [method, url, token, body] of routes(caseId)) {
        const answer = await send(method, url, token, { ...body, reason });
        expect({ method, url, status: answer.status }).toEqual({ method, url, status });
        expect(answer.body).toMatchObject({ status });
        expect(answer.body.errors.map((error: { field: string }) => error.field)).toEqual(['reason']);
        // Refused for what the reason says, not (as before reasons were taken) for being there at all.
        expect(answer.body.errors[0].message).not.toMatch(/should not exist/);
      }
      expect(await seeded.t.runtime.storage.eventStore.headPosition()).toBe(before);
    });
  });

  it('/docs documents the optional reason on every one of these routes', async () => {
    const docs = (await seeded.t.app.inject({ method: 'GET', url: '/docs-json' })).json();
    const reasonOf = (path: string, method: string) => {
      const content = docs.paths[path][method].requestBody?.content['application/json'];
      const ref: string | undefined = content?.schema?.$ref;
      const schema = ref ? docs.components.schemas[ref.split('/').at(-1)!] : content?.schema;
      return { path, method, reason: schema?.properties?.reason, required: schema?.required ?? [] };
    };
    const routes: [string, string][] = [
      ['/v1/cases/{caseId}/assignment', 'post'],
      ['/v1/cases/{caseId}/shares', 'post'],
      ['/v1/cases/{caseId}/shares/{email}', 'delete'],
      ['/v1/cases/{caseId}/closure', 'post'],
      ['/v1/cases/{caseId}/information-request', 'post'],
      ['/v1/cases/{caseId}/escalations/acknowledgement', 'post'],
      ['/v1/accounts/{accountId}', 'patch'],
      ['/v1/accounts/{accountId}/csm', 'put'],
      ['/v1/accounts/{accountId}/csm', 'delete'],
      ['/v1/accounts/{accountId}/case-team', 'post'],
      ['/v1/accounts/{accountId}/case-team/{email}', 'patch'],
      ['/v1/accounts/{accountId}/case-team/{email}', 'delete'],
      ['/v1/licences/{licenceId}/users', 'post'],
      ['/v1/licences/{licenceId}/users/{email}', 'patch'],
      ['/v1/licences/{licenceId}/users/{email}', 'delete'],
    ];
    for (const [path, method] of routes) {
      const documented = reasonOf(path, method);
      expect(documented).toMatchObject({ reason: { type: 'string', maxLength: 2000 } });
      expect(documented.required).not.toContain('reason');
    }
  });

  it('without a reason every route works as before and records none (previous values aside)', async () => {
    const { accountId, licenceId, adminToken, engineerToken, customerToken, engineerEmail } = world();
    const caseId = await resolvedCase();
    await ok('POST', `/v1/cases/${caseId}/assignment`, engineerToken, { engineer: engineerEmail });
    await ok('POST', `/v1/cases/${caseId}/shares`, customerToken, { email: SHARED, name: 'Dora Dev' });
    await ok('DELETE', `/v1/cases/${caseId}/shares/${SHARED}`, customerToken);
    await ok('POST', `/v1/cases/${caseId}/closure`, customerToken);
    const caseEvents = await caseHistory(caseId);
    for (const type of ['EngineerAssigned', 'CaseShared', 'CaseUnshared', 'CaseClosed'])
      expectNoReason(lastOf(caseEvents, type));

    const account = `/v1/accounts/${accountId}`;
    await ok('PATCH', account, adminToken, { name: 'Acme Corp' });
    await ok('PUT', `${account}/csm`, adminToken, { email: CSM });
    await ok('DELETE', `${account}/csm`, adminToken);
    await ok('POST', `${account}/case-team`, engineerToken, { email: MEMBER, name: 'Tom', notify: true });
    await ok('PATCH', member(), adminToken, { notify: false });
    await ok('DELETE', member(), engineerToken);
    const accountEvents = await accountHistory();
    const renamed = lastOf(accountEvents, 'AccountDetailsChanged');
    expectNoReason(renamed);
    expect(renamed!.data).toMatchObject({ name: 'Acme Corp', previous: { name: expect.any(String) } });
    for (const type of [
      'CustomerSuccessManagerAssigned',
      'CustomerSuccessManagerUnassigned',
      'CaseTeamMemberAdded',
      'CaseTeamNotificationPreferenceChanged',
      'CaseTeamMemberRemoved',
    ])
      expectNoReason(lastOf(accountEvents, type));

    const holder = await mintToken(TEST_SECRET, { email: 'boss@acme.example' });
    await ok('POST', `/v1/licences/${licenceId}/users`, holder, {
      email: NEW_USER,
      firstName: 'Ned',
      lastName: 'New',
      company: 'Acme',
      country: 'BG',
      permissions: { manageUsers: false, shareTickets: false, seeSharedTickets: false },
    });
    await ok('PATCH', licensedUser(), holder, { permissions: { seeSharedTickets: true } });
    await ok('DELETE', licensedUser(), holder);
    const licenceEvents = await licenceHistory();
    for (const type of ['LicensedUserAssigned', 'LicensedUserPermissionsChanged', 'LicensedUserRemoved'])
      expectNoReason(lastOf(licenceEvents, type));
  });
});
