import { ProjectionRunner } from '@casetrail/readmodels';
import { ApiClient, type ApiResponse } from './support/fixtures/api-client';
import { SetupSteps } from './support/fixtures/setup-steps';
import { startTestApp, TestApp } from './support/test-app';

/**
 * What the reports answer to filters, through HTTP: an ended escalation found under the severity
 * its case has now, filters that name nothing refused rather than answered with zeros, periods
 * that hold no instant refused in true words, and CSV exports that say what they cover.
 */
describe('Reporting filters: escalations board, accounts, products, periods and CSV exports', () => {
  const URLS = ['/v1/dashboards/sla', '/v1/reports/sla-daily', '/v1/escalations'];
  let t: TestApp;
  let api: ApiClient;
  let setup: SetupSteps;
  const tokens: Record<'admin' | 'engineer' | 'csm' | 'jane', string> = {} as never;
  let acmeId: string;
  let c6: string;

  const get = (url: string, token = tokens.engineer, headers?: Record<string, string>) =>
    api.send({ method: 'GET', url, headers }, token);
  const onCase = (caseId: string, path: string, payload?: object, token = tokens.engineer) =>
    api.expect(200, { method: 'POST', url: `/v1/cases/${caseId}${path}`, payload }, token);
  const caughtUp = async () => expect(await t.app.get(ProjectionRunner).catchUp()).toBe(true);
  const problemFields = (response: ApiResponse) =>
    (response.json().errors as { field: string }[]).map((problem) => problem.field);

  beforeAll(async () => {
    t = await startTestApp();
    api = new ApiClient(t.app);
    tokens.admin = await t.token('admin@vendor.example', ['admin']);
    tokens.engineer = await t.token('eve@vendor.example', ['engineer'], 'Eve Engineer');
    tokens.csm = await t.token('carla@vendor.example', ['csm']);
    tokens.jane = await t.token('jane@acme.example', [], 'Jane');
    setup = new SetupSteps(api, tokens.admin, tokens.engineer);

    acmeId = await setup.registerAccount('Acme');
    const licence = await setup.issueLicence(acmeId, {
      plan: 'enterprise',
      holderEmail: 'jane@acme.example',
    });
    await setup.addLicensedUser(licence, 'jane@acme.example', undefined, tokens.jane);
    // A product licensed to someone but with no case yet: a quiet product, not a wrong one.
    await setup.issueLicence(acmeId, {
      plan: 'standard',
      holderEmail: 'jane@acme.example',
      product: 'DevCraft',
    });
    await setup.assignCsm(acmeId, 'carla@vendor.example');
    t.clock.set('2026-03-02T09:00:00.000Z');
    c6 = await setup.openWebCase(licence, tokens.jane, 'C6: Reports are empty');
    await caughtUp();
  });

  afterAll(() => t.close());

  it("finds an ended escalation under its case's severity now, and shows that severity", async () => {
    t.clock.set('2026-03-02T09:30:00.000Z');
    await api.expect(
      201,
      {
        method: 'POST',
        url: `/v1/cases/${c6}/escalations`,
        payload: { reason: 'production-impact', details: 'Board meeting tomorrow' },
      },
      tokens.jane,
    );
    await onCase(c6, '/escalations/acknowledgement');
    await onCase(c6, '/severity', { severity: 3, reason: 'A workaround is in place' });
    await caughtUp();
    expect((await get('/v1/escalations')).json().items).toEqual([
      expect.objectContaining({ caseId: c6, open: true, severity: 3 }),
    ]);

    await onCase(c6, '/escalations/de-escalation', { reason: 'The customer is satisfied' });
    await onCase(c6, '/severity', { severity: 2, reason: 'The workaround stopped working' });
    await caughtUp();
    expect((await get(`/v1/cases/${c6}`)).json().severity).toBe(2);
    const all = (await get('/v1/escalations?state=all')).json().items;
    expect(all).toEqual([
      expect.objectContaining({ caseId: c6, open: false, status: 'de-escalated', severity: 2 }),
    ]);
    expect((await get('/v1/escalations?state=all&severity=2')).json().items).toEqual(all);
    expect((await get('/v1/escalations?state=all&severity=3')).json().items).toEqual([]);
  });

  it.each(URLS)(
    '%s: an accountId that cannot be an id is 400 naming accountId, for every caller',
    async (url) => {
      for (const token of [tokens.engineer, tokens.csm]) {
        for (const accountId of ['not-a-uuid', '', acmeId.slice(0, -1)]) {
          const response = await get(`${url}?accountId=${encodeURIComponent(accountId)}`, token);
          expect(response.status).toBe(400);
          expect(response.contentType).toContain('application/problem+json');
          expect(problemFields(response)).toEqual(['accountId']);
        }
      }
    },
  );

  it.each(URLS)('%s: an account nobody registered is 404 naming accountId, to a CSM too', async (url) => {
    const nobody = `${url}?accountId=00000000-0000-0000-0000-000000000000`;
    const response = await get(nobody);
    expect(response.status).toBe(404);
    expect(response.contentType).toContain('application/problem+json');
    expect(problemFields(response)).toEqual(['accountId']);
    expect(response.json().detail).toContain('00000000-0000-0000-0000-000000000000');
    const toCsm = await get(nobody, tokens.csm);
    expect(toCsm.status).toBe(404);
    expect(problemFields(toCsm)).toEqual(['accountId']);
    // A registered account, in either case of its UUID, is a filter like any other.
    expect((await get(`${url}?accountId=${acmeId.toUpperCase()}`)).status).toBe(200);
    expect((await get(`${url}?accountId=${acmeId}`, tokens.csm)).status).toBe(200);
  });

  it('knows an account registered a moment ago', async () => {
    const fresh = await setup.registerAccount('Initech');
    for (const url of URLS) expect((await get(`${url}?accountId=${fresh}`)).status).toBe(200);
  });

  it.each(URLS)(
    '%s: a product no licence ever had is 404 naming product; one spelled in another case is that product',
    async (url) => {
      const typo = await get(`${url}?product=Sitefinty`);
      expect(typo.status).toBe(404);
      expect(problemFields(typo)).toEqual(['product']);
      expect((await get(`${url}?product=sitefinity`)).status).toBe(200);
      // Licensed, but no case yet: a quiet product, answered.
      expect((await get(`${url}?product=DevCraft`)).status).toBe(200);
    },
  );

  it('answers a quiet product with zeros', async () => {
    const dashboard = (await get('/v1/dashboards/sla?product=DevCraft')).json();
    expect(dashboard.filters).toEqual({ product: 'DevCraft' });
    for (const figures of dashboard.severities)
      expect(figures).toMatchObject({ open: 0, openEscalations: 0 });
  });

  it('knows a product licensed after it was refused', async () => {
    expect((await get('/v1/dashboards/sla?product=Fiddler')).status).toBe(404);
    await setup.issueLicence(acmeId, {
      plan: 'standard',
      holderEmail: 'jane@acme.example',
      product: 'Fiddler',
    });
    expect((await get('/v1/dashboards/sla?product=Fiddler')).status).toBe(200);
  });

  it('refuses a dashboard period that ends where it starts, in words that are true', async () => {
    const empty = await get('/v1/dashboards/sla?from=2026-11-20T10:00:00Z&to=2026-11-20T10:00:00Z');
    expect(empty.status).toBe(400);
    expect(empty.json().errors).toEqual([
      {
        field: 'to',
        message:
          'to must be later than from: to is exclusive, so a period that ends where it starts is empty',
      },
    ]);
    const inverted = await get('/v1/dashboards/sla?from=2026-11-20T10:00:00Z&to=2026-11-20T09:00:00Z');
    expect(inverted.json().errors).toEqual([{ field: 'to', message: 'to must not be before from' }]);
    // The day before the one `from` starts: wholly before it.
    const dayBefore = await get('/v1/dashboards/sla?from=2026-11-20&to=2026-11-19');
    expect(dayBefore.json().errors).toEqual([{ field: 'to', message: 'to must not be before from' }]);
    // One millisecond, and one whole day (the daily report's `to` day is included), are periods.
    expect(
      (await get('/v1/dashboards/sla?from=2026-11-20T10:00:00Z&to=2026-11-20T10:00:00.001Z')).status,
    ).toBe(200);
    expect((await get('/v1/dashboards/sla?from=2026-11-20&to=2026-11-20')).status).toBe(200);
    expect((await get('/v1/reports/sla-daily?from=2026-11-20&to=2026-11-20')).status).toBe(200);
  });

  it('ends a dashboard period through 9999-12-31 at the next day’s start, like every other date', async () => {
    const through = (await get('/v1/dashboards/sla?from=2026-03-01&to=9999-12-31')).json();
    expect(through.filters).toEqual({ from: '2026-03-01T00:00:00.000Z', to: '+010000-01-01T00:00:00.000Z' });
    // The same cohort as no end at all (C6, opened 2026-03-02, is in both).
    expect(through.severities).toEqual((await get('/v1/dashboards/sla?from=2026-03-01')).json().severities);
    expect((await get('/v1/dashboards/sla?to=9999-12-30')).json().filters).toEqual({
      to: '9999-12-31T00:00:00.000Z',
    });
    // Its last millisecond through that day is a period of one millisecond, not "to before from".
    const lastMs = await get('/v1/dashboards/sla?from=9999-12-31T23:59:59.999Z&to=9999-12-31');
    expect(lastMs.status).toBe(200);
    expect(lastMs.json().filters).toEqual({
      from: '9999-12-31T23:59:59.999Z',
      to: '+010000-01-01T00:00:00.000Z',
    });
  });

  it.each(['from', 'to'])(
    'says a daily-report %s that is no day is not a date, as the report takes dates only',
    async (field) => {
      const response = await get(`/v1/reports/sla-daily?${field}=2026-02-30`);
      expect(response.status).toBe(400);
      expect(response.json().errors).toEqual([
        { field, message: `${field} must be a date (YYYY-MM-DD) that exists: 2026-02-30 is not a day` },
      ]);
    },
  );

  describe('a CSM who names no account', () => {
    const MINE = () => ({ accounts: 'your-accounts', csm: 'carla@vendor.example', accountIds: [acmeId] });

    it.each(URLS)('%s says it covers their accounts, and which', async (url) => {
      const response = await get(url, tokens.csm);
      expect(response.status).toBe(200);
      expect(response.json().scope).toEqual(MINE());
      // Naming one of their accounts, or being staff who see every account, reads as such.
      expect((await get(`${url}?accountId=${acmeId}`, tokens.csm)).json().scope).toEqual({
        accounts: 'requested',
        accountIds: [acmeId],
      });
      expect((await get(url)).json().scope).toEqual({ accounts: 'all' });
    });

    it('gets a daily report whose rows, CSV columns and file name say whose accounts they count', async () => {
      const query = 'from=2026-03-02&to=2026-03-02';
      const json = (await get(`/v1/reports/sla-daily?${query}`, tokens.csm)).json();
      expect(json.filters).toEqual({});
      for (const row of json.rows) expect(row.accountIds).toEqual([acmeId]);

      const response = await t.app.inject({
        method: 'GET',
        url: `/v1/reports/sla-daily?${query}`,
        headers: { authorization: `Bearer ${tokens.csm}`, accept: 'text/csv' },
      });
      const name = 'sla-daily-2026-03-02-2026-03-02-accounts-of-carla-vendor.example.csv';
      expect(response.headers['content-disposition']).toBe(
        `attachment; filename="${name}"; filename*=UTF-8''${name}`,
      );
      const [header, ...rows] = response.body.trimEnd().split('\r\n');
      expect(header.endsWith(',redirections,accountIds')).toBe(true);
      for (const row of json.rows) expect(Object.keys(row).join(',')).toBe(header);
      for (const row of rows) expect(row.endsWith(`,${acmeId}`)).toBe(true);
      // An engineer's export of the whole desk keeps its columns and its name.
      const desk = (await get(`/v1/reports/sla-daily?${query}`, tokens.engineer, { accept: 'text/csv' }))
        .body;
      expect(desk.split('\r\n')[0].endsWith(',redirections')).toBe(true);
    });
  });

  describe('CSV exports', () => {
    const csv = (query: string) =>
      get(`/v1/reports/sla-daily?${query}`, tokens.engineer, { accept: 'text/csv' });
    const FIGURES =
      'date,severity,opened,firstResponses,firstResponsesMet,firstResponseMetPercent,firstResponseMedianBusinessMs,firstResponseP90BusinessMs,resolutions,resolutionsMet,resolutionMetPercent,resolutionMedianBusinessMs,resolutionP90BusinessMs,breaches,escalations,redirections';

    it('names the period alone, and keeps the header, when not filtered', async () => {
      const response = await csv('from=2026-03-02&to=2026-03-02');
      expect(response.status).toBe(200);
      const disposition = (
        await t.app.inject({
          method: 'GET',
          url: '/v1/reports/sla-daily?from=2026-03-02&to=2026-03-02',
          headers: { authorization: `Bearer ${tokens.engineer}`, accept: 'text/csv' },
        })
      ).headers['content-disposition'];
      expect(disposition).toBe(
        `attachment; filename="sla-daily-2026-03-02-2026-03-02.csv"; filename*=UTF-8''sla-daily-2026-03-02-2026-03-02.csv`,
      );
      expect(response.body.split('\r\n')[0]).toBe(FIGURES);
    });

    it('names its filters, and states them in columns after the figures, as the JSON rows do', async () => {
      const query = `from=2026-03-02&to=2026-03-02&product=Sitefinity&accountId=${acmeId}`;
      const response = await t.app.inject({
        method: 'GET',
        url: `/v1/reports/sla-daily?${query}`,
        headers: { authorization: `Bearer ${tokens.engineer}`, accept: 'text/csv' },
      });
      expect(response.statusCode).toBe(200);
      const name = `sla-daily-2026-03-02-2026-03-02-product-Sitefinity-account-${acmeId}.csv`;
      expect(response.headers['content-disposition']).toBe(
        `attachment; filename="${name}"; filename*=UTF-8''${name}`,
      );
      const [header, ...rows] = response.body.trimEnd().split('\r\n');
      expect(header).toBe(`${FIGURES},product,accountId`);
      expect(rows).toHaveLength(3);
      for (const row of rows) expect(row.endsWith(`,Sitefinity,${acmeId}`)).toBe(true);
      expect(rows[1]).toMatch(/^2026-03-02,2,1,/); // C6, opened at severity 2

      const json = (await get(`/v1/reports/sla-daily?${query}`)).json();
      expect(json.filters).toEqual({ product: 'Sitefinity', accountId: acmeId });
      for (const row of json.rows) expect(Object.keys(row).join(',')).toBe(header);
    });
  });
});
