import { startTestApp, TestApp } from './support/test-app';

/** Account and licence views, seat use, and the 48-hour follow-up list of pending invitations. */
describe('account and licence views', () => {
  let t: TestApp;
  let admin: string;
  let holder: string;
  let accountId: string;
  let licenceId: string;
  const auth = (token: string) => ({ authorization: `Bearer ${token}` });
  const invite = (email: string, token = admin) =>
    t.app.inject({
      method: 'POST',
      url: `/v1/licences/${licenceId}/users`,
      headers: auth(token),
      payload: {
        email,
        firstName: 'F',
        lastName: 'L',
        company: 'Acme',
        country: 'BG',
        permissions: { manageUsers: false, shareTickets: false, seeSharedTickets: false },
      },
    });

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.token('admin@vendor.example', ['admin']);
    holder = await t.token('boss@acme.example');
    accountId = (
      await t.app.inject({
        method: 'POST',
        url: '/v1/accounts',
        headers: auth(admin),
        payload: { name: 'Acme' },
      })
    ).json().id;
    licenceId = (
      await t.app.inject({
        method: 'POST',
        url: `/v1/accounts/${accountId}/licences`,
        headers: auth(admin),
        payload: {
          product: 'P',
          edition: 'E',
          plan: 'mission-critical',
          activeUntil: '2030-01-01',
          seats: 2,
          holderEmail: 'boss@acme.example',
        },
      })
    ).json().id;
  });
  afterAll(() => t.close());

  it('lets the holder manage seats and refuses a user beyond the seat limit and group mailboxes', async () => {
    expect((await invite('ann@acme.example', holder)).statusCode).toBe(201);
    expect((await invite('support@acme.example', holder)).statusCode).toBe(422);
    expect((await invite('bob@acme.example', holder)).statusCode).toBe(201);
    const third = await invite('cid@acme.example', holder);
    expect(third.statusCode).toBe(409);
    expect(third.json().detail).toMatch(/seat/i);
    const view = (
      await t.app.inject({ method: 'GET', url: `/v1/licences/${licenceId}`, headers: auth(holder) })
    ).json();
    expect(view).toMatchObject({
      seats: 2,
      seatsUsed: 2,
      seatsLeft: 0,
      active: true,
      plan: 'mission-critical',
    });
    expect(view.users.map((user: { email: string }) => user.email)).toEqual([
      'ann@acme.example',
      'bob@acme.example',
    ]);
  });

  it('lists invitations still pending after 48 hours for follow-up', async () => {
    await t.app.inject({
      method: 'POST',
      url: `/v1/licences/${licenceId}/users/ann@acme.example/activation`,
      headers: auth(admin),
    });
    const early = await t.app.inject({
      method: 'GET',
      url: `/v1/licences/${licenceId}/pending-invitations`,
      headers: auth(holder),
    });
    expect(early.json().invitations).toEqual([]);
    t.clock.advance(49 * 3_600_000);
    const late = await t.app.inject({
      method: 'GET',
      url: `/v1/licences/${licenceId}/pending-invitations`,
      headers: auth(holder),
    });
    expect(late.json()).toMatchObject({
      olderThanHours: 48,
      invitations: [{ email: 'bob@acme.example', status: 'pending' }],
    });
    const engineer = await t.token('eve@vendor.example', ['engineer']);
    const overdue = await t.app.inject({
      method: 'GET',
      url: '/v1/invitations/overdue',
      headers: auth(engineer),
    });
    expect(overdue.json().invitations).toEqual([
      expect.objectContaining({ email: 'bob@acme.example', licenceId, accountId }),
    ]);
    expect(
      (await t.app.inject({ method: 'GET', url: '/v1/invitations/overdue', headers: auth(holder) }))
        .statusCode,
    ).toBe(403);
  });

  it('gives a CSM the overdue invitations of their accounts, saying so, and flags those whose licence has ended', async () => {
    const post = async (url: string, payload: object, method: 'POST' | 'PUT' | 'PATCH' = 'POST') => {
      const response = await t.app.inject({ method, url, headers: auth(admin), payload });
      expect(response.statusCode).toBeLessThan(300);
      return response.json();
    };
    await post(`/v1/accounts/${accountId}/csm`, { email: 'carla@vendor.example' }, 'PUT');
    const globex = (await post('/v1/accounts', { name: 'Globex' })).id;
    const globexLicence = (
      await post(`/v1/accounts/${globex}/licences`, {
        product: 'P',
        edition: 'E',
        plan: 'enterprise',
        activeUntil: '2030-01-01',
        holderEmail: 'boss@globex.example',
      })
    ).id;
    await post(`/v1/licences/${globexLicence}/users`, {
      email: 'gus@globex.example',
      firstName: 'Gus',
      lastName: 'G',
      company: 'Globex',
      country: 'DE',
      permissions: { manageUsers: false, shareTickets: false, seeSharedTickets: false },
    });
    t.clock.advance(49 * 3_600_000);
    // Globex's licence ends early: chasing Gus gives him nothing until it is renewed.
    const endedOn = new Date(t.clock.now().getTime() - 3_600_000).toISOString();
    await post(`/v1/licences/${globexLicence}`, { activeUntil: endedOn, reason: 'Contract ended' }, 'PATCH');

    const overdueAs = async (token: string, query = '') =>
      (
        await t.app.inject({ method: 'GET', url: `/v1/invitations/overdue${query}`, headers: auth(token) })
      ).json();
    const engineer = await t.token('eve@vendor.example', ['engineer']);
    const engineerList = await overdueAs(engineer);
    expect(engineerList.scope).toBeUndefined();
    // Gus is not overdue (his licence ended): listed only on asking for those waiting for renewal.
    expect(engineerList.invitations).toEqual([
      expect.objectContaining({ email: 'bob@acme.example', accountId, licenceActive: true }),
    ]);
    expect((await overdueAs(engineer, '?includeEnded=true')).invitations).toEqual([
      expect.objectContaining({ email: 'bob@acme.example', accountId, licenceActive: true }),
      expect.objectContaining({
        email: 'gus@globex.example',
        accountId: globex,
        licenceActive: false,
        licenceActiveUntil: endedOn,
      }),
    ]);

    const carla = await overdueAs(await t.token('carla@vendor.example', ['csm']));
    expect(carla.scope).toEqual({ accountIds: [accountId] });
    expect(carla.invitations.map((invitation: { email: string }) => invitation.email)).toEqual([
      'bob@acme.example',
    ]);
    const newcomer = await overdueAs(await t.token('nina@vendor.example', ['csm']));
    expect(newcomer).toMatchObject({ scope: { accountIds: [] }, invitations: [] });
  });

  it('shows a licensed user the licence terms and only themselves; strangers get 404 (for the account too)', async () => {
    const ann = await t.token('ann@acme.example');
    const view = (
      await t.app.inject({ method: 'GET', url: `/v1/licences/${licenceId}`, headers: auth(ann) })
    ).json();
    expect(view.users.map((user: { email: string }) => user.email)).toEqual(['ann@acme.example']);
    expect(
      (
        await t.app.inject({
          method: 'GET',
          url: `/v1/licences/${licenceId}/pending-invitations`,
          headers: auth(ann),
        })
      ).statusCode,
    ).toBe(403);
    const stranger = await t.token('eve@elsewhere.example');
    expect(
      (await t.app.inject({ method: 'GET', url: `/v1/licences/${licenceId}`, headers: auth(stranger) }))
        .statusCode,
    ).toBe(404);
    expect(
      (await t.app.inject({ method: 'GET', url: `/v1/accounts/${accountId}`, headers: auth(stranger) }))
        .statusCode,
    ).toBe(404);
  });

  it('shows the account as Mission Critical while it holds an active mission-critical licence, with its case team', async () => {
    await t.app.inject({
      method: 'POST',
      url: `/v1/accounts/${accountId}/case-team`,
      headers: auth(admin),
      payload: { email: 'follower@partner.example', name: 'Follower', notify: false },
    });
    const view = (
      await t.app.inject({ method: 'GET', url: `/v1/accounts/${accountId}`, headers: auth(holder) })
    ).json();
    expect(view).toMatchObject({ id: accountId, name: 'Acme', missionCritical: true });
    expect(view.caseTeam).toEqual([
      expect.objectContaining({ email: 'follower@partner.example', notify: false }),
    ]);
    // A case-team member from another company follows the cases, not the licences (403).
    const follower = await t.token('follower@partner.example');
    expect(
      (await t.app.inject({ method: 'GET', url: `/v1/accounts/${accountId}`, headers: auth(follower) }))
        .statusCode,
    ).toBe(403);
  });

  it('answers the Location of a new licensed user and of a new case-team member', async () => {
    const invited = await invite('dan@acme.example');
    expect(invited.statusCode).toBe(409); // the two seats are taken: free one first
    await t.app.inject({
      method: 'DELETE',
      url: `/v1/licences/${licenceId}/users/bob@acme.example`,
      headers: auth(admin),
    });
    const get = (url: unknown, token: string) =>
      t.app.inject({ method: 'GET', url: url as string, headers: auth(token) });
    const created = await invite('Dan@Acme.example');
    expect(created.statusCode).toBe(201);
    const user = await get(created.headers.location, holder);
    expect(user.statusCode).toBe(200);
    expect(user.json()).toMatchObject({ licenceId, email: 'dan@acme.example', status: 'pending' });
    // A licensed user who does not manage users sees only themselves.
    const ann = await t.token('ann@acme.example');
    expect((await get(created.headers.location, ann)).statusCode).toBe(404);

    const added = await t.app.inject({
      method: 'POST',
      url: `/v1/accounts/${accountId}/case-team`,
      headers: auth(admin),
      payload: { email: 'lead@partner.example', name: 'Lead', notify: true },
    });
    expect(added.statusCode).toBe(201);
    const member = await get(added.headers.location, holder);
    expect(member.statusCode).toBe(200);
    expect(member.json()).toMatchObject({ accountId, email: 'lead@partner.example', notify: true });
    const stranger = await t.token('eve@elsewhere.example');
    // A stranger to the account: 404, as for an account nobody registered.
    expect((await get(added.headers.location, stranger)).statusCode).toBe(404);
  });

  it('gives accounts, licences and their entries an ETag the writes take as If-Match (a stale one is a 412)', async () => {
    const get = (url: string, token = admin) => t.app.inject({ method: 'GET', url, headers: auth(token) });
    const licence = await get(`/v1/licences/${licenceId}`);
    expect(licence.headers.etag).toBe(`"${licence.json().revision}"`);
    const user = await get(`/v1/licences/${licenceId}/users/ann@acme.example`);
    expect(user.headers.etag).toBe(licence.headers.etag);

    const change = (ifMatch: string) =>
      t.app.inject({
        method: 'PATCH',
        url: `/v1/licences/${licenceId}/users/ann@acme.example`,
        headers: { ...auth(admin), 'if-match': ifMatch },
        payload: { permissions: { shareTickets: true } },
      });
    expect((await change(licence.headers.etag as string)).statusCode).toBe(200);
    expect((await change(licence.headers.etag as string)).statusCode).toBe(412);
    const after = await get(`/v1/licences/${licenceId}`);
    expect(after.json().revision).toBe(licence.json().revision + 1);

    const account = await get(`/v1/accounts/${accountId}`);
    expect(account.headers.etag).toBe(`"${account.json().revision}"`);
    const assign = await t.app.inject({
      method: 'PUT',
      url: `/v1/accounts/${accountId}/csm`,
      headers: { ...auth(admin), 'if-match': account.headers.etag as string },
      payload: { email: 'carla@vendor.example' },
    });
    expect(assign.statusCode).toBe(200);

    // A refusal carries no ETag: it would tell what the licence's history is.
    const stranger = await t.token('stranger@elsewhere.example');
    const refused = await get(`/v1/licences/${licenceId}`, stranger);
    expect(refused.statusCode).toBe(404);
    expect(refused.headers.etag).toBeUndefined();
  });

  it("titles a problem whose code holds an acronym as people write it: 'CSM not staff'", async () => {
    const refused = await t.app.inject({
      method: 'PUT',
      url: `/v1/accounts/${accountId}/csm`,
      headers: auth(admin),
      payload: { email: 'ann@acme.example' },
    });
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.json()).toMatchObject({ title: 'CSM not staff' });
    expect(String(refused.json().type)).toMatch(/\/csm-not-staff$/);
  });

  it('refuses a query parameter a route does not take, naming it, instead of ignoring it', async () => {
    for (const url of [
      `/v1/accounts/${accountId}?asOf=2026-01-01T00:00:00Z`,
      `/v1/licences/${licenceId}?verbose=1`,
    ]) {
      const response = await t.app.inject({ method: 'GET', url, headers: auth(admin) });
      expect(response.statusCode).toBe(400);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.json().errors).toEqual([
        expect.objectContaining({ field: expect.stringMatching(/^(asOf|verbose)$/) }),
      ]);
    }
    expect(
      (await t.app.inject({ method: 'GET', url: `/v1/accounts/${accountId}`, headers: auth(admin) }))
        .statusCode,
    ).toBe(200);
  });

  it('takes an account CSM off (DELETE): the account shows none and the person no longer sees it', async () => {
    const carla = await t.token('carla@vendor.example', ['csm']);
    const view = async (token: string) =>
      t.app.inject({ method: 'GET', url: `/v1/accounts/${accountId}`, headers: auth(token) });
    const csmCall = (method: 'PUT' | 'DELETE', token = admin) =>
      t.app.inject({
        method,
        url: `/v1/accounts/${accountId}/csm`,
        headers: auth(token),
        ...(method === 'PUT' ? { payload: { email: 'carla@vendor.example' } } : {}),
      });
    expect((await csmCall('PUT')).statusCode).toBe(200);
    expect((await view(carla)).statusCode).toBe(200);

    expect((await csmCall('DELETE', carla)).statusCode).toBe(403);
    expect((await csmCall('DELETE')).statusCode).toBe(200);
    expect((await view(admin)).json().csm).toBeNull();
    // Then no more hers to know of than any other customer's account: the 404 of an unknown id.
    expect((await view(carla)).statusCode).toBe(404);
    // Again: nothing to take off, nothing recorded.
    const again = await csmCall('DELETE');
    expect(again.statusCode).toBe(200);
    expect(again.json().revision).toBe((await view(admin)).json().revision);
  });

  it('refuses a query parameter given twice, saying so, on every read route that takes it', async () => {
    for (const [url, field] of [
      ['/v1/accounts?limit=2&limit=3', 'limit'],
      ['/v1/cases?status=new&status=closed', 'status'],
      ['/v1/queues/open?severity=2&severity=3', 'severity'],
    ]) {
      const response = await t.app.inject({ method: 'GET', url, headers: auth(admin) });
      expect(response.statusCode).toBe(400);
      expect(response.json().errors).toEqual([
        { field, message: `${field} is given more than once; give it once` },
      ]);
    }
  });

  it('names what is wrong with a value once: not a whole number, and not also out of range', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: `/v1/accounts/${accountId}/licences`,
      headers: auth(admin),
      payload: {
        product: 'P',
        edition: 'E',
        plan: 'standard',
        activeUntil: '2030-01-01',
        seats: null,
        holderEmail: 'boss@acme.example',
      },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toEqual([
      { field: 'seats', message: 'seats must be a whole number or "unlimited"' },
    ]);
    const page = await t.app.inject({ method: 'GET', url: '/v1/accounts?limit=many', headers: auth(admin) });
    expect(page.json().errors).toEqual([{ field: 'limit', message: 'limit must be a whole number' }]);
  });
});
