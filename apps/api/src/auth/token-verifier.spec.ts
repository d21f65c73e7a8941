import { JWK, SignJWT, exportJWK, generateKeyPair } from 'jose';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { LOOK_ALIKE_TOKEN_EMAILS } from '@casetrail/domain/accounts/testing/look-alike-token-emails';
import { mintToken } from './token-minter';
import { InvalidTokenError, TokenVerifier } from './token-verifier';

const SECRET = 'a-test-secret-long-enough-for-hs256!';

/** Spellings that pass for jane@acme.example (or boss@acme.example), and what the 401 says of each. */
const LOOK_ALIKES = [
  ...LOOK_ALIKE_TOKEN_EMAILS,
  ['a Cyrillic letter', 'jane@\u0430cme.example', 'mixes letters of Latin and Cyrillic in its domain label'],
  [
    'malformed Punycode labels',
    'boss@xn--acme-.xn--example-',
    'has a malformed Punycode domain label "xn--acme-": it decodes to "acme"',
  ],
] as const;

describe('bearer token verification', () => {
  describe('embedded mode (HS256 with AUTH_JWT_SECRET)', () => {
    const verifier = new TokenVerifier({ secret: SECRET });

    it('accepts a minted token and reads sub, email, name and staff roles', async () => {
      const token = await mintToken(SECRET, {
        email: 'Eve@Vendor.example',
        name: 'Eve',
        roles: ['engineer', 'csm'],
      });
      await expect(verifier.verify(token)).resolves.toEqual({
        sub: 'eve@vendor.example',
        email: 'eve@vendor.example',
        name: 'Eve',
        roles: ['engineer', 'csm'],
        // A minted token names no issuer.
        token: { subject: 'eve@vendor.example' },
      });
    });

    it("reads the email in the records' spelling: composed Unicode, the domain in Unicode", async () => {
      const token = await new SignJWT({ email: 'Zoe\u0308@XN--BCHER-KVA.example' })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject('zoe')
        .setExpirationTime('1h')
        .sign(new TextEncoder().encode(SECRET));
      await expect(verifier.verify(token)).resolves.toMatchObject({ email: 'zo\u00eb@b\u00fccher.example' });
    });

    // Each would be folded onto jane@acme.example by the domain's mapping: the bearer would be Jane.
    it.each(LOOK_ALIKES)(
      "refuses a token whose email only looks like Jane's: %s",
      async (_what, email, why) => {
        const token = await signed({ email });
        await expect(verifier.verify(token)).rejects.toThrow(InvalidTokenError);
        await expect(verifier.verify(token)).rejects.toThrow(
          `The token's email is not an address Casetrail accepts: it ${why}`,
        );
      },
    );

    it("never mints email_verified (the CLI's tokens are accepted as they are)", async () => {
      const token = await mintToken(SECRET, { email: 'jane@acme.example' });
      const claims = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString());
      expect(claims).not.toHaveProperty('email_verified');
      await expect(verifier.verify(token)).resolves.toMatchObject({ email: 'jane@acme.example' });
    });

    // Rights follow the email: an unverified address may be anyone's typing (the "nOAuth" pattern).
    it.each([false, 'false', 0, null, 'yes'])(
      'refuses a token whose email_verified is %j, saying why',
      async (emailVerified) => {
        const token = await signed({ email: 'jane@acme.example', email_verified: emailVerified });
        await expect(verifier.verify(token)).rejects.toThrow(InvalidTokenError);
        await expect(verifier.verify(token)).rejects.toThrow(/^The token's email is not verified/);
      },
    );

    it.each([true, 'true'])('accepts a token whose email_verified is %j', async (emailVerified) => {
      const token = await signed({ email: 'jane@acme.example', email_verified: emailVerified });
      await expect(verifier.verify(token)).resolves.toMatchObject({ email: 'jane@acme.example' });
    });

    it('treats a token without roles as a customer and ignores roles it does not know', async () => {
      const token = await new SignJWT({ email: 'jane@acme.example', roles: ['superuser', 'auditor'] })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject('jane')
        .setExpirationTime('1h')
        .sign(new TextEncoder().encode(SECRET));
      await expect(verifier.verify(token)).resolves.toMatchObject({ roles: ['auditor'] });
    });

    it.each([
      [
        'a bad signature',
        () => mintToken('another-secret-entirely-0123456789', { email: 'x@y.example' }),
        // The usual mistake: minted by the CLI with another DATA_DIR or AUTH_JWT_SECRET.
        /^The token's signature does not match this server's key: it was likely minted with another DATA_DIR or AUTH_JWT_SECRET than the server's/,
      ],
      ['an expired token', () => signed({ email: 'x@y.example' }, '-1s'), /expired/],
      // Without exp a leaked token would work forever; the CLI and mintToken always set one.
      ['a token without exp', () => signed({ email: 'x@y.example' }, null), /The token has no exp claim/],
      [
        'a token whose exp is not a number',
        () => signed({ email: 'x@y.example', exp: 'tomorrow' }, null),
        /The token has no valid exp claim/,
      ],
      ['no email claim', () => signed({}), /email/],
      ['a malformed token', async () => 'not.a.jwt', /not valid/],
      ['alg none', async () => unsigned({ sub: 'x', email: 'x@y.example' }), /not valid/],
    ])('refuses %s', async (_name, make, message) => {
      const token = await make();
      await expect(verifier.verify(token)).rejects.toThrow(InvalidTokenError);
      await expect(verifier.verify(token)).rejects.toThrow(message);
    });
  });

  describe("the identity a token's sub and iss record (security review 3, F8)", () => {
    const verifier = new TokenVerifier({ secret: SECRET });
    const withIdentity = (claims: Record<string, unknown>) =>
      new SignJWT({ email: 'jane@acme.example', ...claims })
        .setProtectedHeader({ alg: 'HS256' })
        .setExpirationTime('1h')
        .sign(new TextEncoder().encode(SECRET));

    it.each([
      ['an iss that is a list', { sub: 'x', iss: ['a', 'b'] }, /iss claim is not a string/],
      ['an iss that is a number', { sub: 'x', iss: 123 }, /iss claim is not a string/],
      ['an empty iss', { sub: 'x', iss: '' }, /iss claim is not a string/],
      ['a sub holding NUL', { sub: 'x\u0000y' }, /sub claim contains a control .* \(U\+0000\)/],
      ['a sub holding a right-to-left override', { sub: 'idp|\u202Eenaj' }, /sub claim .*\(U\+202E\)/],
      ['a sub holding a line break', { sub: 'x\ny' }, /sub claim contains/],
      [
        'a sub holding a zero-width space',
        { sub: 'idp|ja\u200Bne' },
        /invisible character \(U\+200B, zero-width space\)/,
      ],
      [
        'an iss holding an isolate',
        { sub: 'x', iss: 'https://login.example/\u2066' },
        /iss claim .*\(U\+2066\)/,
      ],
    ])('refuses %s', async (_name, claims, message) => {
      const token = await withIdentity(claims);
      await expect(verifier.verify(token)).rejects.toThrow(InvalidTokenError);
      await expect(verifier.verify(token)).rejects.toThrow(message);
    });

    it('records a plain sub and iss as they are', async () => {
      const token = await withIdentity({ sub: 'idp|jane 2', iss: 'https://login.example/' });
      await expect(verifier.verify(token)).resolves.toMatchObject({
        sub: 'idp|jane 2',
        token: { subject: 'idp|jane 2', issuer: 'https://login.example/' },
      });
    });
  });

  describe('production mode (RS256/ES256 against the OIDC provider JWKS)', () => {
    let server: http.Server;
    let jwksUrl: string;
    const keys = {} as Record<'RS256' | 'ES256', Parameters<SignJWT['sign']>[0]>;

    beforeAll(async () => {
      const jwks: JWK[] = [];
      for (const alg of ['RS256', 'ES256'] as const) {
        const pair = await generateKeyPair(alg);
        keys[alg] = pair.privateKey;
        jwks.push({ ...(await exportJWK(pair.publicKey)), kid: alg, alg, use: 'sig' });
      }
      server = http.createServer((_request, response) => {
        response.setHeader('content-type', 'application/json');
        response.end(JSON.stringify({ keys: jwks }));
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks.json`;
    });

    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    const ISSUER = 'https://id.example/realms/support';
    const AUDIENCE = 'casetrail-console';
    const verifier = () => new TokenVerifier({ jwksUrl, issuer: ISSUER, audience: AUDIENCE });

    /** A token from the provider: ES256, signed with its key, for the console unless `claims` say otherwise. */
    function fromProvider(
      claims: Record<string, unknown>,
      { alg = 'ES256', expiresIn = '5m' }: { alg?: 'RS256' | 'ES256'; expiresIn?: string | null } = {},
    ): Promise<string> {
      const jwt = new SignJWT({ iss: ISSUER, aud: AUDIENCE, email: 'ann@acme.example', ...claims })
        .setProtectedHeader({ alg, kid: alg })
        .setSubject('oidc|ann');
      if (expiresIn !== null) jwt.setExpirationTime(expiresIn);
      return jwt.sign(keys[alg]);
    }

    it.each(['RS256', 'ES256'] as const)('accepts a %s token signed by the provider', async (alg) => {
      const token = await fromProvider({ name: 'Ann' }, { alg });
      await expect(verifier().verify(token)).resolves.toMatchObject({
        sub: 'oidc|ann',
        email: 'ann@acme.example',
        token: { subject: 'oidc|ann', issuer: ISSUER },
      });
    });

    it.each(LOOK_ALIKES)(
      "refuses a token whose email only looks like Jane's: %s",
      async (_what, email, why) => {
        const token = await fromProvider({ email });
        await expect(verifier().verify(token)).rejects.toThrow(
          `The token's email is not an address Casetrail accepts: it ${why}`,
        );
      },
    );

    it.each(['anna@xn--bcher-kva.example', 'anna@bücher.example'])(
      'reads an internationalised address %s as the one person it is',
      async (email) => {
        const token = await fromProvider({ email });
        await expect(verifier().verify(token)).resolves.toMatchObject({ email: 'anna@bücher.example' });
      },
    );

    it('refuses a provider token whose email_verified is false, and accepts one where it is true', async () => {
      await expect(verifier().verify(await fromProvider({ email_verified: false }))).rejects.toThrow(
        /^The token's email is not verified/,
      );
      await expect(verifier().verify(await fromProvider({ email_verified: true }))).resolves.toMatchObject({
        email: 'ann@acme.example',
      });
    });

    it('accepts a token whose aud lists the configured audience among others', async () => {
      const token = await fromProvider({ aud: ['reporting', AUDIENCE] });
      await expect(verifier().verify(token)).resolves.toMatchObject({ sub: 'oidc|ann' });
    });

    // Each is signed by the provider's own key and claims admin: only the claim named is wrong.
    it.each([
      ['for another client', { aud: 'some-other-client' }, undefined, /issued for another audience \(aud\)/],
      ['without aud', { aud: undefined }, undefined, /The token has no aud claim/],
      [
        'naming the console only in azp (the client id of an ID token is its aud)',
        { aud: 'some-other-client', azp: AUDIENCE },
        undefined,
        /issued for another audience \(aud\)/,
      ],
      [
        'from another issuer',
        { iss: 'https://evil.example/realms/support' },
        undefined,
        /another issuer \(iss\)/,
      ],
      [
        'whose issuer differs by a trailing slash',
        { iss: `${ISSUER}/` },
        undefined,
        /another issuer \(iss\)/,
      ],
      ['without iss', { iss: undefined }, undefined, /The token has no iss claim/],
      ['without exp', {}, null, /The token has no exp claim/],
      ['that has expired', {}, '-1s', /The token has expired/],
    ])('refuses an admin token %s', async (_name, claims, expiresIn, message) => {
      const token = await fromProvider({ roles: ['admin'], ...claims }, { expiresIn });
      await expect(verifier().verify(token)).rejects.toThrow(InvalidTokenError);
      await expect(verifier().verify(token)).rejects.toThrow(message);
    });

    it("says only that a token signed with another key is not valid: the provider's keys are not the bearer's business", async () => {
      const { privateKey } = await generateKeyPair('ES256');
      const token = await new SignJWT({ iss: ISSUER, aud: AUDIENCE, email: 'ann@acme.example' })
        .setProtectedHeader({ alg: 'ES256', kid: 'ES256' })
        .setSubject('oidc|ann')
        .setExpirationTime('5m')
        .sign(privateKey);
      await expect(verifier().verify(token)).rejects.toThrow(/^The token is not valid$/);
    });

    it('refuses an HS256 token even when it is signed with a guessable secret', async () => {
      const token = await mintToken(SECRET, { email: 'x@y.example' });
      await expect(verifier().verify(token)).rejects.toThrow(InvalidTokenError);
    });

    it.each([
      [{ issuer: ISSUER }, /audience/],
      [{ audience: AUDIENCE }, /issuer/],
    ])('will not verify against a JWKS without both issuer and audience (%j)', (options, message) => {
      // Any token the provider ever signed, for any client, would pass.
      expect(() => new TokenVerifier({ jwksUrl, ...options })).toThrow(message);
    });
  });
});

/** An HS256 token with the embedded secret; `expiresIn` null leaves exp out. */
function signed(claims: Record<string, unknown>, expiresIn: string | null = '1h'): Promise<string> {
  const jwt = new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setSubject('someone');
  if (expiresIn !== null) jwt.setExpirationTime(expiresIn);
  return jwt.sign(new TextEncoder().encode(SECRET));
}

function unsigned(claims: Record<string, unknown>): string {
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${encode({ alg: 'none', typ: 'JWT' })}.${encode({ ...claims, exp: Math.floor(Date.now() / 1000) + 3600 })}.`;
}
