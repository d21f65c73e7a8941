import { Command } from 'commander';
import { decodeJwt } from 'jose';
import { registerTokenCommand } from './token.command';

const SECRET = 'test-secret-that-is-long-enough-for-hs256';

/** Runs `casetrail token <args>` in this process: what it printed, or commander's refusal. */
async function token(...args: string[]): Promise<{ stdout: string; stderr: string; refused: boolean }> {
  const saved = { ...process.env };
  // A secret of its own: no DATA_DIR, no secret file written.
  Object.assign(process.env, { AUTH_JWT_SECRET: SECRET });
  delete process.env.AUTH_JWKS_URL;
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
    await program.parseAsync(['token', '-e', 'eve@vendor.example', ...args], { from: 'user' });
    return { stdout, stderr, refused: false };
  } catch {
    return { stdout, stderr, refused: true };
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
