import type { EventStore, RecordedEvent } from '@casetrail/eventstore';

/**
 * A case's events by its id, or by its stream name as the history and `verify` print it
 * (`case-<id>`): operators paste either.
 */
export async function readCaseStream(
  eventStore: EventStore,
  caseIdOrStream: string,
): Promise<{ caseId: string; stream: string; events: RecordedEvent[] }> {
  const byId = { caseId: caseIdOrStream, stream: `case-${caseIdOrStream}` };
  const events = await eventStore.readStream(byId.stream);
  if (events.length > 0 || !caseIdOrStream.startsWith('case-')) return { ...byId, events };
  const byStream = { caseId: caseIdOrStream.slice('case-'.length), stream: caseIdOrStream };
  return { ...byStream, events: await eventStore.readStream(byStream.stream) };
}
