import {
  chainLinkOf,
  checkLink,
  HASH_FORMAT_WITH_RECORDED_AT,
  verifyStreamChainExceptPositions,
  type BrokenLink,
  type ChainLink,
} from '@casetrail/eventstore';
import { isUnreadable, readableOnly, type LogEntry, type UnreadableEvent } from './evidence-log';
import { findMovedEvents, type MovedEvent } from './moved-events';
import { walkedEventOf, type WalkedEvent } from './removed-tails';

/** Two neighbours in the log whose hashed recorded times run backwards (see `ChainWalker.timeReversals`). */
export interface TimeReversal {
  position: number;
  recordedAt: string;
  previousPosition: number;
  previousRecordedAt: string;
}

/**
 * Checks every stream's hash chain while walking the global log once, so verifying millions of
 * events needs memory for one hash per stream rather than whole streams. A store appends a
 * stream's events in revision order, so in the log each one follows the one before it and is
 * checked with `checkLink`, as `verifyStreamChain` does: hash present, previous hash matching the
 * last link, content matching its hash, no return to hash format 1 after format 2. Only the first broken link of a stream is reported; the
 * rest of that stream cannot be trusted anyway.
 *
 * A stream whose next event in the log is not its next revision is not judged on the walk: a
 * revision skipped there may be missing, or further on in the log (its position changed), and only
 * the rest of the log tells which. `recheck` reads each such stream in revision order afterwards
 * and judges its chain as `replay` and the integrity endpoint do, and its order in the log apart.
 *
 * A row that cannot be read (UnreadableEvent) is listed apart (`unreadable`) and ends what its
 * stream's chain can prove, as a broken link does; the walk goes on with the rest of the log.
 */
export class ChainWalker {
  private readonly heads = new Map<string, ChainLink | 'broken'>();
  /** The first broken link of each damaged stream, in the order they were found. */
  private readonly brokenLinks = new Map<string, BrokenLink>();
  /** The last event of each stream read (its highest revision): for the read models' cross-check. */
  private readonly lastEvents = new Map<string, WalkedEvent>();
  /** Rows that cannot be read, in log order. */
  private readonly unreadableEvents: UnreadableEvent[] = [];
  /** Streams whose events the log does not hold in revision order, for `recheck`. */
  private readonly outOfSequence = new Set<string>();
  private readonly movedEvents: MovedEvent[] = [];
  private readonly reversals: TimeReversal[] = [];
  /** The event before in the log, when its hash covers its recorded time. */
  private previousTimed?: { position: number; recordedAt: string };
  private count = 0;

  accept(entry: LogEntry): void {
    this.count += 1;
    if (isUnreadable(entry)) this.unreadableEvents.push(entry);
    this.noteTimeOrder(entry);
    if (!this.followsInSequence(entry)) return;
    const head = this.heads.get(entry.stream);
    if (head === 'broken') return;
    // Its hash cannot be checked, nor the next event's link to it: nothing after it is proven.
    if (isUnreadable(entry)) {
      this.heads.set(entry.stream, 'broken');
      return;
    }
    const broken = checkLink(entry, entry.revision, head);
    if (broken) {
      this.brokenLinks.set(entry.stream, broken);
      this.heads.set(entry.stream, 'broken');
      return;
    }
    this.heads.set(entry.stream, chainLinkOf(entry));
  }

  /** Notes the entry as its stream's last; false when the stream is, or now goes, out of sequence. */
  private followsInSequence(entry: LogEntry): boolean {
    const last = this.lastEvents.get(entry.stream);
    if (!last || entry.revision > last.revision) this.lastEvents.set(entry.stream, walkedEventOf(entry));
    if (this.outOfSequence.has(entry.stream)) return false;
    if (entry.revision !== (last ? last.revision + 1 : 0)) {
      this.outOfSequence.add(entry.stream);
      return false;
    }
    return true;
  }

  /**
   * Judges each stream the walk found out of sequence from its events in revision order: its chain
   * as `verifyStreamChain` does (a revision missing there is a revision gap; events that swapped
   * revisions do not link), and which of its events the log holds out of order (`findMovedEvents`,
   * which names each moved event and what it passed, so the chain check leaves positions to it).
   */
  async recheck(readStream: (stream: string) => Promise<readonly LogEntry[]>): Promise<void> {
    for (const stream of this.outOfSequence) {
      const entries = await readStream(stream);
      if (entries.length === 0) continue;
      const events = readableOnly(entries);
      // A row that cannot be read (listed by the walk already) ends what the chain can prove:
      // judged up to it, the chain does not call it a missing revision.
      const firstUnreadable = entries.find(isUnreadable)?.revision;
      const provable =
        firstUnreadable === undefined ? events : events.filter((event) => event.revision < firstUnreadable);
      // The walk may have found a link broken before the stream went out of sequence: the same
      // link in revision order, which this finds again.
      const broken = provable.length > 0 ? verifyStreamChainExceptPositions(provable) : undefined;
      if (broken) this.brokenLinks.set(stream, broken);
      else this.brokenLinks.delete(stream);
      const whole = !broken && firstUnreadable === undefined;
      this.heads.set(stream, whole ? chainLinkOf(events.at(-1)!) : 'broken');
      this.movedEvents.push(...findMovedEvents(events));
    }
    this.outOfSequence.clear();
  }

  get events(): number {
    return this.count;
  }

  get streams(): number {
    return this.lastEvents.size;
  }

  get broken(): readonly BrokenLink[] {
    return [...this.brokenLinks.values()];
  }

  /** The rows that cannot be read, in log order. */
  get unreadable(): readonly UnreadableEvent[] {
    return this.unreadableEvents;
  }

  /**
   * Neighbours in the log whose recorded times, both covered by their hashes, run backwards. The
   * store stamps each commit as it appends, so times rise with positions; a position is not
   * hashed, so two events of different streams that swapped places break no chain, and this is
   * what shows it. A server clock stepping back does the same, so it is a note, not a finding.
   */
  get timeReversals(): readonly TimeReversal[] {
    return this.reversals;
  }

  private noteTimeOrder(event: LogEntry): void {
    // A row that cannot be read has no time to compare: the next event is compared with none.
    if (isUnreadable(event) || event.metadata.hashFormat !== HASH_FORMAT_WITH_RECORDED_AT) {
      this.previousTimed = undefined;
      return;
    }
    const previous = this.previousTimed;
    if (previous && event.recordedAt < previous.recordedAt) {
      this.reversals.push({
        position: event.position,
        recordedAt: event.recordedAt,
        previousPosition: previous.position,
        previousRecordedAt: previous.recordedAt,
      });
    }
    this.previousTimed = { position: event.position, recordedAt: event.recordedAt };
  }

  /** Events the log holds out of their stream's order (found by `recheck`). */
  get moved(): readonly MovedEvent[] {
    return this.movedEvents;
  }

  /** The last event read of a stream (its highest revision, broken or not); undefined for a stream never seen. */
  lastEvent(stream: string): WalkedEvent | undefined {
    return this.lastEvents.get(stream);
  }

  /** The last hash of an intact stream: what an auditor records to detect a truncated tail later. */
  headHash(stream: string): string | undefined {
    const head = this.heads.get(stream);
    return head && head !== 'broken' && !this.outOfSequence.has(stream) ? head.hash : undefined;
  }
}

// Shared with the API, which names a broken link of the policy archive in the same words.
export { describeBrokenLink } from '@casetrail/eventstore';
