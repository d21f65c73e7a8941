import { createHash, randomUUID } from 'node:crypto';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, JWK, SignJWT } from 'jose';

export interface FakeOidcProvider {
  issuer: string;
  jwksUrl: string;
  /** Token requests the provider answered, to check what the console sent. */
  exchanges: { codeVerifier: string; clientId: string; redirectUri: string }[];
  close(): Promise<void>;
}

interface PendingCode {
  challenge: string;
  nonce: string;
  clientId: string;
  redirectUri: string;
}

/**
 * A minimal OpenID provider for the console's production sign-in test: discovery, an authorize
 * endpoint that signs `user` in at once, a token endpoint that checks PKCE (S256) and issues an
 * ES256 ID token, and the JWKS the API verifies it with.
 */
export async function startFakeOidcProvider(user: {
  email: string;
  name: string;
  roles?: string[];
}): Promise<FakeOidcProvider> {
  const { publicKey, privateKey } = await generateKeyPair('ES256');
  const jwk: JWK = { ...(await exportJWK(publicKey)), kid: 'console-test', alg: 'ES256', use: 'sig' };
  const codes = new Map<string, PendingCode>();
  const exchanges: FakeOidcProvider['exchanges'] = [];
  let issuer = '';

  const server = http.createServer((request, response) => {
    const url = new URL(request.url ?? '/', issuer);
    const json = (status: number, body: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json', 'access-control-allow-origin': '*' });
      response.end(JSON.stringify(body));
    };
    if (request.method === 'GET' && url.pathname === '/.well-known/openid-configuration') {
      return json(200, {
        issuer,
        authorization_endpoint: `${issuer}/authorize`,
        token_endpoint: `${issuer}/token`,
        jwks_uri: `${issuer}/jwks`,
      });
    }
    if (request.method === 'GET' && url.pathname === '/jwks') return json(200, { keys: [jwk] });
    if (request.method === 'GET' && url.pathname === '/authorize') {
      const params = url.searchParams;
      if (params.get('response_type') !== 'code' || params.get('code_challenge_method') !== 'S256') {
        return json(400, { error: 'invalid_request' });
      }
      const code = randomUUID();
      codes.set(code, {
        challenge: params.get('code_challenge') ?? '',
        nonce: params.get('nonce') ?? '',
        clientId: params.get('client_id') ?? '',
        redirectUri: params.get('redirect_uri') ?? '',
      });
      const back = new URL(params.get('redirect_uri') ?? '');
      back.searchParams.set('code', code);
      back.searchParams.set('state', params.get('state') ?? '');
      response.writeHead(302, { location: back.toString() });
      return response.end();
    }
    if (request.method === 'POST' && url.pathname === '/token') {
      let body = '';
      request.on('data', (chunk) => (body += chunk));
      request.on('end', () => {
        const form = new URLSearchParams(body);
        const pending = codes.get(form.get('code') ?? '');
        codes.delete(form.get('code') ?? '');
        const verifier = form.get('code_verifier') ?? '';
        const challenge = createHash('sha256').update(verifier).digest('base64url');
        if (!pending || pending.challenge !== challenge || pending.redirectUri !== form.get('redirect_uri')) {
          return json(400, { error: 'invalid_grant', error_description: 'code or verifier does not match' });
        }
        exchanges.push({
          codeVerifier: verifier,
          clientId: form.get('client_id') ?? '',
          redirectUri: form.get('redirect_uri') ?? '',
        });
        void new SignJWT({
          email: user.email,
          name: user.name,
          nonce: pending.nonce,
          ...(user.roles ? { roles: user.roles } : {}),
        })
          .setProtectedHeader({ alg: 'ES256', kid: jwk.kid })
          .setIssuer(issuer)
          .setAudience(pending.clientId)
          .setSubject(`user-${user.email}`)
          .setIssuedAt()
          .setExpirationTime('1h')
          .sign(privateKey)
          .then((idToken) =>
            json(200, {
              id_token: idToken,
              access_token: randomUUID(),
              token_type: 'Bearer',
              expires_in: 3600,
            }),
          );
      });
      return;
    }
    json(404, { error: 'not_found' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    issuer,
    jwksUrl: `${issuer}/jwks`,
    exchanges,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
