import { Command } from 'commander';
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
    .showHelpAfterError();
  registerServeCommands(program);
  registerTokenCommand(program);
  registerNotificationsCommands(program);
  registerAuditAndOperationsCommands(program);
  return program;
}
