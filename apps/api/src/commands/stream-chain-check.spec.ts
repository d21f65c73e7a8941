import { GENESIS_HASH, chainEvents, type RecordedEvent } from '@casetrail/eventstore';
import { StorageInconsistentException } from '../problems/storage-inconsistent.exception';
import { DamagedStreams } from '../storage/damaged-streams';
import { StreamChainCheck } from './stream-chain-check';

/** A stream of `count` chained events, as a store returns them. */
function streamOf(count: number, stream = 'case-1'): RecordedEvent[] {
  const events = Array.from({ length: count }, (_, n) => ({
    id: `e${n}`,
    type: 'Counted',
    data: { n },
    metadata: { actor: 'eve@vendor.example', correlationId: `c${n}`, schemaVersion: 1 },
  }));
  return chainEvents(stream, 0, GENESIS_HASH, events).map((event, n) => ({
    ...event,
    stream,
    revision: n,
    position: 10 + n,
    recordedAt: '2026-11-29T21:00:00.000Z',
  })) as RecordedEvent[];
}

const clock = { now: () => new Date('2026-11-29T21:00:00.000Z') };

describe('the chain check of the streams commands load', () => {
  it('passes an intact stream, and refuses an edited one naming the event, and remembers it damaged', () => {
    const damaged = new DamagedStreams(clock);
    const check = new StreamChainCheck(damaged);
    const events = streamOf(4);
    expect(() => check.require('case-1', events)).not.toThrow();

    const edited = streamOf(4);
    edited[1] = { ...edited[1], data: { n: 99 } };
    const fresh = new StreamChainCheck(damaged);
    const error = (() => {
      try {
        fresh.require('case-1', edited);
      } catch (caught) {
        return caught;
      }
    })() as StorageInconsistentException;
    expect(error).toBeInstanceOf(StorageInconsistentException);
    expect(error.evidence).toMatchObject({
      stream: 'case-1',
      damage: expect.stringContaining('at revision 1'),
    });
    expect(damaged.find('case-1')?.problem).toContain('content does not match its hash');
    // Known damaged now: refused while the edit stays, by a check that never verified the stream too.
    expect(() => new StreamChainCheck(damaged).require('case-1', edited)).toThrow(
      StorageInconsistentException,
    );
    expect(damaged.find('case-1')?.chainBroken).toBe(true);
  });

  it('takes a stream known for a broken chain again once its whole chain holds (restored), and forgets it damaged', () => {
    const damaged = new DamagedStreams(clock);
    const edited = streamOf(4);
    edited[1] = { ...edited[1], data: { n: 99 } };
    const check = new StreamChainCheck(damaged);
    expect(() => check.require('case-1', edited)).toThrow(StorageInconsistentException);
    expect(() => check.require('case-1', streamOf(4))).not.toThrow();
    expect(damaged.find('case-1')).toBeUndefined();
  });

  it('keeps refusing a stream known for lost or unreadable events, whose remaining chain may hold', () => {
    const damaged = new DamagedStreams(clock);
    damaged.record('case-1', 'the read models applied revision 4, but the stream ends at revision 3');
    expect(() => new StreamChainCheck(damaged).require('case-1', streamOf(4))).toThrow(
      StorageInconsistentException,
    );
    expect(damaged.find('case-1')).toBeDefined();
  });

  it('verifies only what was appended since the end it verified, unless that end was rewritten', () => {
    const events = streamOf(6);
    // Revision 1 edited after it was verified: not hashed again (the cost is per new event)...
    const check = new StreamChainCheck();
    check.require('case-1', events.slice(0, 4));
    const editedEarlier = events.map((event, n) => (n === 1 ? { ...event, data: { n: 99 } } : event));
    expect(() => check.require('case-1', editedEarlier)).not.toThrow();
    // ...but events appended since are...
    const appended = new StreamChainCheck();
    appended.require('case-1', events.slice(0, 4));
    const badTail = events.map((event, n) => (n === 5 ? { ...event, data: { n: 99 } } : event));
    expect(() => appended.require('case-1', badTail)).toThrow(/at revision 5/);
    // ...and a rewritten end sends it back to the start.
    const rewound = new StreamChainCheck();
    rewound.require('case-1', events);
    const rewritten = streamOf(6).map((event) =>
      event.revision === 5 ? { ...event, metadata: { ...event.metadata, hash: 'f'.repeat(64) } } : event,
    );
    rewritten[0] = { ...rewritten[0], data: { n: 42 } };
    expect(() => rewound.require('case-1', rewritten)).toThrow(/at revision 0/);
  });

  it('catches an edit committed between the read of a stream and its check, on the next command', () => {
    let edits = 0;
    const check = new StreamChainCheck(undefined, () => edits);
    const events = streamOf(4);
    check.require('case-1', events, check.storedEdits());
    // The stream is read (intact), then a sqlite3 shell edits revision 1 before the check runs.
    const countBeforeRead = check.storedEdits();
    edits += 1;
    expect(() => check.require('case-1', events, countBeforeRead)).not.toThrow();
    // The next command reads the edited stream: verified whole again, not only from the end it knew.
    const edited = events.map((event, n) => (n === 1 ? { ...event, data: { n: 99 } } : event));
    expect(() => check.require('case-1', edited, check.storedEdits())).toThrow(/at revision 1/);
  });
});
