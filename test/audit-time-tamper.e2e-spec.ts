import Database from 'better-sqlite3';
import * as path from 'node:path';
import { openCase } from './support/fault/seed';
import { useSeededTestApp } from './support/fault/seeded-test-app';

/**
 * Someone with access to the event store's file moves a recorded time: the hash chain names the
 * event (its hash covers its recorded time), and as-of never folds a state the case did not have
 * (it cuts the stream at the first event recorded after the instant instead of picking events).
 */
describe('a recorded time edited in the file', () => {
  const seeded = useSeededTestApp();
  let engineer: string;
  let caseId: string;
  let history: { revision: number; time: string; type: string }[];
  const auth = (token: string) => ({ authorization: `Bearer ${token}` });
  const pause = () => new Promise((resolve) => setTimeout(resolve, 5));

  beforeAll(async () => {
    const { send, world } = seeded;
    engineer = world.engineerToken;
    caseId = await openCase(send, world);
    const post = async (url: string, payload: object) =>
      expect((await send('POST', url, engineer, payload)).status).toBeLessThan(300);
    // Apart in time, so every event has its own recorded instant; the last one changes the severity.
    for (let comment = 1; comment <= 6; comment++) {
      await pause();
      await post(`/v1/cases/${caseId}/comments`, { body: `Update ${comment}` });
    }
    await pause();
    await post(`/v1/cases/${caseId}/severity`, { severity: 2, reason: 'Worse than it looked' });
    history = (
      await seeded.t.app.inject({
        method: 'GET',
        url: `/v1/cases/${caseId}/history`,
        headers: auth(engineer),
      })
    ).json().events;
  });

  const get = (url: string) => seeded.t.app.inject({ method: 'GET', url, headers: auth(engineer) });

  it('is exposed by the integrity check, and as-of shows a state the case had, not one it never had', async () => {
    const last = history.at(-1)!;
    expect(last).toMatchObject({ type: 'SeverityChanged' });
    expect(last.revision).toBeGreaterThanOrEqual(7);
    expect((await get(`/v1/cases/${caseId}/integrity`)).json()).toMatchObject({ valid: true });

    // The last event moved to between the opening and the first comment.
    const [opened, firstComment] = history;
    const moved = new Date((Date.parse(opened.time) + Date.parse(firstComment.time)) / 2).toISOString();
    expect(moved > opened.time && moved < firstComment.time).toBe(true);
    const db = new Database(path.join(seeded.t.dataDir, 'events.sqlite'));
    try {
      const edited = db
        .prepare('UPDATE events SET recorded_at = ? WHERE stream = ? AND revision = ?')
        .run(moved, `case-${caseId}`, last.revision);
      expect(edited.changes).toBe(1);
    } finally {
      db.close();
    }

    expect((await get(`/v1/cases/${caseId}/integrity`)).json()).toMatchObject({
      valid: false,
      brokenAt: { revision: last.revision, problem: 'hash-mismatch' },
    });
    // At the moved time the case had only its opening: severity 3 at revision 0. Picking the events
    // recorded by then would have folded the opening and the severity change without the comments.
    const asOf = await get(`/v1/cases/${caseId}?asOf=${encodeURIComponent(moved)}`);
    expect(asOf.statusCode).toBe(200);
    expect(asOf.json()).toMatchObject({ severity: 3, revision: 0, asOf: moved });
    // Later on, the stream is cut at its first event recorded after the instant, and the revision
    // is that of the last event folded (not a count of the events picked).
    const lastComment = history.at(-2)!;
    const justBefore = new Date(Date.parse(lastComment.time) - 1).toISOString();
    expect((await get(`/v1/cases/${caseId}?asOf=${encodeURIComponent(justBefore)}`)).json()).toMatchObject({
      severity: 3,
      revision: lastComment.revision - 1,
    });
    expect(
      (await get(`/v1/cases/${caseId}?asOf=${encodeURIComponent(lastComment.time)}`)).json(),
    ).toMatchObject({ severity: 2, revision: last.revision });
  });
});
