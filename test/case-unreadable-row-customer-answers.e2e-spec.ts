import Database from 'better-sqlite3';
import * as path from 'node:path';
import { caseStream } from '../apps/api/src/cases/commands/case-command';
import { openCase } from './support/fault/seed';
import { useSeededTestApp } from './support/fault/seeded-test-app';

/**
 * A customer's own case whose newest stored row, an internal note, was damaged by one byte. The
 * JSON parser's message quotes the stored text around the damage: no answer the customer gets
 * (the integrity check included, which once returned it as `problem`, with the row's revision and
 * position) may carry it, nor the stream's name, revisions or positions. Staff and auditors keep
 * the evidence.
 */
describe("a customer's answers about their case's damaged row", () => {
  const seeded = useSeededTestApp();
  let caseId: string;
  const note = 'INTERNAL: customer DB password is hunter2, do not share';
  const plainRead =
    'This case cannot be shown right now: part of its stored record is unavailable. The problem ' +
    'has been logged for the operator to repair; please try again later';
  const plainChange =
    'This change cannot be made right now: part of the stored record it depends on is unavailable. ' +
    'Nothing was written. The problem has been logged for the operator to repair; please try again later';

  const request = (method: 'GET' | 'POST', url: string, token: string) =>
    seeded.t.app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${token}` },
      ...(method === 'POST' ? { payload: { body: 'Any news?' } } : {}),
    });

  beforeAll(async () => {
    const { send, world } = seeded;
    caseId = await openCase(send, world);
    const noted = await send('POST', `/v1/cases/${caseId}/comments`, world.engineerToken, {
      body: note,
      internal: true,
    });
    expect(noted.status).toBe(201);
    const db = new Database(path.join(seeded.t.dataDir, 'events.sqlite'));
    try {
      const changed = db
        .prepare(
          `UPDATE events SET data = replace(data, '"body":"INTERNAL', '"body":xINTERNAL') WHERE stream = ?`,
        )
        .run(caseStream(caseId));
      expect(changed.changes).toBeGreaterThan(0);
    } finally {
      db.close();
    }
  });

  it.each([
    ['GET', '/integrity', plainRead],
    ['GET', '', plainRead],
    ['GET', '/history', plainRead],
    ['GET', '?asOf=2026-03-02T09:30:00.000Z', plainRead],
    ['POST', '/comments', plainChange],
  ] as const)(
    '%s %s answers the plain 503 with no stored text, stream, revision or position',
    async (method, suffix, plain) => {
      const response = await request(method, `/v1/cases/${caseId}${suffix}`, seeded.world.customerToken);
      expect(response.statusCode).toBe(503);
      expect(response.json()).toMatchObject({ type: expect.stringContaining('stored-event-unreadable') });
      expect(response.json().detail).toBe(plain);
      for (const leak of ['hunter2', 'INTERNAL', 'JSON', caseStream(caseId), 'position', 'revision']) {
        expect(response.body).not.toContain(leak);
      }
    },
  );

  it('still gives an auditor and staff the integrity report naming the row and the problem', async () => {
    const auditor = await seeded.t.token('audra@vendor.example', ['auditor']);
    for (const token of [auditor, seeded.world.engineerToken]) {
      const response = await request('GET', `/v1/cases/${caseId}/integrity`, token);
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({
        valid: false,
        unreadable: {
          position: expect.any(Number),
          problem: expect.stringMatching(/^its data is not valid JSON/),
        },
      });
    }
  });
});
