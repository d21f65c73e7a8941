import { ApiClient, ApiRequest } from './support/fixtures/api-client';
import { NO_PERMISSIONS, SetupSteps } from './support/fixtures/setup-steps';
import { startTestApp, TestApp } from './support/test-app';

/**
 * The case commands keep each licence's and account's folded state between commands (so opening
 * a case does not re-read and re-fold the same licence every time). Each change to a licence must
 * still decide the very next command, whether this API instance wrote it or another one did.
 */
describe('licence changes decide the very next case command', () => {
  let t: TestApp;
  let other: TestApp;
  let api: ApiClient;
  let otherApi: ApiClient;
  let steps: SetupSteps;
  let boss: string;
  let licenceId: string;
  const ada = 'ada.active@acme.example';
  const ben = 'ben.sharer@acme.example';

  beforeAll(async () => {
    t = await startTestApp();
    // A second API instance on the same DATA_DIR: its own connections, as another process has.
    other = await startTestApp({ dataDir: t.dataDir, clock: t.clock });
    api = new ApiClient(t.app);
    otherApi = new ApiClient(other.app);
    steps = new SetupSteps(
      api,
      await t.token('adam.admin@vendor.example', ['admin']),
      await t.token('eve.engineer@vendor.example', ['engineer']),
    );
    boss = await t.token('boss@acme.example');
    const acme = await steps.registerAccount('Acme');
    licenceId = await steps.issueLicence(acme, { plan: 'enterprise', holderEmail: 'boss@acme.example' });
    await steps.addLicensedUser(licenceId, ada, NO_PERMISSIONS, await t.token(ada));
    await steps.addLicensedUser(
      licenceId,
      ben,
      { ...NO_PERMISSIONS, shareTickets: true },
      await t.token(ben),
    );
  });

  afterAll(async () => {
    await other?.close();
    await t?.close();
  });

  const webCase: ApiRequest = {
    method: 'POST',
    url: '/v1/cases',
    payload: {
      licenceId: '',
      title: 'Forms do not save',
      description: 'Since today',
      severity: 3,
      channel: 'web',
    },
  };
  const openCase = () => ({ ...webCase, payload: { ...(webCase.payload as object), licenceId } });
  const problemCode = (body: { type?: string }) => String(body.type).split('/').pop();

  it('a user removed from the licence by this instance cannot open the next case', async () => {
    const token = await t.token(ada);
    await api.expect(201, openCase(), token);
    await api.expect(200, { method: 'DELETE', url: `/v1/licences/${licenceId}/users/${ada}` }, boss);
    const refused = await api.send(openCase(), token);
    expect(refused.status).toBe(403);
    expect(problemCode(refused.json())).toBe('licensed-user-removed');
  });

  it('a user invited again here and activated through another instance opens cases again at once', async () => {
    await steps.addLicensedUser(licenceId, ada, NO_PERMISSIONS);
    const token = await t.token(ada);
    // Invited again but not yet registered: pending, so refused with that reason.
    const pending = await api.send(openCase(), token);
    expect(problemCode(pending.json())).toBe('licensed-user-not-active');
    await otherApi.expect(
      200,
      { method: 'POST', url: `/v1/licences/${licenceId}/users/${ada}/activation` },
      token,
    );
    await api.expect(201, openCase(), token);
  });

  it('a removal written by another API instance refuses the next case here', async () => {
    const token = await t.token(ada);
    await api.expect(201, openCase(), token);
    await otherApi.expect(200, { method: 'DELETE', url: `/v1/licences/${licenceId}/users/${ada}` }, boss);
    const refused = await api.send(openCase(), token);
    expect(refused.status).toBe(403);
    expect(problemCode(refused.json())).toBe('licensed-user-removed');
  });

  it('a share permission withdrawn by another instance refuses the next share here', async () => {
    const token = await t.token(ben);
    const caseId = (await api.expect(201, openCase(), token)).json().id;
    const share = (email: string): ApiRequest => ({
      method: 'POST',
      url: `/v1/cases/${caseId}/shares`,
      payload: { email, name: email.split('@')[0] },
    });
    await api.expect(201, share('sam.shared@acme.example'), token);
    await otherApi.expect(
      200,
      {
        method: 'PATCH',
        url: `/v1/licences/${licenceId}/users/${ben}`,
        payload: { permissions: { shareTickets: false } },
      },
      await t.token('adam.admin@vendor.example', ['admin']),
    );
    const refused = await api.send(share('tia.shared@acme.example'), token);
    expect(refused.status).toBe(403);
  });
});
