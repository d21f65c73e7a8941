import type { Command } from 'commander';
import { ALL_PROJECTIONS } from '@casetrail/readmodels/all-projections';
import { casetrailProgram } from './program';

/**
 * Every command's `--help` is its reference: the README's command table names the commands, and
 * each help lists what it takes, argument and option alike, with a line saying what it is. The
 * arguments (a case id, a projection, a folder) had no line: `rebuild --help` did not say which
 * projections there are, nor `restore --help` what folder it wants.
 */
describe('casetrail --help', () => {
  const program = casetrailProgram();
  const commands: [string, Command][] = program.commands.map((command) => [command.name(), command]);

  it.each(commands)('of %s says what it does and describes each argument and option', (_name, command) => {
    expect(command.description()).toMatch(/\S/);
    const help = command.helpInformation();
    for (const argument of command.registeredArguments) {
      expect([argument.name(), argument.description]).toEqual([argument.name(), expect.stringMatching(/\S/)]);
      expect(help).toContain(`Arguments:`);
      expect(help).toMatch(new RegExp(`\\n  ${argument.name()}\\s+\\S`));
    }
    for (const option of command.options) {
      expect([option.flags, option.description]).toEqual([
        option.flags,
        expect.stringMatching(/^[^\n]*\S[^\n]*$/),
      ]);
      expect(help).toContain(option.flags);
    }
  });

  // A flag is off unless given: "(default: false)" beside --json and the like said nothing.
  it.each(commands)('of %s prints no "(default: false)" beside a flag', (_name, command) => {
    expect(command.helpInformation()).not.toContain('default: false');
  });

  it('keeps the defaults that say something, and a flag not given still reads false', () => {
    const notifications = program.commands.find((command) => command.name() === 'notifications')!;
    const help = notifications.helpInformation();
    expect(help).toMatch(/--limit <n>\s+at most this many dead letters \(default: 100\)/);
    expect(help).toMatch(/--json\s+print JSON\n/);
    expect(notifications.options.find((option) => option.long === '--json')!.defaultValue).toBe(false);
  });

  it('names the projections `rebuild` and `verify-projections` take', () => {
    for (const name of ['rebuild', 'verify-projections']) {
      const help = program.commands.find((command) => command.name() === name)!.helpInformation();
      const names = ALL_PROJECTIONS.map((projection) => projection.name).join(', ');
      expect(help.replace(/\s+/g, ' ')).toContain(`(${names})`);
    }
  });
});
