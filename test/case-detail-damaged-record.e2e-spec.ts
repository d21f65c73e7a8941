import Database from 'better-sqlite3';
import * as path from 'node:path';
import { openCase } from './support/fault/seed';
import { useSeededTestApp } from './support/fault/seeded-test-app';

/**
 * A case whose stored event was edited in place: once the API knows its stream is damaged (here a
 * command ran into the broken hash chain), every command on it answers 503. The detail still listed
 * every `allowedActions` entry, each of which failed, and said nothing of the damage. Now the list is
 * empty and `recordDamaged` says why: the evidence to staff, the 503's plain words to a customer.
 */
describe('the detail of a case whose stored record is known to be damaged', () => {
  const seeded = useSeededTestApp();
  let caseId: string;

  const get = (url: string, token: string) =>
    seeded.t.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });

  beforeAll(async () => {
    const { send, world } = seeded;
    caseId = await openCase(send, world, 'Its comment is rewritten in the database');
    const commented = await send('POST', `/v1/cases/${caseId}/comments`, world.engineerToken, {
      body: 'Looking into it',
    });
    expect(commented.status).toBe(201);
    expect((await get(`/v1/cases/${caseId}`, world.customerToken)).json().allowedActions).toContain(
      'comment',
    );
    const db = new Database(path.join(seeded.t.dataDir, 'events.sqlite'));
    try {
      db.prepare(
        `UPDATE events SET data = replace(data, 'Looking into it', 'We will refund you') WHERE stream = ? AND revision = 1`,
      ).run(`case-${caseId}`);
    } finally {
      db.close();
    }
    const refused = await send('POST', `/v1/cases/${caseId}/comments`, world.customerToken, { body: 'x' });
    expect(refused.status).toBe(503);
  });

  it('offers staff no action, and names what was found', async () => {
    const response = await get(`/v1/cases/${caseId}`, seeded.world.engineerToken);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      allowedActions: [],
      recordDamaged: {
        detail: expect.stringContaining('every command on it answers 503 storage-inconsistent'),
        problem: expect.stringContaining(`case-${caseId}`),
        foundAt: expect.any(String),
      },
    });
  });

  it("offers the customer no action, in the 503's plain words, without the store's internals", async () => {
    const response = await get(`/v1/cases/${caseId}`, seeded.world.customerToken);
    expect(response.statusCode).toBe(200);
    const { allowedActions, recordDamaged } = response.json();
    expect(allowedActions).toEqual([]);
    expect(recordDamaged).toEqual({
      detail:
        'Changes to this case cannot be made right now: part of its stored record is unavailable. ' +
        'The problem has been logged for the operator to repair; please try again later',
    });
  });

  it('leaves the detail of a whole case as it was', async () => {
    const other = await openCase(seeded.send, seeded.world, 'Nothing happened to this one');
    const detail = (await get(`/v1/cases/${other}`, seeded.world.customerToken)).json();
    expect(detail.allowedActions).toContain('comment');
    expect(detail).not.toHaveProperty('recordDamaged');
  });
});
