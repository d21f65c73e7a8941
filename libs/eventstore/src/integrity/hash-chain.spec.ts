import type { EventMetadata, RecordedEvent } from '../event-store.port';
import {
  chainAtCommit,
  chainEvents,
  eventHash,
  GENESIS_HASH,
  HASH_FORMAT_FIELD,
  verifyStreamChain,
  verifyStreamChainExceptPositions,
} from './hash-chain';

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

  describe('positions', () => {
    it('names the stream and revision of an event the log holds before the one preceding it (positions swapped)', () => {
      const events = recorded('case-1', chainEvents('case-1', 0, GENESIS_HASH, newEvents));
      const swapped = [events[0], { ...events[1], position: 3 }, { ...events[2], position: 2 }];
      expect(verifyStreamChain(swapped)).toEqual({
        stream: 'case-1',
        revision: 2,
        eventId: 'e3',
        problem: 'position-out-of-order',
        expected: "a position after 3 (revision 1's)",
        actual: 'position 2',
      });
    });

    it('takes rising positions with gaps between them (other streams write in between)', () => {
      const events = recorded('case-1', chainEvents('case-1', 0, GENESIS_HASH, newEvents));
      const spread = events.map((event, index) => ({ ...event, position: 10 + index * 7 }));
      expect(verifyStreamChain(spread)).toBeUndefined();
    });

    it('can leave positions alone (verify names moved events itself), still checking the hashes after them', () => {
      const events = recorded('case-1', chainEvents('case-1', 0, GENESIS_HASH, newEvents));
      const swapped = [events[0], { ...events[1], position: 3 }, { ...events[2], position: 2 }];
      expect(verifyStreamChainExceptPositions(swapped)).toBeUndefined();
      swapped[2] = { ...swapped[2], data: { summary: 'Edited' } };
      expect(verifyStreamChainExceptPositions(swapped)).toMatchObject({
        revision: 2,
        problem: 'hash-mismatch',
      });
    });
  });

  describe('formats', () => {
    const times = ['2026-01-01T09:00:00.000Z', '2026-01-01T10:00:00.000Z', '2026-01-01T11:00:00.000Z'];

    /** Events chained as the SQLite store chains them at commit (format 2), after `before` (format 1). */
    function chainedAtCommit(before: RecordedEvent[], from: number): RecordedEvent[] {
      const events = [...before];
      for (let revision = from; revision < newEvents.length; revision++) {
        const event = { ...newEvents[revision], stream: 'case-1', revision, recordedAt: times[revision] };
        const previous = events.at(-1)?.metadata.hash ?? GENESIS_HASH;
        events.push({ ...event, position: revision + 1, metadata: chainAtCommit(previous, event) });
      }
      return events;
    }

    it('format 1 (no marker) hashes the content only: chains stored before format 2 verify whatever their time', () => {
      const events = recorded('case-1', chainEvents('case-1', 0, GENESIS_HASH, newEvents));
      expect(events[1].metadata).not.toHaveProperty(HASH_FORMAT_FIELD);
      events[1] = { ...events[1], recordedAt: '1999-12-31T23:59:59.999Z' };
      expect(verifyStreamChain(events)).toBeUndefined();
    });

    it('format 2 hashes the recorded time exactly as stored: a moved time breaks the chain there', () => {
      const events = chainedAtCommit([], 0);
      expect(events.map((event) => event.metadata[HASH_FORMAT_FIELD])).toEqual([2, 2, 2]);
      expect(verifyStreamChain(events)).toBeUndefined();

      const moved = [...events];
      moved[2] = { ...moved[2], recordedAt: '2026-01-01T08:00:00.000Z' };
      expect(verifyStreamChain(moved)).toMatchObject({ revision: 2, problem: 'hash-mismatch' });
      // The same instant written another way is another record: what is stored is what is hashed.
      const rewritten = [...events];
      rewritten[1] = { ...rewritten[1], recordedAt: '2026-01-01T10:00:00Z' };
      expect(verifyStreamChain(rewritten)).toMatchObject({ revision: 1, problem: 'hash-mismatch' });
    });

    it('format 2 cannot be turned back into format 1: removing or changing the marker breaks the chain', () => {
      const events = chainedAtCommit([], 0);
      const { [HASH_FORMAT_FIELD]: _format, ...unmarked } = events[1].metadata;
      const withoutMarker = [...events];
      withoutMarker[1] = { ...events[1], metadata: unmarked as EventMetadata };
      expect(verifyStreamChain(withoutMarker)).toMatchObject({ revision: 1, problem: 'hash-mismatch' });
      const otherMarker = [...events];
      otherMarker[1] = { ...events[1], metadata: { ...events[1].metadata, [HASH_FORMAT_FIELD]: 1 } };
      expect(verifyStreamChain(otherMarker)).toMatchObject({ revision: 1, problem: 'hash-mismatch' });
    });

    it('names an event re-hashed in format 1 (marker removed) after a format-2 event of its stream', () => {
      const events = chainedAtCommit([], 0);
      // Rewritten without its marker and its time, hashed again in format 1, and the event after it
      // linked to the new hash: every hash verifies, but the store never writes format 1 after 2.
      const { [HASH_FORMAT_FIELD]: _format, hash: _hash, ...unmarked } = events[1].metadata;
      const rehashed = eventHash(unmarked.previousHash!, {
        ...events[1],
        metadata: unmarked as EventMetadata,
      });
      const downgraded = { ...events[1], metadata: { ...unmarked, hash: rehashed } as EventMetadata };
      const next = { ...events[2], metadata: { ...events[2].metadata, previousHash: rehashed } };
      next.metadata = chainAtCommit(rehashed, { ...next, metadata: next.metadata });
      const forged = [events[0], downgraded, next];
      expect(downgraded.metadata).not.toHaveProperty(HASH_FORMAT_FIELD);
      expect(verifyStreamChain(forged)).toEqual({
        stream: 'case-1',
        revision: 1,
        eventId: 'e2',
        problem: 'format-downgrade',
        expected: 'hashFormat 2, as revision 0',
        actual: 'no hashFormat',
      });
      // Any other marker is no format 2 either.
      const otherMarker = { ...unmarked, [HASH_FORMAT_FIELD]: 1 } as EventMetadata;
      const marked = {
        ...events[1],
        metadata: {
          ...otherMarker,
          hash: eventHash(unmarked.previousHash!, { ...events[1], metadata: otherMarker }),
        },
      };
      expect(verifyStreamChain([events[0], marked])).toMatchObject({
        revision: 1,
        problem: 'format-downgrade',
        actual: 'hashFormat 1',
      });
    });

    it('a stream continues in format 2 after events stored in format 1', () => {
      const old = recorded('case-1', chainEvents('case-1', 0, GENESIS_HASH, newEvents.slice(0, 1)));
      const events = chainedAtCommit(old, 1);
      expect(events.map((event) => event.metadata[HASH_FORMAT_FIELD])).toEqual([undefined, 2, 2]);
      expect(verifyStreamChain(events)).toBeUndefined();
    });
  });
});
