import { Command } from 'commander';
import { registerExportCommand } from './audit/export.command';
import { registerBackupCommand } from './backup/backup.command';
import { registerPolicyCommand } from './audit/policy.command';
import { registerReplayCommand } from './audit/replay.command';
import { registerVerifyCommand } from './audit/verify.command';
import { registerDemoDataCommand } from './demo-data.command';
import { registerRebuildCommand } from './projections/rebuild.command';
import { registerVerifyProjectionsCommand } from './projections/verify-projections.command';
import { registerRestoreCommand } from './restore/restore.command';
import { registerReceiptCommands } from './receipts/receipt.command';

/** The auditor's and operator's commands over the log and the read models. */
export function registerAuditAndOperationsCommands(program: Command): void {
  registerRebuildCommand(program);
  registerVerifyProjectionsCommand(program);
  registerReplayCommand(program);
  registerExportCommand(program);
  registerPolicyCommand(program);
  registerVerifyCommand(program);
  registerReceiptCommands(program);
  registerDemoDataCommand(program);
  registerBackupCommand(program);
  registerRestoreCommand(program);
}
