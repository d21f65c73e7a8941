import { Command, Help, type Option } from 'commander';
import { currentRelease, describeRelease } from '../../api/src/release/release';
import { registerAuditAndOperationsCommands } from './commands/audit-and-operations.commands';
import { registerNotificationsCommands } from './commands/notifications.command';
import { registerServeCommands } from './commands/serve.command';
import { registerTokenCommand } from './commands/token.command';

/**
 * `casetrail` with every command registered, not yet parsing: main.ts runs it, and the spec reads
 * each command's help from it. Each command lives in its own file under commands/.
 */
export function casetrailProgram(): Command {
  const program = new Command()
    .name('casetrail')
    .description('Casetrail: event-sourced support case management (operator and auditor commands)')
    // Commander's -V, --version: the release /health and the start-up log name too.
    .version(
      `casetrail ${describeRelease(currentRelease())}`,
      '-V, --version',
      'print the release: the version and the git commit it was built from',
    )
    .showHelpAfterError()
    // Set before the commands are added: each command created by .command() inherits it.
    .configureHelp({ optionDescription: describeOptionWithoutOffDefault });
  registerServeCommands(program);
  registerTokenCommand(program);
  registerNotificationsCommands(program);
  registerAuditAndOperationsCommands(program);
  return program;
}

/**
 * Commander's description of an option, without "(default: false)" after a flag (--json, --dead):
 * a flag is off unless given, so it said nothing. Other defaults (--limit's 100) still show, and the
 * flag still reads false when not given: only the help leaves the default out.
 */
function describeOptionWithoutOffDefault(this: Help, option: Option): string {
  if (!(option.isBoolean() && option.defaultValue === false))
    return Help.prototype.optionDescription.call(this, option);
  const withoutDefault = Object.assign(
    Object.create(Object.getPrototypeOf(option) as object) as Option,
    option,
    {
      defaultValue: undefined,
    },
  );
  return Help.prototype.optionDescription.call(this, withoutDefault);
}
