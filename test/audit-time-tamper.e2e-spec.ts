import Database from 'better-sqlite3';
import * as path from 'node:path';
import { openCase } from './support/fault/seed';
import { useSeededTestApp } from './support/fault/seeded-test-app';

/**
 * Someone with access to the event store's file moves an event's time: the hash chain names the
 * event (its hash covers its data, where the time it happened is, and its recorded time), and as-of
 * never folds a state the case did not have (it cuts the stream at the first event that happened
 * after the instant instead of picking events).
 */
describe('an event time edited in the file', () => {
  const seeded = useSeededTestApp();
  let engineer: string;
  let caseId: string;
  /** Each event's revision, type, and when it happened (`data.at`, what as-of cuts on). */
  let history: { revision: number; type: string; happened: string }[];
  const auth = (token: string) => ({ authorization: `Bearer ${token}` });

  beforeAll(async () => {
    const { send, world } = seeded;
    engineer = world.engineerToken;
    caseId = await openCase(send, world);
    const post = async (url: string, payload: object) =>
      expect((await send('POST', url, engineer, payload)).status).toBeLessThan(300);
    // Apart in time, so every event has its own instant; the last one changes the severity.
    for (let comment = 1; comment <= 6; comment++) {
      seeded.t.clock.advance(1_000);
      await post(`/v1/cases/${caseId}/comments`, { body: `Update ${comment}` });
    }
    seeded.t.clock.advance(1_000);
    await post(`/v1/cases/${caseId}/severity`, { severity: 2, reason: 'Worse than it looked' });
    const events: { revision: number; type: string; data: { at: string } }[] = (
      await seeded.t.app.inject({
        method: 'GET',
        url: `/v1/cases/${caseId}/history`,
        headers: auth(engineer),
      })
    ).json().events;
    history = events.map(({ revision, type, data }) => ({ revision, type, happened: data.at }));
  });

  const get = (url: string) => seeded.t.app.inject({ method: 'GET', url, headers: auth(engineer) });
  const asOf = async (instant: string) =>
    (await get(`/v1/cases/${caseId}?asOf=${encodeURIComponent(instant)}`)).json();

  it('is exposed by the integrity check, and as-of shows a state the case had, not one it never had', async () => {
    const last = history.at(-1)!;
    expect(last).toMatchObject({ type: 'SeverityChanged' });
    expect(last.revision).toBeGreaterThanOrEqual(7);
    expect((await get(`/v1/cases/${caseId}/integrity`)).json()).toMatchObject({ valid: true });

    // The last event moved (when it happened, and when it was recorded) to between the opening and
    // the first comment.
    const [opened, firstComment] = history;
    const moved = new Date(
      (Date.parse(opened.happened) + Date.parse(firstComment.happened)) / 2,
    ).toISOString();
    expect(moved > opened.happened && moved < firstComment.happened).toBe(true);
    const db = new Database(path.join(seeded.t.dataDir, 'events.sqlite'));
    try {
      const edited = db
        .prepare(
          `UPDATE events SET data = json_set(data, '$.at', ?), recorded_at = ? WHERE stream = ? AND revision = ?`,
        )
        .run(moved, moved, `case-${caseId}`, last.revision);
      expect(edited.changes).toBe(1);
    } finally {
      db.close();
    }

    expect((await get(`/v1/cases/${caseId}/integrity`)).json()).toMatchObject({
      valid: false,
      brokenAt: { revision: last.revision, problem: 'hash-mismatch' },
    });
    // At the moved time the case had only its opening: severity 3 at revision 0. Picking the events
    // that happened by then would have folded the opening and the severity change without the comments.
    expect(await asOf(moved)).toMatchObject({ severity: 3, revision: 0, asOf: moved });
    // Later on, the stream is cut at its first event that happened after the instant, and the
    // revision is that of the last event folded (not a count of the events picked).
    const lastComment = history.at(-2)!;
    const justBefore = new Date(Date.parse(lastComment.happened) - 1).toISOString();
    expect(await asOf(justBefore)).toMatchObject({ severity: 3, revision: lastComment.revision - 1 });
    expect(await asOf(lastComment.happened)).toMatchObject({ severity: 2, revision: last.revision });
  });

  it('a recorded time alone moved is exposed by the integrity check, and as-of still cuts on when events happened', async () => {
    const comment = history[3];
    const db = new Database(path.join(seeded.t.dataDir, 'events.sqlite'));
    try {
      db.prepare('UPDATE events SET recorded_at = ? WHERE stream = ? AND revision = ?').run(
        '2000-01-01T00:00:00.000Z',
        `case-${caseId}`,
        comment.revision,
      );
    } finally {
      db.close();
    }
    expect((await get(`/v1/cases/${caseId}/integrity`)).json()).toMatchObject({
      valid: false,
      brokenAt: { revision: comment.revision, problem: 'hash-mismatch' },
    });
    expect(await asOf(comment.happened)).toMatchObject({ revision: comment.revision });
    const justBefore = new Date(Date.parse(comment.happened) - 1).toISOString();
    expect(await asOf(justBefore)).toMatchObject({ revision: comment.revision - 1 });
  });
});
