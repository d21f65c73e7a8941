import { Command } from 'commander';
import { withEvidence } from '../shared/evidence-session';
import { progressBar } from '../shared/progress-bar';
import { readWholeLog } from '../shared/runtime-session';
import { ChainWalker, describeBrokenLink } from './chain-walker';
import {
  describeMissingPositions,
  explainMissingPositions,
  MissingPositionFinder,
  type DeletedPositions,
} from './missing-positions';
import { describeMovedEvent, type MovedEvent } from './moved-events';
import {
  crossCheckReadModels,
  describeChangedEvent,
  describeRemovedTail,
  type ReadModelCrossCheck,
} from './removed-tails';

/** Ranges of missing positions, and moved events, printed at most (`--json` has them all). */
const MISSING_RANGES_LISTED = 20;

interface Verdict {
  walker: ChainWalker;
  /**
   * Positions missing from a log that numbers its events without gaps (SQLite), where events were
   * deleted (not those a moved event explains); empty elsewhere.
   */
  missing: readonly DeletedPositions[];
  /** How many events were deleted there. */
  missingCount: number;
  /** Events the log holds out of their stream's order: their positions were changed. */
  moved: readonly MovedEvent[];
  /** Undefined when there are no read models to compare with. */
  crossCheck?: ReadModelCrossCheck;
  readModelsLocation: string;
}

/**
 * `verify`: walks every event of every stream and checks the hash chains (tamper evidence). Prints
 * the first broken link of each damaged stream, naming stream and revision, and exits with 1 when
 * any is found. A stream the log does not hold in revision order is judged afterwards on its events
 * read in revision order, as `replay` judges it: an event whose position was changed is named as
 * moved (its chain may be whole), not as missing. On SQLite, whose log has no gaps, a missing
 * position is an event deleted from the middle of the log, unless a moved event explains it. Then
 * compares the log with what the read models were built from, which shows events removed from the
 * end of a stream or of the log (a shorter chain is still whole), and an event a case's row applied
 * that is no longer at its revision (a chain computed again).
 */
export function registerVerifyCommand(program: Command): void {
  program
    .command('verify')
    .description(
      'Verify every hash chain, and the log against the read models; name what broke (exit 1 if anything did)',
    )
    .option('--json', 'print the result as JSON', false)
    .action(async (options: { json: boolean }) => {
      const verdict = await withEvidence('optional', async (evidence): Promise<Verdict> => {
        const { eventStore, readModels } = evidence;
        const walker = new ChainWalker();
        const positions = evidence.gaplessPositions ? new MissingPositionFinder() : undefined;
        const head = await eventStore.headPosition();
        const progress = progressBar('verify', head);
        for await (const batch of readWholeLog(eventStore)) {
          for (const event of batch) {
            walker.accept(event);
            positions?.accept(event.position);
          }
          progress.update(batch[batch.length - 1].position);
        }
        progress.stop();
        await walker.recheck((stream) => eventStore.readStream(stream));
        const explained = positions ? explainMissingPositions(positions.missing, walker.moved) : undefined;
        const crossCheck = readModels
          ? await crossCheckReadModels(readModels, eventStore, (stream) => walker.lastEvent(stream))
          : undefined;
        return {
          walker,
          missing: explained?.deleted ?? [],
          missingCount: explained?.deletedCount ?? 0,
          moved: explained?.moved ?? walker.moved,
          crossCheck,
          readModelsLocation: evidence.readModelsLocation,
        };
      });
      const { walker, missing, moved, crossCheck } = verdict;
      const removed = crossCheck?.removed ?? [];
      const changed = crossCheck?.changed ?? [];
      const intact =
        walker.broken.length === 0 &&
        moved.length === 0 &&
        missing.length === 0 &&
        removed.length === 0 &&
        changed.length === 0;
      if (options.json) {
        const { events, streams, broken } = walker;
        const readModelsCompared = crossCheck !== undefined;
        process.stdout.write(
          `${JSON.stringify({ intact, events, streams, broken, moved, missingPositions: missing, removed, changed, readModelsCompared }, null, 2)}\n`,
        );
      } else {
        const lines = [
          ...walker.broken.map((link) => `BROKEN ${describeBrokenLink(link)}`),
          ...moved.slice(0, MISSING_RANGES_LISTED).map((event) => `MOVED ${describeMovedEvent(event)}`),
          ...(moved.length > MISSING_RANGES_LISTED
            ? [
                `MOVED ... and ${moved.length - MISSING_RANGES_LISTED} more events out of order (--json lists them all)`,
              ]
            : []),
          ...missing
            .slice(0, MISSING_RANGES_LISTED)
            .map((range) => `REMOVED ${describeMissingPositions(range)}`),
          ...(missing.length > MISSING_RANGES_LISTED
            ? [
                `REMOVED ... and ${missing.length - MISSING_RANGES_LISTED} more ranges of missing positions (--json lists them all)`,
              ]
            : []),
          ...removed.map((tail) => `REMOVED ${describeRemovedTail(tail)}`),
          ...changed.map((change) => `CHANGED ${describeChangedEvent(change)}`),
          ...(crossCheck
            ? []
            : [
                `NOTE there are no read models at ${verdict.readModelsLocation}: the log was not compared with what they applied (events removed from the end of a stream or of the log, or replaced, go unseen)`,
              ]),
          summary(verdict),
        ];
        process.stdout.write(`${lines.join('\n')}\n`);
      }
      if (!intact) process.exitCode = 1;
    });
}

function summary({ walker, missingCount, moved, crossCheck }: Verdict): string {
  const { broken, events, streams } = walker;
  const removed = crossCheck?.removed.length ?? 0;
  const changed = crossCheck?.changed.length ?? 0;
  if (broken.length === 0 && moved.length === 0 && missingCount === 0 && removed === 0 && changed === 0)
    return crossCheck
      ? `Verified ${events} events in ${streams} streams: every hash chain is intact, and nothing the read models saw is missing.`
      : `Verified ${events} events in ${streams} streams: every hash chain is intact (not compared with read models).`;
  const parts = [
    ...(broken.length > 0
      ? [`${broken.length} of ${streams} streams ${broken.length === 1 ? 'has' : 'have'} a broken hash chain`]
      : []),
    ...(moved.length > 0
      ? [`${moved.length} event(s) out of their stream's order in the log (positions changed)`]
      : []),
    ...(missingCount > 0 ? [`${missingCount} event(s) deleted from the log, where it skips positions`] : []),
    ...(removed > 0 ? [`${removed} sign(s) of events removed from the end of a stream or of the log`] : []),
    ...(changed > 0 ? [`${changed} event(s) the read models applied no longer at their revision`] : []),
  ];
  return `${parts.join('; ')} (${events} events read).`;
}
