import Database from 'better-sqlite3';
import * as path from 'node:path';
import { mintToken } from '../apps/api/src/auth/token-minter';
import { downgradeToFormat1, swapPositions } from './support/audit-forgeries';
import { openCase } from './support/fault/seed';
import { useSeededTestApp } from './support/fault/seeded-test-app';
import { TEST_SECRET } from './support/test-app';

/**
 * Someone with access to the event store's file changes what the hashes do not cover, or computes
 * them again: two events of a case swap positions in the log, or an event is rewritten in the older
 * hash format (without its recorded time) and the chain linked again after it. Every link holds;
 * the integrity check still names the event, by the rules beside the hashes.
 */
describe('GET /v1/cases/{id}/integrity on links that hold but break the rules beside them', () => {
  const seeded = useSeededTestApp();
  let caseId: string;
  const integrity = async () =>
    (
      await seeded.t.app.inject({
        method: 'GET',
        url: `/v1/cases/${caseId}/integrity`,
        headers: { authorization: `Bearer ${seeded.world.engineerToken}` },
      })
    ).json();
  const onFile = (change: (db: Database.Database) => void) => {
    const db = new Database(path.join(seeded.t.dataDir, 'events.sqlite'));
    try {
      change(db);
    } finally {
      db.close();
    }
  };

  beforeEach(async () => {
    const { send, world } = seeded;
    caseId = await openCase(send, world);
    for (let comment = 1; comment <= 6; comment++) {
      const posted = await send('POST', `/v1/cases/${caseId}/comments`, world.customerToken, {
        body: `Still slow (${comment})`,
      });
      expect(posted.status).toBe(201);
    }
    expect(await integrity()).toMatchObject({ valid: true });
  });

  it('names the revision whose position was swapped with the one before it', async () => {
    onFile((db) => swapPositions(db, `case-${caseId}`, 4, 5));
    expect(await integrity()).toMatchObject({
      valid: false,
      brokenAt: { revision: 5, problem: 'position-out-of-order' },
    });
  });

  it("tells a customer the revision and the rule, not the log positions it quotes (those are staff's)", async () => {
    const { send, world } = seeded;
    onFile((db) => swapPositions(db, `case-${caseId}`, 4, 5));
    // Staff read what the positions were, as the history's entries give them the positions.
    expect((await integrity()).brokenAt).toMatchObject({
      expected: expect.stringMatching(/^a position after \d+/),
      actual: expect.stringMatching(/^position \d+$/),
    });
    const history = await send('GET', `/v1/cases/${caseId}/history`, world.customerToken);
    const lastAt = (history.body as { events: { at: string }[] }).events.at(-1)!.at;
    const answers = [
      await send('GET', `/v1/cases/${caseId}/integrity`, world.customerToken),
      history,
      await send('GET', `/v1/cases/${caseId}?asOf=${encodeURIComponent(lastAt)}`, world.customerToken),
    ];
    for (const { status, body } of answers) {
      expect(status).toBe(200);
      const { brokenAt } =
        'brokenAt' in (body as object)
          ? (body as { brokenAt: unknown })
          : (body as { integrity: { brokenAt: unknown } }).integrity;
      expect(brokenAt).toEqual({
        revision: 5,
        eventId: expect.any(String),
        problem: 'position-out-of-order',
      });
    }
  });

  it("keeps desk-wide positions from a customer's compliance auditor too, in histories and findings; the desk's auditor reads them", async () => {
    const { send, world } = seeded;
    onFile((db) => swapPositions(db, `case-${caseId}`, 4, 5));
    const customersAuditor = await mintToken(TEST_SECRET, {
      email: 'clara.compliance@acme.example',
      roles: ['auditor'],
      accounts: [world.accountId],
    });
    const desksAuditor = await seeded.t.token('audrey.auditor@vendor.example', ['auditor']);
    const reads = (token: string) =>
      Promise.all(
        [
          `/v1/cases/${caseId}/history`,
          `/v1/cases/${caseId}/integrity`,
          `/v1/cases/${caseId}?asOf=${encodeURIComponent(seeded.t.clock.now().toISOString())}`,
          `/v1/accounts/${world.accountId}/history`,
          `/v1/licences/${world.licenceId}/history`,
        ].map((url) => send('GET', url, token)),
      );
    const [caseHistory, caseIntegrity, asOf, accountHistory, licenceHistory] = await reads(customersAuditor);
    for (const { status, body } of [caseHistory, caseIntegrity, asOf, accountHistory, licenceHistory]) {
      expect(status).toBe(200);
      expect(JSON.stringify(body)).not.toMatch(/"position"|a position after|"actual":"position/);
    }
    const finding = { revision: 5, eventId: expect.any(String), problem: 'position-out-of-order' };
    expect((caseIntegrity.body as { brokenAt: unknown }).brokenAt).toEqual(finding);
    expect((caseHistory.body as { integrity: { brokenAt: unknown } }).integrity.brokenAt).toEqual(finding);
    expect((asOf.body as { integrity: { brokenAt: unknown } }).integrity.brokenAt).toEqual(finding);

    const desk = await reads(desksAuditor);
    expect((desk[0].body as { events: { position?: number }[] }).events[0].position).toEqual(
      expect.any(Number),
    );
    expect((desk[1].body as { brokenAt: { actual?: string } }).brokenAt.actual).toMatch(/^position \d+$/);
    expect((desk[3].body as { events: { position?: number }[] }).events[0].position).toEqual(
      expect.any(Number),
    );
    expect((desk[4].body as { events: { position?: number }[] }).events[0].position).toEqual(
      expect.any(Number),
    );
  });

  it('names the revision rewritten in format 1 after events of format 2', async () => {
    onFile((db) => downgradeToFormat1(db, `case-${caseId}`, 3));
    expect(await integrity()).toMatchObject({
      valid: false,
      brokenAt: {
        revision: 3,
        problem: 'format-downgrade',
        expected: 'hashFormat 2, as revision 2',
        actual: 'no hashFormat',
      },
    });
  });
});
