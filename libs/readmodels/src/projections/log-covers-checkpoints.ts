import type { EventStore, GlobalPosition } from '@casetrail/eventstore';

/**
 * A checkpoint beyond the head of the log means the event store lost events the read models had
 * applied (a truncated file, an older backup, another installation's store): the read models would
 * serve cases the store no longer holds, and new events would be skipped as already applied. Every
 * process that serves from such a pair refuses to start on it: the projector, the embedded API, and
 * an API whose projections run elsewhere (`EMBEDDED_PROJECTOR=false`), which would otherwise take
 * writes at positions the read models count as applied.
 */
export async function assertLogCoversCheckpoints(
  eventStore: Pick<EventStore, 'headPosition'>,
  projections: readonly string[],
  checkpointOf: (projection: string) => Promise<GlobalPosition>,
): Promise<void> {
  const head = await eventStore.headPosition();
  for (const name of projections) {
    const checkpoint = await checkpointOf(name);
    if (checkpoint > head)
      throw new Error(`Not starting. ${logBehindCheckpointMessage(name, checkpoint, head)}`);
  }
}

/** What a projection's checkpoint beyond the log's end means, and what to do (also /health's reason). */
export function logBehindCheckpointMessage(
  projection: string,
  checkpoint: GlobalPosition,
  head: GlobalPosition,
): string {
  return (
    `Projection ${projection} has applied the log up to position ${checkpoint}, but the event store ends at ${head}: ` +
    // The likeliest cause first: a running server's newest events sit in events.sqlite-wal until
    // SQLite checkpoints them, so a plain `cp *.sqlite` of a live DATA_DIR copies an older (often empty) log.
    'the event store has lost events (most often: DATA_DIR was copied from a running server without its ' +
    'events.sqlite-wal file, which holds the newest events; copy a live DATA_DIR with `casetrail backup`, ' +
    'not cp. Otherwise: truncated, restored from an older backup, or not this installation’s). ' +
    'Copy the original events.sqlite-wal beside events.sqlite, or restore the event store from a backup taken ' +
    'after the read models, or run `casetrail rebuild` ' +
    // `casetrail rebuild` also brings back the outbox, delivery cursor and relay, which keep positions too.
    '(it rebuilds the read models from this log, keeping only the events it holds, and brings the notification ' +
    'outbox back to it, mailing no one again).'
  );
}
