import { Command } from 'commander';
import { decodeJwt, jwtVerify } from 'jose';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { registerTokenCommand } from './token.command';

const SECRET = 'test-secret-that-is-long-enough-for-hs256';

/** Runs `casetrail token <args>` in this process: what it printed, or commander's refusal. */
async function token(...args: string[]): Promise<{ stdout: string; stderr: string; refused: boolean }> {
  // A secret of its own: no DATA_DIR, no secret file written.
  return tokenWith({ AUTH_JWT_SECRET: SECRET }, ...args);
}

/** As token(), with these settings (and no others of the developer's) in the environment. */
async function tokenWith(
  env: Record<string, string>,
  ...args: string[]
): Promise<{ stdout: string; stderr: string; refused: boolean; error?: Error }> {
  return tokenRun(env, ['-e', 'eve@vendor.example', ...args]);
}

/** `casetrail token <args>` exactly as given (tokenWith adds an --email). */
async function tokenRun(
  env: Record<string, string>,
  args: string[],
): Promise<{ stdout: string; stderr: string; refused: boolean; error?: Error }> {
  const saved = { ...process.env };
  for (const name of ['DATA_DIR', 'AUTH_JWT_SECRET', 'AUTH_JWKS_URL', 'EVENTSTORE_URL', 'MONGODB_URL'])
    delete process.env[name];
  Object.assign(process.env, env);
  let stdout = '';
  let stderr = '';
  const write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    stdout += String(chunk);
    return true;
  });
  const program = new Command()
    .exitOverride()
    .configureOutput({ writeErr: (text) => (stderr += text), writeOut: (text) => (stdout += text) });
  registerTokenCommand(program);
  try {
    await program.parseAsync(['token', ...args], { from: 'user' });
    return { stdout, stderr, refused: false };
  } catch (error) {
    return { stdout, stderr, refused: true, error: error as Error };
  } finally {
    write.mockRestore();
    process.env = saved;
  }
}

describe('casetrail token --expires', () => {
  it.each([
    ['8h', 8 * 3_600],
    ['30m', 30 * 60],
    ['30 days', 30 * 86_400],
    ['1.5h', 5_400],
  ])('%s: a token that lives that long', async (expires, seconds) => {
    const minted = await token('--expires', expires);
    expect(minted.refused).toBe(false);
    const claims = decodeJwt(minted.stdout.trim());
    expect(claims.exp! - claims.iat!).toBe(seconds);
  });

  it.each(['-5h', '2h ago', '0s', '0.1s', 'banana', '8', 'h', ''])(
    '%s: refused, naming --expires and the format it takes, and nothing minted',
    async (expires) => {
      const refused = await token('--expires', expires);
      expect(refused.refused).toBe(true);
      expect(refused.stdout).toBe('');
      expect(refused.stderr).toContain(`option '--expires <duration>' argument '${expires}' is invalid`);
      expect(refused.stderr).toContain('must be a positive duration');
      expect(refused.stderr).toContain('e.g. 30m, 8h or 30d');
    },
  );
});

/**
 * DOMAIN.md's auditor is read-only: the API refuses every write of a token with the auditor role
 * (403 read-only-actor), so the CLI refuses to mint auditor with a working role, as a usage error.
 */
describe('casetrail token --roles', () => {
  it.each([
    ['auditor,engineer', 'engineer'],
    ['admin, auditor', 'admin'],
    ['auditor,csm,engineer', 'csm, engineer'],
  ])('%s: refused, saying auditor is read-only, and nothing minted', async (roles, others) => {
    const refused = await token('--roles', roles);
    expect(refused).toMatchObject({ refused: true, stdout: '', error: { exitCode: 2 } });
    expect(refused.stderr).toContain(`auditor cannot go with ${others}`);
    expect(refused.stderr).toContain('read-only');
    expect(refused.stderr).toContain('--roles auditor');
  });

  it.each([['auditor'], ['engineer,csm']])('%s: minted', async (roles) => {
    const minted = await token('--roles', roles);
    expect(minted.refused).toBe(false);
    expect(decodeJwt(minted.stdout.trim()).roles).toEqual(roles.split(','));
  });
});

/**
 * A customer's compliance auditor is limited to their own accounts by the token's
 * `casetrail_accounts` claim, which the API takes only beside the auditor role alone.
 */
describe('casetrail token --accounts', () => {
  const ACME = '0190a5c2-7f1e-7c3a-9b2d-1e2f3a4b5c6d';
  const GLOBEX = '0190a5c2-7f1e-7c3a-9b2d-1e2f3a4b5c6e';

  it('with --roles auditor: a token naming those accounts, in the ids spelling the API stores', async () => {
    // Unchecked: no DATA_DIR here to look the accounts up in (token-accounts-registered.e2e-spec checks them).
    const minted = await token(
      '--roles',
      'auditor',
      '--accounts',
      `${ACME.toUpperCase()}, ${GLOBEX}`,
      '--unchecked-accounts',
    );
    expect(minted.refused).toBe(false);
    const claims = decodeJwt(minted.stdout.trim());
    expect(claims).toMatchObject({ roles: ['auditor'], casetrail_accounts: [ACME, GLOBEX] });
  });

  it.each([[[]], [['--roles', 'engineer']], [['--roles', 'csm']]])(
    'without the auditor role (%j): refused as a usage error, and nothing minted',
    async (roles) => {
      const refused = await token(...roles, '--accounts', ACME);
      expect(refused).toMatchObject({ refused: true, stdout: '', error: { exitCode: 2 } });
      expect(refused.stderr).toContain('use it with --roles auditor and no other role');
    },
  );

  it('with no store in DATA_DIR to check them against: refused as a usage error, naming the way out', async () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'casetrail-token-'));
    try {
      const refused = await tokenWith(
        { AUTH_JWT_SECRET: SECRET, DATA_DIR: empty },
        '--roles',
        'auditor',
        '--accounts',
        ACME,
      );
      expect(refused).toMatchObject({ refused: true, stdout: '', error: { exitCode: 2 } });
      expect(refused.stderr).toContain(
        `--accounts cannot be checked: DATA_DIR ${empty} holds no event store`,
      );
      expect(refused.stderr).toContain('--unchecked-accounts');
    } finally {
      fs.rmSync(empty, { recursive: true, force: true });
    }
  });

  it.each(['acme', `${ACME},nope`, ' , '])('%j: refused, naming what is not an account id', async (ids) => {
    const refused = await token('--roles', 'auditor', '--accounts', ids);
    expect(refused).toMatchObject({ refused: true, stdout: '' });
    expect(refused.stderr).toMatch(/not an account id|at least one account id/);
  });
});

/**
 * The API refuses a token whose email only looks like someone's address (it would be folded onto
 * that person): the CLI refuses to mint one, saying why, as a usage error (exit code 2).
 */
describe('casetrail token --email', () => {
  it.each([
    ['jane@ａｃｍｅ.example', 'contains "ａ" (U+FF41), a width or style variant of "a"'],
    ['jane@acme。example', 'contains "。" (U+3002), which a domain name reads as "."'],
    ['jane@ac\u00ADme.example', 'contains an invisible character (U+00AD, soft hyphen)'],
    ['boss@xn--acme-.xn--example-', 'has a malformed Punycode domain label "xn--acme-"'],
  ])('%j: refused with exit code 2, saying why, and nothing minted', async (email, why) => {
    const refused = await token('--email', email);
    expect(refused).toMatchObject({ refused: true, stdout: '', error: { exitCode: 2 } });
    expect(refused.stderr).toContain(
      'Casetrail does not accept this address (the API would refuse the token)',
    );
    expect(refused.stderr).toContain(`it ${why}`);
  });

  it.each(['anna@bücher.example', 'anna@xn--bcher-kva.example'])(
    '%j: an internationalised address is minted',
    async (email) => {
      const minted = await token('--email', email);
      expect(minted.refused).toBe(false);
      expect(decodeJwt(minted.stdout.trim()).email).toBe(email);
    },
  );
});

/**
 * A mistyped DATA_DIR made a new secret there and minted with it, exiting 0; the server, with its
 * own secret, then answered every request with 401. A new secret is made only where a server has
 * run (its stores are there).
 */
describe('casetrail token and the DATA_DIR it takes its secret from', () => {
  const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'casetrail-token-data-dir-'));
  afterAll(() => fs.rmSync(parent, { recursive: true, force: true }));
  let runs = 0;
  const dataDir = () => path.join(parent, `data-${++runs}`);

  it.each([
    ['does not exist', (_dir: string) => undefined],
    ['holds no event store', (dir: string) => fs.mkdirSync(dir)],
  ])('refuses a DATA_DIR that %s, naming it, and makes no secret there', async (absence, prepare) => {
    const dir = dataDir();
    prepare(dir);
    const run = await tokenWith({ DATA_DIR: dir });
    expect(run.refused).toBe(true);
    expect(run.stdout).toBe('');
    expect(run.error?.message).toContain(`DATA_DIR ${dir} ${absence}`);
    expect(run.error?.message).toContain('set AUTH_JWT_SECRET');
    expect(fs.existsSync(path.join(dir, 'auth-jwt-secret'))).toBe(false);
  });

  it('makes the secret beside an event store a server created, and mints with it', async () => {
    const dir = dataDir();
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'events.sqlite'), '');
    const run = await tokenWith({ DATA_DIR: dir });
    expect(run.refused).toBe(false);
    const secret = fs.readFileSync(path.join(dir, 'auth-jwt-secret'), 'utf8');
    await expect(jwtVerify(run.stdout.trim(), new TextEncoder().encode(secret))).resolves.toBeDefined();
  });

  it('uses a secret a server already keeps there, whatever else the folder holds', async () => {
    const dir = dataDir();
    fs.mkdirSync(dir);
    const kept = 'a-secret-a-server-made-of-64-characters-'.padEnd(64, 'x');
    fs.writeFileSync(path.join(dir, 'auth-jwt-secret'), kept, { mode: 0o600 });
    const run = await tokenWith({ DATA_DIR: dir });
    expect(run.refused).toBe(false);
    await expect(jwtVerify(run.stdout.trim(), new TextEncoder().encode(kept))).resolves.toBeDefined();
  });

  it('refuses a secret file that is too short, naming it, instead of signing with it', async () => {
    const dir = dataDir();
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'events.sqlite'), '');
    fs.writeFileSync(path.join(dir, 'auth-jwt-secret'), 'abc', { mode: 0o600 });
    const run = await tokenWith({ DATA_DIR: dir });
    expect(run.refused).toBe(true);
    expect(run.stdout).toBe('');
    expect(run.error?.message).toContain(
      `the token secret file ${path.join(dir, 'auth-jwt-secret')} must hold at least 32 characters`,
    );
  });

  it('needs no DATA_DIR at all with AUTH_JWT_SECRET set', async () => {
    const dir = dataDir();
    const run = await tokenWith({ DATA_DIR: dir, AUTH_JWT_SECRET: SECRET });
    expect(run.refused).toBe(false);
    await expect(jwtVerify(run.stdout.trim(), new TextEncoder().encode(SECRET))).resolves.toBeDefined();
    expect(fs.existsSync(dir)).toBe(false);
  });

  it('with EVENTSTORE_URL alone, looks for the read models a server keeps in DATA_DIR', async () => {
    const dir = dataDir();
    fs.mkdirSync(dir);
    const env = { DATA_DIR: dir, EVENTSTORE_URL: 'esdb://localhost:2113?tls=false' };
    const refused = await tokenWith(env);
    expect(refused.error?.message).toContain(`DATA_DIR ${dir} holds no read models (readmodels.sqlite)`);
    fs.writeFileSync(path.join(dir, 'readmodels.sqlite'), '');
    expect((await tokenWith(env)).refused).toBe(false);
  });
});

/**
 * The README's CLI section: `token` refuses what is not an address with exit code 2, as for any
 * usage error. An unknown role, a lifetime that is not one and a missing --email exited 1.
 */
describe('casetrail token usage errors', () => {
  it.each([
    ['an unknown role', ['-e', 'eve@vendor.example', '--roles', 'superuser'], 'unknown role "superuser"'],
    [
      'a lifetime that is not one',
      ['-e', 'eve@vendor.example', '--expires', 'banana'],
      'must be a positive duration',
    ],
    ['no --email', ['--roles', 'engineer'], "required option '-e, --email <email>' not specified"],
    ['an unknown option', ['-e', 'eve@vendor.example', '--role', 'engineer'], "unknown option '--role'"],
    ['an address that is not one', ['-e', 'eve'], '"eve" is not an email address'],
  ])('%s: exit code 2, saying why, and nothing minted', async (_what, args, why) => {
    const refused = await tokenRun({ AUTH_JWT_SECRET: SECRET }, args);
    expect(refused).toMatchObject({ refused: true, stdout: '', error: { exitCode: 2 } });
    expect(refused.stderr).toContain(why);
  });

  it('--help still exits 0', async () => {
    const help = await tokenRun({ AUTH_JWT_SECRET: SECRET }, ['--help']);
    expect(help.error).toMatchObject({ exitCode: 0 });
    expect(help.stdout).toContain('--email <email>');
  });
});
