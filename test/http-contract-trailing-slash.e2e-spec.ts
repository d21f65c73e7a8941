import type { ApiClient } from './support/fixtures/api-client';
import { useAcmeWithJane } from './support/fixtures/acme-with-jane';
import type { TestApp } from './support/test-app';

/**
 * A path written with a trailing slash (`/v1/cases/`, `/v1/cases/{id}/`) is the path without it:
 * answered in place, GET and POST alike, the body, the Idempotency-Key and the access rules as
 * without the slash. Before, every such request was a 404 "Cannot GET /v1/cases/{id}/".
 */
describe('a trailing slash names the same route', () => {
  let t: TestApp;
  let api: ApiClient;
  let jane: string;
  let engineer: string;
  let licenceId: string;
  let caseId: string;

  useAcmeWithJane((setting) => {
    ({ t, api, jane, engineer, licenceId } = setting);
  });

  const commentsOf = async (id: string) =>
    (await api.expect(200, { method: 'GET', url: `/v1/cases/${id}/history` }, engineer))
      .json()
      .events.filter((event: { type: string }) => event.type === 'CommentAdded');

  it('POST /v1/cases/ opens the case its body describes', async () => {
    const opened = await api.expect(
      201,
      {
        method: 'POST',
        url: '/v1/cases/',
        payload: { licenceId, title: 'Checkout fails', description: 'HTTP 500', severity: 2, channel: 'web' },
      },
      jane,
    );
    caseId = opened.json().id;
    expect(opened.headers.location).toBe(`/v1/cases/${caseId}`);
    const detail = await api.expect(200, { method: 'GET', url: `/v1/cases/${caseId}` }, jane);
    expect(detail.json()).toMatchObject({ title: 'Checkout fails', severity: 2 });
  });

  it('GET /v1/cases/ and /v1/cases/{id}/ answer as without the slash', async () => {
    for (const [withSlash, without] of [
      ['/v1/cases/', '/v1/cases'],
      [`/v1/cases/${caseId}/`, `/v1/cases/${caseId}`],
      [`/v1/cases/${caseId}/history/`, `/v1/cases/${caseId}/history`],
      ['/v1/queues/open/', '/v1/queues/open'],
    ]) {
      const slashed = await api.expect(200, { method: 'GET', url: withSlash }, engineer);
      const plain = await api.expect(200, { method: 'GET', url: without }, engineer);
      expect({ url: withSlash, body: slashed.json(), etag: slashed.headers.etag }).toEqual({
        url: withSlash,
        body: plain.json(),
        etag: plain.headers.etag,
      });
    }
    // A query after the slash is read as after the path.
    const page = await api.expect(200, { method: 'GET', url: '/v1/cases/?limit=1' }, engineer);
    expect(page.json().items).toHaveLength(1);
  });

  it('POST /v1/cases/{id}/comments/ adds the comment; its Idempotency-Key is the one without the slash', async () => {
    const keyed = (url: string) => ({
      method: 'POST' as const,
      url,
      payload: { body: 'Still failing after the cache flush' },
      headers: { 'idempotency-key': 'comment-once' },
    });
    const first = await api.expect(201, keyed(`/v1/cases/${caseId}/comments/`), jane);
    const replay = await api.expect(201, keyed(`/v1/cases/${caseId}/comments`), jane);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.headers.location).toBe(first.headers.location);
    expect((await commentsOf(caseId)).map((event: { data: { body: string } }) => event.data.body)).toEqual([
      'Still failing after the cache flush',
    ]);
  });

  it('keeps the access rules and refusals of the path without the slash', async () => {
    const stranger = await t.token('mallory@elsewhere.example');
    const hidden = await api.send({ method: 'GET', url: `/v1/cases/${caseId}/` }, stranger);
    expect(hidden.status).toBe(404);
    expect(hidden.contentType).toMatch(/^application\/problem\+json/);
    const bad = await api.send({ method: 'POST', url: `/v1/cases/${caseId}/comments/`, payload: {} }, jane);
    expect(bad.status).toBe(400);
    expect(bad.json().errors).toEqual([expect.objectContaining({ field: 'body' })]);
    const wrongMethod = await api.send({ method: 'PUT', url: '/v1/cases/' }, jane);
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.allow).toBe('GET, HEAD, POST, OPTIONS');
    expect((await api.send({ method: 'GET', url: '/v1/no-such-route/' }, jane)).status).toBe(404);
  });
});
