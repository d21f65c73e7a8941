import { startTestApp, TestApp } from './support/test-app';

describe('operations endpoints', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('reports health without a token: stores up, each projection with its lag', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/health' });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.status).toBe('up');
    expect(body.checks).toEqual({ eventStore: { status: 'up' }, readModels: { status: 'up' } });
    expect(body.projections.map((projection: { name: string }) => projection.name)).toEqual(
      expect.arrayContaining(['cases', 'accounts', 'licences']),
    );
    for (const projection of body.projections)
      expect(projection).toMatchObject({ lag: expect.any(Number), state: 'active' });
  });

  it('serves Prometheus metrics with request timings and projection lag', async () => {
    await t.app.inject({ method: 'GET', url: '/v1/cases/nope' });
    const response = await t.app.inject({ method: 'GET', url: '/metrics' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/plain');
    expect(response.body).toContain('casetrail_http_request_duration_seconds_bucket');
    expect(response.body).toMatch(/casetrail_projection_lag_events\{projection="cases"\} \d+/);
    expect(response.body).toMatch(/casetrail_http_problems_total\{status="401"\} [1-9]/);
  });

  it('publishes the OpenAPI document and Swagger UI', async () => {
    const json = await t.app.inject({ method: 'GET', url: '/docs-json' });
    expect(json.statusCode).toBe(200);
    expect(Object.keys(json.json().paths)).toEqual(
      expect.arrayContaining(['/v1/cases', '/v1/cases/{caseId}', '/v1/queues/{queue}']),
    );
    const ui = await t.app.inject({ method: 'GET', url: '/docs' });
    expect(ui.statusCode).toBe(200);
  });
});
