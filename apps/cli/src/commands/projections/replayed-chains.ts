import type { GlobalPosition } from '@casetrail/eventstore';
import { ChainWalker } from '../audit/chain-walker';
import type { EvidenceLog, LogEntry, UnreadableEvent } from '../audit/evidence-log';

/**
 * The hash chains of the events `verify-projections` replays, checked as they go by with the
 * walker `verify` uses, so the log is not read a second time for them. Each projection's rebuild
 * (and a retry after the live projector moved) reads the log from its start again: a position is
 * checked the first time a replay reaches it, and only then. A rebuild from edited events matches
 * read models built from the same edited events, so without this an edit that reached both would
 * pass as "no difference".
 */
export class ReplayedChains {
  private readonly walker = new ChainWalker();
  private checkedUpTo = 0;

  /** For `replayInto`'s onRead: every row a replay reads, in log order. */
  readonly accept = (entry: LogEntry): void => {
    if (entry.position <= this.checkedUpTo) return;
    this.checkedUpTo = entry.position;
    this.walker.accept(entry);
  };

  /** The rows that cannot be read among those read so far, in log order. */
  get unreadable(): readonly UnreadableEvent[] {
    return this.walker.unreadable;
  }

  /**
   * Reads the rest of the log, past what the replays reached (the live read models' checkpoints),
   * into the walker: a row there that cannot be read is named too, as `verify` names it, though no
   * projection applied it, and a projection that stopped before it is told apart from one lagging.
   */
  async readOn(log: Pick<EvidenceLog, 'readAll'>, upTo: GlobalPosition, batchSize = 1_000): Promise<void> {
    while (this.checkedUpTo < upTo) {
      const batch = (await log.readAll(this.checkedUpTo, batchSize)).filter(
        (entry) => entry.position <= upTo,
      );
      if (batch.length === 0) return;
      batch.forEach(this.accept);
    }
  }

  /** Judges the streams the log holds out of revision order (see ChainWalker.recheck); call once, at the end. */
  async finish(log: Pick<EvidenceLog, 'readStream'>): Promise<ChainWalker> {
    await this.walker.recheck((stream) => log.readStream(stream));
    return this.walker;
  }
}
