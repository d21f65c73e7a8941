import type { EventStore, RecordedEvent } from '@casetrail/eventstore';

export async function readWholeLog(store: EventStore): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  for (let after = 0; ;) {
    const batch = await store.readAll({ after, maxCount: 1000 });
    if (batch.length === 0) return events;
    events.push(...batch);
    after = batch[batch.length - 1].position;
  }
}

/** Positions strictly increase along the log and each stream's revisions run 0, 1, 2... without gaps. */
export function expectContiguousRevisions(events: RecordedEvent[]): void {
  const next = new Map<string, number>();
  let previousPosition = 0;
  for (const event of events) {
    expect(event.position).toBeGreaterThan(previousPosition);
    expect(event.revision).toBe(next.get(event.stream) ?? 0);
    next.set(event.stream, event.revision + 1);
    previousPosition = event.position;
  }
}
