import Database from 'better-sqlite3';
import * as path from 'node:path';
import { mintToken } from '../apps/api/src/auth/token-minter';
import { caseStream } from '../apps/api/src/cases/commands/case-command';
import { openCase } from './support/fault/seed';
import { useSeededTestApp } from './support/fault/seeded-test-app';
import { TEST_SECRET } from './support/test-app';

/**
 * What a customer (and a customer's compliance auditor) is told of a damaged case in the sentences
 * of its history and its integrity check: what is wrong with the record, in its revisions, and that
 * the operator has it, as their 503s say. They were given the operator's instructions ("An operator
 * runs `casetrail verify` and restores the stream from a backup") and the read models' part ("the
 * read models applied revision 4 ..."), which they can do nothing with. The desk's staff keep both.
 */
describe('the plain words of a damaged case for its customer', () => {
  const seeded = useSeededTestApp();
  const cases = { edited: '', lostTail: '' };
  let scopedAuditor: string;
  /** The lost tail's last revision, deleted. */
  let lastRevision: number;
  const logged = 'The problem has been logged for the operator to repair';
  const internals = ['casetrail', 'operator runs', 'read models', 'backup', caseStream('')];

  const get = async (url: string, token: string) =>
    seeded.t.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });

  beforeAll(async () => {
    const { send, world } = seeded;
    scopedAuditor = await mintToken(TEST_SECRET, {
      email: 'clara.compliance@acme.example',
      roles: ['auditor'],
      accounts: [world.accountId],
    });
    for (const name of Object.keys(cases) as (keyof typeof cases)[]) {
      cases[name] = await openCase(send, world, `Damaged (${name})`);
      for (let n = 1; n <= 2; n++) {
        const posted = await send('POST', `/v1/cases/${cases[name]}/comments`, world.engineerToken, {
          body: `Looking into it (${n})`,
        });
        expect(posted.status).toBe(201);
      }
    }
    const db = new Database(path.join(seeded.t.dataDir, 'events.sqlite'));
    try {
      const edited = db
        .prepare(
          `UPDATE events SET data = replace(data, 'Looking into it (1)', 'We refund you') WHERE stream = ? AND revision = 1`,
        )
        .run(caseStream(cases.edited));
      expect(edited.changes).toBe(1);
      const stream = caseStream(cases.lostTail);
      lastRevision = db
        .prepare('SELECT MAX(revision) FROM events WHERE stream = ?')
        .pluck()
        .get(stream) as number;
      const deleted = db
        .prepare('DELETE FROM events WHERE stream = ? AND revision = ?')
        .run(stream, lastRevision);
      expect(deleted.changes).toBe(1);
    } finally {
      db.close();
    }
  });

  it("a broken chain: the customer's and their compliance auditor's history says so without the operator's remedy; staff keep it", async () => {
    const plain =
      "The record's hash chain is broken at revision 1: that entry and every later one cannot be proven " +
      `to be as they were written. ${logged}.`;
    for (const token of [seeded.world.customerToken, scopedAuditor]) {
      const history = await get(`/v1/cases/${cases.edited}/history`, token);
      expect(history.statusCode).toBe(200);
      expect(history.json().integrity).toEqual({
        valid: false,
        brokenAt: expect.objectContaining({ revision: 1, problem: 'hash-mismatch' }),
        unprovenFrom: 1,
        reason: plain,
      });
      const asOf = await get(
        `/v1/cases/${cases.edited}?asOf=${encodeURIComponent(seeded.t.clock.now().toISOString())}`,
        token,
      );
      expect(asOf.json().integrity).toMatchObject({ reason: plain });
    }
    const staff = await get(`/v1/cases/${cases.edited}/history`, seeded.world.engineerToken);
    expect(staff.json().integrity.reason).toContain('An operator runs `casetrail verify`');
  });

  it("a lost tail: the customer's and their compliance auditor's integrity check says so without the read models, as plainly as their history's 503; staff keep them", async () => {
    const { customerToken, engineerToken } = seeded.world;
    for (const token of [customerToken, scopedAuditor]) {
      const integrity = await get(`/v1/cases/${cases.lostTail}/integrity`, token);
      expect(integrity.statusCode).toBe(200);
      expect(integrity.json()).toMatchObject({
        valid: false,
        lostEvents: {
          appliedRevision: lastRevision,
          streamEndsAt: lastRevision - 1,
          reason: `This case's record held revision ${lastRevision}, but it now ends at revision ${lastRevision - 1}: entries were removed from its end. ${logged}`,
        },
      });
      for (const internal of internals) expect(integrity.body).not.toContain(internal);
      const history = await get(`/v1/cases/${cases.lostTail}/history`, token);
      expect(history.statusCode).toBe(503);
      expect(history.json().detail).toContain(logged);
    }
    const staff = await get(`/v1/cases/${cases.lostTail}/integrity`, engineerToken);
    expect(staff.json().lostEvents.reason).toMatch(
      new RegExp(
        `^the read models applied revision ${lastRevision} \\(event \\S+\\), but the stream ends at revision ${lastRevision - 1}: events were removed from its end$`,
      ),
    );
  });
});
