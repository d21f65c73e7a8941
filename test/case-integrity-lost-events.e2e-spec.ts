import Database from 'better-sqlite3';
import * as path from 'node:path';
import { openCase } from './support/fault/seed';
import { useSeededTestApp } from './support/fault/seeded-test-app';

/**
 * Someone with access to the event store's file deletes a case's last events. What is left is a
 * shorter chain, whole, so the hash chain alone would call it valid; the case's read models still
 * hold the revision they applied, and the integrity check compares the stream with it.
 */
describe('GET /v1/cases/{id}/integrity on a stream that lost its last events', () => {
  const seeded = useSeededTestApp();
  let caseId: string;
  /** The case's events as the history lists them, in revision order. */
  let history: { revision: number; id: string; hash: string }[];
  const integrity = async () =>
    (
      await seeded.t.app.inject({
        method: 'GET',
        url: `/v1/cases/${caseId}/integrity`,
        headers: { authorization: `Bearer ${seeded.world.engineerToken}` },
      })
    ).json();

  beforeAll(async () => {
    const { send, world } = seeded;
    caseId = await openCase(send, world);
    for (let comment = 1; comment <= 4; comment++) {
      const posted = await send('POST', `/v1/cases/${caseId}/comments`, world.customerToken, {
        body: `Still slow (${comment})`,
      });
      expect(posted.status).toBe(201);
    }
    const answer = await send('GET', `/v1/cases/${caseId}/history`, world.engineerToken);
    history = (answer.body as { events: typeof history }).events;
    expect(history.map((event) => event.revision)).toEqual([0, 1, 2, 3, 4]);
  });

  const deleteFromRevision = (revision: number) => {
    const db = new Database(path.join(seeded.t.dataDir, 'events.sqlite'));
    try {
      db.prepare('DELETE FROM events WHERE stream = ? AND revision >= ?').run(`case-${caseId}`, revision);
    } finally {
      db.close();
    }
  };

  it('is valid while the stream holds every event the read models applied', async () => {
    expect(await integrity()).toMatchObject({ valid: true, events: 5, lastHash: history[4].hash });
  });

  it('is not valid once the last event is deleted, naming the revision the read models applied and where the stream ends', async () => {
    deleteFromRevision(4);
    const report = await integrity();
    expect(report).toMatchObject({
      caseId,
      valid: false,
      events: 4,
      lostEvents: {
        appliedRevision: 4,
        appliedEventId: history[4].id,
        streamEndsAt: 3,
        reason: `the read models applied revision 4 (event ${history[4].id}), but the stream ends at revision 3: events were removed from its end`,
      },
    });
    // The chain that is left is whole: nothing else is wrong with it.
    expect(report).not.toHaveProperty('brokenAt');
    expect(report).not.toHaveProperty('lastHash');
  });

  it('names where the stream ends after more of its end is deleted', async () => {
    deleteFromRevision(2);
    expect(await integrity()).toMatchObject({
      valid: false,
      events: 2,
      lostEvents: { appliedRevision: 4, streamEndsAt: 1 },
    });
  });
});
