import Database from 'better-sqlite3';
import * as path from 'node:path';
import { openCase } from './support/fault/seed';
import { useSeededTestApp } from './support/fault/seeded-test-app';

/**
 * Someone with access to the event store's file edits an event's data (the reason of a severity
 * change). The history and `?asOf=` still answer (every event is there and readable, and the edit
 * is the evidence an auditor looks at, as `replay` and `export` show it), but they no longer read
 * as fact: the history says the chain is broken and from which revision (`integrity`), and marks
 * each entry `verified` or not; a past state says so too, and whether it rests on proven events.
 */
describe('a history whose event was edited in the file', () => {
  const seeded = useSeededTestApp();
  let caseId: string;
  let severityRevision: number;
  const auth = (token: string) => ({ authorization: `Bearer ${token}` });
  const get = (url: string, token = seeded.world.engineerToken) =>
    seeded.t.app.inject({ method: 'GET', url, headers: auth(token) });
  const history = async (token?: string) => (await get(`/v1/cases/${caseId}/history`, token)).json();
  const asOf = async (instant: string) =>
    (await get(`/v1/cases/${caseId}?asOf=${encodeURIComponent(instant)}`)).json();
  /** When each event happened (`data.at`, what as-of cuts on), by revision. */
  let happened: string[];

  beforeAll(async () => {
    const { send, world } = seeded;
    caseId = await openCase(send, world);
    const post = async (url: string, payload: object) => {
      seeded.t.clock.advance(1_000);
      expect((await send('POST', url, world.engineerToken, payload)).status).toBeLessThan(300);
    };
    await post(`/v1/cases/${caseId}/comments`, { body: 'Looking into it' });
    await post(`/v1/cases/${caseId}/severity`, { severity: 2, reason: 'Revenue impact confirmed' });
    await post(`/v1/cases/${caseId}/comments`, { body: 'Still on it' });
    await post(`/v1/cases/${caseId}/comments`, { body: 'Nearly there' });
    const { events } = await history();
    severityRevision = events.find((entry: { type: string }) => entry.type === 'SeverityChanged').revision;
    happened = events.map((entry: { data: { at: string } }) => entry.data.at);
  });

  it('reads as proven while every link holds: integrity valid, every entry verified, no mark on a past state', async () => {
    const whole = await history();
    expect(whole.integrity).toEqual({ valid: true });
    expect(whole.events.every((entry: { verified: boolean }) => entry.verified === true)).toBe(true);
    expect(await asOf(happened.at(-1)!)).not.toHaveProperty('integrity');
  });

  it('says from which revision the story is unproven, to staff and customers alike, once an event was edited', async () => {
    const db = new Database(path.join(seeded.t.dataDir, 'events.sqlite'));
    try {
      const edited = db
        .prepare(`UPDATE events SET data = json_set(data, '$.reason', ?) WHERE stream = ? AND revision = ?`)
        .run('Customer asked for it', `case-${caseId}`, severityRevision);
      expect(edited.changes).toBe(1);
    } finally {
      db.close();
    }

    for (const token of [seeded.world.engineerToken, seeded.world.customerToken]) {
      const edited = await history(token);
      expect(edited.integrity).toEqual({
        valid: false,
        brokenAt: expect.objectContaining({ revision: severityRevision, problem: 'hash-mismatch' }),
        unprovenFrom: severityRevision,
        reason: expect.stringContaining(`broken at revision ${severityRevision}`),
      });
      expect(edited.events.map((entry: { revision: number; verified: boolean }) => entry.verified)).toEqual(
        edited.events.map((entry: { revision: number }) => entry.revision < severityRevision),
      );
    }
    // The integrity endpoint names the same link.
    expect((await get(`/v1/cases/${caseId}/integrity`)).json()).toMatchObject({
      valid: false,
      brokenAt: { revision: severityRevision },
    });
  });

  it('marks a past state of an edited stream, and says whether the state rests on proven events only', async () => {
    // Before the edited event happened, with the event after the cut (the edited one) unproven: the
    // cut itself rests on its time.
    const beforeEdit = await asOf(new Date(Date.parse(happened[severityRevision]) - 1).toISOString());
    expect(beforeEdit).toMatchObject({
      severity: 3,
      integrity: { valid: false, unprovenFrom: severityRevision, stateProven: false },
    });
    // Earlier still: the state and the cut rest on proven events.
    const early = await asOf(happened[0]);
    expect(early.revision).toBeLessThan(severityRevision - 1);
    expect(early.integrity).toMatchObject({
      valid: false,
      unprovenFrom: severityRevision,
      stateProven: true,
    });
    // After it: folded from the edited event.
    expect(await asOf(happened.at(-1)!)).toMatchObject({
      severity: 2,
      integrity: { valid: false, brokenAt: { revision: severityRevision }, stateProven: false },
    });
  });
});
