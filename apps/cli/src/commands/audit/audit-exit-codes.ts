import { CommanderError, type Command } from 'commander';

/**
 * The exit codes of the auditor's checks (`verify`, `verify-projections`, `replay`, `export`), so a
 * cron job can tell "tampered" from "misconfigured": 1 only for what they found in the evidence, 2
 * for anything that kept them from looking at it.
 */
export const EXIT_EVIDENCE_FOUND = 1;
export const EXIT_COULD_NOT_CHECK = 2;

export const AUDIT_EXIT_CODES_HELP = `
Exit codes:
  0  checked: no sign of tampering or of lost events
  1  evidence of tampering or lost events found (named in the output), a stored event that
     cannot be read (its data or metadata not JSON) included: the rest is still checked
  2  could not check: a usage error (unknown option, missing argument, no such case, an
     existing output file), or a configuration or store that cannot be read (DATA_DIR missing or
     without an event store, a damaged file, a server out of reach)

The stores are opened read-only: checking a backup's folder changes none of its files.`;

/** A check that could not be made: its message says why; the process exits with 2. */
export class CouldNotCheck extends Error {
  readonly exitCode = EXIT_COULD_NOT_CHECK;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'CouldNotCheck';
  }
}

/**
 * Gives an auditor's command its exit codes: documented in its `--help`, and commander's usage
 * errors (which commander prints itself) exit with 2 instead of 1. `onUsageError` runs first, for a
 * command whose output must stay machine-readable (`verify --json`).
 */
export function withAuditExitCodes(
  command: Command,
  onUsageError?: (error: CommanderError) => void,
  help = AUDIT_EXIT_CODES_HELP,
): Command {
  return command.addHelpText('after', help).exitOverride((error) => {
    // `--help` and the like end with 0; let them.
    if (error.exitCode === 0) throw error;
    onUsageError?.(error);
    throw new CommanderError(EXIT_COULD_NOT_CHECK, error.code, error.message);
  });
}

/**
 * An auditor's action whose failures exit with 2: what they find is never thrown (they set exit
 * code 1 and finish), so anything thrown kept them from checking (no event store, a damaged file,
 * no such case).
 */
export function failuresExitWith2<Args extends unknown[]>(
  action: (...args: Args) => Promise<void>,
): (...args: Args) => Promise<void> {
  return async (...args) => {
    try {
      await action(...args);
    } catch (error) {
      throw couldNotCheck(error);
    }
  };
}

export function couldNotCheck(error: unknown): CouldNotCheck {
  if (error instanceof CouldNotCheck) return error;
  return new CouldNotCheck(error instanceof Error ? error.message : String(error), { cause: error });
}

/** The process's exit code for an error that ended a command: 1 unless it carries its own. */
export function exitCodeOf(error: unknown): number {
  return error instanceof CommanderError || error instanceof CouldNotCheck ? error.exitCode : 1;
}
