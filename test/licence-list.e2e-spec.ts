import { ApiClient } from './support/fixtures/api-client';
import { NO_PERMISSIONS, SetupSteps } from './support/fixtures/setup-steps';
import { startTestApp, TestApp } from './support/test-app';

/**
 * GET /v1/licences: a new licence holder, or a user a colleague invited, finds the licences they
 * hold or belong to (the id they log cases and invite colleagues with) without asking the vendor.
 * Each shows their standing and what they may do on it; seat counts and the holder only to those
 * who see the licence (as GET /v1/licences/{id}); staff get every licence, a page at a time.
 */
describe('the licences a signed-in person holds or belongs to', () => {
  let t: TestApp;
  let api: ApiClient;
  const ids = { globex: '', initech: '', enterprise: '', standard: '' };
  const holder = 'it.lead@globex.example';
  const alice = 'alice.smith@globex.example';
  const bob = 'bob.jones@globex.example';

  const list = async (email: string, roles: Parameters<TestApp['token']>[1] = [], query = '') =>
    api.send({ method: 'GET', url: `/v1/licences${query}` }, await t.token(email, roles));

  beforeAll(async () => {
    t = await startTestApp();
    api = new ApiClient(t.app);
    const steps = new SetupSteps(
      api,
      await t.token('adam.admin@vendor.example', ['admin']),
      await t.token('eve.engineer@vendor.example', ['engineer']),
    );
    ids.globex = await steps.registerAccount('Globex', 'Europe/Berlin');
    ids.initech = await steps.registerAccount('Initech');
    ids.enterprise = await steps.issueLicence(ids.globex, {
      plan: 'enterprise',
      holderEmail: 'It.Lead@Globex.example',
    });
    ids.standard = await steps.issueLicence(ids.initech, {
      plan: 'standard',
      holderEmail: 'peter@initech.example',
    });
    await steps.addLicensedUser(
      ids.enterprise,
      alice,
      { ...NO_PERMISSIONS, manageUsers: true },
      await t.token(alice),
    );
    await steps.addLicensedUser(ids.enterprise, bob, { ...NO_PERMISSIONS, shareTickets: true });
  });

  afterAll(() => t.close());

  it('the holder: their licence, its terms and seats, standing holder, may manage users but not log cases', async () => {
    const response = await list(holder);
    expect(response.status).toBe(200);
    expect(response.json()).toEqual({
      items: [
        {
          id: ids.enterprise,
          accountId: ids.globex,
          accountName: 'Globex',
          // The zone the console says the licence's end in, as its mails do.
          accountTimeZone: 'Europe/Berlin',
          product: 'Sitefinity',
          edition: 'Online Marketing License',
          plan: 'enterprise',
          activeUntil: '2030-12-31',
          expiresAt: expect.any(String),
          active: true,
          seats: 'unlimited',
          seatsUsed: 2,
          seatsLeft: 'unlimited',
          // Bob is invited and has not completed his registration; nobody has waited too long yet.
          pendingInvitations: 1,
          pendingInvitationsOverdue: 0,
          holderEmail: holder,
          standing: ['holder'],
          permissions: null,
          mayOpenCases: false,
          mayManageUsers: true,
          mayInviteUsers: true,
        },
      ],
    });
  });

  it('an active user with manage users: standing active-user, their permissions, may log cases and manage users', async () => {
    const [item] = (await list(alice)).json().items;
    expect(item).toMatchObject({
      id: ids.enterprise,
      standing: ['active-user'],
      permissions: { manageUsers: true, shareTickets: false, seeSharedTickets: false },
      mayOpenCases: true,
      mayManageUsers: true,
      seatsUsed: 2,
    });
  });

  it('a pending invitee: the licence id and terms, no seats or holder, and the request that completes the registration', async () => {
    const { items } = (await list(bob)).json();
    expect(items).toHaveLength(1);
    const [item] = items;
    expect(item).toMatchObject({
      id: ids.enterprise,
      accountName: 'Globex',
      plan: 'enterprise',
      standing: ['pending-invitation'],
      permissions: { manageUsers: false, shareTickets: true, seeSharedTickets: false },
      mayOpenCases: false,
      mayManageUsers: false,
      activation: `/v1/licences/${ids.enterprise}/users/${bob}/activation`,
    });
    expect(item).not.toHaveProperty('seatsUsed');
    expect(item).not.toHaveProperty('holderEmail');

    await api.expect(200, { method: 'POST', url: item.activation }, await t.token(bob));
    const [registered] = (await list(bob)).json().items;
    expect(registered).toMatchObject({ standing: ['active-user'], mayOpenCases: true, seatsUsed: 2 });
    expect(registered).not.toHaveProperty('activation');
  });

  it('someone with no licence: an empty list, not a refusal', async () => {
    expect((await list('stranger@elsewhere.example')).json()).toEqual({ items: [] });
  });

  it('staff: every licence a page at a time, narrowed by accountId; standing empty', async () => {
    const all = (await list('eve.engineer@vendor.example', ['engineer'])).json();
    expect(all.items.map((item: { id: string }) => item.id).sort()).toEqual(
      [ids.enterprise, ids.standard].sort(),
    );
    expect(all.items[0]).toMatchObject({ standing: [], permissions: null, mayOpenCases: false });
    expect(all.items[0]).toHaveProperty('seatsUsed');

    const page = (await list('eve.engineer@vendor.example', ['engineer'], '?limit=1')).json();
    expect(page.items).toHaveLength(1);
    const next = await list(
      'eve.engineer@vendor.example',
      ['engineer'],
      `?limit=1&cursor=${page.nextCursor}`,
    );
    expect(next.json().items).toHaveLength(1);
    expect(next.json().items[0].id).not.toBe(page.items[0].id);

    const initech = (await list('adam.admin@vendor.example', ['admin'], `?accountId=${ids.initech}`)).json();
    expect(initech.items.map((item: { id: string }) => item.id)).toEqual([ids.standard]);
  });

  it('a CSM: the licences of their accounts, with the scope said', async () => {
    await api.expect(
      200,
      {
        method: 'PUT',
        url: `/v1/accounts/${ids.initech}/csm`,
        payload: { email: 'cora.csm@vendor.example' },
      },
      await t.token('adam.admin@vendor.example', ['admin']),
    );
    const body = (await list('cora.csm@vendor.example', ['csm'])).json();
    expect(body.scope).toEqual({ accountIds: [ids.initech] });
    expect(body.items.map((item: { id: string }) => item.id)).toEqual([ids.standard]);
  });

  it("refuses a CSM's accountId not theirs, and staff's unknown one, 404 naming it, as the queues and reports do", async () => {
    const admin = await t.token('adam.admin@vendor.example', ['admin']);
    const cora = await t.token('cora.csm@vendor.example', ['csm']);
    const initechCsm = { method: 'PUT' as const, url: `/v1/accounts/${ids.initech}/csm` };
    await api.expect(200, { ...initechCsm, payload: { email: 'cora.csm@vendor.example' } }, admin);
    const asCora = (url: string) => api.send({ method: 'GET', url }, cora);
    const licences = await asCora(`/v1/licences?accountId=${ids.globex}`);
    const queue = await asCora(`/v1/queues/open?accountId=${ids.globex}`);
    expect(licences.status).toBe(404);
    expect(licences.contentType).toContain('application/problem+json');
    expect(licences.json().detail).toBe(queue.json().detail);
    expect(licences.json().type).toContain('account-not-found');
    expect(licences.json().errors).toEqual([expect.objectContaining({ field: 'accountId' })]);
    expect((await asCora(`/v1/licences?accountId=${ids.initech}`)).json()).toMatchObject({
      scope: { accountIds: [ids.initech] },
      items: [expect.objectContaining({ id: ids.standard })],
    });

    const nobody = '00000000-0000-4000-8000-000000000000';
    const unknown = await list('eve.engineer@vendor.example', ['engineer'], `?accountId=${nobody}`);
    expect(unknown.status).toBe(404);
    expect(unknown.json().type).toContain('account-not-found');
    expect(unknown.json().errors).toEqual([expect.objectContaining({ field: 'accountId' })]);
    // A customer's accountId only narrows their own list: no answer says whether an account exists.
    expect((await list(holder, [], `?accountId=${nobody}`)).json()).toEqual({ items: [] });
    expect((await list(holder, [], `?accountId=${ids.initech}`)).json()).toEqual({ items: [] });
  });

  it('a malformed accountId is a 400 naming it', async () => {
    const response = await list(holder, [], '?accountId=globex');
    expect(response.status).toBe(400);
    expect(response.contentType).toContain('application/problem+json');
    expect(response.json().errors).toEqual([expect.objectContaining({ field: 'accountId' })]);
  });

  it('after the licence ends: its holder still manages its users (their change succeeds) but may invite nobody; a delegate neither', async () => {
    const admin = await t.token('adam.admin@vendor.example', ['admin']);
    await api.expect(
      200,
      {
        method: 'PATCH',
        url: `/v1/licences/${ids.enterprise}`,
        payload: { activeUntil: '2026-01-01', reason: 'ended early' },
      },
      admin,
    );
    const [held] = (await list(holder)).json().items;
    // Before: mayManageUsers false, while the holder's PATCH below succeeded.
    expect(held).toMatchObject({ active: false, mayManageUsers: true, mayInviteUsers: false });
    await api.expect(
      200,
      {
        method: 'PATCH',
        url: `/v1/licences/${ids.enterprise}/users/${bob}`,
        payload: { permissions: NO_PERMISSIONS },
      },
      await t.token(holder),
    );
    const [delegated] = (await list(alice)).json().items;
    expect(delegated).toMatchObject({ mayManageUsers: false, mayInviteUsers: false });
  });

  it('a pending invitee of a licence that has ended: its holder, whom to ask for the renewal, and still no seats', async () => {
    const steps = await SetupSteps.ofUsualStaff(t, api);
    const lapsed = await steps.issueLicence(ids.initech, {
      plan: 'standard',
      holderEmail: 'peter@initech.example',
    });
    const dora = 'dora.new@initech.example';
    await steps.addLicensedUser(lapsed, dora);
    const invitation = async () =>
      (await list(dora)).json().items.find((item: { id: string }) => item.id === lapsed);
    expect(await invitation()).not.toHaveProperty('holderEmail');

    await api.expect(
      200,
      {
        method: 'PATCH',
        url: `/v1/licences/${lapsed}`,
        payload: { activeUntil: '2026-01-01', reason: 'not renewed' },
      },
      await t.token('adam.admin@vendor.example', ['admin']),
    );
    // Before, the invitee learnt the licence ended but not whom to ask (licadmin F15).
    const ended = await invitation();
    expect(ended).toMatchObject({
      active: false,
      activeUntil: '2026-01-01',
      standing: ['pending-invitation'],
      holderEmail: 'peter@initech.example',
    });
    expect(ended).not.toHaveProperty('seatsUsed');
    expect(ended).not.toHaveProperty('pendingInvitations');
  });

  it('is documented in the OpenAPI document', async () => {
    const { paths } = (await t.app.inject({ method: 'GET', url: '/docs-json' })).json();
    const operation = paths['/v1/licences'].get;
    expect(operation.parameters.map((parameter: { name: string }) => parameter.name)).toEqual(
      expect.arrayContaining(['accountId', 'limit', 'cursor']),
    );
    expect(operation.responses['200'].content['application/json'].schema).toEqual({
      $ref: '#/components/schemas/LicenceListDto',
    });
  });
});
