import Database from 'better-sqlite3';
import * as path from 'node:path';
import { problemType } from '../apps/api/src/problems/problem-details';
import { openCase } from './support/fault/seed';
import { useSeededTestApp } from './support/fault/seeded-test-app';

/**
 * A case's stream that lost its last event (deleted from events.sqlite) while its read models still
 * hold it. The history and `?asOf=` replay the stream: answered 200, what is left would pass for the
 * whole story (a history that ends before the loss, an `asOf` now that contradicts the detail). They
 * are refused as commands are, with 503 `storage-inconsistent`: staff and auditors get the evidence
 * and where to look, customers a plain answer without store internals. The detail (the read models'
 * row, the lost event included) and `/integrity` (which reports the loss) still answer.
 */
describe('reads replayed from a case stream that lost its last event', () => {
  const seeded = useSeededTestApp();
  let caseId: string;
  let auditorToken: string;
  let asOfNow: string;
  let asOfOpened: string;

  const get = async (url: string, token: string) =>
    seeded.t.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });

  beforeAll(async () => {
    const { send, world } = seeded;
    auditorToken = await seeded.t.token('audrey.auditor@vendor.example', ['auditor']);
    caseId = await openCase(send, world);
    asOfOpened = seeded.t.clock.now().toISOString();
    for (let comment = 1; comment <= 4; comment++) {
      seeded.t.clock.advance(60_000);
      const posted = await send('POST', `/v1/cases/${caseId}/comments`, world.customerToken, {
        body: `Still slow (${comment})`,
      });
      expect(posted.status).toBe(201);
    }
    asOfNow = seeded.t.clock.now().toISOString();
    // Whole, both replay the stream to its last event.
    expect((await get(`/v1/cases/${caseId}/history`, auditorToken)).json().events).toHaveLength(5);
    expect((await get(`/v1/cases/${caseId}?asOf=${asOfNow}`, auditorToken)).json().revision).toBe(4);

    const db = new Database(path.join(seeded.t.dataDir, 'events.sqlite'));
    try {
      db.prepare('DELETE FROM events WHERE stream = ? AND revision = 4').run(`case-${caseId}`);
    } finally {
      db.close();
    }
  });

  describe.each([
    ['/history', () => `/v1/cases/${caseId}/history`],
    ['?asOf= now', () => `/v1/cases/${caseId}?asOf=${asOfNow}`],
    ['?asOf= before the lost event', () => `/v1/cases/${caseId}?asOf=${asOfOpened}`],
  ])('%s', (_name, url) => {
    it('answers an auditor 503 storage-inconsistent with the evidence, not the shortened story', async () => {
      const response = await get(url(), auditorToken);
      expect(response.statusCode).toBe(503);
      expect(response.headers['content-type']).toContain('application/problem+json');
      const problem = response.json();
      expect(problem).toMatchObject({
        type: problemType('storage-inconsistent'),
        status: 503,
        stream: `case-${caseId}`,
        appliedRevision: 4,
        storedRevision: 3,
      });
      expect(problem.detail).toContain(`case ${caseId} cannot be replayed from its stream`);
      expect(problem.detail).toContain('up to revision 4');
      expect(problem.detail).toContain('ends at revision 3');
      expect(problem.detail).toContain(`GET /v1/cases/${caseId}/integrity`);
      expect(problem.detail).toContain('casetrail verify');
      // A read writes nothing to begin with, and no change was asked for.
      expect(problem.detail).not.toContain('Nothing was written');
      expect(problem.detail).not.toContain('cannot take changes');
    });

    it('answers the customer who opened the case 503 in plain words, without store internals', async () => {
      const response = await get(url(), seeded.world.customerToken);
      expect(response.statusCode).toBe(503);
      const problem = response.json();
      expect(problem).toMatchObject({ type: problemType('storage-inconsistent'), status: 503 });
      expect(problem.detail).toBe(
        'This case cannot be shown right now: part of its stored record is unavailable. The problem ' +
          'has been logged for the operator to repair; please try again later',
      );
      expect(problem).not.toHaveProperty('stream');
      expect(problem).not.toHaveProperty('appliedRevision');
      expect(problem).not.toHaveProperty('storedRevision');
    });

    it('answers 404 to someone who may not see the case', async () => {
      const stranger = await seeded.t.token('mallory@elsewhere.example');
      expect((await get(url(), stranger)).statusCode).toBe(404);
    });
  });

  it('still shows the detail as the read models applied it, and /integrity reports the loss', async () => {
    const detail = await get(`/v1/cases/${caseId}`, auditorToken);
    expect(detail.statusCode).toBe(200);
    expect(detail.json().revision).toBe(4);
    const integrity = await get(`/v1/cases/${caseId}/integrity`, auditorToken);
    expect(integrity.statusCode).toBe(200);
    expect(integrity.json()).toMatchObject({
      valid: false,
      lostEvents: { appliedRevision: 4, streamEndsAt: 3 },
    });
  });

  it("refuses the customer's command in plain words, saying nothing was written", async () => {
    const response = await seeded.t.app.inject({
      method: 'POST',
      url: `/v1/cases/${caseId}/comments`,
      headers: { authorization: `Bearer ${seeded.world.customerToken}` },
      payload: { body: 'Any news?' },
    });
    expect(response.statusCode).toBe(503);
    const problem = response.json();
    expect(problem.type).toBe(problemType('storage-inconsistent'));
    expect(problem.detail).toBe(
      'This change cannot be made right now: part of the stored record it depends on is unavailable. ' +
        'Nothing was written. The problem has been logged for the operator to repair; please try again later',
    );
    expect(problem).not.toHaveProperty('stream');
  });
});
