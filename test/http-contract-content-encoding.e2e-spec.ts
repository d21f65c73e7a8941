import { gzipSync } from 'node:zlib';
import { useAcmeWithJane } from './support/fixtures/acme-with-jane';
import type { ApiClient } from './support/fixtures/api-client';
import type { SetupSteps } from './support/fixtures/setup-steps';
import type { TestApp } from './support/test-app';

/**
 * The API takes request bodies uncompressed only. A gzip body got a misleading 400 "not valid
 * JSON", and a plain body labelled `br` was stored; both are a 415 problem saying which coding is
 * refused and to send the body uncompressed, with `Accept-Encoding: identity` (RFC 9110 §15.5.16).
 */
describe('a request body in a content coding', () => {
  let t: TestApp;
  let api: ApiClient;
  let setup: SetupSteps;
  let jane: string;
  let licenceId: string;
  let caseId: string;

  useAcmeWithJane((setting) => ({ t, api, setup, jane, licenceId } = setting));

  beforeAll(async () => {
    caseId = await setup.openWebCase(licenceId, jane);
  });

  const comment = (body: string | Buffer, contentEncoding: string) =>
    t.app.inject({
      method: 'POST',
      url: `/v1/cases/${caseId}/comments`,
      headers: {
        authorization: `Bearer ${jane}`,
        'content-type': 'application/json',
        'content-encoding': contentEncoding,
      },
      payload: body,
    });
  const json = JSON.stringify({ body: 'Still broken after the restart' });

  it.each([
    ['gzip', gzipSync(json), 'gzip'],
    ['br (sent plain)', json, 'br'],
    ['deflate', json, 'deflate'],
    ['gzip after identity', gzipSync(json), 'identity, gzip'],
    ['an unknown coding', json, 'x-custom'],
  ])(
    '%s: 415 naming the coding and saying to send it uncompressed; nothing is stored',
    async (_what, body, coding) => {
      const before = await t.runtime.storage.eventStore.headPosition();
      const response = await comment(body, coding);
      expect(response.statusCode).toBe(415);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.headers['accept-encoding']).toBe('identity');
      const refused = coding.split(',').pop()!.trim();
      expect(response.json()).toMatchObject({
        status: 415,
        detail: `Content-Encoding ${refused} is not supported: send the body uncompressed (no Content-Encoding, or identity)`,
      });
      expect(await t.runtime.storage.eventStore.headPosition()).toBe(before);
    },
  );

  it('takes a body labelled identity, and an empty body whatever its label', async () => {
    expect((await comment(json, 'identity')).statusCode).toBe(201);
    const history = await api.expect(200, { method: 'GET', url: `/v1/cases/${caseId}/history` }, jane);
    expect(history.body).toContain('Still broken after the restart');
    // An empty body is taken, whatever its label: the comment is then missing, not the coding wrong.
    const empty = await comment('', 'gzip');
    expect(empty.statusCode).toBe(400);
    expect(empty.json().errors).toEqual([expect.objectContaining({ field: 'body' })]);
  });
});
