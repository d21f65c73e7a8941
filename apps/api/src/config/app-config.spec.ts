import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ConfigError, loadConfig, resolveJwtSecret } from './app-config';

describe('configuration from the environment', () => {
  it('defaults to the embedded SQLite mode on port 3000 with data in ./data', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 3000,
      embeddedProjector: true,
      projectorThread: true,
      logLevel: 'info',
    });
    expect(config.dataDir).toBe(path.resolve('./data'));
    expect(config.eventStoreUrl).toBeUndefined();
    expect(config.mongodbUrl).toBeUndefined();
  });

  it.each([
    [{ PORT: 'eighty' }, /PORT must be an integer/],
    [{ PORT: '70000' }, /PORT must be an integer from 0 to 65535/],
    [{ EVENTSTORE_URL: 'not a url' }, /EVENTSTORE_URL is not a valid URL/],
    [{ EVENTSTORE_URL: 'http://localhost:2113' }, /EVENTSTORE_URL must use esdb:/],
    [{ MONGODB_URL: 'postgres://x' }, /MONGODB_URL must use mongodb:/],
    [{ AUTH_JWKS_URL: 'ftp://idp/jwks' }, /AUTH_JWKS_URL must use http: or https:/],
    [{ SMTP_URL: 'mailto:x' }, /SMTP_URL must use smtp: or smtps:/],
    [{ EMBEDDED_PROJECTOR: 'maybe' }, /EMBEDDED_PROJECTOR must be true or false/],
    [{ PROJECTOR_THREAD: 'yes please' }, /PROJECTOR_THREAD must be true or false/],
    [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL must be one of/],
    [
      { SUPPORT_POLICY_FILE: '/nonexistent/policy.json' },
      /SUPPORT_POLICY_FILE points to \/nonexistent\/policy.json/,
    ],
  ])('refuses %j with a message naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('accepts server URLs for EventStoreDB and MongoDB', () => {
    const config = loadConfig({
      EVENTSTORE_URL: 'esdb://localhost:2113?tls=false',
      MONGODB_URL: 'mongodb://localhost:27017',
    });
    expect(config.eventStoreUrl).toBe('esdb://localhost:2113?tls=false');
    expect(config.mongodbUrl).toBe('mongodb://localhost:27017');
  });

  it('generates the embedded token secret once and keeps it in DATA_DIR', () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'casetrail-config-'));
    const config = loadConfig({ DATA_DIR: dataDir });
    const first = resolveJwtSecret(config);
    expect(first).toMatch(/^[0-9a-f]{64}$/);
    expect(resolveJwtSecret(config)).toBe(first);
    expect(fs.statSync(path.join(dataDir, 'auth-jwt-secret')).mode & 0o777).toBe(0o600);
    expect(resolveJwtSecret(loadConfig({ DATA_DIR: dataDir, AUTH_JWT_SECRET: 'explicit' }))).toBe('explicit');
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('uses no shared secret when tokens are verified against an OIDC provider', () => {
    const config = loadConfig({
      AUTH_JWKS_URL: 'https://idp.example/.well-known/jwks.json',
      AUTH_JWT_SECRET: 's',
    });
    expect(config.jwtSecret).toBeUndefined();
    expect(resolveJwtSecret(config)).toBeUndefined();
  });
});
