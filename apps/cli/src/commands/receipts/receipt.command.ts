import { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { LOG_DIGEST_RULE, LogDigest, type LogDigestMark } from '@casetrail/eventstore';
import { systemClock } from '../../../../api/src/runtime/runtime';
import {
  CouldNotCheck,
  EXIT_COULD_NOT_CHECK,
  EXIT_EVIDENCE_FOUND,
  failuresExitWith2,
  withAuditExitCodes,
} from '../audit/audit-exit-codes';
import { isUnreadable } from '../audit/evidence-log';
import { withEvidence } from '../shared/evidence-session';
import { integerOption } from '../shared/integer-option';
import { progressBar } from '../shared/progress-bar';
import { readWholeLog } from '../shared/runtime-session';
import { parseReceipt, receiptOf } from './log-receipt';
import { describeReceiptVerdict, inconsistencyMessage, ReceiptCheck, verdictJson } from './receipt-check';

/** Events read at a time, as the other checks read the log. */
const READ_BATCH = 1_000;

/** Checkpoints every this many events by default: some 100 of them per million events, 13 KB. */
const DEFAULT_EVERY = 10_000;

const RECEIPT_HELP = `
A receipt is the log's digest at its head and every --every events before it. The digest:
${LOG_DIGEST_RULE}.
Keep receipts where whoever can write DATA_DIR cannot (mail them to the auditors, a write-once
bucket): later, check-receipt shows any change to the log before the receipt's end, even one whose
hash chain was computed again.
  casetrail receipt > receipt-$(date -u +%Y%m%dT%H%M%SZ).json`;

const RECEIPT_EXIT_CODES_HELP = `
Exit codes:
  0  the receipt was printed
  2  no receipt could be made: a usage error, a DATA_DIR without an event store, or a stored
     event that cannot be read (\`casetrail verify\` names it), over which no digest can be computed`;

const CHECK_RECEIPT_EXIT_CODES_HELP = `
Exit codes:
  0  the log up to the receipt's end is exactly as the receipt recorded it
  1  it is not: the first stretch that changed is named
  2  could not check: a usage error, a receipt that cannot be read or contradicts itself, or a
     DATA_DIR without an event store`;

/**
 * `receipt`: the log's digest, for safekeeping outside Casetrail; `check-receipt <file>`: the log
 * against one. Hash chains show an edited event only until someone computes its stream's chain
 * again; a receipt kept elsewhere shows that too (see `LogDigest`).
 */
export function registerReceiptCommands(program: Command): void {
  withAuditExitCodes(program.command('receipt'), undefined, RECEIPT_EXIT_CODES_HELP)
    .description(
      "Print a receipt of the event log (its digest, with checkpoints) to keep outside Casetrail's reach",
    )
    .option(
      '--every <events>',
      'a checkpoint every this many events',
      integerOption({ minimum: 1 }),
      DEFAULT_EVERY,
    )
    .addHelpText('after', RECEIPT_HELP)
    .action(
      // Exit 2 whenever no receipt could be made: no event store, or a row that cannot be read
      // (what `verify` names), over which no digest can be computed.
      failuresExitWith2(async (options: { every: number }) => {
        const receipt = await withEvidence('none', async ({ eventStore }) => {
          const digest = new LogDigest();
          const marks: LogDigestMark[] = [];
          const progress = progressBar('receipt', await eventStore.headPosition());
          for await (const batch of readWholeLog(eventStore)) {
            for (const event of batch) {
              digest.accept(event);
              if (digest.events % options.every === 0) marks.push(digest.mark());
            }
            progress.update(batch[batch.length - 1].position);
          }
          progress.stop();
          return receiptOf(systemClock.now().toISOString(), marks, digest.mark());
        });
        process.stdout.write(`${JSON.stringify(receipt, null, 2)}\n`);
      }),
    );

  const check = program.command('check-receipt').argument('<file>', 'a receipt `casetrail receipt` printed');
  withAuditExitCodes(
    check,
    (error) => {
      if (check.opts<{ json?: boolean }>().json) writeJsonError(error.message);
    },
    CHECK_RECEIPT_EXIT_CODES_HELP,
  )
    .description(
      'Check the event log against a receipt: name the first stretch that changed (exit 1 if any did, 2 if it could not check)',
    )
    .option('--json', 'print the verdict as JSON', false)
    .addHelpText('after', `\nThe digest: ${LOG_DIGEST_RULE}.`)
    .action(
      failuresExitWith2(async (file: string, options: { json: boolean }) => {
        try {
          await checkReceipt(file, options);
        } catch (error) {
          if (options.json) writeJsonError(error instanceof Error ? error.message : String(error));
          throw error;
        }
      }),
    );
}

async function checkReceipt(file: string, options: { json: boolean }): Promise<void> {
  const receipt = parseReceipt(readReceiptFile(file), file);
  const { verdict, head } = await withEvidence('none', async ({ log }) => {
    const check = new ReceiptCheck(receipt);
    const digest = new LogDigest();
    const progress = progressBar('check-receipt', receipt.position);
    // A receipt of an empty log is settled before the first event.
    let found = check.after(digest);
    for (let after = 0; !found;) {
      const entries = await log.readAll(after, READ_BATCH);
      if (entries.length === 0) break;
      for (const entry of entries) {
        // A row that cannot be read was readable when the receipt was issued: changed since.
        if (isUnreadable(entry)) found = check.unreadable(entry);
        else {
          digest.accept(entry);
          found = check.after(digest);
        }
        if (found) break;
      }
      after = entries[entries.length - 1].position;
      progress.update(Math.min(after, receipt.position));
    }
    progress.stop();
    return { verdict: found ?? check.atEnd(digest), head: await log.headPosition() };
  });
  if (verdict.kind === 'inconsistent') throw new CouldNotCheck(inconsistencyMessage(verdict));
  if (options.json) process.stdout.write(`${JSON.stringify(verdictJson(verdict, head), null, 2)}\n`);
  else process.stdout.write(`${describeReceiptVerdict(verdict, head).join('\n')}\n`);
  if (verdict.kind === 'differs') process.exitCode = EXIT_EVIDENCE_FOUND;
}

/** What `check-receipt --json` prints when it could not check: still JSON, as `verify --json` does. */
function writeJsonError(message: string): void {
  const error = { intact: null, error: { message }, exitCode: EXIT_COULD_NOT_CHECK };
  process.stdout.write(`${JSON.stringify(error, null, 2)}\n`);
}

function readReceiptFile(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new CouldNotCheck(`Cannot read the receipt ${file}: ${(error as Error).message}`);
  }
}
