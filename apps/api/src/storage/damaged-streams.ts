import { describeBrokenLink, type BrokenLink } from '@casetrail/eventstore';
import type { Clock } from '../runtime/runtime';

/** A stream this process found damaged: events lost from it, unreadable, or its hash chain broken. */
export interface DamagedStream {
  /** `<kind>-<id>`, e.g. `case-…`. */
  stream: string;
  /** What was found, first time: the evidence the refusal or the verdict named. */
  problem: string;
  /** When it was first found (application clock). */
  seenAt: string;
  /** Who found it when not this process: `casetrail project` (its SLA timers, DamagedStreamsJournal). */
  foundBy?: string;
  /**
   * Its hash chain was found broken (an event changed since it was written): a fresh check of the
   * whole chain can find it whole again once the event store is restored (StreamChainCheck).
   */
  chainBroken?: boolean;
  /**
   * For events lost from its end: the revision the read models had applied, which the stream no
   * longer reached. Its integrity check says valid again after a rebuild too (the read models are
   * then derived from what is left, so they no longer know that revision), but only a stream that
   * reaches it again was restored.
   */
  lostFromRevision?: number;
  /**
   * A projection went on without one of its events (a row that could not be read, SetAsideEvents):
   * the live projections are past that row and skip the rest of the stream, across their restarts
   * (each stores the streams it set aside with its checkpoint), so the read models lack the row once
   * restored too. Only `casetrail rebuild` (and the restarts it takes)
   * brings them back: an integrity check finding the stream whole does not take it again.
   */
  setAside?: boolean;
}

/** What /health shows of them: how many, and the first ones found. */
export interface DamagedStreamsReport {
  count: number;
  streams: DamagedStream[];
}

/** Streams listed in /health; the count covers every one remembered. */
const LISTED = 20;
/** Streams remembered: a store damaged throughout must not grow this process's memory unbounded. */
const REMEMBERED = 10_000;

/**
 * The streams found damaged, by whatever ran into them: a command or an
 * If-Match refused with 503 `storage-inconsistent` or `stored-event-unreadable`, `?asOf=`, a history
 * or an integrity check whose chain does not hold. /health reports them (`storage`), so a hole that
 * only the case it is in shows is not left to whoever happened to open that case: walking the whole
 * log on every /health call would cost a full `casetrail verify`. Kept until a check that would find
 * the damage finds the stream whole again (`forget`: the event store was restored); across a
 * restart too, from the damaged-streams journal (DamagedStreamsJournal.keepAcrossRestarts) and the
 * projection runners (which report again, as they start, the streams they set aside).
 */
export class DamagedStreams {
  private readonly found = new Map<string, DamagedStream>();
  private readonly listeners: ((found: DamagedStream) => void)[] = [];
  private readonly forgetListeners: ((stream: string) => void)[] = [];

  constructor(private readonly clock: Clock) {}

  /** Remembers `stream` as damaged, with the first problem found in it. */
  record(
    stream: string,
    problem: string,
    how: Pick<DamagedStream, 'chainBroken' | 'lostFromRevision' | 'setAside'> = {},
  ): void {
    this.adopt({ stream, problem, seenAt: this.clock.now().toISOString(), ...how });
  }

  /**
   * Forgets `stream`, found whole again by a check that would find what was recorded (its integrity
   * check; a command's fresh check of a chain found broken): the event store was restored, and the
   * stream is taken again without the restarts (this process, and `casetrail project` first) it took.
   */
  forget(stream: string): void {
    if (!this.found.delete(stream)) return;
    for (const listener of this.forgetListeners) listener(stream);
  }

  /** Calls `listener` with each stream forgotten from now on (DamagedStreamsJournal drops it there too). */
  observeForgotten(listener: (stream: string) => void): void {
    this.forgetListeners.push(listener);
  }

  /**
   * Remembers a stream another thread found damaged, when it found it: the projector thread's SLA
   * timers run into streams this process's /health must report too (see ProjectorThread).
   */
  adopt(found: DamagedStream): void {
    const known = this.found.get(found.stream);
    // Found first by a read or a command, then set aside by a projection: it is not taken again alone.
    if (known && found.setAside) known.setAside = true;
    if (known || this.found.size >= REMEMBERED) return;
    this.found.set(found.stream, found);
    for (const listener of this.listeners) listener(found);
  }

  /** What was found in `stream`, if this process found it damaged: commands on it are refused (DecisionRunner). */
  find(stream: string): DamagedStream | undefined {
    return this.found.get(stream);
  }

  /** Calls `listener` with each stream remembered so far, then with each one found later (once each). */
  observe(listener: (found: DamagedStream) => void): void {
    for (const found of this.found.values()) listener(found);
    this.listeners.push(listener);
  }

  /** Remembers `stream` when the verdict on its hash chain (a history's, an integrity check's) names a broken link. */
  noticeChain(stream: string, verdict: { brokenAt?: Omit<BrokenLink, 'stream'> }): void {
    if (verdict.brokenAt)
      this.record(stream, describeBrokenLink({ stream, ...verdict.brokenAt }), { chainBroken: true });
  }

  /**
   * Remembers `stream` for events missing from it: lost from its end after the read models applied
   * `appliedRevision`, or a gap inside it (no `appliedRevision`: its chain shows that one).
   */
  recordLostEvents(evidence: { stream: string; appliedRevision?: number }, problem: string): void {
    const { stream, appliedRevision } = evidence;
    this.record(stream, problem, appliedRevision !== undefined ? { lostFromRevision: appliedRevision } : {});
  }

  /**
   * Remembers `stream` when a case's integrity report finds lost events, an unreadable row or a broken
   * link; forgets it when the report finds it whole (`valid`): the report checks everything those are,
   * except a lost end once the read models were rebuilt over it (see `lostFromRevision`), so such a
   * stream is forgotten only when it holds that revision (`events` counts the stream's events) again.
   */
  noticeIntegrity(
    stream: string,
    report: {
      valid?: boolean;
      events?: number;
      lostEvents?: { reason: string; appliedRevision?: number };
      unreadable?: { revision: number; problem: string };
    } & {
      brokenAt?: Omit<BrokenLink, 'stream'>;
    },
  ): void {
    if (report.valid === true) {
      const known = this.found.get(stream);
      if (known?.setAside) return;
      const lostFrom = known?.lostFromRevision;
      if (lostFrom === undefined || (report.events ?? 0) > lostFrom) this.forget(stream);
    } else if (report.lostEvents) {
      this.recordLostEvents(
        { stream, appliedRevision: report.lostEvents.appliedRevision },
        report.lostEvents.reason,
      );
    } else if (report.unreadable) this.recordUnreadable({ stream, ...report.unreadable });
    else this.noticeChain(stream, report);
  }

  /**
   * Remembers `stream` for a stored event of it that cannot be read (an integrity check's, a
   * projection's: `how.setAside`).
   */
  recordUnreadable(
    { stream, revision, problem }: { stream: string; revision: number; problem: string },
    how: Pick<DamagedStream, 'setAside'> = {},
  ): void {
    this.record(stream, unreadableProblem(revision, problem), how);
  }

  /** Undefined while none was found. */
  report(): DamagedStreamsReport | undefined {
    if (this.found.size === 0) return undefined;
    return { count: this.found.size, streams: [...this.found.values()].slice(0, LISTED) };
  }
}

/** A stored row that cannot be read, in the words /health and a command's 503 use. */
export function unreadableProblem(revision: number, problem: string): string {
  return `the stored event at revision ${revision} cannot be read: ${problem}`;
}
