import type { RecordedEvent } from '@casetrail/eventstore';
import { SqliteReadModelStore } from '@casetrail/readmodels';
import { activityId } from '@casetrail/readmodels/reporting/sla-activity';
import { SLA_ACTIVITY } from '@casetrail/readmodels/reporting/reporting-collections';
import { describeFirstChange, firstChangedRevision } from './first-changed-revision';

const at = (minute: number) => `2026-03-02T09:${String(minute).padStart(2, '0')}:00.000Z`;

/** A case's stream: one event a minute, of these types. */
function stream(types: string[]): RecordedEvent[] {
  return types.map((type, revision) => ({
    id: `e${revision}`,
    stream: 'case-c1',
    revision,
    position: revision + 1,
    type,
    data: { caseId: 'c1', at: at(revision), by: 'eve@vendor.example' },
    metadata: { actor: 'eve@vendor.example', correlationId: 'c', schemaVersion: 1 },
    recordedAt: at(revision),
  }));
}

const HISTORY = [
  'CaseOpened', // 0: filed as opened
  'EngineerAssigned',
  'CommentAdded',
  'CaseEscalated', // 3: filed as an escalation
  'CommentAdded',
  'FirstResponseGiven', // 5: filed as a first response
  'CommentAdded',
];

/** The SLA report's records of the history above, as its projection filed them. */
async function reported(): Promise<SqliteReadModelStore> {
  const store = new SqliteReadModelStore(':memory:');
  await store.ensureCollections([{ name: SLA_ACTIVITY, indexedFields: [] }]);
  const kinds: [number, string][] = [
    [0, 'opened'],
    [3, 'escalation'],
    [5, 'first-response'],
  ];
  await store.applyBatch('reporting', [{ position: 7 }], (_, tx) => {
    for (const [revision, kind] of kinds)
      tx.put(SLA_ACTIVITY, activityId('c1', revision), {
        id: activityId('c1', revision),
        caseId: 'c1',
        kind,
        at: at(revision),
      });
  });
  return store;
}

describe('the first revision of a rewritten case stream the read models show changed', () => {
  it('is none while the stream bears out every record', async () => {
    expect(await firstChangedRevision(await reported(), 'c1', stream(HISTORY), 6)).toBeUndefined();
  });

  it('is bounded by the records either side when an event was inserted between them', async () => {
    // A comment inserted at revision 2: the escalation is now revision 4, the first response 6.
    const inserted = stream([...HISTORY.slice(0, 2), 'CommentAdded', ...HISTORY.slice(2)]).map((event) =>
      event.revision > 2
        ? { ...event, data: { ...(event.data as object), at: at(event.revision - 1) } }
        : event,
    );
    const change = await firstChangedRevision(await reported(), 'c1', inserted, 6);
    expect(change).toEqual({
      revision: 3,
      applied: { type: 'CaseEscalated', at: at(3) },
      now: { type: 'CommentAdded', at: at(2) },
      unchangedUpTo: 0,
    });
    expect(describeFirstChange(change!)).toBe(
      `the stream was changed between revisions 1 and 3: the SLA report filed a CaseEscalated of ${at(3)} as revision 3, but it now holds a CommentAdded of ${at(2)}`,
    );
  });

  it('names the record an event was replaced at, and exactly that revision when the one before it holds', async () => {
    const replaced = stream(HISTORY).map((event) =>
      event.revision === 3 ? { ...event, type: 'CommentAdded' } : event,
    );
    expect(await firstChangedRevision(await reported(), 'c1', replaced, 6)).toMatchObject({
      revision: 3,
      now: { type: 'CommentAdded', at: at(3) },
      unchangedUpTo: 0,
    });
    const next = { type: 'CaseEscalated', at: at(3) };
    expect(describeFirstChange({ revision: 3, applied: next, now: null, unchangedUpTo: 2 })).toMatch(
      /^the stream was changed at revision 3: /,
    );
    expect(describeFirstChange({ revision: 3, applied: next, now: null, unchangedUpTo: null })).toMatch(
      /^the stream was changed at or before revision 3: /,
    );
  });

  it('says the stream now ends before a record past its end', async () => {
    const change = await firstChangedRevision(await reported(), 'c1', stream(HISTORY.slice(0, 4)), 6);
    expect(change).toMatchObject({ revision: 5, now: null, unchangedUpTo: 3 });
    expect(describeFirstChange(change!)).toContain('but the stream now ends before it');
  });
});
