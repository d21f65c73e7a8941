import { randomUUID } from 'node:crypto';
import { decodeJwt } from 'jose';
import { openCase } from './support/fault/seed';
import { useSeededTestApp } from './support/fault/seeded-test-app';
import { cli } from './support/run-cli';

/**
 * `casetrail token --accounts` limits a customer's compliance auditor to those accounts. An id that
 * is no account registered in DATA_DIR (a licence id, a case id, a typo) once minted a token whose
 * every list was empty and every report zero, "for your accounts": it is refused, naming it, as a
 * usage error (exit code 2), unless --unchecked-accounts says the token is for another installation.
 */
describe('casetrail token --accounts checks the ids against the accounts registered in DATA_DIR', () => {
  const seeded = useSeededTestApp();
  const mint = (...args: string[]) =>
    cli(seeded.t.dataDir, 'token', '--email', 'audra@acme.example', '--roles', 'auditor', ...args);

  it('mints a token for a registered account, in any case spelling', async () => {
    const minted = await mint('--accounts', seeded.world.accountId.toUpperCase());
    expect(minted.stderr).toBe('');
    expect(minted.code).toBe(0);
    expect(decodeJwt(minted.stdout.trim())).toMatchObject({ casetrail_accounts: [seeded.world.accountId] });
  });

  it('refuses a licence id, a case id and an unknown id with exit code 2, naming each, and mints nothing', async () => {
    const caseId = await openCase(seeded.send, seeded.world);
    const unknown = randomUUID();
    for (const id of [seeded.world.licenceId, caseId, unknown]) {
      const refused = await mint('--accounts', `${seeded.world.accountId},${id}`);
      expect({ id, code: refused.code, stdout: refused.stdout }).toEqual({ id, code: 2, stdout: '' });
      expect(refused.stderr).toContain(`no account is registered as ${id} in DATA_DIR`);
      expect(refused.stderr).not.toContain(`as ${seeded.world.accountId}`);
    }
  });

  it('mints for an id registered elsewhere only with --unchecked-accounts', async () => {
    const elsewhere = randomUUID();
    const minted = await mint('--accounts', elsewhere, '--unchecked-accounts');
    expect(minted.code).toBe(0);
    expect(decodeJwt(minted.stdout.trim())).toMatchObject({ casetrail_accounts: [elsewhere] });
  });
});
