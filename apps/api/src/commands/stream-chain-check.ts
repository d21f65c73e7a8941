import {
  checkLink,
  chainLinkOf,
  describeBrokenLink,
  type ChainLink,
  type RecordedEvent,
} from '@casetrail/eventstore';
import { StorageInconsistentException } from '../problems/storage-inconsistent.exception';
import type { DamagedStreams } from '../storage/damaged-streams';
import { stepStillNeeded } from '../storage/record-damage';

/** Streams whose verified end is remembered: a busy desk's active cases, without growing unbounded. */
const REMEMBERED = 10_000;

/**
 * Refuses (503 `storage-inconsistent`) a command on a stream whose stored events were changed after
 * they were written, before anything is decided on them: folded, an edited event (a severity, an
 * assignee) would be acted on and mailed as if someone had written it. Refused, too, is a stream
 * this process already found damaged otherwise (a history, an integrity check, the SLA timers:
 * DamagedStreams), so /health's "commands on them answer 503" holds. Except a stream known only for
 * a broken chain: its whole chain is checked afresh, and once it holds (the event store was restored)
 * the stream is forgotten as damaged and the command goes on. Lost or unreadable events are not for
 * this check to clear (the chain of what is left can hold): the case's integrity check clears them.
 *
 * Re-hashing a whole stream costs about 0.06 ms an event (0.6 ms for 10 events, 55 ms for 1,000,
 * five times reading them), so each stream is verified whole once per process, on the first command
 * that loads it, and later only from the end verified last (the events appended since): an edit made
 * while the store was offline (the way to edit it) is caught by the first command after the start.
 * The stored hash at that end is compared again each time, so an end rewritten since is re-verified.
 * An event changed in place while the process runs (a `sqlite3` shell on the file) moves the store's
 * count of edits (EventStore.storedEventEdits): every stream is then verified whole again, once.
 */
export class StreamChainCheck {
  private readonly verified = new Map<string, ChainLink>();

  /** The store's edit count when the remembered ends were verified. */
  private editsSeen: number | undefined;

  constructor(
    private readonly damaged?: Pick<DamagedStreams, 'find' | 'record' | 'forget'>,
    /** The store's count of stored events changed in place (EventStore.storedEventEdits), where it keeps one. */
    private readonly storedEventEdits: () => number | undefined = () => undefined,
  ) {}

  /** The store's edit count now: read it before reading a stream, and give it to `require` with the events read. */
  storedEdits(): number | undefined {
    return this.storedEventEdits();
  }

  /**
   * Throws StorageInconsistentException when `events` (the stream read whole, in revision order) cannot be trusted.
   * `editsBeforeRead`: the store's edit count read before `events` were (storedEdits).
   */
  require(stream: string, events: readonly RecordedEvent[], editsBeforeRead = this.storedEdits()): void {
    const known = this.damaged?.find(stream);
    // Read whole just now (no row unreadable): the message says what is still needed, a rebuild
    // for a stream the projections set aside, its integrity check otherwise, not another restore.
    if (known && !known.chainBroken)
      throw new StorageInconsistentException(
        { stream, damage: known.problem },
        'change',
        stepStillNeeded(known, true),
      );
    // Known broken: checked whole from its first event, whatever was verified before.
    if (known) this.verified.delete(stream);
    if (this.storedEventEdits() !== this.editsSeen) {
      // A stored event was changed since the ends were verified: which stream's, the count does not say.
      this.verified.clear();
    }
    // The count from before the read: an edit committed between the read and now may be missing from
    // `events`, and the count having moved since makes the next command verify every stream whole again.
    this.editsSeen = editsBeforeRead;
    const remembered = this.verified.get(stream);
    const from =
      remembered && events[remembered.revision]?.metadata.hash === remembered.hash
        ? remembered.revision + 1
        : 0;
    let previous = from > 0 ? remembered : undefined;
    for (let revision = from; revision < events.length; revision++) {
      const broken = checkLink(events[revision], revision, previous);
      if (broken) {
        this.verified.delete(stream);
        // Known already: refused with what was found first, as before it was checked again.
        const damage = known?.problem ?? describeBrokenLink(broken);
        this.damaged?.record(stream, damage, { chainBroken: true });
        throw new StorageInconsistentException({ stream, damage });
      }
      previous = chainLinkOf(events[revision]);
    }
    if (known) this.damaged?.forget(stream);
    if (!previous) return;
    // Re-inserted, so the least recently used stream is the first forgotten.
    this.verified.delete(stream);
    if (this.verified.size >= REMEMBERED) this.verified.delete(this.verified.keys().next().value!);
    this.verified.set(stream, previous);
  }
}
