import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DEFAULT_SUPPORT_POLICY, type CaseOpened } from '@casetrail/domain';
import type { RecordedEvent } from '@casetrail/eventstore';
import { ProjectionRunner } from '@casetrail/readmodels';
import { accountsProjection } from '@casetrail/readmodels/accounts/accounts.projection';
import { licencesProjection } from '@casetrail/readmodels/licences/licences.projection';
import { reportingProjection } from '@casetrail/readmodels/reporting/reporting.projection';
import { generateDataset, readAllEvents } from './support/dataset/generated-dataset';
import {
  caseStories,
  csmAccounts,
  expectedDailyRows,
  expectedDashboard,
} from './support/dataset/independent-sla-figures';
import { startTestApp, TestApp, TestClock } from './support/test-app';

/**
 * Ten thousand simulated cases (severities, comments, escalations, severity changes, questions to
 * the customer, breaches, reopenings, referrals), projected by the reporting projection and read
 * through the HTTP API: every dashboard and daily-report figure must equal what an independent
 * helper computes straight from the events with the domain's own functions.
 */
describe('Reporting on a generated dataset of 10,000 cases', () => {
  const END = '2026-03-01T00:00:00.000Z';
  const CASES = 10_000;
  let dataDir: string;
  let t: TestApp;
  let log: RecordedEvent[];
  let stories: ReturnType<typeof caseStories>;
  let engineer: string;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'casetrail-dataset-'));
    await generateDataset(dataDir, { cases: CASES, end: END, days: 90 });
    // Timers and projections off in the app: the history must stay exactly as generated while we compare.
    t = await startTestApp({
      env: { DATA_DIR: dataDir, EMBEDDED_PROJECTOR: 'false' },
      clock: new TestClock(new Date(END)),
    });
    const runner = new ProjectionRunner({
      eventStore: t.runtime.storage.eventStore,
      readModels: t.runtime.storage.readModels,
      projections: [accountsProjection, licencesProjection, reportingProjection],
      batchSize: 5_000,
    });
    for (const projection of ['accounts', 'licences', 'reporting']) await runner.rebuild(projection);
    await runner.stop();
    log = await readAllEvents(t.runtime.storage.eventStore);
    stories = caseStories(log);
    engineer = await t.token('eve@vendor.example', ['engineer']);
  }, 240_000);

  afterAll(async () => {
    await t?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const get = async (url: string, token = engineer, headers: Record<string, string> = {}) => {
    const response = await t.app.inject({
      method: 'GET',
      url,
      headers: { authorization: `Bearer ${token}`, ...headers },
    });
    expect(response.statusCode).toBe(200);
    return response;
  };
  const dashboard = async (query: string, token?: string) =>
    (await get(`/v1/dashboards/sla${query}`, token))
      .json()
      .severities.map(({ name: _name, ...figures }: { name: string }) => figures);

  it('is realistic: every severity, plenty of comments, escalations, severity changes, breaches, reopenings and referrals', () => {
    const count = (type: string) => log.filter((event) => event.type === type).length;
    const severities = log
      .filter((event) => event.type === 'CaseOpened')
      .map((event) => (event.data as CaseOpened['data']).severity);
    expect(severities).toHaveLength(CASES);
    for (const severity of [1, 2, 3])
      expect(severities.filter((level) => level === severity).length).toBeGreaterThan(CASES * 0.05);
    expect(count('CommentAdded')).toBeGreaterThan(CASES);
    expect(count('CaseEscalated')).toBeGreaterThan(CASES * 0.04);
    expect(count('SeverityChanged')).toBeGreaterThan(CASES * 0.04);
    expect(count('SlaTargetBreached')).toBeGreaterThan(CASES * 0.05);
    expect(count('InformationRequested')).toBeGreaterThan(CASES * 0.1);
    expect(count('CaseReopened')).toBeGreaterThan(CASES * 0.01);
    expect(count('CaseRedirected')).toBeGreaterThan(CASES * 0.01);
  });

  it.each([
    ['at the end of the history', END],
    ['a day later, with deadlines passing and no new events', '2026-03-02T00:00:00.000Z'],
    ['a week later', '2026-03-08T12:34:56.789Z'],
  ])('dashboard over every case equals the independent figures %s', async (_when, now) => {
    t.clock.set(now);
    expect(await dashboard('')).toEqual(expectedDashboard(stories, {}, now, DEFAULT_SUPPORT_POLICY));
  });

  it('dashboard for an opening period, a product and an account equals the independent figures', async () => {
    const now = '2026-03-01T09:00:00.000Z';
    t.clock.set(now);
    const policy = DEFAULT_SUPPORT_POLICY;
    expect(await dashboard('?from=2026-01-15&to=2026-02-14')).toEqual(
      expectedDashboard(
        stories,
        { from: '2026-01-15T00:00:00.000Z', to: '2026-02-15T00:00:00.000Z' },
        now,
        policy,
      ),
    );
    expect(await dashboard('?product=Kendo%20UI')).toEqual(
      expectedDashboard(stories, { product: 'Kendo UI' }, now, policy),
    );
    const someCase = [...stories.values()][17].final;
    expect(await dashboard(`?accountId=${someCase.accountId}&from=2026-02-01`)).toEqual(
      expectedDashboard(
        stories,
        { accounts: [someCase.accountId], from: '2026-02-01T00:00:00.000Z' },
        now,
        policy,
      ),
    );
  });

  it('a CSM’s dashboard and daily report cover exactly their accounts', async () => {
    const now = '2026-03-01T09:00:00.000Z';
    t.clock.set(now);
    const csm = await t.token('csm1@vendor.example', ['csm']);
    const accounts = csmAccounts(log, 'csm1@vendor.example');
    expect(accounts.length).toBeGreaterThan(0);
    expect(await dashboard('', csm)).toEqual(
      expectedDashboard(stories, { accounts }, now, DEFAULT_SUPPORT_POLICY),
    );
    const report = (await get('/v1/reports/sla-daily?from=2026-02-01&to=2026-02-28', csm)).json();
    // Each row, like the report, says whose accounts it counts (a CSM's figures are not the desk's).
    const accountIds = [...accounts].sort();
    expect(report.scope).toEqual({ accounts: 'your-accounts', csm: 'csm1@vendor.example', accountIds });
    expect(report.rows).toEqual(
      expectedDailyRows(
        stories,
        { from: '2026-02-01', to: '2026-02-28' },
        DEFAULT_SUPPORT_POLICY,
        accounts,
      ).map((row) => ({ ...row, accountIds })),
    );
  });

  it('daily report rows over the whole period equal the independent figures, in JSON and in CSV', async () => {
    const query = '/v1/reports/sla-daily?from=2025-11-30&to=2026-02-28';
    const expected = expectedDailyRows(
      stories,
      { from: '2025-11-30', to: '2026-02-28' },
      DEFAULT_SUPPORT_POLICY,
    );
    const report = (await get(query)).json();
    expect(report.rows).toHaveLength(91 * 3);
    expect(report.rows).toEqual(expected);
    expect(expected.reduce((sum, row) => sum + row.opened, 0)).toBe(CASES);

    const csv = (await get(query, engineer, { accept: 'text/csv' })).body.trimEnd().split('\r\n');
    const columns = csv[0].split(',');
    const fromCsv = csv
      .slice(1)
      .map((line) =>
        Object.fromEntries(
          line
            .split(',')
            .map((cell, index) => [columns[index], index === 0 ? cell : cell === '' ? null : Number(cell)]),
        ),
      );
    expect(fromCsv).toEqual(expected);
  });
});
