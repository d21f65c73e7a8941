import type { RecordedEvent } from './event-store.port';

/**
 * Where a stream read forwards from its start skips revisions: `missingRevision` is the first
 * revision it lacks (0: the opening event), `foundRevision` the revision of the event read in its
 * place. A store only ever appends at the next revision, so a hole means stored events were lost
 * (deleted, or truncated away), never that they are yet to come.
 */
export interface RevisionGap {
  missingRevision: number;
  foundRevision: number;
}

/**
 * The first hole in `events`, a stream read forwards from revision `from` (0: its start), or
 * undefined when its revisions run `from`, `from + 1`, ... without one. One comparison per event, so
 * a caller that folds a stream (a command's decision) checks it at no cost worth counting. Every
 * adapter returns each event with the revision it was stored at (the contract suite holds them to
 * it), so this finds the hole whatever the store.
 */
export function firstRevisionGap(
  events: readonly Pick<RecordedEvent, 'revision'>[],
  from = 0,
): RevisionGap | undefined {
  for (let index = 0; index < events.length; index++) {
    const { revision } = events[index];
    if (revision !== from + index) return { missingRevision: from + index, foundRevision: revision };
  }
  return undefined;
}
