import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { consoleContentSecurityPolicy } from './console-assets';
import { loadConsoleSettings } from './console-settings';

describe('console settings', () => {
  it('serves dist/console of the checkout by default, whether running from sources or dist/', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'casetrail-root-'));
    fs.writeFileSync(path.join(root, 'package.json'), '{}');
    const compiled = path.join(root, 'dist', 'apps', 'api', 'src', 'console');
    fs.mkdirSync(compiled, { recursive: true });
    expect(loadConsoleSettings({}, undefined, compiled).directory).toBe(path.join(root, 'dist', 'console'));
    expect(loadConsoleSettings({ CONSOLE_DIR: '/srv/console' }, undefined, compiled).directory).toBe(
      '/srv/console',
    );
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('signs in with pasted tokens unless an OIDC client is configured', () => {
    expect(loadConsoleSettings({}, undefined).signIn).toEqual({ mode: 'embedded' });
    expect(loadConsoleSettings({}, 'https://id.example/jwks').signIn).toEqual({ mode: 'external-token' });
    expect(
      loadConsoleSettings(
        { CONSOLE_OIDC_ISSUER: 'https://id.example/realms/support/', CONSOLE_OIDC_CLIENT_ID: 'console' },
        'https://id.example/jwks',
      ).signIn,
    ).toEqual({
      mode: 'oidc',
      issuer: 'https://id.example/realms/support',
      clientId: 'console',
      scope: 'openid profile email',
    });
  });

  it('refuses OIDC settings that cannot work, naming the variable', () => {
    const jwks = 'https://id.example/jwks';
    expect(() => loadConsoleSettings({ CONSOLE_OIDC_CLIENT_ID: 'console' }, jwks)).toThrow(
      'CONSOLE_OIDC_ISSUER must be set',
    );
    expect(() => loadConsoleSettings({ CONSOLE_OIDC_ISSUER: 'https://id.example' }, jwks)).toThrow(
      'CONSOLE_OIDC_CLIENT_ID must be set',
    );
    expect(() =>
      loadConsoleSettings(
        { CONSOLE_OIDC_ISSUER: 'https://id.example', CONSOLE_OIDC_CLIENT_ID: 'c' },
        undefined,
      ),
    ).toThrow('needs AUTH_JWKS_URL');
    expect(() =>
      loadConsoleSettings({ CONSOLE_OIDC_ISSUER: 'not a url', CONSOLE_OIDC_CLIENT_ID: 'c' }, jwks),
    ).toThrow('not a valid URL');
    expect(() =>
      loadConsoleSettings({ CONSOLE_OIDC_ISSUER: 'ftp://id.example', CONSOLE_OIDC_CLIENT_ID: 'c' }, jwks),
    ).toThrow('http: or https:');
  });

  it('lets the page talk to the API and, with OIDC, to the provider only', () => {
    const embedded = consoleContentSecurityPolicy({ directory: '/x', signIn: { mode: 'embedded' } });
    expect(embedded).toContain("connect-src 'self';");
    expect(embedded).toContain("script-src 'self'");
    expect(embedded).toContain("frame-ancestors 'none'");
    const oidc = consoleContentSecurityPolicy({
      directory: '/x',
      signIn: { mode: 'oidc', issuer: 'https://id.example/realms/support', clientId: 'c', scope: 'openid' },
    });
    expect(oidc).toContain("connect-src 'self' https://id.example;");
  });
});
