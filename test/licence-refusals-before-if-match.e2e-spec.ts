import { ApiClient, ApiRequest } from './support/fixtures/api-client';
import { NO_PERMISSIONS, SetupSteps } from './support/fixtures/setup-steps';
import { startTestApp, TestApp } from './support/test-app';

/**
 * The desk's rule for every command: it authorizes before it compares If-Match, so a caller who may
 * not make the change gets the 403 they get without If-Match, never a 412 "reload and retry" that can
 * only end in that 403. For licence commands this includes the refusals that depend on the entry
 * changed (a delegate's limits), not only those that depend on who asks. A caller who may make the
 * change still gets 412 for a stale If-Match, and nothing is written either way.
 */
describe('licence commands refuse a caller who may not act (403) before they compare If-Match', () => {
  let t: TestApp;
  let api: ApiClient;
  let licenceId: string;
  const tokens: Record<string, string> = {};

  const BOSS = 'boss@acme.example';
  const MIA = 'mia.mgr@acme.example'; // a delegate: manage-users, not the holder
  const MAX = 'max.mgr@acme.example'; // another delegate
  const ULF = 'ulf@acme.example'; // an ordinary user
  const INA = 'ina@acme.example'; // invited, not yet registered
  const COLIN = 'colin@acme.example'; // a colleague on another licence of the account
  const EVERYTHING = { manageUsers: true, shareTickets: true, seeSharedTickets: true };
  const STALE = '"0"'; // the licence as issued, before its users were added

  beforeAll(async () => {
    t = await startTestApp();
    api = new ApiClient(t.app);
    const setup = await SetupSteps.ofUsualStaff(t, api);
    tokens.admin = setup.adminToken;
    const acme = await setup.registerAccount('Acme');
    licenceId = await setup.issueLicence(acme, { plan: 'enterprise', holderEmail: BOSS });
    for (const email of [BOSS, MIA, MAX, ULF, INA, COLIN]) tokens[email] = await t.token(email);
    await setup.addLicensedUser(licenceId, BOSS, EVERYTHING, tokens[BOSS]);
    await setup.addLicensedUser(licenceId, MIA, { ...NO_PERMISSIONS, manageUsers: true }, tokens[MIA]);
    await setup.addLicensedUser(licenceId, MAX, { ...NO_PERMISSIONS, manageUsers: true }, tokens[MAX]);
    await setup.addLicensedUser(licenceId, ULF, NO_PERMISSIONS, tokens[ULF]);
    await setup.addLicensedUser(licenceId, INA, NO_PERMISSIONS);
    const other = await setup.issueLicence(acme, { plan: 'standard', holderEmail: BOSS });
    await setup.addLicensedUser(other, COLIN, EVERYTHING, tokens[COLIN]);
  });
  afterAll(() => t.close());

  const user = (email: string) => `/v1/licences/${licenceId}/users/${email}`;
  const invite = (email: string, permissions = NO_PERMISSIONS) => ({
    method: 'POST' as const,
    url: `/v1/licences/${licenceId}/users`,
    payload: { email, firstName: 'New', lastName: 'User', company: 'Acme', country: 'DE', permissions },
  });
  const revision = async () =>
    (await api.expect(200, { method: 'GET', url: `/v1/licences/${licenceId}` }, tokens.admin)).json()
      .revision;
  /** Sends the request with and without a stale If-Match: the answers' status and problem type. */
  const answers = async (lazy: () => ApiRequest, who: string) => {
    const request = lazy();
    const before = await revision();
    const told = async (headers: Record<string, string>) => {
      const response = await api.send({ ...request, headers }, tokens[who]);
      const type = response.status >= 400 ? String(response.json().type).split('/').pop() : undefined;
      return { status: response.status, type };
    };
    const withStale = await told({ 'if-match': STALE });
    const without = await told({});
    expect(await revision()).toBe(before);
    return { withStale, without };
  };
  const refusedBoth = (type: string) => ({
    withStale: { status: 403, type },
    without: { status: 403, type },
  });

  it.each<[string, string, () => ApiRequest, string]>([
    [
      "strips the holder's own entry",
      MIA,
      () => ({ method: 'PATCH', url: user(BOSS), payload: { permissions: { manageUsers: false } } }),
      'holder-entry-reserved',
    ],
    [
      "removes the holder's own entry",
      MIA,
      () => ({ method: 'DELETE', url: user(BOSS) }),
      'holder-entry-reserved',
    ],
    [
      'gives themselves more permissions',
      MIA,
      () => ({ method: 'PATCH', url: user(MIA), payload: { permissions: { shareTickets: true } } }),
      'own-permissions-reserved',
    ],
    [
      'invites a user with manage-users',
      MIA,
      () => invite('newmgr@acme.example', { ...NO_PERMISSIONS, manageUsers: true }),
      'manage-users-grant-reserved',
    ],
    [
      'gives an ordinary user manage-users',
      MIA,
      () => ({ method: 'PATCH', url: user(ULF), payload: { permissions: { manageUsers: true } } }),
      'manage-users-grant-reserved',
    ],
    [
      're-permissions another delegate',
      MIA,
      () => ({ method: 'PATCH', url: user(MAX), payload: { permissions: { shareTickets: true } } }),
      'manager-entry-reserved',
    ],
    ['removes another delegate', MIA, () => ({ method: 'DELETE', url: user(MAX) }), 'manager-entry-reserved'],
  ])('a delegate who %s gets 403 with a stale If-Match too', async (_what, who, request, type) => {
    expect(await answers(request, who)).toEqual(refusedBoth(type));
  });

  it.each<[string, string, () => ApiRequest, string]>([
    ['invites a user', COLIN, () => invite('newcomer@acme.example'), 'not-a-licensed-user'],
    [
      're-permissions a user',
      COLIN,
      () => ({ method: 'PATCH', url: user(ULF), payload: { permissions: { shareTickets: true } } }),
      'not-a-licensed-user',
    ],
    ['removes a user', COLIN, () => ({ method: 'DELETE', url: user(ULF) }), 'not-a-licensed-user'],
  ])(
    'a colleague who is no user of the licence and %s gets 403 with a stale If-Match too',
    async (_what, who, request, type) => {
      expect(await answers(request, who)).toEqual(refusedBoth(type));
    },
  );

  it.each<[string, string, () => ApiRequest, string]>([
    ['invites a user', ULF, () => invite('newcomer@acme.example'), 'licensed-user-management-not-allowed'],
    [
      're-permissions a user',
      ULF,
      () => ({ method: 'PATCH', url: user(INA), payload: { permissions: { shareTickets: true } } }),
      'licensed-user-management-not-allowed',
    ],
    [
      'removes a user',
      ULF,
      () => ({ method: 'DELETE', url: user(INA) }),
      'licensed-user-management-not-allowed',
    ],
    [
      "sends a pending user's invitation again",
      ULF,
      () => ({ method: 'POST', url: `${user(INA)}/invitation` }),
      'licensed-user-management-not-allowed',
    ],
    [
      "completes another user's registration",
      ULF,
      () => ({ method: 'POST', url: `${user(INA)}/activation` }),
      'registration-completion-not-allowed',
    ],
    [
      "changes the licence's terms",
      BOSS,
      () => ({ method: 'PATCH', url: `/v1/licences/${licenceId}`, payload: { seats: 50 } }),
      'licence-terms-change-requires-admin',
    ],
    [
      'hands the licence over',
      MIA,
      () => ({ method: 'PUT', url: `/v1/licences/${licenceId}/holder`, payload: { email: MIA } }),
      'licence-holder-change-not-allowed',
    ],
  ])(
    'a user who %s without the right gets 403 with a stale If-Match too',
    async (_what, who, request, type) => {
      expect(await answers(request, who)).toEqual(refusedBoth(type));
    },
  );

  it('a caller who may make the change still gets 412 for a stale If-Match, and the change with a current one', async () => {
    const permitted: [string, ApiRequest][] = [
      [MIA, { method: 'PATCH', url: user(ULF), payload: { permissions: { shareTickets: true } } }],
      [MIA, invite('newcomer@acme.example')],
      [MIA, { method: 'POST', url: `${user(INA)}/invitation` }],
      [BOSS, { method: 'PATCH', url: user(MIA), payload: { permissions: { shareTickets: true } } }],
      [INA, { method: 'POST', url: `${user(INA)}/activation` }],
      ['admin', { method: 'PATCH', url: `/v1/licences/${licenceId}`, payload: { seats: 50 } }],
      [MIA, { method: 'DELETE', url: user(ULF) }],
    ];
    for (const [who, request] of permitted) {
      const named = `${who} ${request.method} ${request.url}`;
      const before = await revision();
      const stale = await api.send({ ...request, headers: { 'if-match': STALE } }, tokens[who]);
      expect({ named, status: stale.status }).toEqual({ named, status: 412 });
      expect(await revision()).toBe(before);
      const current = await api.send({ ...request, headers: { 'if-match': `"${before}"` } }, tokens[who]);
      expect({ named, status: current.status }).toEqual({
        named,
        status: request.method === 'POST' && request.url.endsWith('/users') ? 201 : 200,
      });
    }
  });
});
