import type { RecordedEvent } from '../event-store.port';
import { chainEvents, GENESIS_HASH, verifyStreamChain } from './hash-chain';

function recorded(stream: string, events: ReturnType<typeof chainEvents>): RecordedEvent[] {
  return events.map((event, revision) => ({
    ...event,
    stream,
    revision,
    position: revision + 1,
    recordedAt: '2026-01-01T00:00:00.000Z',
  }));
}

const metadata = { actor: 'a@example.com', correlationId: 'c', schemaVersion: 1 };
const newEvents = [
  { id: 'e1', type: 'CaseOpened', data: { title: 'Down' }, metadata },
  { id: 'e2', type: 'CommentAdded', data: { body: 'On it' }, metadata },
  { id: 'e3', type: 'CaseResolved', data: { summary: 'Fixed' }, metadata },
];

describe('hash chain', () => {
  it('chains each event to the previous one with lowercase hex SHA-256', () => {
    const chained = chainEvents('case-1', 0, GENESIS_HASH, newEvents);
    expect(chained[0].metadata.previousHash).toBe(GENESIS_HASH);
    expect(chained[1].metadata.previousHash).toBe(chained[0].metadata.hash);
    for (const event of chained) expect(event.metadata.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(verifyStreamChain(recorded('case-1', chained))).toBeUndefined();
  });

  it('is independent of key order in data (canonical JSON)', () => {
    const a = chainEvents('s', 0, GENESIS_HASH, [{ ...newEvents[0], data: { x: 1, y: 2 } }]);
    const b = chainEvents('s', 0, GENESIS_HASH, [{ ...newEvents[0], data: { y: 2, x: 1 } }]);
    expect(a[0].metadata.hash).toBe(b[0].metadata.hash);
  });

  it('appending later continues the chain from the last stored hash', () => {
    const first = chainEvents('s', 0, GENESIS_HASH, newEvents.slice(0, 2));
    const second = chainEvents('s', 2, first[1].metadata.hash!, newEvents.slice(2));
    expect(verifyStreamChain(recorded('s', [...first, ...second]))).toBeUndefined();
  });

  it('names the revision whose data was edited', () => {
    const events = recorded('case-1', chainEvents('case-1', 0, GENESIS_HASH, newEvents));
    events[1] = { ...events[1], data: { body: 'Edited later' } };
    expect(verifyStreamChain(events)).toMatchObject({
      stream: 'case-1',
      revision: 1,
      problem: 'hash-mismatch',
    });
  });

  it('detects a removed event', () => {
    const events = recorded('case-1', chainEvents('case-1', 0, GENESIS_HASH, newEvents));
    const withoutMiddle = [events[0], { ...events[2], revision: 1 }];
    expect(verifyStreamChain(withoutMiddle)).toMatchObject({
      revision: 1,
      problem: 'previous-hash-mismatch',
    });
  });

  it('detects a re-hashed edit because the next link no longer matches', () => {
    const events = recorded('case-1', chainEvents('case-1', 0, GENESIS_HASH, newEvents));
    const forged = chainEvents('case-1', 0, GENESIS_HASH, [{ ...newEvents[0], data: { title: 'Forged' } }]);
    events[0] = { ...events[0], ...forged[0], stream: 'case-1', revision: 0 };
    expect(verifyStreamChain(events)).toMatchObject({ revision: 1, problem: 'previous-hash-mismatch' });
  });
});
