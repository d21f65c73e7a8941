import {
  chainEvents,
  GENESIS_HASH,
  UnreadableEvent,
  type LogEntry,
  type RecordedEvent,
} from '@casetrail/eventstore';
import { caseIntegrityReport, UNREADABLE_ROWS_LISTED } from './case-integrity-report';

const CHECKED_AT = '2026-03-02T09:00:00.000Z';

/** A case stream of `count` chained events, ids e0, e1, … */
function stream(count: number): RecordedEvent[] {
  const chained = chainEvents(
    'case-c1',
    0,
    GENESIS_HASH,
    Array.from({ length: count }, (_, revision) => ({
      id: `e${revision}`,
      type: 'CommentAdded',
      data: { caseId: 'c1', at: CHECKED_AT, by: 'a@example.com', body: `note ${revision}` },
      metadata: { actor: 'a@example.com', correlationId: 'c', schemaVersion: 1 },
    })),
  );
  return chained.map((event, revision) => ({
    ...event,
    stream: 'case-c1',
    revision,
    position: revision + 1,
    recordedAt: CHECKED_AT,
  }));
}

const rowAt = (revision: number, lastEventId = `e${revision}`) => ({ revision, lastEventId });

/** The stream with the rows at `revisions` unreadable, in their place, as EvidenceLog reads them. */
function withUnreadable(events: RecordedEvent[], ...revisions: number[]): LogEntry[] {
  return events.map((event) =>
    revisions.includes(event.revision)
      ? new UnreadableEvent(event.stream, event.revision, event.position, 'its data is not valid JSON (x)')
      : event,
  );
}

describe('caseIntegrityReport', () => {
  it('finds a whole chain whose last event the read models applied valid, with its last hash', () => {
    const events = stream(13);
    expect(caseIntegrityReport('c1', events, rowAt(12), CHECKED_AT)).toEqual({
      caseId: 'c1',
      valid: true,
      events: 13,
      lastHash: events[12].metadata.hash,
      checkedAt: CHECKED_AT,
    });
  });

  it('finds read models behind the stream normal: projections apply events after they are stored', () => {
    const events = stream(13);
    expect(caseIntegrityReport('c1', events, rowAt(9), CHECKED_AT)).toMatchObject({
      valid: true,
      events: 13,
    });
  });

  it('names the revision the read models applied and where the stream ends, when its last events are gone (a whole, shorter chain)', () => {
    const report = caseIntegrityReport('c1', stream(12), rowAt(12), CHECKED_AT);
    expect(report).toEqual({
      caseId: 'c1',
      valid: false,
      events: 12,
      lostEvents: {
        appliedRevision: 12,
        appliedEventId: 'e12',
        streamEndsAt: 11,
        reason:
          'the read models applied revision 12 (event e12), but the stream ends at revision 11: events were removed from its end',
      },
      checkedAt: CHECKED_AT,
    });
    expect(report).not.toHaveProperty('lastHash');
    expect(caseIntegrityReport('c1', stream(9), rowAt(12), CHECKED_AT).lostEvents).toMatchObject({
      appliedRevision: 12,
      streamEndsAt: 8,
    });
  });

  it('names the event now at the applied revision when another one took its place', () => {
    const events = stream(13);
    expect(caseIntegrityReport('c1', events, rowAt(12, 'forged-away'), CHECKED_AT)).toMatchObject({
      valid: false,
      lostEvents: {
        appliedRevision: 12,
        appliedEventId: 'forged-away',
        streamEndsAt: 12,
        eventIdNow: 'e12',
        reason: expect.stringContaining('but revision 12 is now event e12'),
      },
    });
  });

  it('says so when the stream holds no events at all', () => {
    expect(caseIntegrityReport('c1', [], rowAt(3), CHECKED_AT)).toMatchObject({
      valid: false,
      events: 0,
      lostEvents: {
        appliedRevision: 3,
        streamEndsAt: null,
        reason: expect.stringContaining('holds no events'),
      },
    });
  });

  it('reports a broken link and lost events together', () => {
    const events = stream(12);
    events[4] = { ...events[4], data: { edited: true } };
    const report = caseIntegrityReport('c1', events, rowAt(12), CHECKED_AT);
    expect(report).toMatchObject({
      valid: false,
      brokenAt: { revision: 4, eventId: 'e4', problem: 'hash-mismatch' },
      lostEvents: { appliedRevision: 12, streamEndsAt: 11 },
    });
    expect(report.brokenAt).not.toHaveProperty('stream');
  });

  it('names the revision the log holds before the one preceding it (positions swapped: not hashed, so the links hold)', () => {
    const events = stream(6);
    events[4] = { ...events[4], position: 6 };
    events[5] = { ...events[5], position: 5 };
    expect(caseIntegrityReport('c1', events, rowAt(5), CHECKED_AT)).toEqual({
      caseId: 'c1',
      valid: false,
      events: 6,
      brokenAt: {
        revision: 5,
        eventId: 'e5',
        problem: 'position-out-of-order',
        expected: "a position after 6 (revision 4's)",
        actual: 'position 5',
      },
      checkedAt: CHECKED_AT,
    });
  });

  describe('on a stream with a row that cannot be read', () => {
    it('counts every row of the stream, as it counts them when nothing is wrong, and names the row', () => {
      const report = caseIntegrityReport('c1', withUnreadable(stream(11), 8), rowAt(10), CHECKED_AT);
      expect(report).toEqual({
        caseId: 'c1',
        valid: false,
        events: 11,
        unreadable: { revision: 8, position: 9, problem: 'its data is not valid JSON (x)' },
        unreadableRows: [{ revision: 8, position: 9, problem: 'its data is not valid JSON (x)' }],
        unreadableCount: 1,
        checkedAt: CHECKED_AT,
      });
      expect(report.events).toBe(caseIntegrityReport('c1', stream(11), rowAt(10), CHECKED_AT).events);
    });

    it('still names a broken link before it, and events lost from the end', () => {
      const events = stream(11);
      events[3] = { ...events[3], data: { edited: true } };
      expect(caseIntegrityReport('c1', withUnreadable(events, 8), rowAt(12), CHECKED_AT)).toMatchObject({
        valid: false,
        events: 11,
        brokenAt: { revision: 3, problem: 'hash-mismatch' },
        lostEvents: { appliedRevision: 12, streamEndsAt: 10 },
        unreadable: { revision: 8 },
      });
    });

    it('leaves the links after it unjudged: the unreadable row is not called a missing revision', () => {
      const report = caseIntegrityReport('c1', withUnreadable(stream(11), 8), rowAt(10), CHECKED_AT);
      expect(report).not.toHaveProperty('brokenAt');
      expect(report).not.toHaveProperty('lastHash');
    });

    it('names every one of several, the first also as `unreadable`, and leaves the end unjudged when the last applied row is one', () => {
      const report = caseIntegrityReport('c1', withUnreadable(stream(11), 3, 6, 10), rowAt(10), CHECKED_AT);
      expect(report).toMatchObject({
        valid: false,
        events: 11,
        unreadable: { revision: 3, position: 4 },
        unreadableCount: 3,
        unreadableRows: [
          { revision: 3, position: 4, problem: 'its data is not valid JSON (x)' },
          { revision: 6, position: 7, problem: 'its data is not valid JSON (x)' },
          { revision: 10, position: 11, problem: 'its data is not valid JSON (x)' },
        ],
      });
      expect(report).not.toHaveProperty('lostEvents');
      expect(report).not.toHaveProperty('unreadableRowsCut');
    });

    it('lists only the first ones when there are more than it lists, counts them all and says where the rest are', () => {
      const report = caseIntegrityReport(
        'c1',
        withUnreadable(stream(11), 2, 4, 6, 8),
        rowAt(10),
        CHECKED_AT,
        2,
      );
      expect(report.unreadableRows?.map((row) => row.revision)).toEqual([2, 4]);
      expect(report.unreadableCount).toBe(4);
      expect(report.unreadableRowsCut).toBe(
        'only the first 2 of the 4 rows that cannot be read are listed (up to revision 4); `casetrail verify --json` lists every one',
      );
    });

    it('lists a hundred rows by default', () => {
      const damaged = Array.from({ length: 120 }, (_, revision) => revision);
      const report = caseIntegrityReport(
        'c1',
        withUnreadable(stream(121), ...damaged),
        rowAt(120),
        CHECKED_AT,
      );
      expect(report.unreadableRows).toHaveLength(UNREADABLE_ROWS_LISTED);
      expect(UNREADABLE_ROWS_LISTED).toBe(100);
      expect(report.unreadableCount).toBe(120);
    });
  });
});
