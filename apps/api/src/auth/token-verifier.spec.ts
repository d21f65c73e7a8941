import { JWK, SignJWT, exportJWK, generateKeyPair } from 'jose';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { mintToken } from './token-minter';
import { InvalidTokenError, TokenVerifier } from './token-verifier';

const SECRET = 'a-test-secret-long-enough-for-hs256!';

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
        /not valid/,
      ],
      ['an expired token', () => signed({ email: 'x@y.example' }, '-1s'), /expired/],
      ['no email claim', () => signed({}), /email/],
      ['a malformed token', async () => 'not.a.jwt', /not valid/],
      ['alg none', async () => unsigned({ sub: 'x', email: 'x@y.example' }), /not valid/],
    ])('refuses %s', async (_name, make, message) => {
      const token = await make();
      await expect(verifier.verify(token)).rejects.toThrow(InvalidTokenError);
      await expect(verifier.verify(token)).rejects.toThrow(message);
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

    it.each(['RS256', 'ES256'] as const)('accepts a %s token signed by the provider', async (alg) => {
      const token = await new SignJWT({ email: 'ann@acme.example', name: 'Ann' })
        .setProtectedHeader({ alg, kid: alg })
        .setSubject('oidc|ann')
        .setExpirationTime('5m')
        .sign(keys[alg]);
      await expect(new TokenVerifier({ jwksUrl }).verify(token)).resolves.toMatchObject({
        sub: 'oidc|ann',
        email: 'ann@acme.example',
      });
    });

    it('refuses an HS256 token even when it is signed with a guessable secret', async () => {
      const token = await mintToken(SECRET, { email: 'x@y.example' });
      await expect(new TokenVerifier({ jwksUrl }).verify(token)).rejects.toThrow(InvalidTokenError);
    });
  });
});

function signed(claims: Record<string, unknown>, expiresIn = '1h'): Promise<string> {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject('someone')
    .setExpirationTime(expiresIn)
    .sign(new TextEncoder().encode(SECRET));
}

function unsigned(claims: Record<string, unknown>): string {
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${encode({ alg: 'none', typ: 'JWT' })}.${encode({ ...claims, exp: Math.floor(Date.now() / 1000) + 3600 })}.`;
}
