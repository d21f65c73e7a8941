import { randomUUID } from 'node:crypto';
import { ProjectionRunner } from '@casetrail/readmodels';
import { ApiClient } from './support/fixtures/api-client';
import { SetupSteps } from './support/fixtures/setup-steps';
import { startTestApp, TestApp } from './support/test-app';

/** "Süite" with a precomposed ü (U+00FC), and as u followed by a combining diaeresis (U+0308). */
const COMPOSED = 'Data, "Pro" S\u00fcite';
const DECOMPOSED = 'Data, "Pro" Su\u0308ite';

/**
 * One product, one row: a product name typed in another Unicode form is stored composed, one typed
 * in another case is refused naming the spelling on record, and the dashboard and the daily report
 * count a history recorded before (a licence stored decomposed) under the product however the
 * filter spells it, showing one spelling.
 */
describe('Reporting: product names that print alike are one product', () => {
  let t: TestApp;
  let api: ApiClient;
  let setup: SetupSteps;
  const tokens: Record<'admin' | 'engineer' | 'jane', string> = {} as never;
  let acmeId: string;

  const get = (url: string) => api.send({ method: 'GET', url }, tokens.engineer);
  const issue = (product: string) =>
    api.send(
      {
        method: 'POST',
        url: `/v1/accounts/${acmeId}/licences`,
        payload: {
          product,
          edition: 'Std',
          plan: 'standard',
          activeUntil: '2030-12-31',
          holderEmail: 'jane@acme.example',
        },
      },
      tokens.admin,
    );
  const caughtUp = async () => expect(await t.app.get(ProjectionRunner).catchUp()).toBe(true);

  /** A licence as an earlier release recorded it: the product as the admin's keyboard composed it. */
  async function legacyLicence(product: string): Promise<string> {
    const licenceId = randomUUID();
    await t.runtime.storage.eventStore.append(
      `licence-${licenceId}`,
      [
        {
          type: 'LicenceIssued',
          data: {
            licenceId,
            accountId: acmeId,
            product,
            edition: 'Std',
            plan: 'standard',
            activeUntil: '2030-12-31',
            expiresAt: '2031-01-01T12:00:00.000Z',
            seats: 'unlimited',
            holderEmail: 'jane@acme.example',
            at: '2026-03-01T09:00:00.000Z',
          },
          metadata: {
            actor: 'admin@vendor.example',
            actorRoles: ['admin'],
            correlationId: randomUUID(),
            schemaVersion: 1,
          },
        },
      ],
      'no-stream',
    );
    return licenceId;
  }

  beforeAll(async () => {
    t = await startTestApp();
    api = new ApiClient(t.app);
    tokens.admin = await t.token('admin@vendor.example', ['admin']);
    tokens.engineer = await t.token('eve@vendor.example', ['engineer'], 'Eve Engineer');
    tokens.jane = await t.token('jane@acme.example', [], 'Jane');
    setup = new SetupSteps(api, tokens.admin, tokens.engineer);
    acmeId = await setup.registerAccount('Acme');
    t.clock.set('2026-03-02T09:00:00.000Z');
  });

  afterAll(() => t.close());

  it('stores a product composed and trimmed, and refuses one that differs from a licensed one only by case', async () => {
    const legacy = await legacyLicence(DECOMPOSED);
    // The composed spelling of the product on record is that product, stored composed.
    const composed = await issue(` ${COMPOSED} `);
    expect(composed.status).toBe(201);
    await caughtUp();
    const products = (
      await api.send({ method: 'GET', url: `/v1/licences?accountId=${acmeId}` }, tokens.admin)
    )
      .json()
      .items.map((licence: { id: string; product: string }) => [licence.id, licence.product]);
    expect(products).toEqual(
      expect.arrayContaining([
        [legacy, DECOMPOSED],
        [composed.json().id, COMPOSED],
      ]),
    );

    for (const [product, known] of [
      ['DATA, "PRO" SU\u0308ITE', COMPOSED],
      ['data, "pro" s\u00fcite', COMPOSED],
    ]) {
      const refused = await issue(product);
      expect(refused.status).toBe(422);
      expect(refused.contentType).toContain('application/problem+json');
      expect(refused.json().errors).toEqual([
        { field: 'product', message: expect.stringContaining(JSON.stringify(known)) },
      ]);
    }
    expect((await issue('Sitefinity')).status).toBe(201);
    expect((await issue('SITEFINITY')).json()).toMatchObject({
      status: 422,
      detail: expect.stringContaining('"Sitefinity"'),
    });
  });

  it('counts the cases of every spelling recorded under the product, whichever spelling the filter uses', async () => {
    const legacy = await legacyLicence(DECOMPOSED);
    const composed = await issue(COMPOSED);
    await setup.addLicensedUser(legacy, 'jane@acme.example', undefined, tokens.jane);
    await setup.addLicensedUser(composed.json().id, 'jane@acme.example', undefined, tokens.jane);
    await setup.openWebCase(legacy, tokens.jane, 'Opened on the licence recorded decomposed');
    await setup.openWebCase(composed.json().id, tokens.jane, 'Opened on the licence stored composed');
    await caughtUp();

    for (const spelling of [COMPOSED, DECOMPOSED, 'DATA, "PRO" SÜITE']) {
      const filter = `product=${encodeURIComponent(spelling)}`;
      const dashboard = (await get(`/v1/dashboards/sla?${filter}`)).json();
      expect(dashboard.filters).toEqual({ product: COMPOSED });
      expect(
        dashboard.severities.find((figures: { severity: number }) => figures.severity === 2),
      ).toMatchObject({
        open: 2,
      });
      const daily = (await get(`/v1/reports/sla-daily?from=2026-03-02&to=2026-03-02&${filter}`)).json();
      expect(daily.filters).toEqual({ product: COMPOSED });
      const opened = daily.rows.reduce((sum: number, row: { opened: number }) => sum + row.opened, 0);
      expect(opened).toBe(2);
    }
  });

  it('shows the spelling asked for when a licence records it so, and the one most licences record otherwise', async () => {
    // Two earlier licences spelled one way, one the other: the counts must not override what was asked.
    await legacyLicence('DevCraft');
    await legacyLicence('DEVCRAFT');
    await legacyLicence('DEVCRAFT');
    await caughtUp();
    for (const [asked, shown] of [
      ['DevCraft', 'DevCraft'],
      ['DEVCRAFT', 'DEVCRAFT'],
      ['devcraft', 'DEVCRAFT'],
    ]) {
      const dashboard = (await get(`/v1/dashboards/sla?product=${asked}`)).json();
      expect(dashboard.filters).toEqual({ product: shown });
    }
  });
});
