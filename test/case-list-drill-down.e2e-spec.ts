import { ApiClient } from './support/fixtures/api-client';
import { SetupSteps } from './support/fixtures/setup-steps';
import { startTestApp, TestApp } from './support/test-app';

/**
 * Drill-down from a dashboard figure to its cases: the case list takes the dashboard's period
 * (`openedFrom`/`openedTo`, read as the dashboard reads `from`/`to`) and product, and the queues
 * take an account. Bad values are refused naming the parameter, as the dashboard refuses them, and
 * a page cursor stays bound to the filters (the period's bounds included) it was issued under.
 */
describe('drilling down from the dashboard to its cases', () => {
  let t: TestApp;
  let api: ApiClient;
  let engineer: string;
  let csm: string;
  let jane: string;
  let acme: string;
  let globex: string;
  const acmeCases: Record<string, string> = {};
  let globexCase: string;
  let acmeDevCraft: string;

  const get = (url: string, token = engineer) => api.send({ method: 'GET', url }, token);
  const ids = (body: { items: { id: string }[] }) => body.items.map((item) => item.id);
  const withCursor = (url: string, cursor: string) => `${url}&cursor=${encodeURIComponent(cursor)}`;
  const expectRefused = async (url: string, status: number, field: string, token = engineer) => {
    const response = await get(url, token);
    expect(response.status).toBe(status);
    expect(response.contentType).toContain('application/problem+json');
    expect(response.json().errors).toEqual([expect.objectContaining({ field })]);
    return response.json();
  };
  const PERIOD = 'openedFrom=2026-11-15&openedTo=2026-11-22';

  beforeAll(async () => {
    t = await startTestApp();
    api = new ApiClient(t.app);
    const admin = await t.token('admin@vendor.example', ['admin']);
    engineer = await t.token('eve@vendor.example', ['engineer'], 'Eve Engineer');
    csm = await t.token('carla@vendor.example', ['csm']);
    jane = await t.token('jane@acme.example', [], 'Jane');
    const tom = await t.token('tom@globex.example', [], 'Tom');
    const setup = new SetupSteps(api, admin, engineer);
    acme = await setup.registerAccount('Acme');
    globex = await setup.registerAccount('Globex');
    await setup.assignCsm(acme, 'carla@vendor.example');
    const acmeSitefinity = await setup.issueLicence(acme, {
      plan: 'standard',
      holderEmail: 'jane@acme.example',
    });
    await setup.addLicensedUser(acmeSitefinity, 'jane@acme.example', undefined, jane);
    const acmeDevCraftLicence = await setup.issueLicence(acme, {
      plan: 'standard',
      holderEmail: 'jane@acme.example',
      product: 'DevCraft',
    });
    await setup.addLicensedUser(acmeDevCraftLicence, 'jane@acme.example', undefined, jane);
    const globexSitefinity = await setup.issueLicence(globex, {
      plan: 'standard',
      holderEmail: 'tom@globex.example',
    });
    await setup.addLicensedUser(globexSitefinity, 'tom@globex.example', undefined, tom);

    const openAt = async (at: string, licenceId: string, token: string) => {
      t.clock.set(at);
      return setup.openWebCase(licenceId, token);
    };
    // Before, within (15-22 Nov, both days included) and after the period.
    acmeCases.before = await openAt('2026-11-13T10:00:00.000Z', acmeSitefinity, jane);
    acmeCases.monday = await openAt('2026-11-16T10:00:00.000Z', acmeSitefinity, jane);
    acmeDevCraft = await openAt('2026-11-16T10:30:00.000Z', acmeDevCraftLicence, jane);
    globexCase = await openAt('2026-11-16T11:00:00.000Z', globexSitefinity, tom);
    acmeCases.wednesday10 = await openAt('2026-11-18T10:00:00.000Z', acmeSitefinity, jane);
    acmeCases.wednesday11 = await openAt('2026-11-18T11:00:00.000Z', acmeSitefinity, jane);
    acmeCases.after = await openAt('2026-11-23T00:00:00.000Z', acmeSitefinity, jane);
    t.clock.set('2026-11-24T09:00:00.000Z');
  });
  afterAll(() => t.close());

  it("lists the cases opened in the dashboard's period, of a product and an account, newest first", async () => {
    const product = await get(`/v1/cases?${PERIOD}&product=Sitefinity`);
    expect(product.status).toBe(200);
    expect(ids(product.json())).toEqual([
      acmeCases.wednesday11,
      acmeCases.wednesday10,
      globexCase,
      acmeCases.monday,
    ]);
    // Another case or Unicode form of the product, as the dashboard takes it.
    expect(ids((await get(`/v1/cases?${PERIOD}&product=SITEFINITY`)).json())).toEqual(ids(product.json()));
    const account = await get(`/v1/cases?${PERIOD}&product=Sitefinity&accountId=${acme}`);
    expect(ids(account.json())).toEqual([acmeCases.wednesday11, acmeCases.wednesday10, acmeCases.monday]);
    // An instant `openedTo` is exclusive, as the dashboard's `to`.
    const instants = await get('/v1/cases?openedFrom=2026-11-18T10:00:00Z&openedTo=2026-11-18T11:00:00.000Z');
    expect(ids(instants.json())).toEqual([acmeCases.wednesday10]);
    expect(ids((await get('/v1/cases?openedFrom=2026-11-23')).json())).toEqual([acmeCases.after]);
    expect(ids((await get('/v1/cases?openedTo=2026-11-13&product=Sitefinity')).json())).toEqual([
      acmeCases.before,
    ]);
  });

  it('lists as many cases as the dashboard counts for the same period, product and account', async () => {
    const filters = `from=2026-11-15&to=2026-11-22&product=Sitefinity&accountId=${acme}`;
    const dashboard = await get(`/v1/dashboards/sla?${filters}`);
    expect(dashboard.status).toBe(200);
    const open = dashboard
      .json()
      .severities.reduce((sum: number, row: { open: number }) => sum + row.open, 0);
    const listed = await get(`/v1/cases?${PERIOD}&product=Sitefinity&accountId=${acme}&status=new`);
    expect(listed.json().items).toHaveLength(open);
  });

  it('shows a customer only the cases they may see, within the filters', async () => {
    const response = await get(`/v1/cases?${PERIOD}`, jane);
    expect(response.status).toBe(200);
    expect(ids(response.json()).sort()).toEqual(
      [acmeCases.wednesday11, acmeCases.wednesday10, acmeDevCraft, acmeCases.monday].sort(),
    );
  });

  it('pages through a period, and refuses its cursor under another period, product or none', async () => {
    const url = `/v1/cases?${PERIOD}&product=Sitefinity&limit=2`;
    const first = await get(url);
    const cursor = first.json().nextCursor as string;
    expect(cursor).toEqual(expect.any(String));
    const second = await get(withCursor(url, cursor));
    expect(second.status).toBe(200);
    expect([...ids(first.json()), ...ids(second.json())]).toEqual([
      acmeCases.wednesday11,
      acmeCases.wednesday10,
      globexCase,
      acmeCases.monday,
    ]);
    expect(second.json().nextCursor).toBeUndefined();
    for (const other of [
      '/v1/cases?openedFrom=2026-11-01&openedTo=2026-11-22&product=Sitefinity&limit=2',
      '/v1/cases?openedFrom=2026-11-15&openedTo=2026-11-23&product=Sitefinity&limit=2',
      '/v1/cases?product=Sitefinity&limit=2',
      `/v1/cases?${PERIOD}&product=DevCraft&limit=2`,
      `/v1/cases?${PERIOD}&limit=2`,
    ]) {
      await expectRefused(withCursor(other, cursor), 400, 'cursor');
    }
  });

  it('refuses a bad period or product naming the parameter, in the words the dashboard uses', async () => {
    expect((await expectRefused('/v1/cases?openedFrom=2026-02-30', 400, 'openedFrom')).detail).toContain(
      'openedFrom',
    );
    await expectRefused('/v1/cases?openedFrom=yesterday', 400, 'openedFrom');
    await expectRefused('/v1/cases?openedTo=2026-11-16T24:00:00Z', 400, 'openedTo');
    const reversed = await expectRefused(
      '/v1/cases?openedFrom=2026-11-22&openedTo=2026-11-15',
      400,
      'openedTo',
    );
    expect(reversed.errors[0].message).toBe('openedTo must not be before openedFrom');
    const empty = await expectRefused(
      '/v1/cases?openedFrom=2026-11-16T10:00:00Z&openedTo=2026-11-16T10:00:00Z',
      400,
      'openedTo',
    );
    expect(empty.errors[0].message).toMatch(/^openedTo must be later than openedFrom: openedTo is exclusive/);
    const product = await expectRefused('/v1/cases?product=Fiddler', 404, 'product');
    expect(product.type).toContain('product-not-found');
    // As the queues and reports answer staff: a mistyped account is no such account, not an empty list.
    const account = await expectRefused(
      '/v1/cases?accountId=00000000-0000-4000-8000-000000000000',
      404,
      'accountId',
    );
    expect(account.type).toContain('account-not-found');
    // A customer's list is only narrowed: it never says whether an account exists.
    const customers = await get('/v1/cases?accountId=00000000-0000-4000-8000-000000000000', jane);
    expect(customers.status).toBe(200);
    expect(customers.json().items).toEqual([]);
  });

  it("lists an account's cases in a queue, in priority order, with its product", async () => {
    const globexQueue = await get(`/v1/queues/open?accountId=${globex}`);
    expect(globexQueue.status).toBe(200);
    expect(ids(globexQueue.json())).toEqual([globexCase]);
    const acmeQueue = await get(`/v1/queues/open?accountId=${acme}&product=Sitefinity`);
    // All severity 2, none escalated: the earliest due first.
    expect(ids(acmeQueue.json())).toEqual([
      acmeCases.before,
      acmeCases.monday,
      acmeCases.wednesday10,
      acmeCases.wednesday11,
      acmeCases.after,
    ]);
    const csmQueue = await get(`/v1/queues/breaching?accountId=${acme}`, csm);
    expect(csmQueue.status).toBe(200);
    expect(ids(csmQueue.json())).not.toContain(globexCase);
  });

  it('refuses a queue account that is malformed, unknown, or not a CSM’s own', async () => {
    await expectRefused('/v1/queues/open?accountId=acme', 400, 'accountId');
    const unknown = await expectRefused(
      '/v1/queues/open?accountId=00000000-0000-4000-8000-000000000000',
      404,
      'accountId',
    );
    expect(unknown.type).toContain('account-not-found');
    // To a CSM another customer's account is the 404 of an unknown one (README).
    const foreign = await expectRefused(`/v1/queues/open?accountId=${globex}`, 404, 'accountId', csm);
    expect(foreign.type).toContain('account-not-found');
  });

  it("refuses a queue's cursor under another account", async () => {
    const first = await get(`/v1/queues/open?accountId=${acme}&limit=2`);
    const cursor = first.json().nextCursor as string;
    expect(cursor).toEqual(expect.any(String));
    await expectRefused(withCursor(`/v1/queues/open?accountId=${globex}&limit=2`, cursor), 400, 'cursor');
    await expectRefused(withCursor('/v1/queues/open?limit=2', cursor), 400, 'cursor');
    expect((await get(withCursor(`/v1/queues/open?accountId=${acme}&limit=2`, cursor))).status).toBe(200);
  });
});
