import { BEARER_TOKEN_INVALID, BEARER_TOKEN_MISSING } from '../auth/bearer-challenge';
import { AuthenticationChallengeException } from '../problems/authentication-challenge.exception';
import { assertMetricsAccess } from './metrics-access';

const TOKEN = '3f9c2a7e5b1d4c8f9a0e6b2d7c1f4a8e';

function refusal(authorization: string | undefined): AuthenticationChallengeException | undefined {
  try {
    assertMetricsAccess(authorization, TOKEN);
    return undefined;
  } catch (error) {
    return error as AuthenticationChallengeException;
  }
}

describe('assertMetricsAccess', () => {
  it('lets every scrape through when no METRICS_TOKEN is set, whatever it sends', () => {
    for (const authorization of [undefined, '', 'Bearer anything', 'Basic dXNlcjpwYXNz'])
      expect(() => assertMetricsAccess(authorization, undefined)).not.toThrow();
  });

  it('lets through the scraper that sends the token as its bearer token, in any case of the scheme', () => {
    expect(refusal(`Bearer ${TOKEN}`)).toBeUndefined();
    expect(refusal(`bearer ${TOKEN}`)).toBeUndefined();
  });

  it('asks for the token, with the bare Bearer challenge, when none is sent', () => {
    for (const authorization of [undefined, '', 'Bearer', `Basic ${TOKEN}`]) {
      const error = refusal(authorization);
      expect(error).toBeInstanceOf(AuthenticationChallengeException);
      expect(error?.getStatus()).toBe(401);
      expect(error?.challenge).toBe(BEARER_TOKEN_MISSING);
    }
  });

  it('refuses a wrong token, a part of the right one or the right one with more after it, as invalid_token', () => {
    for (const given of ['0'.repeat(32), TOKEN.slice(0, -1), `${TOKEN}0`, `${TOKEN} ${TOKEN}`]) {
      const error = refusal(`Bearer ${given}`);
      expect(error?.getStatus()).toBe(401);
      expect(error?.challenge).toBe(BEARER_TOKEN_INVALID);
      expect(error?.message).toBe('The metrics token is not valid');
    }
  });
});
