#!/usr/bin/env node
import 'reflect-metadata';
import { Command, CommanderError } from 'commander';
import { currentRelease, describeRelease } from '../../api/src/release/release';
import { exitCodeOf } from './commands/audit/audit-exit-codes';
import { registerAuditAndOperationsCommands } from './commands/audit-and-operations.commands';
import { registerNotificationsCommands } from './commands/notifications.command';
import { registerServeCommands } from './commands/serve.command';
import { registerTokenCommand } from './commands/token.command';
import { fatalLine } from './commands/shared/fatal-line';
import { finishQuietlyWhenReaderStops } from './commands/shared/reader-gone';

/**
 * `casetrail`: the operator's and auditor's entry point. Each command lives in its own file under
 * commands/ and registers itself here.
 */
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

// `casetrail replay <id> | head`: a reader that stops early is not an error (see reader-gone.ts).
// stderr too, for `2>&1 | head`.
finishQuietlyWhenReaderStops(process.stdout);
finishQuietlyWhenReaderStops(process.stderr);

registerServeCommands(program);
registerTokenCommand(program);
registerNotificationsCommands(program);
registerAuditAndOperationsCommands(program);

program.parseAsync(process.argv).catch((error: unknown) => {
  // Commander printed its own errors (usage, help) before a command's exit override threw them.
  if (!(error instanceof CommanderError))
    console.error(fatalLine(error instanceof Error ? error.message : String(error)));
  // 1, unless the error says otherwise (the auditor's checks: 2 when they could not check).
  process.exit(exitCodeOf(error));
});
