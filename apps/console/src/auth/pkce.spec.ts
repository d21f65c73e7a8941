import { base64Url, codeChallengeS256, randomUrlSafe } from './pkce';

describe('PKCE', () => {
  it('computes the S256 challenge of RFC 7636 appendix B', async () => {
    await expect(codeChallengeS256('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).resolves.toBe(
      'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    );
  });

  it('makes URL-safe random verifiers of 43 characters from 32 bytes', () => {
    const verifier = randomUrlSafe();
    expect(verifier).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(randomUrlSafe()).not.toBe(verifier);
    expect(base64Url(new Uint8Array([251, 255]))).toBe('-_8');
  });
});
