import { mintToken } from '../apps/api/src/auth/token-minter';
import { MALFORMED_CREDENTIALS } from './support/fixtures/malformed-credentials';
import { startTestApp, TEST_SECRET, TestApp } from './support/test-app';

/**
 * Every 401 carries the challenge of RFC 6750 section 3 (and RFC 9110 section 15.5.2):
 * `WWW-Authenticate: Bearer` when no bearer token was sent, with `error="invalid_token"` when one
 * was sent but is bad. The body stays the problem+json it was.
 */
describe('401 answers carry WWW-Authenticate: Bearer', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const get = (authorization?: string) =>
    t.app.inject({
      method: 'GET',
      url: '/v1/cases',
      headers: authorization === undefined ? {} : { authorization },
    });

  it.each([
    ['no Authorization header', undefined],
    ['Basic credentials', 'Basic YWRhbTpwYXNzd29yZA=='],
    ['the Bearer scheme without a token', 'Bearer'],
  ])('%s: the scheme only, no error code', async (_what, authorization) => {
    const response = await get(authorization);
    expect(response.statusCode).toBe(401);
    expect(response.headers['www-authenticate']).toBe('Bearer');
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.json()).toMatchObject({ status: 401, title: 'Unauthorized' });
  });

  it.each([
    ['a token that is not a JWT', 'Bearer not-a-jwt'],
    ['two tokens', 'Bearer a.b.c d.e.f'],
  ])('%s: invalid_token', async (_what, authorization) => {
    const response = await get(authorization);
    expect(response.statusCode).toBe(401);
    expect(response.headers['www-authenticate']).toBe('Bearer error="invalid_token"');
    expect(response.json()).toMatchObject({ status: 401, detail: 'The token is not valid' });
  });

  it('an expired token: invalid_token, and the problem says it expired', async () => {
    const token = await mintToken(TEST_SECRET, { email: 'ann@acme.example', expiresIn: '-1s' });
    const response = await get(`Bearer ${token}`);
    expect(response.statusCode).toBe(401);
    expect(response.headers['www-authenticate']).toBe('Bearer error="invalid_token"');
    expect(response.json().detail).toMatch(/expired/);
  });

  it.each(MALFORMED_CREDENTIALS)('$describes: a Bearer challenge', async (credential) => {
    const response = await get(await credential.authorization());
    expect(response.statusCode).toBe(401);
    expect(response.headers['www-authenticate']).toMatch(/^Bearer( error="invalid_token")?$/);
  });

  it('a request that is let in carries no challenge', async () => {
    const response = await get(`Bearer ${await t.token('eve@vendor.example', ['engineer'])}`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['www-authenticate']).toBeUndefined();
  });
});
