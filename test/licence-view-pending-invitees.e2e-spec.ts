import { ApiClient } from './support/fixtures/api-client';
import { NO_PERMISSIONS, SetupSteps } from './support/fixtures/setup-steps';
import { startTestApp, TestApp } from './support/test-app';

/**
 * The licence view carries its users' emails, names and companies, as the account view carries its
 * case team. It follows the account view's rule (account-view-pending-invitees.e2e-spec.ts), from
 * DOMAIN.md: "An invited user is pending until registration completes; access ... is granted then".
 * So a pending invitee is refused 403 until she registers (a stranger to the licence gets 404), and the users of an expired licence
 * read its terms and their own entry only (manage-users lapsed with it), while its holder, staff and the CSM keep the whole view.
 */
describe('who sees a licence: registered users of a licence in force', () => {
  let t: TestApp;
  let api: ApiClient;
  let licenceId: string;
  let summerLicence: string;

  const PENNY = 'penny@acme.example';
  const SID = 'sid@acme.example';
  const MIA = 'mia.manager@acme.example';

  const licenceUrl = (id: string) => `/v1/licences/${id}`;
  const status = async (url: string, email: string, roles: ('engineer' | 'auditor' | 'csm')[] = []) =>
    (await api.send({ method: 'GET', url }, await t.token(email, roles))).status;

  beforeAll(async () => {
    t = await startTestApp();
    api = new ApiClient(t.app);
    const admin = await t.token('admin@vendor.example', ['admin']);
    const setup = new SetupSteps(api, admin, await t.token('eve@vendor.example', ['engineer']));
    const accountId = await setup.registerAccount('Acme');
    await setup.assignCsm(accountId, 'carla@vendor.example');
    licenceId = await setup.issueLicence(accountId, { plan: 'enterprise', holderEmail: 'boss@acme.example' });
    await setup.addLicensedUser(
      licenceId,
      'ann@acme.example',
      NO_PERMISSIONS,
      await t.token('ann@acme.example'),
    );
    await setup.addLicensedUser(licenceId, PENNY, { ...NO_PERMISSIONS, manageUsers: true });
    // The test clock starts on 2026-03-02: this licence runs out at the end of June.
    summerLicence = await setup.issueLicence(accountId, {
      plan: 'standard',
      holderEmail: 'summer.holder@acme.example',
      activeUntil: '2026-06-30',
    });
    await setup.addLicensedUser(summerLicence, SID, NO_PERMISSIONS, await t.token(SID));
    await setup.addLicensedUser(
      summerLicence,
      MIA,
      { ...NO_PERMISSIONS, manageUsers: true },
      await t.token(MIA),
    );
  });
  afterAll(() => t.close());

  it('refuses a pending invitee 403 problem+json (a stranger 404) on the licence, her entry and the invitations', async () => {
    const penny = await t.token(PENNY);
    for (const url of [
      licenceUrl(licenceId),
      `${licenceUrl(licenceId)}/users/${PENNY}`,
      `${licenceUrl(licenceId)}/pending-invitations`,
    ]) {
      // She was invited to it, so it hides nothing from her; the stranger is told nothing of it.
      for (const [token, status] of [
        [penny, 403],
        [await t.token('stranger@elsewhere.example'), 404],
      ] as const) {
        const response = await api.send({ method: 'GET', url }, token);
        expect({ url, status: response.status, contentType: response.contentType }).toEqual({
          url,
          status,
          contentType: expect.stringContaining('application/problem+json'),
        });
        // Nothing of the licence goes with the refusal, not even its revision.
        expect(response.headers.etag).toBeUndefined();
        expect(response.body).not.toContain('ann@acme.example');
      }
    }
  });

  it('lets her in once she completes registration, with what her permissions give', async () => {
    await api.expect(
      200,
      { method: 'POST', url: `${licenceUrl(licenceId)}/users/${PENNY}/activation` },
      await t.token(PENNY),
    );
    const view = await api.expect(200, { method: 'GET', url: licenceUrl(licenceId) }, await t.token(PENNY));
    // She manages users: the whole roster.
    expect(
      view
        .json()
        .users.map((user: { email: string }) => user.email)
        .sort(),
    ).toEqual(['ann@acme.example', PENNY]);
  });

  it('keeps staff, the CSM, the holder and registered users as they were', async () => {
    const url = licenceUrl(licenceId);
    expect(await status(url, 'eve@vendor.example', ['engineer'])).toBe(200);
    expect(await status(url, 'audrey@vendor.example', ['auditor'])).toBe(200);
    expect(await status(url, 'carla@vendor.example', ['csm'])).toBe(200);
    expect(await status(url, 'boss@acme.example')).toBe(200);
    const ann = await api.expect(200, { method: 'GET', url }, await t.token('ann@acme.example'));
    expect(ann.json().users.map((user: { email: string }) => user.email)).toEqual(['ann@acme.example']);
    expect(await status(licenceUrl(summerLicence), SID)).toBe(200);
    expect(await status(licenceUrl(summerLicence), MIA)).toBe(200);
  });

  it('lets the users of an expired licence read its terms and their own entry only (manage-users lapsed), and keeps its holder, staff and the CSM seeing it', async () => {
    t.clock.set('2026-08-01T09:00:00.000Z');
    try {
      const url = licenceUrl(summerLicence);
      // As her licence list shows it: the terms, no longer active, and whom to ask.
      for (const email of [SID, MIA]) {
        const detail = await api.expect(200, { method: 'GET', url }, await t.token(email));
        expect(detail.json()).toMatchObject({
          id: summerLicence,
          activeUntil: '2026-06-30',
          active: false,
          holderEmail: 'summer.holder@acme.example',
        });
        expect(detail.json().users.map((user: { email: string }) => user.email)).toEqual([email]);
      }
      expect(await status(`${url}/users/${SID}`, SID)).toBe(200);
      expect(await status(`${url}/users/${SID}`, MIA)).toBe(404);
      expect(await status(`${url}/pending-invitations`, MIA)).toBe(403);
      expect(await status(`${url}/user-changes`, MIA)).toBe(403);
      // Read only: a write still answers licence-expired.
      const write = await api.send(
        { method: 'PATCH', url: `${url}/users/${SID}`, payload: { permissions: { shareTickets: true } } },
        await t.token(MIA),
      );
      expect({ status: write.status, type: write.json().type }).toEqual({
        status: 403,
        type: expect.stringMatching(/licence-expired$/),
      });
      expect(await status(url, 'summer.holder@acme.example')).toBe(200);
      expect(await status(`${url}/pending-invitations`, 'summer.holder@acme.example')).toBe(200);
      expect(await status(url, 'eve@vendor.example', ['engineer'])).toBe(200);
      expect(await status(url, 'carla@vendor.example', ['csm'])).toBe(200);
      // The licence in force is untouched.
      expect(await status(licenceUrl(licenceId), 'ann@acme.example')).toBe(200);
    } finally {
      t.clock.set('2026-03-02T09:00:00.000Z');
    }
    // Back inside its term (as after a renewal), its users see it again: nothing about them changed.
    expect(await status(licenceUrl(summerLicence), SID)).toBe(200);
  });
});
