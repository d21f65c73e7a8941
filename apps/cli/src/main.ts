#!/usr/bin/env node
import 'reflect-metadata';
import { CommanderError } from 'commander';
import { exitCodeOf } from './commands/audit/audit-exit-codes';
import { fatalLine } from './commands/shared/fatal-line';
import { finishQuietlyWhenReaderStops } from './commands/shared/reader-gone';
import { casetrailProgram } from './program';

/** `casetrail`: the operator's and auditor's entry point (the commands: program.ts). */
const program = casetrailProgram();

// `casetrail replay <id> | head`: a reader that stops early is not an error (see reader-gone.ts).
// stderr too, for `2>&1 | head`.
finishQuietlyWhenReaderStops(process.stdout);
finishQuietlyWhenReaderStops(process.stderr);

program.parseAsync(process.argv).catch((error: unknown) => {
  // Commander printed its own errors (usage, help) before a command's exit override threw them.
  if (!(error instanceof CommanderError))
    console.error(fatalLine(error instanceof Error ? error.message : String(error)));
  // 1, unless the error says otherwise (the auditor's checks: 2 when they could not check).
  process.exit(exitCodeOf(error));
});
