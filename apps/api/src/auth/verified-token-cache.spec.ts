import { SignJWT } from 'jose';
import { Actor } from './actor';
import { InvalidTokenError, TokenVerifier } from './token-verifier';
import { VerifiedTokenCache } from './verified-token-cache';

const SECRET = 'a-test-secret-long-enough-for-hs256!';
const ANN: Actor = { sub: 'ann', email: 'ann@acme.example', roles: [] };

describe('verified token cache', () => {
  let nowMs: number;
  const now = () => nowMs;
  beforeEach(() => {
    nowMs = Date.UTC(2031, 0, 1, 9, 0, 0);
  });

  it('returns a remembered token until the second its exp claim names', () => {
    const cache = new VerifiedTokenCache({ now, maxAgeMs: 3_600_000 });
    cache.set('t', ANN, nowMs / 1000 + 30);
    nowMs += 29_999;
    expect(cache.get('t')).toEqual(ANN);
    nowMs += 1;
    expect(cache.get('t')).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('forgets a token after maxAgeMs even when it is valid for longer', () => {
    const cache = new VerifiedTokenCache({ now, maxAgeMs: 1_000 });
    cache.set('t', ANN, nowMs / 1000 + 3600);
    nowMs += 999;
    expect(cache.get('t')).toEqual(ANN);
    nowMs += 1;
    expect(cache.get('t')).toBeUndefined();
  });

  it('does not remember a token that is already expired', () => {
    const cache = new VerifiedTokenCache({ now });
    cache.set('t', ANN, nowMs / 1000);
    expect(cache.get('t')).toBeUndefined();
  });

  it('keys by the exact token string', () => {
    const cache = new VerifiedTokenCache({ now });
    cache.set('abc', ANN, undefined);
    expect(cache.get('abc ')).toBeUndefined();
    expect(cache.get('ABC')).toBeUndefined();
    expect(cache.get('abc')).toEqual(ANN);
  });

  it('forgets the oldest token when full', () => {
    const cache = new VerifiedTokenCache({ now, maxEntries: 2 });
    cache.set('a', ANN, undefined);
    cache.set('b', ANN, undefined);
    cache.set('c', ANN, undefined);
    expect(cache.get('a')).toBeUndefined();
    expect(cache.get('b')).toEqual(ANN);
    expect(cache.get('c')).toEqual(ANN);
  });

  it('hands out copies, so a caller changing its actor changes nobody else’s', () => {
    const cache = new VerifiedTokenCache({ now });
    cache.set('t', { ...ANN, roles: ['engineer'] }, undefined);
    const first = cache.get('t')!;
    first.roles.push('admin');
    first.email = 'mallory@evil.example';
    expect(cache.get('t')).toEqual({ ...ANN, roles: ['engineer'] });
  });
});

describe('token verifier with its cache', () => {
  it('refuses a remembered token once it has expired', async () => {
    const token = await new SignJWT({ email: 'ann@acme.example' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('ann')
      .setExpirationTime(Math.floor(Date.now() / 1000) + 2)
      .sign(new TextEncoder().encode(SECRET));
    const verifier = new TokenVerifier({ secret: SECRET });
    await expect(verifier.verify(token)).resolves.toMatchObject({ email: 'ann@acme.example' });
    jest.useFakeTimers({
      now: Date.now() + 3_000,
      doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'],
    });
    try {
      await expect(verifier.verify(token)).rejects.toThrow(InvalidTokenError);
      await expect(verifier.verify(token)).rejects.toThrow(/expired/);
    } finally {
      jest.useRealTimers();
    }
  });

  it('never remembers a refused token: a token with a bad signature stays refused', async () => {
    const verifier = new TokenVerifier({ secret: SECRET });
    const token = await new SignJWT({ email: 'ann@acme.example' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('ann')
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode('another-secret-entirely-0123456789'));
    await expect(verifier.verify(token)).rejects.toThrow(InvalidTokenError);
    await expect(verifier.verify(token)).rejects.toThrow(InvalidTokenError);
  });

  it('verifies a tampered copy of a remembered token afresh', async () => {
    const verifier = new TokenVerifier({ secret: SECRET });
    const token = await new SignJWT({ email: 'ann@acme.example' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('ann')
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode(SECRET));
    await verifier.verify(token);
    const [header, , signature] = token.split('.');
    const forged = `${header}.${Buffer.from(
      JSON.stringify({ email: 'ann@acme.example', sub: 'ann', roles: ['admin'], exp: 4102444800 }),
    ).toString('base64url')}.${signature}`;
    await expect(verifier.verify(forged)).rejects.toThrow(InvalidTokenError);
  });
});
