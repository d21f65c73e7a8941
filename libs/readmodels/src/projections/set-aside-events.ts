import {
  UnreadableEvent,
  type GlobalPosition,
  type RecordedEvent,
  type UnreadableEventError,
} from '@casetrail/eventstore';
import type { ProjectionLogger } from './projection-logger';

/** A stored event a projection handles but could not read, which it went on without. */
export interface SetAsideEvent {
  stream: string;
  revision: number;
  position: GlobalPosition;
  type: string;
  /** The store's words for what is wrong with the row. */
  problem: string;
  /** The projections that went on without it. */
  projections: string[];
}

export type OnSetAside = (event: SetAsideEvent) => void;

/** Rows remembered for a report: a log damaged throughout must not grow a runner's memory unbounded. */
const REMEMBERED = 10_000;

/**
 * The one rule every projection runner (the projector's, the API's, the outbox writer's, a
 * rebuild's) applies to a stored event that cannot be read. A projection that does not handle its
 * type skips it as it skips any such event: its data is none of its business. One that does handle
 * it sets it aside: goes on without it, so one damaged stream costs that stream's documents (the
 * cases it is in, the mails of that one event), not every projection of the desk; the stream is
 * reported (`onSetAside`: the damaged streams /health lists, where commands on it answer 503
 * already) and logged, once per row however many projections or retries meet it.
 */
export class SetAsideEvents {
  private readonly found = new Map<GlobalPosition, SetAsideEvent>();
  /** Each projection's streams set aside (see `streamOf`). */
  private readonly streams = new Set<string>();

  constructor(
    private readonly logger: ProjectionLogger,
    private readonly onSetAside?: OnSetAside,
  ) {}

  /**
   * Whether `projection`, handling `handles` (all types when undefined), applies `event`. After an
   * event it handles was set aside, the rest of that stream is too: its later events would be
   * applied over documents that lack one (a case never opened, a count one short), and could fail
   * the projection all the same.
   */
  applies(event: RecordedEvent, projection: string, handles: ReadonlySet<string> | undefined): boolean {
    if (handles && !handles.has(event.type)) return false;
    if (event.unreadable === undefined) {
      // Checked only once something was set aside: a sound log costs one size test per event.
      return this.streams.size === 0 || !this.streams.has(streamOf(projection, event.stream));
    }
    this.streams.add(streamOf(projection, event.stream));
    this.setAside(event, event.unreadable, projection);
    return false;
  }

  /** Every row set aside so far, in the order met. */
  all(): SetAsideEvent[] {
    return [...this.found.values()];
  }

  private setAside(event: RecordedEvent, error: UnreadableEventError, projection: string): void {
    const known = this.found.get(event.position);
    if (known) {
      if (!known.projections.includes(projection)) known.projections.push(projection);
      return;
    }
    const { stream, revision, position, type } = event;
    const { problem } = UnreadableEvent.of(error);
    const setAside: SetAsideEvent = { stream, revision, position, type, problem, projections: [projection] };
    if (this.found.size < REMEMBERED) this.found.set(position, setAside);
    this.logger.error(
      'stored event cannot be read: set aside, the projection goes on without it (what it would have stored or mailed for this event is missing) until the row is restored from a backup; `casetrail verify` names every damaged row',
      { projection, stream, revision, position, type, problem },
    );
    this.onSetAside?.(setAside);
  }
}

function streamOf(projection: string, stream: string): string {
  return `${projection}\u0000${stream}`;
}
