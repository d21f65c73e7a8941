import Database from 'better-sqlite3';
import * as path from 'node:path';
import { randomUUID } from 'node:crypto';
import { caseStream } from '../apps/api/src/cases/commands/case-command';
import { openCase } from './support/fault/seed';
import { useSeededTestApp } from './support/fault/seeded-test-app';

/**
 * A case whose newest stored event cannot be read (its data edited into something that is not
 * JSON). Access is decided from the case's read-model row before that row matters: someone who may
 * not see the case gets the very 404 of a case that does not exist (before, a 503
 * `stored-event-unreadable` told them it exists), while those who may see it still get the 503
 * that names the damage.
 */
describe('a case whose newest stored event cannot be read', () => {
  const seeded = useSeededTestApp();
  let caseId: string;
  let strangerToken: string;

  const request = (method: 'GET' | 'POST', url: string, token: string) =>
    seeded.t.app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${token}` },
      ...(method === 'POST' ? { payload: { body: 'Any news?' } } : {}),
    });

  /** Every route a stranger might probe a case id with, for a case id. */
  const probes = (id: string): ['GET' | 'POST', string][] => [
    ['GET', `/v1/cases/${id}`],
    ['GET', `/v1/cases/${id}/history`],
    ['GET', `/v1/cases/${id}/integrity`],
    ['GET', `/v1/cases/${id}?asOf=2026-03-02T09:30:00.000Z`],
    ['POST', `/v1/cases/${id}/comments`],
  ];

  beforeAll(async () => {
    const { send, world } = seeded;
    caseId = await openCase(send, world);
    const commented = await send('POST', `/v1/cases/${caseId}/comments`, world.customerToken, {
      body: 'Still slow',
    });
    expect(commented.status).toBe(201);
    // The read models have applied the comment, the row about to be damaged.
    expect((await send('GET', `/v1/cases/${caseId}`, world.engineerToken)).status).toBe(200);
    strangerToken = await seeded.t.token('mallory@elsewhere.example');
    const db = new Database(path.join(seeded.t.dataDir, 'events.sqlite'));
    try {
      db.prepare(
        `UPDATE events SET data = '{"body": cut' WHERE stream = ? AND revision = (SELECT MAX(revision) FROM events WHERE stream = ?)`,
      ).run(caseStream(caseId), caseStream(caseId));
    } finally {
      db.close();
    }
  });

  it('answers a stranger exactly as for a case that does not exist, on every route', async () => {
    const missing = randomUUID();
    const absentProbes = probes(missing);
    for (const [index, [method, url]] of probes(caseId).entries()) {
      const damaged = await request(method, url, strangerToken);
      const absent = (await request(method, absentProbes[index][1], strangerToken)).json();
      expect({ method, url, status: damaged.statusCode }).toEqual({ method, url, status: 404 });
      expect(damaged.json()).toEqual({
        ...absent,
        detail: absent.detail.replace(missing, caseId),
        instance: url,
      });
    }
  });

  it('still answers staff and the opener 503 stored-event-unreadable', async () => {
    for (const token of [seeded.world.engineerToken, seeded.world.customerToken]) {
      const response = await request('GET', `/v1/cases/${caseId}`, token);
      expect(response.statusCode).toBe(503);
      expect(response.json().type).toContain('stored-event-unreadable');
    }
  });
});
