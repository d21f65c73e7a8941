import Database from 'better-sqlite3';
import * as path from 'node:path';
import { openCase } from './support/fault/seed';
import { useSeededTestApp } from './support/fault/seeded-test-app';
import { cli } from './support/run-cli';

/**
 * A stored row of a case's stream that cannot be read as an event any more (its data edited into
 * something that is not JSON): the integrity check names it as a finding, and every other read of
 * the stream answers a problem that says what happened and what to do, never a bare 500.
 */
describe('a case whose stream holds a row that cannot be read', () => {
  const seeded = useSeededTestApp();
  let caseId: string;
  let garbled: { revision: number; position: number };
  /** What the integrity check counted before the row was damaged. */
  let eventsWhole: number;

  const get = async (url: string, token = seeded.world.engineerToken) =>
    seeded.t.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });

  beforeEach(async () => {
    const { send, world } = seeded;
    caseId = await openCase(send, world);
    for (let comment = 1; comment <= 3; comment++) {
      expect(
        (
          await send('POST', `/v1/cases/${caseId}/comments`, world.customerToken, {
            body: `Still slow (${comment})`,
          })
        ).status,
      ).toBe(201);
    }
    eventsWhole = (await get(`/v1/cases/${caseId}/integrity`)).json().events;
    const db = new Database(path.join(seeded.t.dataDir, 'events.sqlite'));
    try {
      garbled = db
        .prepare(`SELECT revision, position FROM events WHERE stream = ? AND revision = 2`)
        .get(`case-${caseId}`) as { revision: number; position: number };
      db.prepare(`UPDATE events SET data = '{"body": cut' WHERE position = ?`).run(garbled.position);
    } finally {
      db.close();
    }
  });

  it('is named by the integrity check, which still counts every event of the stream, as `casetrail replay` does', async () => {
    const response = await get(`/v1/cases/${caseId}/integrity`);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      valid: false,
      unreadable: {
        revision: 2,
        position: garbled.position,
        problem: expect.stringMatching(/^its data is not valid JSON/),
      },
    });
    // Readable events follow the damaged row: they are the stream's all the same.
    expect(eventsWhole).toBeGreaterThan(garbled.revision + 1);
    expect(response.json().events).toBe(eventsWhole);
    const replay = await cli(seeded.t.dataDir, 'replay', caseId);
    expect(replay.code).toBe(1);
    expect(replay.stdout).toContain(
      `Case ${caseId} (case-${caseId}): ${eventsWhole} events; hash chain BROKEN`,
    );
  });

  it("names every row that cannot be read, the stream's newest included, in revision order", async () => {
    const db = new Database(path.join(seeded.t.dataDir, 'events.sqlite'));
    let rows: { revision: number; position: number }[];
    try {
      // Besides revision 2 (garbled above), the opening and the stream's newest event.
      const stream = `case-${caseId}`;
      const newest = (
        db.prepare(`SELECT MAX(revision) AS revision FROM events WHERE stream = ?`).get(stream) as {
          revision: number;
        }
      ).revision;
      db.prepare(`UPDATE events SET metadata = 'not json' WHERE stream = ? AND revision IN (0, ?)`).run(
        stream,
        newest,
      );
      rows = db
        .prepare(
          `SELECT revision, position FROM events WHERE stream = ? AND revision IN (0, 2, ?) ORDER BY revision`,
        )
        .all(stream, newest) as typeof rows;
    } finally {
      db.close();
    }
    expect(rows).toHaveLength(3);
    const response = await get(`/v1/cases/${caseId}/integrity`);
    expect(response.statusCode).toBe(200);
    const report = response.json();
    expect(report).toMatchObject({
      valid: false,
      events: eventsWhole,
      unreadable: { revision: 0, position: rows[0].position },
      unreadableCount: 3,
      unreadableRows: rows.map(({ revision, position }) => ({
        revision,
        position,
        problem: expect.stringMatching(/^its (data|metadata) is not/),
      })),
    });
    expect(report).not.toHaveProperty('unreadableRowsCut');
  });

  it.each(['/history', '?asOf=2026-03-02T09:30:00.000Z'])(
    'makes %s answer a problem that names the row and the remedy',
    async (suffix) => {
      const response = await get(`/v1/cases/${caseId}${suffix}`);
      expect(response.statusCode).toBe(503);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.json()).toMatchObject({
        type: expect.stringContaining('stored-event-unreadable'),
        detail: expect.stringContaining(`(position ${garbled.position}) cannot be read`),
      });
      expect(response.json().detail).toContain('casetrail verify');
      // A read writes nothing to begin with: saying so would read as if a write had been tried.
      expect(response.json().detail).not.toContain('Nothing was written');
    },
  );

  it.each(['/history', '?asOf=2026-03-02T09:30:00.000Z'])(
    'makes %s answer the customer who opened the case in plain words, without store internals',
    async (suffix) => {
      const response = await get(`/v1/cases/${caseId}${suffix}`, seeded.world.customerToken);
      expect(response.statusCode).toBe(503);
      expect(response.json()).toMatchObject({ type: expect.stringContaining('stored-event-unreadable') });
      expect(response.json().detail).toBe(
        'This case cannot be shown right now: part of its stored record is unavailable. The problem ' +
          'has been logged for the operator to repair; please try again later',
      );
    },
  );

  it('refuses a command on it, telling staff nothing was written and the customer the same in plain words', async () => {
    const comment = (token: string) =>
      seeded.t.app.inject({
        method: 'POST',
        url: `/v1/cases/${caseId}/comments`,
        headers: { authorization: `Bearer ${token}` },
        payload: { body: 'Any news?' },
      });
    const staff = await comment(seeded.world.engineerToken);
    expect(staff.statusCode).toBe(503);
    expect(staff.json().detail).toContain(`(position ${garbled.position}) cannot be read`);
    expect(staff.json().detail).toContain('Nothing was written');
    const customer = await comment(seeded.world.customerToken);
    expect(customer.statusCode).toBe(503);
    expect(customer.json().detail).toBe(
      'This change cannot be made right now: part of the stored record it depends on is unavailable. ' +
        'Nothing was written. The problem has been logged for the operator to repair; please try again later',
    );
  });
});
