import { Command, CommanderError } from 'commander';
import {
  AUDIT_EXIT_CODES_HELP,
  CouldNotCheck,
  exitCodeOf,
  failuresExitWith2,
  withAuditExitCodes,
} from './audit-exit-codes';

/** `casetrail check <caseId> [--json]`, an auditor's command, with what commander writes captured. */
function cli(action: (caseId: string) => Promise<void> = async () => {}) {
  const written = { out: '', err: '' };
  const usageErrors: string[] = [];
  const program = new Command('casetrail').configureOutput({
    writeOut: (text) => (written.out += text),
    writeErr: (text) => (written.err += text),
  });
  withAuditExitCodes(program.command('check <caseId>'), (error) => usageErrors.push(error.code))
    .option('--json', 'print JSON', false)
    .action(failuresExitWith2(action));
  const run = (...args: string[]) => program.parseAsync(['node', 'casetrail', 'check', ...args]);
  return { run, written, usageErrors };
}

async function exitCodeOfRun(run: Promise<unknown>): Promise<number> {
  try {
    await run;
    return 0;
  } catch (error) {
    return exitCodeOf(error);
  }
}

describe("the auditor's exit codes", () => {
  it('are 2 for usage errors, which commander still prints', async () => {
    const unknown = cli();
    expect(await exitCodeOfRun(unknown.run('c1', '--bogus'))).toBe(2);
    expect(unknown.written.err).toContain("unknown option '--bogus'");
    expect(unknown.usageErrors).toEqual(['commander.unknownOption']);

    const missing = cli();
    expect(await exitCodeOfRun(missing.run())).toBe(2);
    expect(missing.written.err).toContain("missing required argument 'caseId'");
    expect(await exitCodeOfRun(cli().run('c1', 'c2'))).toBe(2);
  });

  it('are 2 when the check could not be made (it throws), 0 when it ran, whatever it found', async () => {
    const failing = cli(async () => {
      throw new Error('DATA_DIR /nowhere does not exist');
    });
    const thrown = await failing.run('c1').catch((error: unknown) => error);
    expect(thrown).toBeInstanceOf(CouldNotCheck);
    expect(thrown).toMatchObject({ message: 'DATA_DIR /nowhere does not exist', exitCode: 2 });
    // Tampering found is no failure: the command sets exit code 1 itself and ends normally.
    expect(await exitCodeOfRun(cli().run('c1'))).toBe(0);
  });

  it('are listed in --help, which ends with 0', async () => {
    const help = cli();
    expect(await exitCodeOfRun(help.run('--help'))).toBe(0);
    expect(help.written.out).toContain(AUDIT_EXIT_CODES_HELP.trim());
    expect(help.written.out).toContain('1  evidence of tampering or lost events found');
    expect(help.written.out).toContain('2  could not check');
  });

  it('leave errors of other commands at 1', () => {
    expect(exitCodeOf(new Error('boom'))).toBe(1);
    expect(exitCodeOf(new CommanderError(1, 'commander.unknownOption', 'x'))).toBe(1);
  });
});
