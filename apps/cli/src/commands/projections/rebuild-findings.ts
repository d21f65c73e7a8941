import type { RecordedEvent } from '@casetrail/eventstore';
import type { ReadModelStore, SetAsideEvent } from '@casetrail/readmodels';
import { unreadableProblem } from '../../../../api/src/storage/damaged-streams';
import { replaceRebuildFindings } from '../../../../api/src/storage/damaged-streams-elsewhere';
import { MissingPositionFinder } from '../audit/missing-positions';
import { LISTED, unreadableRowLines } from '../shared/unreadable-rows-listing';

/**
 * What a rebuild learns of a damaged log from its own read of it, said when it ends: the stored
 * events its projections could not read and went on without, and (on a log that numbers its events
 * without gaps: SQLite) the positions it skips, events deleted from it. Read models rebuilt from
 * such a log lack what the log lost, so they no longer show the loss: the operator must hear of it
 * here. Broken hash chains it cannot see without hashing every event, which only `casetrail
 * verify` does.
 */
export class RebuildFindings {
  private readonly setAside = new Map<number, SetAsideEvent>();
  private readonly positions?: MissingPositionFinder;

  constructor(gaplessPositions: boolean) {
    if (gaplessPositions) this.positions = new MissingPositionFinder();
  }

  /** For the runners' `onSetAside` (this thread's and the lane's): each row once. */
  readonly noteSetAside = (event: SetAsideEvent): void => {
    const known = this.setAside.get(event.position);
    if (known)
      known.projections.push(...event.projections.filter((name) => !known.projections.includes(name)));
    else this.setAside.set(event.position, { ...event, projections: [...event.projections] });
  };

  /** For the rebuild's `onRead`: undefined where positions may skip by design. */
  get onRead(): ((events: readonly RecordedEvent[]) => void) | undefined {
    const positions = this.positions;
    if (!positions) return undefined;
    return (events) => {
      for (const event of events) positions.accept(event.position);
    };
  }

  /**
   * Stores the streams set aside where the API's /health finds them (in place of the last
   * rebuild's): commands on them answer 503 while the read models lack them.
   */
  async record(readModels: ReadModelStore, seenAt: string): Promise<void> {
    await replaceRebuildFindings(
      readModels,
      [...this.setAside.values()].map(({ stream, revision, problem }) => ({
        stream,
        problem: unreadableProblem(revision, problem),
        seenAt,
        setAside: true,
      })),
    );
  }

  /** The warning's lines; none for a log the rebuild read whole. */
  warning(): string[] {
    const rows = [...this.setAside.values()].sort((a, b) => a.position - b.position);
    const missing = this.positions?.missing ?? [];
    if (rows.length === 0 && missing.length === 0) return [];
    const lines = ['Warning: the event log is damaged; the rebuilt read models do not show it.'];
    if (rows.length > 0) {
      const streams = new Set(rows.map((row) => row.stream)).size;
      lines.push(
        `${rows.length} stored event(s) could not be read and were set aside, with the rest of their stream (${streams} stream(s)); the read models lack them:`,
      );
      lines.push(...unreadableRowLines(rows, (row) => [row.type, `in ${row.projections.join(', ')}`]));
      lines.push(`  Recorded as damaged streams: /health lists them and commands on them answer 503.`);
    }
    if (missing.length > 0) {
      const count = this.positions!.count;
      const ranges = missing
        .slice(0, LISTED)
        .map(({ from, to }) => (from === to ? `${from}` : `${from}-${to}`))
        .join(', ');
      lines.push(
        `The log skips ${count} position(s) (${ranges}${missing.length > LISTED ? ', …' : ''}): events deleted from it, which the read models no longer show.`,
      );
    }
    lines.push(
      'Run `casetrail verify` for the whole story (which streams lost what, broken hash chains), then restore the event log from a backup and rebuild again.',
    );
    return lines;
  }
}
