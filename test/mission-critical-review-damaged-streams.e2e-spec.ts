import Database from 'better-sqlite3';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { caseStream } from '../apps/api/src/cases/commands/case-command';
import { SlaTimerScheduler } from '../apps/api/src/sla-timers/sla-timer-scheduler';
import { ApiClient } from './support/fixtures/api-client';
import { NO_PERMISSIONS, SetupSteps } from './support/fixtures/setup-steps';
import { startTestApp, TestApp } from './support/test-app';

const ADMIN = 'adam.admin@vendor.example';
const ENGINEER = 'eve.engineer@vendor.example';
const OPENER = 'alice.opener@acme.example';

/**
 * A case whose stream lost its last event (deleted while the desk was stopped), met first by the
 * Mission Critical review when its account gets the cover: the review leaves it alone, as before,
 * and now remembers it as a user's command refused on it is, so /health names the stream (with the
 * revision the read models had applied) instead of the damage showing only in the review's log.
 */
describe('the Mission Critical review names the damaged streams it meets in /health', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'casetrail-review-damage-'));
  let app: TestApp | undefined;
  let api: ApiClient;
  let steps: SetupSteps;
  let accountId: string;
  let damaged: string;
  let appliedRevision: number;
  let adminToken: string;

  const streamOf = (caseId: string) => app!.runtime.storage.eventStore.readStream(caseStream(caseId));
  const storage = async () =>
    (await api.expect(200, { method: 'GET', url: '/health' }, adminToken)).json().storage;

  beforeAll(async () => {
    app = await startTestApp({ dataDir });
    api = new ApiClient(app.app);
    const engineerToken = await app.token(ENGINEER, ['engineer']);
    const openerToken = await app.token(OPENER);
    steps = new SetupSteps(api, await app.token(ADMIN, ['admin']), engineerToken);
    accountId = await steps.registerAccount('Acme');
    const licence = await steps.issueLicence(accountId, {
      plan: 'enterprise',
      holderEmail: 'hannah@acme.example',
    });
    await steps.addLicensedUser(licence, OPENER, NO_PERMISSIONS, openerToken);
    damaged = await steps.openWebCase(licence, openerToken, 'Loses its last event');
    await api.expect(
      201,
      { method: 'POST', url: `/v1/cases/${damaged}/comments`, payload: { body: 'On it' } },
      engineerToken,
    );
    // Opened after: the damaged case's last event is not the log's last one.
    await steps.openWebCase(licence, openerToken, 'Keeps every event');
    appliedRevision = (await streamOf(damaged)).length - 1;
    await api.expect(200, { method: 'GET', url: `/v1/cases/${damaged}` }, engineerToken);
    await app.close();
    app = undefined;

    const db = new Database(path.join(dataDir, 'events.sqlite'), { fileMustExist: true });
    try {
      db.prepare('DELETE FROM events WHERE stream = ? AND revision = ?').run(
        caseStream(damaged),
        appliedRevision,
      );
    } finally {
      db.close();
    }

    app = await startTestApp({ dataDir });
    api = new ApiClient(app.app);
    adminToken = await app.token(ADMIN, ['admin']);
    steps = new SetupSteps(api, adminToken, await app.token(ENGINEER, ['engineer']));
  });

  afterAll(async () => {
    await app?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('records the stream it did not review, with the revision the read models had applied', async () => {
    expect(await storage()).toEqual({ status: 'up' });

    await steps.issueLicence(accountId, { plan: 'mission-critical', holderEmail: 'hannah@acme.example' });
    await app!.app.get(SlaTimerScheduler, { strict: false }).reviewMissionCritical();

    expect(await streamOf(damaged)).toHaveLength(appliedRevision);
    expect(await storage()).toMatchObject({
      status: 'degraded',
      count: 1,
      streams: [
        {
          stream: caseStream(damaged),
          lostFromRevision: appliedRevision,
          problem: expect.stringContaining(`revision ${appliedRevision}`),
        },
      ],
    });
  });
});
