import type { EventStore, RecordedEvent } from '@casetrail/eventstore';
import { setMostRecent } from './most-recent';

export interface FoldedStream<State> {
  state: State;
  /** Revision of the last event folded in (-1: the stream does not exist yet). */
  revision: number;
}

export interface FoldedStreamCacheOptions<State> {
  fold: (state: State, event: RecordedEvent) => State;
  initialState: State;
  /** Most streams remembered at once; the least recently used is forgotten first (default 1,000). */
  maxStreams?: number;
}

/**
 * Folded state of streams that many commands read and few change (a licence, an account): every
 * case opened on a licence folds the same licence and account events. This keeps each stream's
 * folded state with the revision it reached, and every load still asks the store for the events
 * after that revision, so a change appended a moment ago (by this process or any other) is folded in
 * before the state is used: the state is never stale, only the unchanged prefix is not re-read.
 *
 * Streams are append-only and events immutable, which is what makes the prefix safe to keep.
 * Folds must not mutate the state they are given (deciders' evolve functions do not).
 */
export class FoldedStreamCache<State> {
  private readonly entries = new Map<string, FoldedStream<State>>();
  private readonly maxStreams: number;

  constructor(
    private readonly store: EventStore,
    private readonly options: FoldedStreamCacheOptions<State>,
  ) {
    this.maxStreams = options.maxStreams ?? 1_000;
  }

  async load(stream: string): Promise<FoldedStream<State>> {
    const known = this.entries.get(stream);
    const from = known ? known.revision + 1 : 0;
    const newer = await this.store.readStream(stream, { fromRevision: from });
    let loaded: FoldedStream<State>;
    if (newer.length === 0) {
      loaded = known ?? { state: this.options.initialState, revision: -1 };
    } else if (newer[0].revision === from) {
      loaded = {
        state: newer.reduce(this.options.fold, known?.state ?? this.options.initialState),
        revision: newer[newer.length - 1].revision,
      };
    } else {
      // Not the continuation of what we folded: trust nothing kept, fold the stream from its start.
      const all = await this.store.readStream(stream);
      loaded = {
        state: all.reduce(this.options.fold, this.options.initialState),
        revision: all.length - 1,
      };
    }
    this.remember(stream, loaded);
    return loaded;
  }

  get size(): number {
    return this.entries.size;
  }

  private remember(stream: string, loaded: FoldedStream<State>): void {
    // Two loads of one stream may overlap (an async store): keep the further one.
    const current = this.entries.get(stream);
    if (current && current.revision > loaded.revision) return;
    setMostRecent(this.entries, stream, loaded, this.maxStreams);
  }
}
