import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cli } from './support/run-cli';

/**
 * The auditor's checks exit with 1 only for what they find in the evidence (see the tamper suites)
 * and with 2 when they could not look at it, so a cron job can tell "tampered" from
 * "misconfigured": usage errors, a DATA_DIR that is missing or holds no event store, a damaged
 * events file. `verify --json` still prints JSON then.
 */
describe("casetrail's audit commands: exit 2 when they could not check", () => {
  let parent: string;
  let missing: string;
  let empty: string;
  let corrupt: string;
  const CASE = '0190a5c2-0000-7000-8000-000000000001';
  const checks = [['verify'], ['verify-projections'], ['replay', CASE], ['export', CASE, '-o', '-']];

  beforeAll(() => {
    parent = fs.mkdtempSync(path.join(os.tmpdir(), 'casetrail-exit-codes-'));
    missing = path.join(parent, 'no-such-dir');
    empty = fs.mkdtempSync(path.join(parent, 'empty-'));
    corrupt = fs.mkdtempSync(path.join(parent, 'corrupt-'));
    // Not an SQLite file at all: what a truncated copy or a stray write leaves.
    fs.writeFileSync(path.join(corrupt, 'events.sqlite'), Buffer.alloc(8192, 0x5a));
  });

  afterAll(() => fs.rmSync(parent, { recursive: true, force: true }));

  it('for a missing DATA_DIR, an empty one, and a damaged events file', async () => {
    for (const args of checks) {
      for (const [dataDir, says] of [
        [missing, `DATA_DIR ${missing} does not exist`],
        [empty, `No event store at ${path.join(empty, 'events.sqlite')}`],
        [corrupt, path.join(corrupt, 'events.sqlite')],
      ]) {
        const result = await cli(dataDir, ...args);
        expect({ args, dataDir, code: result.code }).toEqual({ args, dataDir, code: 2 });
        expect(result.stderr).toContain(says);
      }
    }
  }, 180_000);

  it('for usage errors: unknown options, missing or extra arguments', async () => {
    for (const args of [
      ['verify', '--bogus'],
      ['verify-projections', '--bogus'],
      ['verify', 'extra'],
      ['replay'],
      ['replay', CASE, '--bogus'],
      ['export'],
      ['export', CASE, '--bogus'],
    ]) {
      const result = await cli(empty, ...args);
      expect({ args, code: result.code }).toEqual({ args, code: 2 });
      expect(result.stderr).toMatch(/error: (unknown option|missing required argument|too many arguments)/);
    }
  }, 120_000);

  it('verify --json prints an error object when the store cannot be opened, or the options are wrong', async () => {
    const unopened = await cli(missing, 'verify', '--json');
    expect(unopened.code).toBe(2);
    expect(JSON.parse(unopened.stdout)).toEqual({
      intact: null,
      error: {
        kind: 'could-not-check',
        message: expect.stringContaining(`DATA_DIR ${missing} does not exist`),
      },
      exitCode: 2,
    });
    const misused = await cli(missing, 'verify', '--json', '--bogus');
    expect(misused.code).toBe(2);
    expect(JSON.parse(misused.stdout)).toMatchObject({ intact: null, error: { kind: 'usage' }, exitCode: 2 });
  }, 60_000);

  it('each documents its exit codes in --help', async () => {
    for (const [command] of checks) {
      const help = await cli(empty, command, '--help');
      expect({ command, code: help.code }).toEqual({ command, code: 0 });
      expect(help.stdout).toContain('Exit codes:');
      expect(help.stdout).toContain('1  evidence of tampering or lost events found');
      expect(help.stdout).toContain('2  could not check');
    }
  }, 60_000);
});
