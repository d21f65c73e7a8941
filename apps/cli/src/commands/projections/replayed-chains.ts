import { ChainWalker } from '../audit/chain-walker';
import type { EvidenceLog, LogEntry } from '../audit/evidence-log';

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

  /** Judges the streams the log holds out of revision order (see ChainWalker.recheck); call once, at the end. */
  async finish(log: Pick<EvidenceLog, 'readStream'>): Promise<ChainWalker> {
    await this.walker.recheck((stream) => log.readStream(stream));
    return this.walker;
  }
}
