import { ProjectionRunner } from '@casetrail/readmodels';
import { ApiClient, type ApiResponse } from './support/fixtures/api-client';
import { SetupSteps } from './support/fixtures/setup-steps';
import { startTestApp, TestApp } from './support/test-app';

/**
 * The reporting manager's reproductions, through HTTP: a first response after a severity upgrade
 * measured from the upgrade, a product name a spreadsheet would run exported as text, dashboard
 * instants Date.parse would bend refused, and a daily report, dashboard or escalations board
 * nobody can read refused with 406.
 *
 * Monday 2027-03-29, default calendar (Mon-Fri all day, UTC).
 */
describe('Reporting: restarted clocks, CSV injection, instants and Accept', () => {
  const MINUTE = 60_000;
  const FORMULA = '=HYPERLINK("http://x")';
  let t: TestApp;
  let api: ApiClient;
  let engineer: string;

  const get = (url: string, headers?: Record<string, string>) =>
    api.send({ method: 'GET', url, headers }, engineer);
  const problemFields = (response: ApiResponse) =>
    (response.json().errors as { field: string }[]).map((problem) => problem.field);

  beforeAll(async () => {
    t = await startTestApp();
    api = new ApiClient(t.app);
    const admin = await t.token('admin@vendor.example', ['admin']);
    engineer = await t.token('eve@vendor.example', ['engineer'], 'Eve Engineer');
    const jane = await t.token('jane@acme.example', [], 'Jane');
    const setup = new SetupSteps(api, admin, engineer);
    const accountId = await setup.registerAccount('Acme');
    const licence = await setup.issueLicence(accountId, {
      plan: 'enterprise',
      holderEmail: 'jane@acme.example',
      product: FORMULA,
    });
    await setup.addLicensedUser(licence, 'jane@acme.example', undefined, jane);

    t.clock.set('2027-03-29T16:00:00.000Z');
    const caseId = await setup.openWebCase(licence, jane, 'Checkout is slow');
    const onCase = (path: string, payload: object) =>
      api.expect(200, { method: 'POST', url: `/v1/cases/${caseId}${path}`, payload }, engineer);
    t.clock.set('2027-03-30T12:10:00.000Z');
    await onCase('/severity', { severity: 1, reason: 'Checkout is down for every shopper' });
    t.clock.set('2027-03-30T12:40:00.000Z');
    const reply = await api.send(
      { method: 'POST', url: `/v1/cases/${caseId}/comments`, payload: { body: 'Rolling back now.' } },
      engineer,
    );
    expect([200, 201]).toContain(reply.status);
    expect(await t.app.get(ProjectionRunner).catchUp()).toBe(true);
  });

  afterAll(() => t.close());

  it('measures a first response after a severity upgrade from the upgrade: 30 minutes, not 20 h 40 min', async () => {
    const daily = (await get('/v1/reports/sla-daily?from=2027-03-30&to=2027-03-30')).json();
    expect(daily.rows.find((row: { severity: number }) => row.severity === 1)).toMatchObject({
      firstResponses: 1,
      firstResponsesMet: 1,
      firstResponseMedianBusinessMs: 30 * MINUTE,
      firstResponseP90BusinessMs: 30 * MINUTE,
    });
    const board = (await get('/v1/dashboards/sla')).json();
    expect(
      board.severities.find((row: { severity: number }) => row.severity === 1).firstResponse,
    ).toMatchObject({
      met: 1,
      medianBusinessMs: 30 * MINUTE,
      p90BusinessMs: 30 * MINUTE,
    });
  });

  it('exports a product a spreadsheet would run as a formula as text', async () => {
    const query = `from=2027-03-30&to=2027-03-30&product=${encodeURIComponent(FORMULA)}`;
    const csv = await get(`/v1/reports/sla-daily?${query}`, { accept: 'text/csv' });
    expect(csv.status).toBe(200);
    const rows = csv.body.trimEnd().split('\r\n').slice(1);
    expect(rows).toHaveLength(3);
    for (const row of rows) expect(row.endsWith(`,"'=HYPERLINK(""http://x"")"`)).toBe(true);
    // JSON is data, not a spreadsheet: the name stays as it is.
    expect((await get(`/v1/reports/sla-daily?${query}`)).json().filters).toEqual({ product: FORMULA });
  });

  it.each([
    ['from', '2027-03-29T00:00:00.123456789Z', 'more precise than a millisecond'],
    ['to', '2027-03-31T00:00:00.1234Z', 'more precise than a millisecond'],
    // Zeros up to the sixth decimal, then a real sub-millisecond digit: still finer than stored.
    ['to', '2027-03-31T00:00:00.123000001Z', 'digits after the third decimal must be zeros'],
    ['from', '2027-03-29T24:00:00Z', 'hour from 00 to 23'],
    ['to', '2027-03-30T24:00:00Z', 'hour from 00 to 23'],
  ])('refuses a dashboard %s of %s with 400 naming it', async (field, value, message) => {
    const response = await get(`/v1/dashboards/sla?${field}=${encodeURIComponent(value)}`);
    expect(response.status).toBe(400);
    expect(response.contentType).toContain('application/problem+json');
    expect(problemFields(response)).toEqual([field]);
    expect(response.json().errors[0].message).toContain(message);
  });

  it('takes a dashboard instant to the millisecond, and echoes it as given', async () => {
    const response = await get('/v1/dashboards/sla?from=2027-03-29T00:00:00.123Z');
    expect(response.status).toBe(200);
    expect(response.json().filters).toEqual({ from: '2027-03-29T00:00:00.123Z' });
  });

  it('takes a whole millisecond written with six decimals (as Python and BI tools write it), echoed with three', async () => {
    const response = await get(
      '/v1/dashboards/sla?from=2027-03-29T00:00:00.123000Z&to=2027-03-29T00:00:00.124000000%2B00:00',
    );
    expect(response.status).toBe(200);
    expect(response.json().filters).toEqual({
      from: '2027-03-29T00:00:00.123Z',
      to: '2027-03-29T00:00:00.124Z',
    });
  });

  describe('the daily report by Accept', () => {
    const URL = '/v1/reports/sla-daily?from=2027-03-30&to=2027-03-30';

    it.each(['application/xml', 'text/plain', 'text/csv;q=0'])(
      'answers %s with 406 problem+json listing the types it has',
      async (accept) => {
        const response = await get(URL, { accept });
        expect(response.status).toBe(406);
        expect(response.contentType).toContain('application/problem+json');
        expect(response.json().detail).toContain('application/json or text/csv');
      },
    );

    it.each([
      ['no Accept', undefined],
      ['*/*', '*/*'],
      ['application/*', 'application/*'],
      [
        "a browser's",
        'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8',
      ],
    ])('answers JSON to %s', async (_name, accept) => {
      const response = await get(URL, accept === undefined ? undefined : { accept });
      expect(response.status).toBe(200);
      expect(response.contentType).toContain('application/json');
    });
  });

  describe('the daily report CSV for Excel (bom)', () => {
    const URL = '/v1/reports/sla-daily?from=2027-03-30&to=2027-03-30';
    const BOM = '\uFEFF';

    it('starts the CSV with a UTF-8 byte order mark when asked with bom=true', async () => {
      const marked = await get(`${URL}&bom=true`, { accept: 'text/csv' });
      expect(marked.status).toBe(200);
      expect(marked.contentType).toContain('text/csv');
      expect(Buffer.from(marked.body, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
      const plain = await get(URL, { accept: 'text/csv' });
      expect(marked.body).toBe(BOM + plain.body);
    });

    it.each(['', '&bom=false'])('sends no mark by default (%p)', async (parameter) => {
      const csv = await get(URL + parameter, { accept: 'text/csv' });
      expect(csv.status).toBe(200);
      expect(csv.body.startsWith('date,severity,')).toBe(true);
    });

    it('refuses bom=true on the JSON form, naming bom, rather than ignore it', async () => {
      const response = await get(`${URL}&bom=true`, { accept: 'application/json' });
      expect(response.status).toBe(400);
      expect(response.contentType).toContain('application/problem+json');
      expect(problemFields(response)).toEqual(['bom']);
      expect(response.json().detail).toContain('Accept: text/csv');
    });

    it('refuses a bom that is not true or false, naming it', async () => {
      const response = await get(`${URL}&bom=yes`, { accept: 'text/csv' });
      expect(response.status).toBe(400);
      expect(problemFields(response)).toEqual(['bom']);
    });
  });

  describe('the dashboard and the escalations board by Accept, as the daily report', () => {
    const JSON_ONLY_URLS = ['/v1/dashboards/sla', '/v1/escalations'];

    it.each(
      JSON_ONLY_URLS.flatMap((url) =>
        ['text/csv', 'application/xml', 'text/*'].map((accept) => [url, accept]),
      ),
    )('%s answers %s with 406 problem+json saying it has JSON only', async (url, accept) => {
      const response = await get(url, { accept });
      expect(response.status).toBe(406);
      expect(response.contentType).toContain('application/problem+json');
      expect(response.json().detail).toContain('is available as application/json');
      expect(response.headers.vary).toBe('Accept, authorization');
    });

    it.each(
      JSON_ONLY_URLS.flatMap((url) =>
        [
          undefined,
          '*/*',
          'application/*',
          'application/json',
          'text/csv, application/json;q=0.5',
          'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8',
        ].map((accept) => [url, accept]),
      ),
    )('%s answers JSON to Accept %p', async (url, accept) => {
      const response = await get(url as string, accept === undefined ? undefined : { accept });
      expect(response.status).toBe(200);
      expect(response.contentType).toContain('application/json');
    });
  });
});
