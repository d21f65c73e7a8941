import { Command } from 'commander';
import { withEvidence } from '../shared/evidence-session';
import { progressBar } from '../shared/progress-bar';
import {
  EXIT_COULD_NOT_CHECK,
  EXIT_EVIDENCE_FOUND,
  failuresExitWith2,
  withAuditExitCodes,
} from './audit-exit-codes';
import { ChainWalker } from './chain-walker';
import { findLostStreamEnds, ownersOfDeletedRuns } from './lost-stream-ends';
import { explainMissingPositions, MissingPositionFinder } from './missing-positions';
import { crossCheckReadModels } from './removed-tails';
import { isIntact, verdictJson, verdictText, type Verdict } from './verify-report';

/**
 * `verify`: walks every event of every stream and checks the hash chains (tamper evidence). Prints
 * the first broken link of each damaged stream, naming stream and revision, and exits with 1 when
 * any is found. A stream the log does not hold in revision order is judged afterwards on its events
 * read in revision order, as `replay` judges it: an event whose position was changed is named as
 * moved (its chain may be whole), not as missing. On SQLite, whose log has no gaps, a missing
 * position is an event deleted from the middle of the log, unless a moved event explains it. Then
 * compares the log with what the read models were built from, which shows events removed from the
 * end of a stream or of the log (a shorter chain is still whole), and an event a case's row applied
 * that is no longer at its revision (a chain computed again). A row that cannot be read (its data
 * or metadata is not JSON) is evidence too: named, its stream's chain unproven from there, and the
 * rest of the log checked all the same. Exits with 1 when it finds any of this, with 2 when it
 * cannot look (`--json` prints an error object then).
 */
export function registerVerifyCommand(program: Command): void {
  const command = program.command('verify');
  withAuditExitCodes(command, (error) => {
    if (command.opts<{ json?: boolean }>().json) writeJsonError('usage', error.message);
  })
    .description(
      'Verify every hash chain, and the log against the read models; name what broke (exit 1 if anything did, 2 if it could not check)',
    )
    .option('--json', 'print the result as JSON (an error object when it could not check)', false)
    .action(
      failuresExitWith2(async (options: { json: boolean }) => {
        try {
          await verifyLog(options);
        } catch (error) {
          if (options.json)
            writeJsonError('could-not-check', error instanceof Error ? error.message : String(error));
          throw error;
        }
      }),
    );
}

/** What `verify --json` prints when it could not check: still JSON, for whatever reads it. */
function writeJsonError(kind: 'usage' | 'could-not-check', message: string): void {
  const error = { intact: null, error: { kind, message }, exitCode: EXIT_COULD_NOT_CHECK };
  process.stdout.write(`${JSON.stringify(error, null, 2)}\n`);
}

async function verifyLog(options: { json: boolean }): Promise<void> {
  const verdict = await withEvidence('optional', async (evidence): Promise<Verdict> => {
    const { log, readModels } = evidence;
    const walker = new ChainWalker();
    const positions = evidence.gaplessPositions ? new MissingPositionFinder() : undefined;
    const head = await log.headPosition();
    const progress = progressBar('verify', head);
    for await (const batch of log.entries()) {
      for (const entry of batch) {
        walker.accept(entry);
        // A row that cannot be read still holds its position: nothing was deleted there.
        positions?.accept(entry.position);
      }
      progress.update(batch[batch.length - 1].position);
    }
    progress.stop();
    await walker.recheck((stream) => log.readStream(stream));
    const explained = positions ? explainMissingPositions(positions.missing, walker.moved) : undefined;
    const crossCheck = readModels
      ? await crossCheckReadModels(readModels, log, (stream) => walker.lastEvent(stream))
      : undefined;
    const deleted = explained?.deleted ?? [];
    // Which streams the deleted events were of, where the read models tell: they lost their end.
    const lostEnds =
      readModels && crossCheck && deleted.length > 0
        ? await findLostStreamEnds(log, readModels, crossCheck.removed)
        : [];
    return {
      walker,
      missing: ownersOfDeletedRuns(deleted, lostEnds),
      missingCount: explained?.deletedCount ?? 0,
      moved: explained?.moved ?? walker.moved,
      crossCheck,
      readModelsLocation: evidence.readModelsLocation,
    };
  });
  process.stdout.write(options.json ? verdictJson(verdict) : verdictText(verdict));
  if (!isIntact(verdict)) process.exitCode = EXIT_EVIDENCE_FOUND;
}
