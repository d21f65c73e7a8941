import { Command } from 'commander';
import type { BrokenLink } from '@casetrail/eventstore';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteReadModelStore, type Projection, type ReadModelStore } from '@casetrail/readmodels';
import {
  builtVersion,
  projectionVersion,
  versionMismatch,
} from '@casetrail/readmodels/projections/projection-version';
import {
  EXIT_COULD_NOT_CHECK,
  EXIT_EVIDENCE_FOUND,
  failuresExitWith2,
  withAuditExitCodes,
} from '../audit/audit-exit-codes';
import { describeBrokenLink, type ChainWalker } from '../audit/chain-walker';
import {
  describeUnreadable,
  isUnreadable,
  type EvidenceLog,
  type UnreadableEvent,
} from '../audit/evidence-log';
import { readModelEvidenceOf, type ReadModelEvidence } from '../audit/read-model-evidence';
import { progressBar } from '../shared/progress-bar';
import { withEvidence } from '../shared/evidence-session';
import { compareCollection, type CollectionComparison, type DocumentDifference } from './read-model-diff';
import { ReplayedChains } from './replayed-chains';
import { replayInto } from './scratch-replay';
import { PROJECTION_NAMES, selectProjections } from './select-projections';
import { integerOption } from '../shared/integer-option';

/** A live projector may move on while we compare: compare again, this many times at most. */
const ATTEMPTS = 3;

/**
 * `verify-projections [projection]`: rebuilds every projection from zero into a scratch SQLite
 * store in a temporary folder, up to the live read models' own checkpoint, and compares every
 * collection with the live one, document by document. Any difference means the read models were
 * not built deterministically from the log (or were changed behind its back); exits with 1 then.
 * Exits with 2 when it cannot compare: no read models, an unknown projection, or live read models
 * built by another version of a projection (refused until rebuilt, so not evidence of tampering).
 * A row of the log that cannot be read is named and left out of the rebuild, which goes on; it is
 * evidence (exit 1) whatever the comparison finds. So is a broken hash chain among the events
 * replayed (checked as they are read, see ReplayedChains): read models built from edited events
 * equal a rebuild from them, which proves nothing about the log as written, so each broken link is
 * named (stream and revision) and the command exits with 1. The rest of the log, past the live
 * checkpoints, is read too, for what no rebuild reached: a row there that cannot be read is named
 * as well, and a projection whose checkpoint sits just before such a row is said to have stopped
 * there (a projector that cannot go past it is stuck, not lagging). The live read models are only
 * read (opened read-only, when embedded); only the scratch store is written.
 */
export function registerVerifyProjectionsCommand(program: Command): void {
  withAuditExitCodes(program.command('verify-projections'))
    .argument('[projection]', `the one to compare (${PROJECTION_NAMES}); without it, all`)
    .description(
      'Rebuild read models into a scratch store, checking the hash chains of the events replayed, and compare them with the live ones (exit 1 on any difference or broken chain; 2 if they cannot be compared, as with read models of another version)',
    )
    .option(
      '--max-differences <n>',
      'list at most this many differences per collection',
      integerOption({ minimum: 1 }),
      20,
    )
    .action(
      failuresExitWith2(async (name: string | undefined, options: { maxDifferences: number }) => {
        const projections = selectProjections(name);
        const scratchDir = mkdtempSync(join(tmpdir(), 'casetrail-verify-projections-'));
        let differences = 0;
        /** How far the live read models the rebuilds were compared with had applied the log. */
        const checkpoints: number[] = [];
        /** Projections whose live read models another version built: the runner refuses them. */
        const outdated: string[] = [];
        /** The hash chains (and unreadable rows) of what the rebuilds replay, each position once. */
        const chains = new ReplayedChains();
        let walked: ChainWalker | undefined;
        try {
          await withEvidence('required', async ({ log, readModels }) => {
            for (const [index, projection] of projections.entries()) {
              const scratch = openSqliteReadModelStore(join(scratchDir, `scratch-${index}.sqlite`));
              try {
                const verdict = await verifyProjection(
                  log,
                  readModels,
                  scratch,
                  projection,
                  options.maxDifferences,
                  chains,
                );
                differences += verdict.differences;
                checkpoints.push(verdict.checkpoint);
                if (verdict.outdated) outdated.push(projection.name);
                process.stdout.write(verdict.report);
              } finally {
                await scratch.close();
              }
            }
            walked = await chains.finish(log);
          });
        } finally {
          rmSync(scratchDir, { recursive: true, force: true });
        }
        const unreadable = walked?.unreadable ?? [];
        const broken = walked?.broken ?? [];
        process.stdout.write(unreadableReport([...unreadable], Math.max(0, ...checkpoints)));
        process.stdout.write(brokenChainsReport(broken));
        process.stdout.write(comparisonVerdict(differences, unreadable.length + broken.length > 0));
        // Equal documents do not make them usable: the runner refuses read models of another version.
        if (outdated.length > 0) {
          process.stdout.write(
            `Built by another version of the projection, refused until rebuilt: ${outdated.map((n) => `casetrail rebuild ${n}`).join(', ')}\n`,
          );
        }
        // A damaged row is evidence in the log itself, whatever the read models' version.
        if (unreadable.length > 0 || broken.length > 0) process.exitCode = EXIT_EVIDENCE_FOUND;
        // Read models of another version differ by design, which proves nothing: rebuild, then compare.
        else if (outdated.length > 0) process.exitCode = EXIT_COULD_NOT_CHECK;
        else if (differences > 0) process.exitCode = EXIT_EVIDENCE_FOUND;
      }),
    );
}

/**
 * The comparison's verdict, written after the damage found in the log: equal read models are only
 * "no difference" when the log they were rebuilt from is sound. Over a damaged log the rebuild
 * replayed what the log says now, so equality proves nothing, and the verdict must not read as a
 * clean bill of health just before the BROKEN lines that make the command exit with 1.
 */
function comparisonVerdict(differences: number, logDamaged: boolean): string {
  if (differences > 0)
    return `${differences} difference(s) between the live read models and a rebuild from zero.\n`;
  if (!logDamaged) return 'No difference: the live read models equal a rebuild from zero.\n';
  return (
    'Not verified: the live read models equal a rebuild from the log as it reads now, but the log is damaged ' +
    '(BROKEN above), so that proves nothing about the events as they were written.\n'
  );
}

/**
 * A line for each row of the log that cannot be read, in log order, and what the rebuild did: it
 * went on without those up to the live read models' checkpoint, and never reached those after it.
 */
function unreadableReport(rows: UnreadableEvent[], rebuiltUpTo: number): string {
  if (rows.length === 0) return '';
  const lines = rows
    .sort((a, b) => a.position - b.position)
    .map((entry) => `BROKEN ${describeUnreadable(entry)}`);
  const unreached = rows.filter((row) => row.position > rebuiltUpTo).length;
  const count = `${rows.length} stored event(s) cannot be read`;
  if (unreached === 0) lines.push(`${count}: the rebuild went on without them.`);
  else if (unreached === rows.length)
    lines.push(
      `${count}, all after position ${rebuiltUpTo}: no live projection has applied them yet, and the rebuild did not reach them.`,
    );
  else
    lines.push(
      `${count}: the rebuild went on without ${rows.length - unreached} of them; the other ${unreached}, after position ${rebuiltUpTo}, no live projection has applied yet, and the rebuild did not reach them.`,
    );
  return `${lines.join('\n')}\n`;
}

/**
 * The broken links among the replayed events, and what they mean for the comparison: the rebuild
 * replayed the log as it is now, so equal read models prove nothing about the log as written.
 */
function brokenChainsReport(links: readonly BrokenLink[]): string {
  if (links.length === 0) return '';
  const lines = links.map((link) => `BROKEN ${describeBrokenLink(link)}`);
  lines.push(
    `${links.length} stream(s) replayed have a broken hash chain: the log was altered after it was written, so the projections cannot be proven against it (the rebuild replayed the altered events). Run \`casetrail verify\` for the whole log.`,
  );
  return `${lines.join('\n')}\n`;
}

async function verifyProjection(
  log: EvidenceLog,
  live: ReadModelEvidence,
  scratch: ReadModelStore,
  projection: Projection,
  maxListed: number,
  chains: ReplayedChains,
): Promise<{ differences: number; outdated: boolean; report: string; checkpoint: number }> {
  for (let attempt = 1; ; attempt++) {
    const checkpoint = await live.getCheckpoint(projection.name);
    await scratch.reset(
      projection.name,
      projection.collections.map((collection) => collection.name),
    );
    const progress = progressBar(projection.name, checkpoint);
    await replayInto(
      log,
      scratch,
      projection,
      checkpoint,
      (position) => progress.update(position),
      chains.accept,
    );
    progress.stop();
    const comparisons: CollectionComparison[] = [];
    for (const { name } of projection.collections)
      comparisons.push(await compareCollection(live, readModelEvidenceOf(scratch), name, maxListed));
    const moved = (await live.getCheckpoint(projection.name)) !== checkpoint;
    if (moved && attempt < ATTEMPTS) continue;
    const head = await log.headPosition();
    const built = builtVersion(
      await live.getProjectionVersion(projection.name),
      checkpoint,
      projectionVersion(projection),
    );
    const behind = await behindOn(log, chains, checkpoint, head);
    return { ...report(projection, checkpoint, head, comparisons, moved, built, behind), checkpoint };
  }
}

/** What lies between a live projection's checkpoint and the log's head that it cannot apply. */
interface UnreadableAhead {
  /** The rows there that cannot be read, in log order. */
  rows: readonly UnreadableEvent[];
  /** The row right after the checkpoint cannot be read: the projection stopped just before it. */
  stoppedBefore?: UnreadableEvent;
}

/**
 * The unreadable rows a live projection has yet to meet, read past its checkpoint (see
 * ReplayedChains.readOn), so that a projection stopped before one is not reported as lagging.
 */
async function behindOn(
  log: EvidenceLog,
  chains: ReplayedChains,
  checkpoint: number,
  head: number,
): Promise<UnreadableAhead> {
  if (head <= checkpoint) return { rows: [] };
  await chains.readOn(log, head);
  const rows = chains.unreadable.filter((row) => row.position > checkpoint && row.position <= head);
  if (rows.length === 0) return { rows };
  const [next] = await log.readAll(checkpoint, 1);
  return { rows, ...(next && isUnreadable(next) ? { stoppedBefore: next } : {}) };
}

/** How far behind the log's head a live projection is, and why when it is not ordinary lag. */
function lagNote(checkpoint: number, head: number, { rows, stoppedBefore }: UnreadableAhead): string {
  if (head <= checkpoint) return '';
  const behind = `${head - checkpoint} events behind the log's head`;
  if (stoppedBefore)
    return ` (the live projection stopped just before position ${stoppedBefore.position}, which cannot be read (BROKEN below), ${behind}: if it stays there, it is stuck on that row, not lagging)`;
  if (rows.length > 0)
    return ` (the live projection is ${behind}, among them ${rows.length === 1 ? 'a row' : `${rows.length} rows`} that cannot be read (BROKEN below))`;
  return ` (the live projection is ${behind})`;
}

function report(
  projection: Projection,
  checkpoint: number,
  head: number,
  comparisons: CollectionComparison[],
  moved: boolean,
  builtBy: number,
  ahead: UnreadableAhead,
): { differences: number; outdated: boolean; report: string } {
  const differences = comparisons.reduce(
    (sum, comparison) => sum + comparison.differences.length + comparison.unlisted,
    0,
  );
  const documents = comparisons.reduce((sum, comparison) => sum + comparison.expected, 0);
  const lag = lagNote(checkpoint, head, ahead);
  const lines = [
    differences === 0
      ? `${projection.name}: identical at position ${checkpoint}: ${comparisons.length} collections, ${documents} documents${lag}`
      : `${projection.name}: ${differences} difference(s) at position ${checkpoint}${lag}`,
  ];
  if (moved)
    lines.push(`  (the live projection kept moving during the comparison; stop it for an exact answer)`);
  const current = projectionVersion(projection);
  if (builtBy !== current)
    lines.push(
      `  (the live read models were ${versionMismatch(builtBy, current)}: run \`casetrail rebuild ${projection.name}\`)`,
    );
  for (const comparison of comparisons) {
    if (comparison.differences.length === 0) continue;
    lines.push(
      `  ${comparison.collection}: rebuilt ${comparison.expected} documents, live ${comparison.live}`,
    );
    for (const difference of comparison.differences) lines.push(`    ${describe(difference)}`);
    if (comparison.unlisted > 0) lines.push(`    ... and ${comparison.unlisted} more`);
  }
  return { differences, outdated: builtBy !== current, report: `${lines.join('\n')}\n` };
}

function describe(difference: DocumentDifference): string {
  switch (difference.kind) {
    case 'missing':
      return `missing from the live store: ${difference.id}`;
    case 'unexpected':
      return `in the live store but not in the rebuild: ${difference.id}`;
    case 'different':
      return `differs: ${difference.id} (${difference.fields.join(', ')})`;
    case 'columns':
      return `indexed columns disagree with the document: ${difference.id} (${difference.fields.join(', ')}; queries filter and sort on them)`;
  }
}
