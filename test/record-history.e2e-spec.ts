import Database from 'better-sqlite3';
import * as path from 'node:path';
import { ApiClient } from './support/fixtures/api-client';
import { NO_PERMISSIONS, SetupSteps } from './support/fixtures/setup-steps';
import { startTestApp, TestApp } from './support/test-app';

const HOLDER = 'hannah.holder@acme.example';
const USER = 'uma.user@acme.example';

/**
 * The audit trail of the records a case's rights come from (accounts and licences): who changed
 * what and why, with every event's hash, and the chain verified on the server, as a case's history
 * and integrity are. For admins and auditors only.
 */
describe('history and integrity of accounts and licences', () => {
  let t: TestApp;
  let api: ApiClient;
  let tokens: Record<'admin' | 'auditor' | 'engineer' | 'holder', string>;
  let accountId: string;
  let licenceId: string;

  const get = (url: string, token: string) => api.send({ method: 'GET', url }, token);

  beforeAll(async () => {
    t = await startTestApp();
    api = new ApiClient(t.app);
    tokens = {
      admin: await t.token('adam.admin@vendor.example', ['admin']),
      auditor: await t.token('audrey.auditor@vendor.example', ['auditor']),
      engineer: await t.token('eve.engineer@vendor.example', ['engineer']),
      holder: await t.token(HOLDER, [], 'Hannah Holder'),
    };
    const setup = new SetupSteps(api, tokens.admin, tokens.engineer);
    accountId = await setup.registerAccount('Acme');
    await setup.addCaseTeamMember(accountId, 'tom.teammate@acme.example', true);
    licenceId = await setup.issueLicence(accountId, { plan: 'enterprise', holderEmail: HOLDER });
    await setup.addLicensedUser(licenceId, USER, NO_PERMISSIONS);
    await api.expect(
      200,
      {
        method: 'PATCH',
        url: `/v1/licences/${licenceId}`,
        payload: { seats: 10, reason: 'Bought five more seats' },
      },
      tokens.admin,
    );
    await api.expect(
      200,
      { method: 'DELETE', url: `/v1/licences/${licenceId}/users/${USER}` },
      tokens.holder,
    );
  });
  afterAll(() => t.close());

  it('lists every event of a licence, with who, when, why and the hash chain, for admins and auditors', async () => {
    for (const token of [tokens.admin, tokens.auditor]) {
      const response = await get(`/v1/licences/${licenceId}/history`, token);
      expect(response.status).toBe(200);
      const { licenceId: id, events } = response.json();
      expect(id).toBe(licenceId);
      expect(events.map((event: { type: string }) => event.type)).toEqual([
        'LicenceIssued',
        'LicensedUserAssigned',
        'LicenceTermsChanged',
        'LicensedUserRemoved',
      ]);
      expect(events[2]).toMatchObject({
        actor: 'adam.admin@vendor.example',
        reason: 'Bought five more seats',
      });
      expect(events[3]).toMatchObject({ actor: HOLDER, data: expect.objectContaining({ email: USER }) });
      events.forEach((event: { revision: number; hash: string; previousHash: string }, index: number) => {
        expect(event.revision).toBe(index);
        expect(event.hash).toMatch(/^[0-9a-f]{64}$/);
        expect(event.previousHash).toBe(index === 0 ? '0'.repeat(64) : events[index - 1].hash);
      });
    }
  });

  it("lists an account's events: registration, case team", async () => {
    const response = await get(`/v1/accounts/${accountId}/history`, tokens.auditor);
    expect(response.status).toBe(200);
    expect(response.json().events.map((event: { type: string }) => event.type)).toEqual([
      'AccountRegistered',
      'CaseTeamMemberAdded',
    ]);
  });

  it('is refused to engineers and customers (403), and 404 for a record that does not exist', async () => {
    for (const url of [`/v1/licences/${licenceId}/history`, `/v1/accounts/${accountId}/integrity`]) {
      expect((await get(url, tokens.engineer)).status).toBe(403);
      expect((await get(url, tokens.holder)).status).toBe(403);
    }
    const unknown = '01a21ef6-860b-70ef-80a7-f24587e5e1c9';
    expect((await get(`/v1/licences/${unknown}/history`, tokens.admin)).status).toBe(404);
    expect((await get(`/v1/accounts/${unknown}/integrity`, tokens.admin)).status).toBe(404);
    expect((await get('/v1/accounts/not-an-id/history', tokens.admin)).status).toBe(400);
  });

  it('verifies a whole chain, and names the first link broken by an edit of the stored record', async () => {
    const history = (await get(`/v1/licences/${licenceId}/history`, tokens.auditor)).json();
    expect(history.integrity).toEqual({ valid: true });
    expect(history.events.every((entry: { verified: boolean }) => entry.verified)).toBe(true);
    const whole = (await get(`/v1/licences/${licenceId}/integrity`, tokens.auditor)).json();
    expect(whole).toMatchObject({ licenceId, valid: true, events: 4, lastHash: history.events[3].hash });
    expect((await get(`/v1/accounts/${accountId}/integrity`, tokens.admin)).json()).toMatchObject({
      accountId,
      valid: true,
      events: 2,
    });

    // Someone with access to the database file gives the removed user their seat back on paper.
    const db = new Database(path.join(t.dataDir, 'events.sqlite'));
    try {
      db.prepare(
        `UPDATE events SET data = json_set(data, '$.seats', 50) WHERE stream = ? AND revision = 2`,
      ).run(`licence-${licenceId}`);
    } finally {
      db.close();
    }
    const broken = (await get(`/v1/licences/${licenceId}/integrity`, tokens.auditor)).json();
    expect(broken).toMatchObject({
      licenceId,
      valid: false,
      events: 4,
      brokenAt: { revision: 2, problem: 'hash-mismatch' },
    });
    expect(broken.lastHash).toBeUndefined();
    // The history says so too, and which entries are unproven, as a case's history does.
    const edited = (await get(`/v1/licences/${licenceId}/history`, tokens.auditor)).json();
    expect(edited.integrity).toMatchObject({ valid: false, brokenAt: { revision: 2 }, unprovenFrom: 2 });
    expect(edited.events.map((entry: { verified: boolean }) => entry.verified)).toEqual([
      true,
      true,
      false,
      false,
    ]);
  });
});
