import { untilAllDelivered } from './support/notifications/delivery-probe';
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
    // Embedded: the runner here says who runs them; nothing to report, so no reasons.
    expect(body).not.toHaveProperty('reasons');
    // Counts, leases and paths are an operator's details (an admin's token shows them): a probe
    // sees each component's status.
    expect(body.notifications).toEqual({ status: 'up' });
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

  it('serves what /health reports as gauges to alert on: status, projection runners, notification backlog', async () => {
    // The one event of a fresh desk, the policy version recorded at start, through the outbox writer.
    await untilAllDelivered(t.runtime.storage);
    const { body } = await t.app.inject({ method: 'GET', url: '/metrics' });
    expect(body).toContain('casetrail_health_status{status="up"} 1');
    expect(body).toContain('casetrail_health_status{status="degraded"} 0');
    expect(body).toContain('casetrail_projection_runner_active{projection="cases"} 1');
    expect(body).toMatch(/casetrail_projection_behind_seconds\{projection="cases"\} [\d.]+/);
    expect(body).toContain('casetrail_notifications_pending 0');
    expect(body).toContain('casetrail_notifications_dead 0');
    expect(body).toContain('casetrail_notifications_outbox_lag_events 0');
    expect(body).toContain('casetrail_notifications_worker_active{worker="delivery"} 1');
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

  it('documents what the routes really answer: 200 where they answer 200, problem+json errors, If-Match and Idempotency-Key, queue filters', async () => {
    const { paths } = (await t.app.inject({ method: 'GET', url: '/docs-json' })).json();
    const statuses = (path: string, method: string) => Object.keys(paths[path][method].responses);
    for (const path of [
      '/v1/cases/{caseId}/escalations/acknowledgement',
      '/v1/cases/{caseId}/escalations/de-escalation',
      '/v1/licences/{licenceId}/users/{email}/activation',
    ]) {
      expect(statuses(path, 'post')).toContain('200');
      expect(statuses(path, 'post')).not.toContain('201');
    }
    const comment = paths['/v1/cases/{caseId}/comments'].post;
    expect(Object.keys(comment.responses)).toEqual(
      expect.arrayContaining(['201', '400', '404', '412', '415', '422']),
    );
    expect(comment.responses['422'].content).toHaveProperty(['application/problem+json']);
    expect(comment.parameters.map((parameter: { name: string }) => parameter.name)).toEqual(
      expect.arrayContaining(['If-Match', 'Idempotency-Key']),
    );
    const queue = paths['/v1/queues/{queue}'].get;
    expect(queue.parameters.map((parameter: { name: string }) => parameter.name)).toEqual(
      expect.arrayContaining(['severity', 'product', 'limit', 'cursor']),
    );
    expect(Object.keys(queue.responses)).toEqual(expect.arrayContaining(['200', '400', '401', '403', '404']));
  });
});
