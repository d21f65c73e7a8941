import { ApiClient } from './support/fixtures/api-client';
import { SetupSteps } from './support/fixtures/setup-steps';
import { startTestApp, TestApp } from './support/test-app';

/**
 * Which products a customer licenses is the vendor's to know, not another customer's. The case
 * list's `product` filter answered 404 `product-not-found` for a product no licence ever had and an
 * empty page for one another customer licenses, so any signed-in person could learn (in any case,
 * which made guessing easy) that Globex bought "GlobexDataVault". Now only staff who see every
 * case (engineers, auditors, admins) get the 404 for a typo; everyone else, a CSM included, gets
 * the filter applied to the cases they may see, an unknown product as an empty page.
 */
describe('the case list product filter tells no one what other customers license', () => {
  let t: TestApp;
  let api: ApiClient;
  let acmeRocketCase: string;
  let acmeSitefinityCase: string;
  const tokens: Record<string, string> = {};

  const list = (who: string, query: string) =>
    api.send({ method: 'GET', url: `/v1/cases?${query}` }, tokens[who]);
  const ids = (body: { items: { id: string }[] }) => body.items.map((item) => item.id).sort();

  beforeAll(async () => {
    t = await startTestApp();
    api = new ApiClient(t.app);
    const admin = await t.token('admin@vendor.example', ['admin']);
    tokens.engineer = await t.token('eve@vendor.example', ['engineer']);
    tokens.auditor = await t.token('audrey@vendor.example', ['auditor']);
    tokens.csm = await t.token('carla@vendor.example', ['csm']);
    for (const email of ['jane@acme.example', 'tom@globex.example', 'carl@globex.example']) {
      tokens[email.split('@')[0]] = await t.token(email);
    }
    tokens.sharee = await t.token('sam@consultant.example');
    tokens.stranger = await t.token('stranger@else.example');
    const setup = new SetupSteps(api, admin, tokens.engineer);
    const share = { manageUsers: false, shareTickets: true, seeSharedTickets: true };

    const acme = await setup.registerAccount('Acme');
    const globex = await setup.registerAccount('Globex');
    await setup.assignCsm(acme, 'carla@vendor.example');
    const acmeSitefinity = await setup.issueLicence(acme, {
      plan: 'enterprise',
      holderEmail: 'boss@acme.example',
    });
    const acmeRocket = await setup.issueLicence(acme, {
      plan: 'enterprise',
      holderEmail: 'boss@acme.example',
      product: 'AcmeRocket',
    });
    const globexVault = await setup.issueLicence(globex, {
      plan: 'enterprise',
      holderEmail: 'boss@globex.example',
      product: 'GlobexDataVault',
    });
    await setup.addLicensedUser(acmeSitefinity, 'jane@acme.example', share, tokens.jane);
    await setup.addLicensedUser(acmeRocket, 'jane@acme.example', share, tokens.jane);
    await setup.addLicensedUser(globexVault, 'tom@globex.example', share, tokens.tom);
    // A Globex person on Acme's case team: Acme's cases are theirs to follow, Globex's licences not.
    await setup.addCaseTeamMember(acme, 'carl@globex.example', false);

    acmeSitefinityCase = await setup.openWebCase(acmeSitefinity, tokens.jane);
    acmeRocketCase = await setup.openWebCase(acmeRocket, tokens.jane);
    await setup.shareCase(acmeRocketCase, 'sam@consultant.example', tokens.jane);
    await setup.openWebCase(globexVault, tokens.tom);
  });
  afterAll(() => t.close());

  const SCOPED = ['jane', 'carl', 'sharee', 'stranger', 'csm'];

  it('answers a product licensed only elsewhere as one no licence ever had: an empty page, for every spelling', async () => {
    for (const who of SCOPED) {
      for (const product of ['GlobexDataVault', 'globexdatavault', 'GlobexDataVaul']) {
        const response = await list(who, `product=${product}`);
        expect({ who, product, status: response.status, body: response.json() }).toEqual({
          who,
          product,
          status: 200,
          body: { items: [] },
        });
      }
    }
  });

  it('still narrows what they may see to the product, in any case', async () => {
    expect(ids((await list('jane', 'product=acmerocket')).json())).toEqual([acmeRocketCase]);
    expect(ids((await list('carl', 'product=Sitefinity')).json())).toEqual([acmeSitefinityCase]);
    expect(ids((await list('sharee', 'product=AcmeRocket')).json())).toEqual([acmeRocketCase]);
    expect(ids((await list('sharee', 'product=Sitefinity')).json())).toEqual([]);
    expect(ids((await list('csm', 'product=ACMEROCKET')).json())).toEqual([acmeRocketCase]);
  });

  it('checks a cursor alike whether the product is licensed or not', async () => {
    for (const product of ['Sitefinity', 'GlobexDataVault', 'NoSuchProduct']) {
      const response = await list('jane', `product=${product}&cursor=not-a-cursor`);
      expect({ product, status: response.status }).toEqual({ product, status: 400 });
      expect(response.json().errors).toEqual([expect.objectContaining({ field: 'cursor' })]);
    }
  });

  it('keeps the 404 for staff who see every case, so a typo is not read as a quiet product', async () => {
    for (const who of ['engineer', 'auditor']) {
      const response = await list(who, 'product=GlobexDataVaul');
      expect(response.status).toBe(404);
      expect(response.json()).toMatchObject({ type: expect.stringContaining('product-not-found') });
      expect(response.json().errors).toEqual([expect.objectContaining({ field: 'product' })]);
      expect((await list(who, 'product=globexdatavault')).json().items).toHaveLength(1);
    }
  });
});
