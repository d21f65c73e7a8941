import { Logger } from '@nestjs/common';
import Database from 'better-sqlite3';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PROBLEM_CONTENT_TYPE, problemType } from '../apps/api/src/problems/problem-details';
import { caseStream } from '../apps/api/src/cases/commands/case-command';
import { SlaTimerScheduler } from '../apps/api/src/sla-timers/sla-timer-scheduler';
import { ApiClient } from './support/fixtures/api-client';
import { NO_PERMISSIONS, SetupSteps } from './support/fixtures/setup-steps';
import { startTestApp, TestApp } from './support/test-app';

const ENGINEER = 'eve.engineer@vendor.example';
const OPENER = 'alice.opener@acme.example';

/**
 * A case's stream that lost its last event (deleted from events.sqlite while the server was
 * stopped, not the log's last event, so the start-up check of the log's end does not see it) while
 * the read models still hold its effect. A command decided on what is left would be stored under
 * the lost event's revision, and `casetrail verify` could no longer name the loss: it is refused
 * with 503 and nothing is written. Other cases, and reads, go on as before.
 */
describe('a case whose stream lost its tail takes no new writes', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'casetrail-lost-tail-'));
  let app: TestApp | undefined;
  let api: ApiClient;
  let accountId: string;
  let damaged: string;
  let intact: string;
  let appliedRevision: number;
  let engineerToken: string;
  let openerToken: string;

  const comment = (caseId: string, token: string) =>
    api.send({ method: 'POST', url: `/v1/cases/${caseId}/comments`, payload: { body: 'Any news?' } }, token);
  const streamOf = (caseId: string) => app!.runtime.storage.eventStore.readStream(caseStream(caseId));

  beforeAll(async () => {
    app = await startTestApp({ dataDir });
    api = new ApiClient(app.app);
    engineerToken = await app.token(ENGINEER, ['engineer']);
    openerToken = await app.token(OPENER);
    const steps = new SetupSteps(api, await app.token('adam.admin@vendor.example', ['admin']), engineerToken);
    const account = await steps.registerAccount('Acme');
    accountId = account;
    const licence = await steps.issueLicence(account, {
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
    intact = await steps.openWebCase(licence, openerToken, 'Keeps every event');
    appliedRevision = (await streamOf(damaged)).length - 1;
    // The read models have applied the damaged case's last event.
    const detail = await api.expect(200, { method: 'GET', url: `/v1/cases/${damaged}` }, engineerToken);
    expect(detail.json().revision).toBe(appliedRevision);
    await app.close();
    app = undefined;

    const db = new Database(path.join(dataDir, 'events.sqlite'), { fileMustExist: true });
    try {
      db.prepare(`DELETE FROM events WHERE stream = ? AND revision = ?`).run(
        caseStream(damaged),
        appliedRevision,
      );
    } finally {
      db.close();
    }

    app = await startTestApp({ dataDir });
    api = new ApiClient(app.app);
  });

  afterAll(async () => {
    await app?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('refuses a command with 503 storage-inconsistent, naming the case and both revisions, and writes nothing', async () => {
    const response = await comment(damaged, engineerToken);

    expect(response.status).toBe(503);
    expect(response.contentType).toContain(PROBLEM_CONTENT_TYPE);
    const problem = response.json();
    expect(problem).toMatchObject({
      type: problemType('storage-inconsistent'),
      status: 503,
      stream: caseStream(damaged),
      appliedRevision,
      storedRevision: appliedRevision - 1,
    });
    expect(problem.detail).toContain(`case ${damaged}`);
    expect(problem.detail).toContain(`up to revision ${appliedRevision}`);
    expect(problem.detail).toContain(`ends at revision ${appliedRevision - 1}`);
    expect(problem.detail).toContain('casetrail verify');
    expect((await streamOf(damaged)).map((event) => event.revision)).toEqual(
      Array.from({ length: appliedRevision }, (_, revision) => revision),
    );
  });

  it('refuses the customer too, and answers 404 to someone who may not see the case', async () => {
    expect((await comment(damaged, openerToken)).status).toBe(503);
    const stranger = await app!.token('mallory@elsewhere.example');
    expect((await comment(damaged, stranger)).status).toBe(404);
  });

  it('still shows the case, and other cases still take commands', async () => {
    await api.expect(200, { method: 'GET', url: `/v1/cases/${damaged}` }, engineerToken);
    await api.expect(
      201,
      { method: 'POST', url: `/v1/cases/${intact}/comments`, payload: { body: 'Fine' } },
      engineerToken,
    );
  });

  it("sends none of its SLA timers (its row's first response was met by the lost event), while other cases' fire", async () => {
    const storedBefore = (await streamOf(damaged)).length;
    const scheduler = app!.app.get(SlaTimerScheduler, { strict: false });
    const errors = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    let notFired: string[];
    try {
      // Thirty days on, every target of both cases is long past due.
      app!.clock.advance(30 * 24 * 60 * 60 * 1000);
      await scheduler.runDueTimers();
      notFired = errors.mock.calls.map(([message]) => String(message));
    } finally {
      errors.mockRestore();
    }

    expect(await streamOf(damaged)).toHaveLength(storedBefore);
    expect((await streamOf(intact)).map((event) => event.type)).toContain('SlaTargetBreached');
    expect(notFired.length).toBeGreaterThan(0);
    expect(notFired.every((line) => line.startsWith(`${damaged}|`) && line.includes('not fired'))).toBe(true);
    expect(notFired[0]).toContain(`up to revision ${appliedRevision}`);
    expect(notFired[0]).toContain('casetrail verify');
  });

  it("is left out of the Mission Critical review, while the account's other live cases take the cover", async () => {
    const admin = await app!.token('adam.admin@vendor.example', ['admin']);
    const steps = new SetupSteps(api, admin, engineerToken);
    await steps.issueLicence(accountId, { plan: 'mission-critical', holderEmail: 'hannah@acme.example' });
    const storedBefore = (await streamOf(damaged)).length;
    const scheduler = app!.app.get(SlaTimerScheduler, { strict: false });
    const errors = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    let notReviewed: string[];
    try {
      await scheduler.reviewMissionCritical();
      notReviewed = errors.mock.calls.map(([message]) => String(message));
    } finally {
      errors.mockRestore();
    }

    expect(await streamOf(damaged)).toHaveLength(storedBefore);
    expect((await streamOf(intact)).map((event) => event.type)).toContain('MissionCriticalChanged');
    // The round run here says so, and so may the account's own review the licence's issue set off.
    expect(notReviewed.length).toBeGreaterThan(0);
    for (const line of notReviewed) {
      expect(line).toContain('1 case(s) not reviewed for Mission Critical cover: their streams lost events');
      expect(line).toContain(`(${damaged})`);
      expect(line).toContain('casetrail verify');
    }
  });
});
