import { ProjectionRunner } from '@casetrail/readmodels';
import { ApiClient } from './support/fixtures/api-client';
import { SetupSteps } from './support/fixtures/setup-steps';
import { startTestApp, TestApp } from './support/test-app';

/**
 * The reporting reads through HTTP on a small, hand-made history: the SLA dashboard (including
 * figures that change with time alone), the daily report in JSON and CSV, the escalations board,
 * and who may read them.
 *
 * Monday 2026-03-02 09:00 UTC, default calendar (Mon-Fri all day, UTC): severity 2 and 3 first
 * responses are due one business day later (Tuesday 09:00), at risk after 75% (Tuesday 03:00).
 */
describe('Reporting: SLA dashboard, daily report and escalations board', () => {
  const MONDAY = '2026-03-02T09:00:00.000Z';
  const HOUR = 3_600_000;
  let t: TestApp;
  let api: ApiClient;
  const tokens: Record<'admin' | 'engineer' | 'auditor' | 'csm' | 'jane' | 'bob' | 'stranger', string> =
    {} as never;
  let acmeId: string;
  let globexId: string;

  const get = (url: string, token?: string, headers?: Record<string, string>) =>
    api.send({ method: 'GET', url, headers }, token);
  const dashboard = async (query = '', token = tokens.engineer) => {
    const response = await get(`/v1/dashboards/sla${query}`, token);
    expect(response.status).toBe(200);
    return response.json() as { asOf: string; severities: Record<string, any>[] };
  };
  const severity = (board: { severities: Record<string, any>[] }, level: number) =>
    board.severities.find((figures) => figures.severity === level)!;

  beforeAll(async () => {
    t = await startTestApp();
    api = new ApiClient(t.app);
    tokens.admin = await t.token('admin@vendor.example', ['admin']);
    tokens.engineer = await t.token('eve@vendor.example', ['engineer'], 'Eve Engineer');
    tokens.auditor = await t.token('audrey@vendor.example', ['auditor']);
    tokens.csm = await t.token('carla@vendor.example', ['csm']);
    tokens.jane = await t.token('jane@acme.example', [], 'Jane');
    tokens.bob = await t.token('bob@globex.example', [], 'Bob');
    tokens.stranger = await t.token('someone@elsewhere.example');
    const setup = new SetupSteps(api, tokens.admin, tokens.engineer);

    acmeId = await setup.registerAccount('Acme');
    const acmeLicence = await setup.issueLicence(acmeId, {
      plan: 'enterprise',
      holderEmail: 'jane@acme.example',
    });
    await setup.addLicensedUser(acmeLicence, 'jane@acme.example', undefined, tokens.jane);
    globexId = await setup.registerAccount('Globex');
    const globexLicence = await setup.issueLicence(globexId, {
      plan: 'standard',
      holderEmail: 'bob@globex.example',
      product: 'Kendo UI',
    });
    await setup.addLicensedUser(globexLicence, 'bob@globex.example', undefined, tokens.bob);
    await setup.assignCsm(globexId, 'carla@vendor.example');

    const open = async (licenceId: string, token: string, severityLevel: 2 | 3, title: string) => {
      const payload = {
        licenceId,
        title,
        description: 'Details inside',
        severity: severityLevel,
        channel: 'web',
      };
      return (await api.expect(201, { method: 'POST', url: '/v1/cases', payload }, token)).json()
        .id as string;
    };
    t.clock.set(MONDAY);
    await open(acmeLicence, tokens.jane, 2, 'Checkout is slow');
    const answered = await open(acmeLicence, tokens.jane, 3, 'Typo on the login page');
    const escalated = await open(acmeLicence, tokens.jane, 3, 'Reports are empty');
    await open(globexLicence, tokens.bob, 3, 'Grid paging question');
    t.clock.set('2026-03-02T09:30:00.000Z');
    await api.expect(
      201,
      {
        method: 'POST',
        url: `/v1/cases/${escalated}/escalations`,
        payload: { reason: 'production-impact', details: 'Board meeting tomorrow' },
      },
      tokens.jane,
    );
    t.clock.set('2026-03-02T10:00:00.000Z');
    const reply = await api.send(
      {
        method: 'POST',
        url: `/v1/cases/${answered}/comments`,
        payload: { body: 'Fixed in the next build.' },
      },
      tokens.engineer,
    );
    expect([200, 201]).toContain(reply.status);
    // Commands wait for the read models clients read back; reports catch up on their own.
    expect(await t.app.get(ProjectionRunner).catchUp()).toBe(true);
  });

  afterAll(() => t.close());

  it('counts cases at risk from the at-risk instant on, with no event recorded in between', async () => {
    t.clock.set('2026-03-03T02:59:59.999Z');
    expect(severity(await dashboard(), 2)).toMatchObject({ open: 1, atRisk: 0, breachedNow: 0 });
    t.clock.set('2026-03-03T04:00:00.000Z');
    const board = await dashboard();
    expect(severity(board, 2)).toMatchObject({ open: 1, atRisk: 1, breachedNow: 0 });
    expect(severity(board, 3)).toMatchObject({ open: 3, atRisk: 2, breachedNow: 0, openEscalations: 1 });
  });

  it('counts breaches and missed goals from the due instant on, and measures business time to first response', async () => {
    t.clock.set('2026-03-03T10:00:00.000Z');
    const board = await dashboard();
    expect(board.asOf).toBe('2026-03-03T10:00:00.000Z');
    expect(severity(board, 1)).toMatchObject({
      open: 0,
      breachedNow: 0,
      firstResponse: { met: 0, missed: 0, metPercent: null },
    });
    expect(severity(board, 2)).toMatchObject({
      open: 1,
      breachedNow: 1,
      atRisk: 0,
      firstResponse: { met: 0, missed: 1, metPercent: 0, measured: 0, medianBusinessMs: null },
    });
    expect(severity(board, 3)).toMatchObject({
      open: 3,
      breachedNow: 2,
      atRisk: 0,
      openEscalations: 1,
      firstResponse: {
        met: 1,
        missed: 2,
        metPercent: 33.33,
        measured: 1,
        medianBusinessMs: HOUR,
        p90BusinessMs: HOUR,
      },
      resolution: { met: 0, missed: 0, metPercent: null },
    });
  });

  it('filters by product, account and opening period', async () => {
    t.clock.set('2026-03-03T10:00:00.000Z');
    expect(severity(await dashboard('?product=Kendo%20UI'), 3)).toMatchObject({ open: 1, breachedNow: 1 });
    expect(severity(await dashboard(`?accountId=${acmeId}`), 3)).toMatchObject({
      open: 2,
      openEscalations: 1,
    });
    expect(severity(await dashboard('?from=2026-03-03&to=2026-03-31'), 3)).toMatchObject({ open: 0 });
    expect(severity(await dashboard('?from=2026-03-02&to=2026-03-02'), 3)).toMatchObject({ open: 3 });
    expect(
      severity(await dashboard('?from=2026-03-02T09:00:00Z&to=2026-03-02T09:00:00.001Z'), 2),
    ).toMatchObject({ open: 1 });
  });

  it('refuses malformed or inverted periods, naming the field', async () => {
    for (const from of ['last-week', '2026-W10', '2026-02-30', '2026-03-02T10:00']) {
      const malformed = await get(`/v1/dashboards/sla?from=${from}`, tokens.engineer);
      expect(malformed.status).toBe(400);
      expect(malformed.json().errors).toEqual([expect.objectContaining({ field: 'from' })]);
    }
    const inverted = await get('/v1/reports/sla-daily?from=2026-03-05&to=2026-03-01', tokens.engineer);
    expect(inverted.status).toBe(400);
    expect(inverted.json().errors).toEqual([expect.objectContaining({ field: 'to' })]);
    expect((await get('/v1/reports/sla-daily?from=2024-01-01&to=2026-03-01', tokens.engineer)).status).toBe(
      400,
    );
    // A `to` that names no day, without a `from` to count back from it: 400 naming `to`, not a 500.
    for (const to of ['2026-13-01', '2026-11-32', '0000-01-01']) {
      const alone = await get(`/v1/reports/sla-daily?to=${to}`, tokens.engineer);
      expect(alone.status).toBe(400);
      expect(alone.json().errors).toEqual([expect.objectContaining({ field: 'to' })]);
    }
  });

  it('reports each day and severity, in JSON and in CSV', async () => {
    const report = await get('/v1/reports/sla-daily?from=2026-03-02&to=2026-03-02', tokens.engineer);
    expect(report.status).toBe(200);
    const rows = report.json().rows;
    expect(rows.map((row: { severity: number }) => row.severity)).toEqual([1, 2, 3]);
    expect(rows[1]).toMatchObject({ date: '2026-03-02', opened: 1, firstResponses: 0, breaches: 0 });
    expect(rows[2]).toMatchObject({
      date: '2026-03-02',
      opened: 3,
      firstResponses: 1,
      firstResponsesMet: 1,
      firstResponseMetPercent: 100,
      firstResponseMedianBusinessMs: HOUR,
      escalations: 1,
      resolutions: 0,
      resolutionMetPercent: null,
    });

    const csv = await get('/v1/reports/sla-daily?from=2026-03-02&to=2026-03-02', tokens.engineer, {
      accept: 'text/csv',
    });
    expect(csv.status).toBe(200);
    expect(csv.contentType).toContain('text/csv');
    const lines = csv.body.trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'date,severity,opened,firstResponses,firstResponsesMet,firstResponseMetPercent,firstResponseMedianBusinessMs,firstResponseP90BusinessMs,resolutions,resolutionsMet,resolutionMetPercent,resolutionMedianBusinessMs,resolutionP90BusinessMs,breaches,escalations,redirections',
    );
    expect(lines.slice(1)).toEqual([
      '2026-03-02,1,0,0,0,,,,0,0,,,,0,0,0',
      '2026-03-02,2,1,0,0,,,,0,0,,,,0,0,0',
      '2026-03-02,3,3,1,1,100,3600000,3600000,0,0,,,,0,1,0',
    ]);
  });

  it('answers CSV to an Accept with parameters, honours q=0, and says the answer varies by Accept', async () => {
    const daily = (accept?: string) =>
      t.app.inject({
        method: 'GET',
        url: '/v1/reports/sla-daily?from=2026-03-02&to=2026-03-02',
        headers: { authorization: `Bearer ${tokens.engineer}`, ...(accept ? { accept } : {}) },
      });
    for (const accept of [
      'text/csv; charset=utf-8',
      'text/csv;header=present;q=0.9, application/json;q=0.5',
    ]) {
      const csv = await daily(accept);
      expect(csv.statusCode).toBe(200);
      expect(csv.headers['content-type']).toContain('text/csv');
      expect(csv.headers.vary).toBe('Accept, authorization');
    }
    for (const accept of [undefined, 'application/json', 'text/csv; charset=utf-8;q=0, */*']) {
      const json = await daily(accept);
      expect(json.statusCode).toBe(200);
      expect(json.headers['content-type']).toContain('application/json');
      expect(json.headers.vary).toBe('Accept, authorization');
    }
  });

  it('shows the escalation on the board, overdue once its acknowledgement is late', async () => {
    t.clock.set('2026-03-02T10:00:00.000Z');
    const early = (await get('/v1/escalations', tokens.engineer)).json();
    expect(early.items).toEqual([
      expect.objectContaining({
        level: 1,
        status: 'awaiting-acknowledgement',
        nextDue: 'acknowledgement',
        overdue: false,
        dueInMs: 30 * 60_000,
      }),
    ]);
    expect((await get('/v1/escalations?state=overdue', tokens.engineer)).json().items).toEqual([]);
    t.clock.set('2026-03-02T10:30:00.000Z');
    expect((await get('/v1/escalations?state=overdue', tokens.engineer)).json().items).toEqual([
      expect.objectContaining({ accountId: acmeId, title: 'Reports are empty', overdue: true }),
    ]);
  });

  describe('who may read reports', () => {
    const urls = ['/v1/dashboards/sla', '/v1/reports/sla-daily', '/v1/escalations'];

    it.each(urls)(
      '%s: 401 without a token, 403 for customers, 200 for engineers, auditors, admins and CSMs',
      async (url) => {
        expect((await get(url)).status).toBe(401);
        for (const customer of [tokens.jane, tokens.bob, tokens.stranger])
          expect((await get(url, customer)).status).toBe(403);
        for (const staff of [tokens.engineer, tokens.auditor, tokens.admin, tokens.csm])
          expect((await get(url, staff)).status).toBe(200);
      },
    );

    it('restricts a CSM to the accounts they are CSM of, and refuses another account by name', async () => {
      t.clock.set('2026-03-03T10:00:00.000Z');
      const mine = await dashboard('', tokens.csm);
      expect(severity(mine, 2)).toMatchObject({ open: 0 });
      expect(severity(mine, 3)).toMatchObject({ open: 1, breachedNow: 1, openEscalations: 0 });
      expect((await dashboard(`?accountId=${globexId}`, tokens.csm)).severities).toEqual(mine.severities);
      for (const url of urls) expect((await get(`${url}?accountId=${acmeId}`, tokens.csm)).status).toBe(404);
      const daily = (await get('/v1/reports/sla-daily?from=2026-03-02&to=2026-03-02', tokens.csm)).json();
      expect(daily.rows.map((row: { opened: number }) => row.opened)).toEqual([0, 0, 1]);
      expect((await get('/v1/escalations', tokens.csm)).json().items).toEqual([]);
    });
  });
});
