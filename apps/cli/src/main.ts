#!/usr/bin/env node
import 'reflect-metadata';
import { Command } from 'commander';
import { registerAuditAndOperationsCommands } from './commands/audit-and-operations.commands';
import { registerNotificationsCommands } from './commands/notifications.command';
import { registerServeCommands } from './commands/serve.command';
import { registerTokenCommand } from './commands/token.command';

/**
 * `casetrail`: the operator's and auditor's entry point. Each command lives in its own file under
 * commands/ and registers itself here.
 */
const program = new Command()
  .name('casetrail')
  .description('Casetrail: event-sourced support case management (operator and auditor commands)')
  .showHelpAfterError();

registerServeCommands(program);
registerTokenCommand(program);
registerNotificationsCommands(program);
registerAuditAndOperationsCommands(program);

program.parseAsync(process.argv).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
