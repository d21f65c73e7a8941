import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ConfigError, loadConfig, resolveJwtSecret } from './app-config';

const LONG_ENOUGH = 'an-explicit-secret-of-32-characters';

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
    // Number() took these as 14609 and 1000.
    [{ PORT: '0x3911' }, /PORT must be an integer from 0 to 65535 in decimal digits, got "0x3911"/],
    [{ PORT: '1e3' }, /PORT must be an integer from 0 to 65535 in decimal digits, got "1e3"/],
    [{ PORT: '80.0' }, /PORT must be an integer/],
    [{ EVENTSTORE_URL: 'not a url' }, /EVENTSTORE_URL is not a valid URL/],
    [{ EVENTSTORE_URL: 'http://localhost:2113' }, /EVENTSTORE_URL must use esdb:/],
    [{ MONGODB_URL: 'postgres://x' }, /MONGODB_URL must use mongodb:/],
    [{ AUTH_JWKS_URL: 'ftp://idp/jwks' }, /AUTH_JWKS_URL must use http: or https:/],
    [{ SMTP_URL: 'mailto:x' }, /SMTP_URL must use smtp: or smtps:/],
    [{ EMBEDDED_PROJECTOR: 'maybe' }, /EMBEDDED_PROJECTOR must be true or false/],
    [{ PROJECTOR_THREAD: 'yes please' }, /PROJECTOR_THREAD must be true or false/],
    [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL must be one of/],
    [{ LOG_FORMAT: 'yaml' }, /LOG_FORMAT must be one of text, json/],
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
    expect(resolveJwtSecret(loadConfig({ DATA_DIR: dataDir, AUTH_JWT_SECRET: LONG_ENOUGH }))).toBe(
      LONG_ENOUGH,
    );
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('reads PORT in decimal digits', () => {
    expect(loadConfig({ PORT: '3911' }).port).toBe(3911);
    expect(loadConfig({ PORT: '0' }).port).toBe(0);
  });

  it('listens on loopback unless HOST says otherwise: a laptop does not serve its network by default', () => {
    expect(loadConfig({}).host).toBe('127.0.0.1');
    expect(loadConfig({ HOST: ' ' }).host).toBe('127.0.0.1');
    expect(loadConfig({ HOST: 'localhost' }).host).toBe('127.0.0.1');
    expect(loadConfig({ HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
    expect(loadConfig({ HOST: '::' }).host).toBe('::');
    expect(loadConfig({ HOST: '[::1]' }).host).toBe('::1');
    expect(loadConfig({ HOST: ' 192.168.1.20 ' }).host).toBe('192.168.1.20');
  });

  it.each(['example.com', '0.0.0.0:3000', 'http://0.0.0.0', '*', '256.0.0.1'])(
    'refuses a HOST that is not an IP address (%s), saying what to write',
    (host) => {
      expect(() => loadConfig({ HOST: host })).toThrow(
        'Invalid configuration: HOST must be an IP address to listen on (127.0.0.1 for this machine only, the ' +
          `default; 0.0.0.0 for every IPv4 interface; :: for every interface), got "${host}"`,
      );
    },
  );

  it.each(['x', 'secret', 'change-me', 'a'.repeat(31)])(
    'refuses an AUTH_JWT_SECRET shorter than 32 characters (%s), saying how to make one and not repeating it',
    (secret) => {
      const refusal = () => loadConfig({ AUTH_JWT_SECRET: secret });
      expect(refusal).toThrow(ConfigError);
      expect(refusal).toThrow(
        `Invalid configuration: AUTH_JWT_SECRET must be at least 32 characters long (HS256 wants a 256-bit key), got ${secret.length}: generate one with \`openssl rand -hex 32\``,
      );
      expect(refusal).not.toThrow(`"${secret}"`);
    },
  );

  it('takes an AUTH_JWT_SECRET of 32 characters or more, such as `openssl rand -hex 32` prints', () => {
    expect(loadConfig({ AUTH_JWT_SECRET: 'a'.repeat(32) }).jwtSecret).toBe('a'.repeat(32));
    const hex = '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08';
    expect(loadConfig({ AUTH_JWT_SECRET: hex }).jwtSecret).toBe(hex);
  });

  it('uses no shared secret when tokens are verified against an OIDC provider', () => {
    const config = loadConfig({
      AUTH_JWKS_URL: 'https://idp.example/.well-known/jwks.json',
      AUTH_JWT_SECRET: 's',
    });
    expect(config.jwtSecret).toBeUndefined();
    expect(resolveJwtSecret(config)).toBeUndefined();
  });

  it('reads AUTH_ISSUER and AUTH_AUDIENCE, but leaves requiring them to the API (the projector verifies no token)', () => {
    const jwks = { AUTH_JWKS_URL: 'https://idp.example/.well-known/jwks.json' };
    expect(loadConfig(jwks)).toMatchObject({ authIssuer: undefined, authAudience: undefined });
    expect(
      loadConfig({ ...jwks, AUTH_ISSUER: ' https://idp.example/ ', AUTH_AUDIENCE: 'casetrail-api' }),
    ).toMatchObject({ authIssuer: 'https://idp.example/', authAudience: 'casetrail-api' });
  });

  it('reads LOG_LEVEL in any case, as the boolean settings are read', () => {
    expect(loadConfig({ LOG_LEVEL: 'INFO' }).logLevel).toBe('info');
    expect(loadConfig({ LOG_LEVEL: ' Debug ' }).logLevel).toBe('debug');
    expect(loadConfig({ LOG_LEVEL: 'SILENT' }).logLevel).toBe('silent');
  });

  it.each([
    ['SMTP_URL', 'smtp//user:hunter2@mail.example.com'],
    ['MONGODB_URL', 'mongodb//admin:hunter2@db.example.com:27017'],
    ['EVENTSTORE_URL', 'esdb//admin:hunter2@es.example.com:2113'],
    ['SMTP_URL', 'smtp://user:hunter2@mail example.com'],
  ])(
    'refuses a %s that is not a URL without repeating it, since it may hold a password',
    (variable, value) => {
      const refusal = () => loadConfig({ [variable]: value });
      expect(refusal).toThrow(`Invalid configuration: ${variable} is not a valid URL`);
      expect(refusal).not.toThrow(/hunter2/);
    },
  );

  it('still shows a value that is not a URL and holds no password, to help find the typo', () => {
    expect(() => loadConfig({ SMTP_URL: 'mail.example.com' })).toThrow(
      'SMTP_URL is not a valid URL: "mail.example.com"',
    );
  });

  describe('the token secret kept in DATA_DIR', () => {
    const dataDirs: string[] = [];
    afterAll(() => dataDirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));
    const withSecretFile = (content: string) => {
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'casetrail-secret-file-'));
      dataDirs.push(dataDir);
      fs.writeFileSync(path.join(dataDir, 'auth-jwt-secret'), content, { mode: 0o600 });
      return { config: loadConfig({ DATA_DIR: dataDir }), file: path.join(dataDir, 'auth-jwt-secret') };
    };

    it.each([
      ['three characters', 'abc'],
      ['an empty file', ''],
      ['a blank line', '\n'],
      ['31 characters', 'b'.repeat(31)],
    ])('refuses %s as AUTH_JWT_SECRET is refused, naming the file and what to do', (_, content) => {
      const { config, file } = withSecretFile(content);
      const refusal = () => resolveJwtSecret(config);
      expect(refusal).toThrow(ConfigError);
      expect(refusal).toThrow(
        `Invalid configuration: the token secret file ${file} must hold at least 32 characters (HS256 wants a 256-bit key), holds ${content.trim().length}: write the output of \`openssl rand -hex 32\` into it, or delete it to have one generated`,
      );
      if (content.trim()) expect(refusal).not.toThrow(content.trim());
      // The file is left as it was, for the operator to look at.
      expect(fs.readFileSync(file, 'utf8')).toBe(content);
    });

    it('takes a file of 32 characters or more, around a trailing line feed', () => {
      const hex = '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08';
      expect(resolveJwtSecret(withSecretFile(`${hex}\n`).config)).toBe(hex);
    });

    it('does not judge the file when AUTH_JWT_SECRET is set, since it is not used then', () => {
      const { file } = withSecretFile('abc');
      const config = loadConfig({ DATA_DIR: path.dirname(file), AUTH_JWT_SECRET: LONG_ENOUGH });
      expect(resolveJwtSecret(config)).toBe(LONG_ENOUGH);
    });

    it('makes DATA_DIR, when it makes it, readable by its owner alone (0700), and leaves no draft behind', () => {
      const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'casetrail-secret-dir-'));
      dataDirs.push(parent);
      const dataDir = path.join(parent, 'data');
      const secret = resolveJwtSecret(loadConfig({ DATA_DIR: dataDir }));
      expect(fs.statSync(dataDir).mode & 0o777).toBe(0o700);
      expect(fs.readdirSync(dataDir)).toEqual(['auth-jwt-secret']);
      expect(fs.readFileSync(path.join(dataDir, 'auth-jwt-secret'), 'utf8')).toBe(secret);
    });
  });
});
