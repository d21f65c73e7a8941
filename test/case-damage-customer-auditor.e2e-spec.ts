import Database from 'better-sqlite3';
import * as path from 'node:path';
import { mintToken } from '../apps/api/src/auth/token-minter';
import { caseStream } from '../apps/api/src/cases/commands/case-command';
import { openCase } from './support/fault/seed';
import { useSeededTestApp } from './support/fault/seeded-test-app';
import { TEST_SECRET } from './support/test-app';

/**
 * A customer's compliance auditor (a token naming their accounts) reading a case of their account
 * whose stored record is damaged: they hold the auditor role, so the 503 gave them the staff's
 * evidence (the stream, revisions, what the operator runs), the desk's internals a customer is not
 * shown. They now get the customer's plain answer, the integrity check of an unreadable row
 * included (it gave them the row's desk-wide log position and the parser's message, which quotes
 * the stored bytes); a vendor auditor keeps the evidence.
 */
describe("a customer's compliance auditor's answers about a damaged case", () => {
  const seeded = useSeededTestApp();
  const cases = { holed: '', unreadable: '' };
  let scopedAuditor: string;
  let vendorAuditor: string;
  const asOf = `?asOf=${encodeURIComponent('2026-03-02T09:30:00.000Z')}`;
  const plainRead =
    'This case cannot be shown right now: part of its stored record is unavailable. The problem ' +
    'has been logged for the operator to repair; please try again later';

  const get = (url: string, token: string) =>
    seeded.t.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });

  beforeAll(async () => {
    const { send, world } = seeded;
    scopedAuditor = await mintToken(TEST_SECRET, {
      email: 'clara.compliance@acme.example',
      roles: ['auditor'],
      accounts: [world.accountId],
    });
    vendorAuditor = await seeded.t.token('audrey.auditor@vendor.example', ['auditor']);
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
      // A hole (revision 1 lost), as case-stream-gap.e2e-spec makes; and a row that cannot be read.
      db.prepare('DELETE FROM events WHERE stream = ? AND revision = 1').run(caseStream(cases.holed));
      const changed = db
        .prepare(
          `UPDATE events SET data = replace(data, '"body":"Looking', '"body":xLooking') WHERE stream = ?`,
        )
        .run(caseStream(cases.unreadable));
      expect(changed.changes).toBeGreaterThan(0);
    } finally {
      db.close();
    }
  });

  it.each([
    ['a hole, read as of a past instant', 'holed', asOf, 'storage-inconsistent'],
    ['an unreadable row, read', 'unreadable', '', 'stored-event-unreadable'],
    // Not the row's desk-wide log position and parser message, which quotes the stored bytes.
    ['an unreadable row, its integrity checked', 'unreadable', '/integrity', 'stored-event-unreadable'],
  ] as const)(
    '%s: the plain 503 a customer gets, naming no stream, revision or remedy',
    async (_, name, suffix, type) => {
      const response = await get(`/v1/cases/${cases[name]}${suffix}`, scopedAuditor);
      expect(response.statusCode).toBe(503);
      expect(response.json()).toMatchObject({ type: expect.stringContaining(type), detail: plainRead });
      for (const internal of [caseStream(cases[name]), 'revision', 'position', 'casetrail verify', 'JSON']) {
        expect(response.body).not.toContain(internal);
      }
    },
  );

  it('still gives a vendor auditor the evidence', async () => {
    const response = await get(`/v1/cases/${cases.holed}${asOf}`, vendorAuditor);
    expect(response.statusCode).toBe(503);
    expect(response.json()).toMatchObject({ stream: caseStream(cases.holed), missingRevision: 1 });
    expect(response.json().detail).toContain('casetrail verify');
    const integrity = await get(`/v1/cases/${cases.unreadable}/integrity`, vendorAuditor);
    expect(integrity.statusCode).toBe(200);
    expect(integrity.json()).toMatchObject({
      valid: false,
      unreadable: { revision: 1, position: expect.any(Number), problem: expect.stringContaining('JSON') },
    });
  });
});
