import { ApiClient } from './support/fixtures/api-client';
import { appendLegacyAssignment } from './support/notifications/legacy-assignment';
import { NO_PERMISSIONS, SetupSteps } from './support/fixtures/setup-steps';
import { startTestApp, TestApp } from './support/test-app';

/**
 * The assignee of a case hears of everything on it, internal notes included, so a customer is never
 * assigned one. A customer's case stays hers after she is removed from her licence (she still sees
 * it as its opener): having opened a case, on the web or by phone through an engineer, keeps her
 * known as a customer, and a wrong assignment already stored does not make her staff.
 */
describe('customers who opened cases are never assigned one', () => {
  let t: TestApp;
  let api: ApiClient;
  let setup: SetupSteps;
  let admin: string;
  let engineer: string;
  let acmeLicence: string;
  let betaAccount: string;
  let betaLicence: string;
  let betaOpener: string;

  const NORA = 'nora@acme.example';
  const PETE = 'pete@acme.example';
  const HOLDER = 'boss@acme.example';
  const EVE = 'eve@vendor.example';

  const assign = (caseId: string, engineerEmail: string, token = engineer) =>
    api.send(
      { method: 'POST', url: `/v1/cases/${caseId}/assignment`, payload: { engineer: engineerEmail } },
      token,
    );
  const caseEvents = async (caseId: string) =>
    (await t.runtime.storage.eventStore.readStream(`case-${caseId}`)).map((event) => event.type);
  const removeFromLicence = async (email: string) =>
    api.expect(
      200,
      { method: 'DELETE', url: `/v1/licences/${acmeLicence}/users/${email}` },
      await t.token(HOLDER),
    );
  const expectRefusedAsCustomer = (response: Awaited<ReturnType<typeof assign>>, role: string) => {
    expect(response.status).toBe(422);
    expect(response.contentType).toContain('application/problem+json');
    expect(response.json().errors).toEqual([
      { field: 'engineer', message: expect.stringContaining(`is known as a customer (${role})`) },
    ]);
  };

  beforeAll(async () => {
    // Lena assigns colleagues who have not yet taken a case: the staff domain vouches for them.
    t = await startTestApp({ apiEnv: { STAFF_EMAIL_DOMAINS: 'vendor.example' } });
    api = new ApiClient(t.app);
    admin = await t.token('admin@vendor.example', ['admin']);
    engineer = await t.token('lena.lead@vendor.example', ['engineer'], 'Lena Lead');
    setup = new SetupSteps(api, admin, engineer);
    const acme = await setup.registerAccount('Acme');
    acmeLicence = await setup.issueLicence(acme, { plan: 'enterprise', holderEmail: HOLDER });
    betaAccount = await setup.registerAccount('Beta');
    betaLicence = await setup.issueLicence(betaAccount, {
      plan: 'standard',
      holderEmail: 'bea@beta.example',
    });
    betaOpener = await t.token('bea@beta.example');
    await setup.addLicensedUser(betaLicence, 'bea@beta.example', NO_PERMISSIONS, betaOpener);
  });
  afterAll(() => t.close());

  it('refuses to assign a removed opener another company’s case, naming engineer; she still sees her own', async () => {
    const nora = await t.token(NORA);
    await setup.addLicensedUser(acmeLicence, NORA, NO_PERMISSIONS, nora);
    const norasCase = await setup.openWebCase(acmeLicence, nora, 'Editor crashes');
    await removeFromLicence(NORA);
    await api.expect(200, { method: 'GET', url: `/v1/cases/${norasCase}` }, nora);

    const othersCase = await setup.openWebCase(betaLicence, betaOpener, 'Beta checkout');
    expectRefusedAsCustomer(await assign(othersCase, NORA), 'case opener');
    expectRefusedAsCustomer(await assign(othersCase, NORA.toUpperCase()), 'case opener');
    expect(await caseEvents(othersCase)).toEqual(['CaseOpened']);
  });

  it('knows who phoned in as the customer, and the engineer who logged the call as no customer', async () => {
    await setup.addLicensedUser(acmeLicence, PETE, NO_PERMISSIONS, await t.token(PETE));
    const eve = await t.token(EVE, ['engineer'], 'Eve Engineer');
    const phoned = await api.expect(
      201,
      {
        method: 'POST',
        url: '/v1/cases',
        payload: {
          licenceId: acmeLicence,
          title: 'Site down',
          description: 'Phoned in',
          severity: 1,
          channel: 'phone',
          onBehalfOf: PETE,
        },
      },
      eve,
    );
    const detail = await api.expect(200, { method: 'GET', url: `/v1/cases/${phoned.json().id}` }, eve);
    expect(detail.json()).toMatchObject({ openedBy: PETE, loggedBy: EVE });
    await removeFromLicence(PETE);

    const othersCase = await setup.openWebCase(betaLicence, betaOpener, 'Beta search');
    expectRefusedAsCustomer(await assign(othersCase, PETE), 'case opener');
    expect((await assign(othersCase, EVE)).status).toBe(200);
  });

  it('lets customer evidence outweigh an assignment already stored: she stays a customer', async () => {
    // As if the old check had let it through: the mistaken assignment is in the records.
    const mistaken = await setup.openWebCase(betaLicence, betaOpener, 'Beta export');
    await appendLegacyAssignment(t, mistaken, { engineer: NORA, by: NORA, correlationId: 'nora-took-it' });

    const next = await setup.openWebCase(betaLicence, betaOpener, 'Beta import');
    expectRefusedAsCustomer(await assign(next, NORA), 'case opener');
    const csm = await api.send(
      { method: 'PUT', url: `/v1/accounts/${betaAccount}/csm`, payload: { email: NORA } },
      admin,
    );
    expect(csm.status).toBe(422);
    expect(csm.json().errors).toEqual([
      { field: 'email', message: expect.stringContaining('is known as a customer (case opener)') },
    ]);

    // Invited back (pending), she is still refused: her own case says who she is.
    await setup.addLicensedUser(acmeLicence, NORA);
    expectRefusedAsCustomer(await assign(next, NORA), 'case opener');
    expect(await caseEvents(next)).toEqual(['CaseOpened']);
  });

  it('lets no customer veto a staff-domain address as CSM or assignee by sharing a case with it or inviting it', async () => {
    const sharer = await t.token('sally@acme.example');
    await setup.addLicensedUser(
      acmeLicence,
      'sally@acme.example',
      { ...NO_PERMISSIONS, shareTickets: true },
      sharer,
    );
    const sallysCase = await setup.openWebCase(acmeLicence, sharer, 'Search is slow');
    await setup.shareCase(sallysCase, 'cody.csm@vendor.example', sharer);
    await setup.shareCase(sallysCase, 'pal@partner.example', sharer);
    // An address at the staff domain is known staff: not even the invitation is taken (finding security4 F3).
    const invitation = await api.send(
      {
        method: 'POST',
        url: `/v1/licences/${acmeLicence}/users`,
        payload: {
          email: 'ida.new@vendor.example',
          firstName: 'Ida',
          lastName: 'New',
          company: 'Acme',
          country: 'DE',
          permissions: NO_PERMISSIONS,
        },
      },
      admin,
    );
    expect(invitation.status).toBe(422);
    expect(invitation.json().type).toBe('https://casetrail.dev/problems/licensed-user-is-staff');
    const nameCsm = (email: string) =>
      api.send({ method: 'PUT', url: `/v1/accounts/${betaAccount}/csm`, payload: { email } }, admin);

    expect((await nameCsm('cody.csm@vendor.example')).status).toBe(200);
    const betaCase = await setup.openWebCase(betaLicence, betaOpener, 'Beta reports');
    expect((await assign(betaCase, 'cody.csm@vendor.example')).status).toBe(200);
    // Named after Cody, Ida replaces him (who then sees none of the account's cases: security4 F2).
    expect((await nameCsm('ida.new@vendor.example')).status).toBe(200);

    // Outside the staff domains a customer's record still counts: the check guards against typos.
    const outsider = await nameCsm('pal@partner.example');
    expect(outsider.status).toBe(422);
    expect(outsider.json().errors).toEqual([
      { field: 'email', message: expect.stringContaining('is known as a customer (shared user)') },
    ]);
  });
});
