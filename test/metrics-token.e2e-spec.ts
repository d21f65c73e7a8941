import { startTestApp, TestApp } from './support/test-app';

const METRICS_TOKEN = 'c0ffee5e11f2a4b8d6e0c3a9f7b1d5e2';

describe('/metrics behind METRICS_TOKEN', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ apiEnv: { METRICS_TOKEN } });
  });
  afterAll(() => t.close());

  it('serves the scraper that sends the token', async () => {
    const response = await t.app.inject({
      method: 'GET',
      url: '/metrics',
      headers: { authorization: `Bearer ${METRICS_TOKEN}` },
    });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('casetrail_health_status{status="up"} 1');
  });

  it('names the build serving, as /health does, and the streams found damaged (none)', async () => {
    const scrape = async (url: string, headers = {}) => t.app.inject({ method: 'GET', url, headers });
    const { release } = (await scrape('/health')).json();
    const { body } = await scrape('/metrics', { authorization: `Bearer ${METRICS_TOKEN}` });
    expect(body).toMatch(/^# TYPE casetrail_build_info gauge$/m);
    const labels = /^casetrail_build_info\{version="([^"]+)",commit="([^"]+)",release="([^"]+)"\} 1$/m.exec(
      body,
    );
    expect(labels).not.toBeNull();
    const [, version, commit, named] = labels!;
    expect(named).toBe(release);
    // A checkout names its commit (the id carries its first 12 digits), a copy without git metadata none.
    expect(release).toMatch(new RegExp(`^${version}\\+(${commit.slice(0, 12)}(\\.dirty)?|unknown-commit)$`));
    expect(body).toContain('casetrail_storage_damaged_streams 0');
  });

  it("refuses a scrape without it, or with a person's token, with a 401 problem and no figures", async () => {
    const admin = await t.token('admin@vendor.example', ['admin']);
    for (const headers of [{}, { authorization: `Bearer ${admin}` }, { authorization: 'Bearer wrong' }]) {
      const response = await t.app.inject({ method: 'GET', url: '/metrics', headers });
      expect(response.statusCode).toBe(401);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.headers['www-authenticate']).toMatch(/^Bearer/);
      expect(response.body).not.toContain('casetrail_');
    }
  });

  it('documents the 401 in the OpenAPI document', async () => {
    const { paths } = (await t.app.inject({ method: 'GET', url: '/docs-json' })).json();
    expect(Object.keys(paths['/metrics'].get.responses)).toEqual(expect.arrayContaining(['200', '401']));
  });

  it('leaves /health public for probes', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/health' });
    expect(response.statusCode).toBe(200);
    expect(response.json().status).toBe('up');
  });
});
