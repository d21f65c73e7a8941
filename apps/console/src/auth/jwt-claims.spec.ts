import { readTokenClaims, UnreadableTokenError } from './jwt-claims';

const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
const jwt = (payload: object) => `${encode({ alg: 'HS256' })}.${encode(payload)}.signature`;

describe('readTokenClaims', () => {
  it('reads email, name, staff roles and expiry', () => {
    const claims = readTokenClaims(
      jwt({
        sub: 'x',
        email: 'Eve@Vendor.example',
        name: 'Éve Engineer',
        roles: ['engineer', 'pilot'],
        exp: 1_900_000_000,
      }),
    );
    expect(claims).toEqual({
      email: 'eve@vendor.example',
      name: 'Éve Engineer',
      roles: ['engineer'],
      expiresAt: 1_900_000_000_000,
    });
  });

  it('treats a token without roles as a customer', () => {
    expect(readTokenClaims(jwt({ sub: 'x', email: 'jane@acme.example' })).roles).toEqual([]);
  });

  it('refuses what is not a JWT with an email', () => {
    expect(() => readTokenClaims('not a token')).toThrow(UnreadableTokenError);
    expect(() => readTokenClaims('a.%%%.c')).toThrow('not readable');
    expect(() => readTokenClaims(jwt({ sub: 'x' }))).toThrow('no email claim');
  });
});
