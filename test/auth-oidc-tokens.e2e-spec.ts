import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { startTestApp, TEST_SECRET, type TestApp } from './support/test-app';

const ISSUER = 'https://id.example/realms/support';
const AUDIENCE = 'casetrail-console';
const ADMIN = 'ada@vendor.example';

/**
 * OIDC mode (AUTH_JWKS_URL): a token signed by the provider's own keys is still refused unless it
 * comes from the configured issuer, names this API in `aud` and expires. A tester had an admin
 * token for another client, from another issuer, or without `exp` register accounts (201).
 */
describe('tokens verified against the OIDC provider', () => {
  let provider: { jwksUrl: string; key: CryptoKey; close(): Promise<void> };
  let t: TestApp;

  beforeAll(async () => {
    provider = await startJwksServer();
    t = await startTestApp({
      env: { AUTH_JWKS_URL: provider.jwksUrl, AUTH_ISSUER: ISSUER, AUTH_AUDIENCE: AUDIENCE },
    });
  });

  afterAll(async () => {
    await t?.close();
    await provider?.close();
  });

  /**
   * An admin token signed by the provider, as the console's ID token is unless `claims` differ (a
   * claim given as undefined is left out).
   */
  function providerToken(claims: Record<string, unknown>): Promise<string> {
    return new SignJWT({
      iss: ISSUER,
      aud: AUDIENCE,
      exp: inAnHour(),
      email: ADMIN,
      name: 'Ada',
      roles: ['admin'],
      ...claims,
    })
      .setProtectedHeader({ alg: 'ES256', kid: 'provider' })
      .setSubject('oidc|ada')
      .setIssuedAt()
      .sign(provider.key);
  }

  const registerAccount = (token: string, name = 'Initech') =>
    t.app.inject({
      method: 'POST',
      url: '/v1/accounts',
      headers: { authorization: `Bearer ${token}` },
      payload: { name },
    });

  it("accepts the provider's token for this API: 201, and the account reads back (200)", async () => {
    const created = await registerAccount(await providerToken({}));
    expect(created.statusCode).toBe(201);
    const read = await t.app.inject({
      method: 'GET',
      url: `/v1/accounts/${created.json().id}`,
      headers: { authorization: `Bearer ${await providerToken({})}` },
    });
    expect(read.statusCode).toBe(200);
  });

  it('accepts a token whose aud lists this API among others', async () => {
    expect((await registerAccount(await providerToken({ aud: ['reporting', AUDIENCE] }))).statusCode).toBe(
      201,
    );
  });

  it.each([
    [
      'issued for another client (aud)',
      { aud: 'some-other-client' },
      'The token was issued for another audience (aud)',
    ],
    [
      'naming this API only in azp',
      { aud: 'some-other-client', azp: AUDIENCE },
      'The token was issued for another audience (aud)',
    ],
    ['without aud', { aud: undefined }, 'The token has no aud claim'],
    [
      'from another issuer (iss)',
      { iss: 'https://evil.example/realms/support' },
      'The token was issued by another issuer (iss)',
    ],
    ['without iss', { iss: undefined }, 'The token has no iss claim'],
    ['without exp', { exp: undefined }, 'The token has no exp claim'],
  ])('refuses an admin token %s: 401 problem+json naming the claim', async (_name, claims, detail) => {
    const response = await registerAccount(await providerToken(claims));
    expect(response.statusCode).toBe(401);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.headers['www-authenticate']).toBe('Bearer error="invalid_token"');
    expect(response.json()).toMatchObject({ status: 401, detail });
  });

  // The provider vouches for the string it signed, not for whose address it looks like.
  it.each([
    ['fullwidth letters', 'ada@ｖｅｎｄｏｒ.example', 'contains "ｖ" (U+FF56)'],
    [
      'a malformed Punycode label',
      'ada@xn--vendor-.example',
      'has a malformed Punycode domain label "xn--vendor-"',
    ],
  ])(
    "refuses an admin token whose email only looks like the admin's (%s): 401 saying why, nothing registered",
    async (_what, email, why) => {
      const response = await registerAccount(await providerToken({ email }), 'Look-alike');
      expect(response.statusCode).toBe(401);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.json().detail).toContain(
        `The token's email is not an address Casetrail accepts: it ${why}`,
      );
      const accounts = await t.app.inject({
        method: 'GET',
        url: '/v1/accounts?limit=100',
        headers: { authorization: `Bearer ${await providerToken({})}` },
      });
      expect(accounts.json().items.map((account: { name: string }) => account.name)).not.toContain(
        'Look-alike',
      );
    },
  );
  // Rights follow the email: an address the provider has not verified may be anyone's typing.
  it.each([false, 'false', 0])(
    'refuses an admin token whose email_verified is %j: 401 saying why, nothing registered',
    async (emailVerified) => {
      const response = await registerAccount(
        await providerToken({ email_verified: emailVerified }),
        'Unverified',
      );
      expect(response.statusCode).toBe(401);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.headers['www-authenticate']).toBe('Bearer error="invalid_token"');
      expect(response.json().detail).toMatch(/^The token's email is not verified \(email_verified/);
      const accounts = await t.app.inject({
        method: 'GET',
        url: '/v1/accounts?limit=100',
        headers: { authorization: `Bearer ${await providerToken({})}` },
      });
      expect(accounts.json().items.map((account: { name: string }) => account.name)).not.toContain(
        'Unverified',
      );
    },
  );

  it('accepts a token whose email_verified is true (and one without the claim, above)', async () => {
    expect((await registerAccount(await providerToken({ email_verified: true }))).statusCode).toBe(201);
  });
});

describe('embedded tokens (HS256 with AUTH_JWT_SECRET)', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp()));
  afterAll(() => t?.close());

  it('refuses an admin token without exp, which would otherwise work forever: 401', async () => {
    const token = await new SignJWT({ email: ADMIN, roles: ['admin'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(ADMIN)
      .setIssuedAt()
      .sign(new TextEncoder().encode(TEST_SECRET));
    const response = await t.app.inject({
      method: 'POST',
      url: '/v1/accounts',
      headers: { authorization: `Bearer ${token}` },
      payload: { name: 'Initech' },
    });
    expect(response.statusCode).toBe(401);
    expect(response.json()).toMatchObject({ status: 401, detail: 'The token has no exp claim' });
  });

  it("refuses a token with email_verified false, signed with the server's own secret: 401 saying why", async () => {
    const token = await new SignJWT({ email: 'alice@acme.example', email_verified: false })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('attacker-123')
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode(TEST_SECRET));
    const response = await t.app.inject({
      method: 'GET',
      url: '/v1/cases',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(response.statusCode).toBe(401);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json().detail).toMatch(/^The token's email is not verified/);
  });

  it('accepts the tokens the CLI mints (they always carry exp): 201', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/v1/accounts',
      headers: { authorization: `Bearer ${await t.token(ADMIN, ['admin'])}` },
      payload: { name: 'Initech' },
    });
    expect(response.statusCode).toBe(201);
  });
});

function inAnHour(): number {
  return Math.floor(Date.now() / 1000) + 3600;
}

/** The provider's side: an ES256 key whose public half a local JWKS endpoint serves. */
async function startJwksServer() {
  const { publicKey, privateKey } = await generateKeyPair('ES256');
  const jwks = { keys: [{ ...(await exportJWK(publicKey)), kid: 'provider', alg: 'ES256', use: 'sig' }] };
  const server = http.createServer((_request, response) => {
    response.setHeader('content-type', 'application/json');
    response.end(JSON.stringify(jwks));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    jwksUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks`,
    key: privateKey,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
