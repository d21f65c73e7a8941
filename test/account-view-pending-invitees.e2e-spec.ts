import { ApiClient } from './support/fixtures/api-client';
import { NO_PERMISSIONS, SetupSteps } from './support/fixtures/setup-steps';
import { startTestApp, TestApp } from './support/test-app';

/**
 * The account view carries every case-team member's email and every licence's holder. DOMAIN.md:
 * "An invited user is pending until registration completes; access is granted then". So an invitee
 * sees it once registered, and a user whose only licence has expired no longer does (as if removed);
 * the holder of that licence still does, and staff and the CSM are unchanged. A case-team member
 * who is none of these does not see it (test/account-view-case-team.e2e-spec.ts).
 */
describe('who sees an account: registered users of a licence in force', () => {
  let t: TestApp;
  let api: ApiClient;
  let setup: SetupSteps;
  let accountId: string;
  let licenceId: string;

  const PENNY = 'penny@acme.example';
  const SID = 'sid@acme.example';

  const status = async (email: string, roles: ('engineer' | 'auditor' | 'csm')[] = []) =>
    (await api.send({ method: 'GET', url: `/v1/accounts/${accountId}` }, await t.token(email, roles))).status;

  beforeAll(async () => {
    t = await startTestApp();
    api = new ApiClient(t.app);
    const admin = await t.token('admin@vendor.example', ['admin']);
    setup = new SetupSteps(api, admin, await t.token('eve@vendor.example', ['engineer']));
    accountId = await setup.registerAccount('Acme');
    await setup.assignCsm(accountId, 'carla@vendor.example');
    licenceId = await setup.issueLicence(accountId, { plan: 'enterprise', holderEmail: 'boss@acme.example' });
    await setup.addLicensedUser(
      licenceId,
      'ann@acme.example',
      NO_PERMISSIONS,
      await t.token('ann@acme.example'),
    );
    await setup.addLicensedUser(licenceId, PENNY);
    await setup.addCaseTeamMember(accountId, 'tina@partner.example', true);
    // The test clock starts on 2026-03-02: this licence runs out at the end of June.
    const summerLicence = await setup.issueLicence(accountId, {
      plan: 'standard',
      holderEmail: 'summer.holder@acme.example',
      activeUntil: '2026-06-30',
    });
    await setup.addLicensedUser(summerLicence, SID, NO_PERMISSIONS, await t.token(SID));
  });
  afterAll(() => t.close());

  it('refuses a pending invitee 403 until she completes registration (a stranger: 404)', async () => {
    expect(await status(PENNY)).toBe(403);
    expect(await status('stranger@elsewhere.example')).toBe(404);
    await api.expect(
      200,
      { method: 'POST', url: `/v1/licences/${licenceId}/users/${PENNY}/activation` },
      await t.token(PENNY),
    );
    expect(await status(PENNY)).toBe(200);
  });

  it('keeps staff, the CSM, holders and registered users as they were', async () => {
    expect(await status('eve@vendor.example', ['engineer'])).toBe(200);
    expect(await status('audrey@vendor.example', ['auditor'])).toBe(200);
    expect(await status('carla@vendor.example', ['csm'])).toBe(200);
    expect(await status('boss@acme.example')).toBe(200);
    expect(await status('ann@acme.example')).toBe(200);
    expect(await status(SID)).toBe(200);
  });

  it("refuses the designated CSM's email without the csm role, as the licence view and cases do", async () => {
    // Where roles come from the identity provider, a CSM whose role was taken away is no CSM: with
    // no licence or case-team entry either, a stranger to the account (404, as the licence view).
    expect(await status('carla@vendor.example')).toBe(404);
  });

  it('treats the users of an expired licence as removed ones, and keeps its holder seeing the account', async () => {
    t.clock.set('2026-08-01T09:00:00.000Z');
    try {
      expect(await status(SID)).toBe(403);
      expect(await status('summer.holder@acme.example')).toBe(200);
      expect(await status('ann@acme.example')).toBe(200);
    } finally {
      t.clock.set('2026-03-02T09:00:00.000Z');
    }
  });
});
