import { ApiClient } from './support/fixtures/api-client';
import { NO_PERMISSIONS, SetupSteps } from './support/fixtures/setup-steps';
import { startTestApp, TestApp } from './support/test-app';

/**
 * DOMAIN.md gives an account's case-team members the account's cases ("They see and update all the
 * account's cases"), and members "may come from other accounts". The account view also lists every
 * licence's product, plan, seats, expiry, id and holder's address: a Globex person on Acme's case
 * team read Acme's licence terms. Such a member now gets the 403 a person a case is shared with
 * gets, keeps the cases, and still reads their own team entry (their notification preference and
 * the ETag its PATCH takes). A member who is also a licensed user of the account sees it as one.
 */
describe('the account view and case-team members from another company', () => {
  let t: TestApp;
  let api: ApiClient;
  let acme: string;
  let acmeCase: string;
  const CARL = 'carl@globex.example';
  const TINA = 'tina@partner.example';
  const ANN = 'ann@acme.example';
  const tokens: Record<string, string> = {};

  const get = (url: string, who: string) => api.send({ method: 'GET', url }, tokens[who]);
  const accountView = (who: string) => get(`/v1/accounts/${acme}`, who);
  const entry = (email: string, who: string) => get(`/v1/accounts/${acme}/case-team/${email}`, who);

  beforeAll(async () => {
    t = await startTestApp();
    api = new ApiClient(t.app);
    const admin = await t.token('admin@vendor.example', ['admin']);
    const engineer = await t.token('eve@vendor.example', ['engineer']);
    for (const email of ['jane@acme.example', 'boss@acme.example', CARL, ANN, 'sam@consultant.example'])
      tokens[email.split('@')[0]] = await t.token(email);
    const setup = new SetupSteps(api, admin, engineer);
    acme = await setup.registerAccount('Acme');
    const globex = await setup.registerAccount('Globex');
    const licence = await setup.issueLicence(acme, {
      plan: 'mission-critical',
      holderEmail: 'boss@acme.example',
    });
    await setup.issueLicence(acme, {
      plan: 'enterprise',
      holderEmail: 'boss@acme.example',
      product: 'AcmeRocket',
    });
    const globexLicence = await setup.issueLicence(globex, {
      plan: 'enterprise',
      holderEmail: 'boss@globex.example',
    });
    await setup.addLicensedUser(licence, 'jane@acme.example', NO_PERMISSIONS, tokens.jane);
    await setup.addLicensedUser(licence, ANN, NO_PERMISSIONS, tokens.ann);
    // Carl is a licensed user of the competitor's licence, and on Acme's case team.
    await setup.addLicensedUser(globexLicence, CARL, NO_PERMISSIONS, tokens.carl);
    await setup.addCaseTeamMember(acme, CARL, true);
    await setup.addCaseTeamMember(acme, TINA, true);
    await setup.addCaseTeamMember(acme, ANN, false);
    acmeCase = await setup.openWebCase(licence, tokens.jane);
    await setup.shareCase(acmeCase, 'sam@consultant.example', engineer);
  });
  afterAll(() => t.close());

  it('refuses the member the account view, with its licences (403), and a person a case is shared with as a stranger (404)', async () => {
    const carl = await accountView('carl');
    const sam = await accountView('sam');
    expect(carl.status).toBe(403);
    expect(carl.contentType).toContain('application/problem+json');
    expect(carl.body).not.toContain('AcmeRocket');
    expect(carl.body).not.toContain('boss@acme.example');
    expect(carl.headers.etag).toBeUndefined();
    // A share ties sam to one case, not to the account: he is answered as for an unregistered id.
    expect({ status: sam.status, detail: sam.json().detail }).toEqual({
      status: 404,
      detail: `No account ${acme}`,
    });
  });

  it("keeps the account's cases the member's to see", async () => {
    expect((await get(`/v1/cases/${acmeCase}`, 'carl')).status).toBe(200);
    expect((await get('/v1/cases', 'carl')).json().items.map((item: { id: string }) => item.id)).toContain(
      acmeCase,
    );
  });

  it('lets the member read and change their own notification preference, and no one else’s entry', async () => {
    const own = await entry(CARL, 'carl');
    expect(own.status).toBe(200);
    expect(own.json()).toMatchObject({ accountId: acme, email: CARL, notify: true });
    const optedOut = await api.send(
      {
        method: 'PATCH',
        url: `/v1/accounts/${acme}/case-team/${CARL}`,
        payload: { notify: false },
        headers: { 'if-match': own.headers.etag as string },
      },
      tokens.carl,
    );
    expect(optedOut.status).toBe(200);
    expect((await entry('Carl@Globex.example', 'carl')).json()).toMatchObject({ notify: false });
    expect((await entry(TINA, 'carl')).status).toBe(403);
    expect((await entry('nobody@acme.example', 'carl')).status).toBe(403);
  });

  it('still shows the account to its licence holder and licensed users, a member among them', async () => {
    for (const who of ['boss', 'jane', 'ann']) {
      const view = await accountView(who);
      expect({ who, status: view.status }).toEqual({ who, status: 200 });
      expect(view.json().licences).toHaveLength(2);
    }
    expect((await entry(CARL, 'jane')).status).toBe(200);
    expect((await entry('nobody@acme.example', 'jane')).status).toBe(404);
  });
});
