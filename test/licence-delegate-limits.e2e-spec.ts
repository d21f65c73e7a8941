import { randomUUID } from 'node:crypto';
import { ApiClient, ApiResponse } from './support/fixtures/api-client';
import { NO_PERMISSIONS, SetupSteps } from './support/fixtures/setup-steps';
import { undeclaredIn } from './support/openapi/declared-response';
import { OpenApiDocument } from './support/openapi/openapi-document';
import { OpenApiValidator } from './support/openapi/openapi-validator';
import { startTestApp, TestApp } from './support/test-app';

/**
 * A licence's holder delegates user administration to users with manage-users; the delegates look
 * after the ordinary users but may not take the licence over (requireWithinDelegateLimits): not the
 * holder's own user entry, not their own permissions, not who else manages users. And the holder
 * (with those who manage users) reads who changed what on the licence's users, and why.
 */
describe('a manage-users delegate manages ordinary users, and the holder sees who changed what', () => {
  let t: TestApp;
  let api: ApiClient;
  let licenceId: string;
  let mia: string;
  let boss: string;

  const BOSS = 'boss@acme.example';
  const MIA = 'mia.mgr@acme.example';
  const ULF = 'ulf@acme.example';
  const EVERYTHING = { manageUsers: true, shareTickets: true, seeSharedTickets: true };

  beforeAll(async () => {
    t = await startTestApp();
    api = new ApiClient(t.app);
    const setup = await SetupSteps.ofUsualStaff(t, api);
    const acme = await setup.registerAccount('Acme');
    licenceId = await setup.issueLicence(acme, { plan: 'enterprise', holderEmail: BOSS });
    boss = await t.token(BOSS);
    mia = await t.token(MIA);
    await setup.addLicensedUser(licenceId, BOSS, EVERYTHING, boss);
    await setup.addLicensedUser(licenceId, MIA, { ...NO_PERMISSIONS, manageUsers: true }, mia);
    await setup.addLicensedUser(licenceId, ULF, NO_PERMISSIONS, await t.token(ULF));
  });
  afterAll(() => t.close());

  const user = (email: string) => `/v1/licences/${licenceId}/users/${email}`;
  const refusal = (response: ApiResponse) => {
    const problem = response.json();
    return {
      status: response.status,
      contentType: response.contentType,
      code: String(problem.type).split('/').pop(),
      fields: (problem.errors ?? []).map((error: { field: string }) => error.field),
      detail: problem.detail,
    };
  };
  const refused = (code: string, field: string, detail: string) => ({
    status: 403,
    contentType: expect.stringContaining('application/problem+json'),
    code,
    fields: [field],
    detail,
  });

  it("may not strip or remove the holder's own user entry", async () => {
    const strip = { permissions: { manageUsers: false, shareTickets: false, seeSharedTickets: false } };
    expect(refusal(await api.send({ method: 'PATCH', url: user(BOSS), payload: strip }, mia))).toEqual(
      refused(
        'holder-entry-reserved',
        'email',
        `${BOSS} holds this licence; only they or an admin may change the permissions of their own user entry`,
      ),
    );
    expect(refusal(await api.send({ method: 'DELETE', url: user(BOSS) }, mia))).toEqual(
      refused(
        'holder-entry-reserved',
        'email',
        `${BOSS} holds this licence; only they or an admin may remove their own user entry`,
      ),
    );
    // The holder still logs cases on their licence.
    const licences = await api.expect(200, { method: 'GET', url: '/v1/licences' }, boss);
    expect(licences.json().items.find((item: { id: string }) => item.id === licenceId)).toMatchObject({
      mayOpenCases: true,
    });
  });

  it('may not give themselves (or anyone) more permissions', async () => {
    expect(
      refusal(await api.send({ method: 'PATCH', url: user(MIA), payload: { permissions: EVERYTHING } }, mia)),
    ).toEqual(
      refused(
        'own-permissions-reserved',
        'email',
        `You may not change your own permissions on this licence; ask its holder (${BOSS}) or an admin`,
      ),
    );
    const invite = {
      email: 'newmgr@acme.example',
      firstName: 'New',
      lastName: 'Manager',
      company: 'Acme',
      country: 'DE',
      permissions: EVERYTHING,
    };
    expect(
      refusal(
        await api.send({ method: 'POST', url: `/v1/licences/${licenceId}/users`, payload: invite }, mia),
      ),
    ).toEqual(
      refused(
        'manage-users-grant-reserved',
        'permissions.manageUsers',
        `Only the licence holder (${BOSS}) or an admin may give the manage-users permission; ask them`,
      ),
    );
    const detail = await api.expect(200, { method: 'GET', url: `/v1/licences/${licenceId}` }, boss);
    const entries = detail.json().users.map((entry: { email: string }) => entry.email);
    expect(entries).not.toContain('newmgr@acme.example');
  });

  it('may not give themselves more permissions through a sub-address of their own (one person, one entry)', async () => {
    const alias = {
      email: 'Mia.Mgr+alias@acme.example',
      firstName: 'Mia',
      lastName: 'Alias',
      company: 'Acme',
      country: 'DE',
      permissions: { manageUsers: false, shareTickets: true, seeSharedTickets: true },
    };
    const response = await api.send(
      { method: 'POST', url: `/v1/licences/${licenceId}/users`, payload: alias },
      mia,
    );
    expect(refusal(response)).toEqual({
      ...refused(
        'licensed-user-sub-address',
        'email',
        expect.stringContaining(`the mailbox of ${MIA}, already a user`),
      ),
      status: 422,
    });
    const detail = await api.expect(200, { method: 'GET', url: `/v1/licences/${licenceId}` }, boss);
    expect(detail.json().users.map((entry: { email: string }) => entry.email)).not.toContain(
      'mia.mgr+alias@acme.example',
    );
  });

  it('re-permissions and removes an ordinary user; the holder reads who did it, when and why', async () => {
    await api.expect(
      200,
      {
        method: 'PATCH',
        url: user(ULF),
        payload: { permissions: { shareTickets: true }, reason: 'runs the partner cases' },
      },
      mia,
    );
    await api.expect(200, { method: 'DELETE', url: user(ULF), payload: { reason: 'left the company' } }, mia);

    const changes = await api.expect(
      200,
      { method: 'GET', url: `/v1/licences/${licenceId}/user-changes` },
      boss,
    );
    const [removed, changed] = changes.json().changes;
    expect(removed).toEqual({
      revision: expect.any(Number),
      at: expect.any(String),
      by: MIA,
      change: 'removed',
      email: ULF,
      reason: 'left the company',
    });
    expect(changed).toMatchObject({
      by: MIA,
      change: 'permissions-changed',
      email: ULF,
      permissions: { shareTickets: true },
      previousPermissions: { shareTickets: false },
      reason: 'runs the partner cases',
    });
    expect(changes.json().changes.at(-1)).toMatchObject({
      by: 'admin@vendor.example',
      change: 'invited',
      email: BOSS,
    });

    // As the OpenAPI document declares it.
    const docs = await OpenApiDocument.of(t.app);
    const url = `/v1/licences/${licenceId}/user-changes`;
    expect(undeclaredIn(docs, new OpenApiValidator(docs), 'GET', url, changes)).toEqual([]);

    // A page at a time, newest first.
    const first = await api.expect(
      200,
      { method: 'GET', url: `/v1/licences/${licenceId}/user-changes?limit=1` },
      boss,
    );
    expect(first.json().changes).toEqual([removed]);
    const next = await api.expect(
      200,
      {
        method: 'GET',
        url: `/v1/licences/${licenceId}/user-changes?limit=1&cursor=${first.json().nextCursor}`,
      },
      boss,
    );
    expect(next.json().changes).toEqual([changed]);
    const badCursor = await api.send(
      { method: 'GET', url: `/v1/licences/${licenceId}/user-changes?cursor=abc` },
      boss,
    );
    expect({
      status: badCursor.status,
      fields: badCursor.json().errors?.map((e: { field: string }) => e.field),
    }).toEqual({
      status: 400,
      fields: ['cursor'],
    });
  });

  it('users who manage users read the changes too; other users 403, strangers the 404 of an unknown id', async () => {
    await api.expect(200, { method: 'GET', url: `/v1/licences/${licenceId}/user-changes` }, mia);
    const ordinary = 'olga@acme.example';
    const olga = await t.token(ordinary);
    const admin = await t.token('admin@vendor.example', ['admin']);
    await new SetupSteps(api, admin, admin).addLicensedUser(licenceId, ordinary, NO_PERMISSIONS, olga);
    expect(
      (await api.send({ method: 'GET', url: `/v1/licences/${licenceId}/user-changes` }, olga)).status,
    ).toBe(403);
    const stranger = await t.token('gina@globex.example');
    const real = await api.send({ method: 'GET', url: `/v1/licences/${licenceId}/user-changes` }, stranger);
    const unissued = randomUUID();
    const none = await api.send({ method: 'GET', url: `/v1/licences/${unissued}/user-changes` }, stranger);
    expect({ status: real.status, body: real.body.split(licenceId).join('<id>') }).toEqual({
      status: 404,
      body: none.body.split(unissued).join('<id>'),
    });
  });

  it('the holder (and an admin) still grant manage-users and change any entry', async () => {
    await api.expect(200, { method: 'PATCH', url: user(MIA), payload: { permissions: EVERYTHING } }, boss);
    await api.expect(
      200,
      { method: 'PATCH', url: user(BOSS), payload: { permissions: { shareTickets: false } } },
      boss,
    );
    const admin = await t.token('admin@vendor.example', ['admin']);
    await api.expect(
      200,
      { method: 'PATCH', url: user(BOSS), payload: { permissions: { shareTickets: true } } },
      admin,
    );
  });

  it("lists invitation resends and the holder hand-over in the licence's user changes, as declared", async () => {
    const pia = 'pia@acme.example';
    await api.expect(
      201,
      {
        method: 'POST',
        url: `/v1/licences/${licenceId}/users`,
        payload: {
          email: pia,
          firstName: 'Pia',
          lastName: 'P',
          company: 'Acme',
          country: 'DE',
          permissions: NO_PERMISSIONS,
        },
      },
      boss,
    );
    await api.expect(
      200,
      { method: 'POST', url: `${user(pia)}/invitation`, payload: { reason: 'lost the mail' } },
      mia,
    );
    await api.expect(
      200,
      { method: 'PUT', url: `/v1/licences/${licenceId}/holder`, payload: { email: MIA, reason: 'handover' } },
      boss,
    );
    const url = `/v1/licences/${licenceId}/user-changes`;
    const changes = await api.expect(200, { method: 'GET', url: `${url}?limit=2` }, mia);
    expect(changes.json().changes).toEqual([
      {
        revision: expect.any(Number),
        at: expect.any(String),
        by: BOSS,
        change: 'holder-changed',
        email: MIA,
        previousHolderEmail: BOSS,
        reason: 'handover',
      },
      {
        revision: expect.any(Number),
        at: expect.any(String),
        by: MIA,
        change: 'invitation-resent',
        email: pia,
        permissions: NO_PERMISSIONS,
        reason: 'lost the mail',
      },
    ]);
    const docs = await OpenApiDocument.of(t.app);
    expect(undeclaredIn(docs, new OpenApiValidator(docs), 'GET', url, changes)).toEqual([]);
  });
});
