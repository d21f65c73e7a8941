import { ConfigError, loadConfig } from './app-config';
import { loadTokenClaimChecks } from './token-claim-checks';

const JWKS = 'https://id.example/realms/support/protocol/openid-connect/certs';
const checks = (env: Record<string, string>) => loadTokenClaimChecks(loadConfig(env), env);

describe('what the API expects of OIDC tokens besides their signature', () => {
  it('takes AUTH_ISSUER and AUTH_AUDIENCE as written', () => {
    expect(
      checks({
        AUTH_JWKS_URL: JWKS,
        AUTH_ISSUER: 'https://id.example/realms/support/',
        AUTH_AUDIENCE: 'casetrail-api',
      }),
    ).toEqual({ issuer: 'https://id.example/realms/support/', audience: 'casetrail-api' });
  });

  it("defaults to the console's OIDC client, whose ID tokens the console sends", () => {
    const console = {
      CONSOLE_OIDC_ISSUER: 'https://id.example/realms/support',
      CONSOLE_OIDC_CLIENT_ID: 'casetrail-console',
    };
    expect(checks({ AUTH_JWKS_URL: JWKS, ...console })).toEqual({
      issuer: 'https://id.example/realms/support',
      audience: 'casetrail-console',
    });
    // An explicit setting wins over the console's.
    expect(checks({ AUTH_JWKS_URL: JWKS, ...console, AUTH_AUDIENCE: 'casetrail-api' })).toMatchObject({
      audience: 'casetrail-api',
    });
    // As written: the console strips a trailing slash to find the discovery document, but the
    // issuer a token carries is compared exactly.
    expect(
      checks({ AUTH_JWKS_URL: JWKS, ...console, CONSOLE_OIDC_ISSUER: 'https://id.example/auth/' }),
    ).toMatchObject({
      issuer: 'https://id.example/auth/',
    });
  });

  it.each([
    [{}, 'AUTH_ISSUER must be set with AUTH_JWKS_URL (unless CONSOLE_OIDC_ISSUER is)'],
    [{ AUTH_AUDIENCE: 'casetrail-api' }, 'AUTH_ISSUER must be set with AUTH_JWKS_URL'],
    [
      { AUTH_ISSUER: 'https://id.example' },
      'AUTH_AUDIENCE must be set with AUTH_JWKS_URL (unless CONSOLE_OIDC_CLIENT_ID is)',
    ],
    [{ AUTH_ISSUER: ' ', AUTH_AUDIENCE: 'casetrail-api' }, 'AUTH_ISSUER must be set'],
  ])('refuses AUTH_JWKS_URL with %j: any token the provider signs would pass', (env, message) => {
    const refusal = () => checks({ AUTH_JWKS_URL: JWKS, ...env });
    expect(refusal).toThrow(ConfigError);
    expect(refusal).toThrow(`Invalid configuration: ${message}`);
  });

  it('expects nothing more of embedded tokens, and refuses settings that would check nothing there', () => {
    expect(checks({})).toEqual({});
    expect(() => checks({ AUTH_ISSUER: 'https://id.example' })).toThrow(
      'AUTH_ISSUER is only used with AUTH_JWKS_URL',
    );
    expect(() => checks({ AUTH_AUDIENCE: 'casetrail-api' })).toThrow(
      'AUTH_AUDIENCE is only used with AUTH_JWKS_URL',
    );
  });
});
