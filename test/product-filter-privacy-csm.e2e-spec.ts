import { ApiClient, ApiResponse } from './support/fixtures/api-client';
import { SetupSteps } from './support/fixtures/setup-steps';
import { startTestApp, TestApp } from './support/test-app';

/**
 * Which products a customer licenses is the vendor's to know. The case list already answers a CSM
 * a product no licence ever had as it answers one only another customer licenses (an empty list);
 * the queues, the SLA dashboard, the daily report and the escalations board answered 404
 * `product-not-found` for the one and 200 for the other, so a CSM (even one who is CSM of no
 * account any more) could list every product the desk has licensed. They now answer a CSM alike
 * for both; engineers and admins, who see every account, keep the 404 for a typo.
 */
describe('the product filter of queues and reports tells a CSM nothing about other customers', () => {
  let t: TestApp;
  let api: ApiClient;
  const tokens: Record<string, string> = {};

  /** Every product-filtered read a CSM may make (the month of the test clock for the reports). */
  const reads = (product: string) => {
    const p = encodeURIComponent(product);
    const period = 'from=2026-03-01&to=2026-03-31';
    return [
      `/v1/queues/open?product=${p}`,
      `/v1/queues/mine?product=${p}`,
      `/v1/queues/escalated?product=${p}`,
      `/v1/dashboards/sla?${period}&product=${p}`,
      `/v1/reports/sla-daily?${period}&product=${p}`,
      `/v1/escalations?product=${p}`,
    ];
  };

  /** What an answer tells: status and body, with the product asked for written out of it. */
  const told = (response: ApiResponse, product: string) => ({
    status: response.status,
    body: response.body.split(JSON.stringify(product)).join('"<product>"'),
  });

  beforeAll(async () => {
    t = await startTestApp();
    api = new ApiClient(t.app);
    const admin = await t.token('admin@vendor.example', ['admin']);
    tokens.engineer = await t.token('eve@vendor.example', ['engineer']);
    tokens.admin = admin;
    tokens.csm = await t.token('carla@vendor.example', ['csm']);
    tokens.csmOfNothing = await t.token('colin@vendor.example', ['csm']);
    const setup = new SetupSteps(api, admin, tokens.engineer);
    const acme = await setup.registerAccount('Acme');
    const globex = await setup.registerAccount('Globex');
    await setup.assignCsm(acme, 'carla@vendor.example');
    const acmeLicence = await setup.issueLicence(acme, {
      plan: 'enterprise',
      holderEmail: 'boss@acme.example',
    });
    const globexVault = await setup.issueLicence(globex, {
      plan: 'enterprise',
      holderEmail: 'boss@globex.example',
      product: 'GlobexDataVault',
    });
    const basic = { manageUsers: false, shareTickets: false, seeSharedTickets: false };
    const jane = await t.token('jane@acme.example');
    const tom = await t.token('tom@globex.example');
    await setup.addLicensedUser(acmeLicence, 'jane@acme.example', basic, jane);
    await setup.addLicensedUser(globexVault, 'tom@globex.example', basic, tom);
    await setup.openWebCase(acmeLicence, jane);
    await setup.openWebCase(globexVault, tom);
  });
  afterAll(() => t.close());

  it.each(['csm', 'csmOfNothing'])(
    '%s: a product only another customer licenses is answered as one no licence ever had',
    async (who) => {
      const licensedElsewhere = reads('GlobexDataVault');
      const neverLicensed = reads('NoSuchProduct');
      for (const [index, url] of licensedElsewhere.entries()) {
        const elsewhere = told(await api.send({ method: 'GET', url }, tokens[who]), 'GlobexDataVault');
        const never = told(
          await api.send({ method: 'GET', url: neverLicensed[index] }, tokens[who]),
          'NoSuchProduct',
        );
        expect({ url, ...elsewhere }).toEqual({ url, ...never });
        expect({ url, status: elsewhere.status }).toEqual({ url, status: 200 });
      }
    },
  );

  it("still narrows a CSM's own figures to a product their accounts license, in any case", async () => {
    const open = await api.send({ method: 'GET', url: '/v1/queues/open?product=SITEFINITY' }, tokens.csm);
    expect(open.json().items).toHaveLength(1);
    const board = await api.send(
      { method: 'GET', url: '/v1/dashboards/sla?from=2026-03-01&to=2026-03-31&product=sitefinity' },
      tokens.csm,
    );
    expect(board.status).toBe(200);
  });

  it.each(['engineer', 'admin'])('%s keeps the 404 for a product no licence ever had', async (who) => {
    for (const url of reads('NoSuchProduct')) {
      const response = await api.send({ method: 'GET', url }, tokens[who]);
      expect({ url, status: response.status, type: response.json().type }).toEqual({
        url,
        status: 404,
        type: expect.stringContaining('product-not-found'),
      });
    }
  });
});
