import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { POLICY_ARCHIVE_STREAM } from '../apps/api/src/policy-archive/policy-archive-stream';
import { injectRequester, openCase, seedWorld, type SeededWorld } from './support/fault/seed';
import { cli } from './support/run-cli';
import { startTestApp, TestClock, type TestApp } from './support/test-app';

/**
 * DOMAIN "The policy in force is versioned; each case records the version its targets were
 * computed under": the versions a process ran under are kept in the event store
 * (`support-policy-versions`), and business time of a target is measured on the calendars of its
 * own version. Editing the calendar in a new policy version leaves the figures of cases opened or
 * answered before as they were (dashboard and daily report medians, remainingBusinessMs); a new
 * case counts on the new calendar; the same version with other content (calendars, goals, any setting) is refused at start.
 * Before, every figure was measured on the policy loaded now, so an edited calendar rewrote them.
 */
describe('policy versions kept in the event store', () => {
  const MONDAY = '2026-03-02T07:00:00.000Z'; // 09:00 in Sofia, the seeded account's zone
  const weekdays = (hours: string) =>
    Object.fromEntries(['monday', 'tuesday', 'wednesday', 'thursday', 'friday'].map((day) => [day, [hours]]));
  let policyDir: string;
  let dataDir: string;
  let app: TestApp | undefined;
  let world: SeededWorld;
  let answered: string;
  let running: string;
  let waiting: string;
  const send = injectRequester(() => app!.app);
  const writePolicy = (name: string, version: string, hours: string) => {
    const file = path.join(policyDir, name);
    fs.writeFileSync(file, JSON.stringify({ version, calendar: { workingHours: weekdays(hours) } }));
    return file;
  };
  const start = (policyFile: string) =>
    startTestApp({
      dataDir,
      clock: new TestClock(new Date(LATER)),
      env: { SUPPORT_POLICY_FILE: policyFile },
    });
  const LATER = '2026-03-02T12:00:00.000Z'; // 14:00 in Sofia

  interface Target {
    dueAt: string;
    remainingBusinessMs?: number;
    policyVersion: string;
  }
  const targets = async (caseId: string) =>
    (
      (await send('GET', `/v1/cases/${caseId}`, world.engineerToken)).body as {
        sla: { firstResponse: Target; resolution: Target };
      }
    ).sla;
  const severityThree = async () => {
    const body = (await send('GET', '/v1/dashboards/sla', world.engineerToken)).body as {
      severities: { severity: number; firstResponse: { medianBusinessMs: number | null } }[];
    };
    return body.severities.find((row) => row.severity === 3)!.firstResponse.medianBusinessMs;
  };
  const dailyRow = async () => {
    const body = (
      await send('GET', '/v1/reports/sla-daily?from=2026-03-02&to=2026-03-02', world.engineerToken)
    ).body as { rows: { severity: number; firstResponseMedianBusinessMs: number | null }[] };
    return body.rows.find((row) => row.severity === 3)!.firstResponseMedianBusinessMs;
  };

  beforeAll(async () => {
    policyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'casetrail-policy-versions-'));
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'casetrail-policy-versions-data-'));
  });

  afterAll(async () => {
    await app?.close();
    fs.rmSync(policyDir, { recursive: true, force: true });
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('Given cases answered and open under 09:00-17:00, When restarted on a new version with 10:00-12:00, Then their figures stay and a new case counts on the new hours', async () => {
    app = await startTestApp({
      dataDir,
      clock: new TestClock(new Date(MONDAY)),
      env: { SUPPORT_POLICY_FILE: writePolicy('v1.json', 'hours-1', '09:00-17:00') },
    });
    world = await seedWorld(send);
    answered = await openCase(send, world, 'Answered after three business hours');
    running = await openCase(send, world, 'Still waiting');
    waiting = await openCase(send, world, 'Awaiting the customer');
    app.clock.set('2026-03-02T10:00:00.000Z'); // 12:00 in Sofia: three hours of 09:00-17:00
    expect(
      (await send('POST', `/v1/cases/${answered}/comments`, world.engineerToken, { body: 'Looking into it' }))
        .status,
    ).toBe(201);
    // The resolution clock of this one stops from 12:00 in Sofia until the customer answers.
    const ask = { body: 'Which version do you run?' };
    expect((await send('POST', `/v1/cases/${waiting}/comments`, world.engineerToken, ask)).status).toBe(201);
    expect(
      (await send('POST', `/v1/cases/${waiting}/information-request`, world.engineerToken, ask)).status,
    ).toBe(200);
    // 21 business days of 09:00-17:00 from Monday 2 March: Monday 30 March, 17:00 in Sofia (summer time).
    expect((await targets(waiting)).resolution.dueAt).toBe('2026-03-30T14:00:00.000Z');
    app.clock.set(LATER);
    const before = {
      median: await severityThree(),
      daily: await dailyRow(),
      running: await targets(running),
    };
    expect(before.median).toBe(3 * 3_600_000);
    expect(before.daily).toBe(3 * 3_600_000);
    // 14:00 of a 1-business-day (8 h) goal opened at 09:00: 3 h left today.
    expect(before.running.firstResponse.remainingBusinessMs).toBe(3 * 3_600_000);
    await app.close();

    app = await start(writePolicy('v2.json', 'hours-2', '10:00-12:00'));
    expect(await severityThree()).toBe(before.median);
    expect(await dailyRow()).toBe(before.daily);
    expect(await targets(running)).toEqual(before.running);
    expect((await targets(running)).firstResponse.policyVersion).toBe('hours-1');

    // Two working hours paused (12:00-14:00 in Sofia) move the deadline by two hours of 09:00-17:00,
    // the hours it was set on: Tuesday 31 March, 11:00 in Sofia.
    const answer = { body: 'Version 15.1' };
    expect((await send('POST', `/v1/cases/${waiting}/comments`, world.customerToken, answer)).status).toBe(
      201,
    );
    expect((await targets(waiting)).resolution.dueAt).toBe('2026-03-31T08:00:00.000Z');

    const fresh = await openCase(send, world, 'Opened under the new hours');
    const freshTargets = await targets(fresh);
    expect(freshTargets.firstResponse.policyVersion).toBe('hours-2');
    // Opened after 12:00: one business day of 10:00-12:00 is two hours, all still ahead.
    expect(freshTargets.firstResponse.remainingBusinessMs).toBe(2 * 3_600_000);

    const archive = await app.runtime.storage.eventStore.readStream(POLICY_ARCHIVE_STREAM);
    expect(archive.map((event) => [event.type, (event.data as { version: string }).version])).toEqual([
      ['SupportPolicyAdopted', 'hours-1'],
      ['SupportPolicyAdopted', 'hours-2'],
    ]);
    // Each adoption says when it came into force: the (real) clock of the start that recorded it.
    for (const event of archive) {
      const { adoptedAt } = event.data as { adoptedAt: string };
      expect(Math.abs(Date.parse(adoptedAt) - Date.parse(event.recordedAt))).toBeLessThan(60_000);
    }
    await app.close();
    app = undefined;
  });

  it('When restarted on a file that changes the hours of a recorded version, Then the start is refused naming the version, the file and what differs', async () => {
    const edited = writePolicy('v1-edited.json', 'hours-1', '08:00-16:00');
    await expect(start(edited)).rejects.toThrow(
      `SUPPORT_POLICY_FILE ${edited}: support policy version hours-1 was recorded with other content than the file has now ` +
        '(calendar.workingHours.friday was ["09:00-17:00"], is now ["08:00-16:00"];',
    );
    // The recorded version as it was starts again.
    app = await start(path.join(policyDir, 'v1.json'));
    await app.close();
    app = undefined;
  });

  it('When restarted on a file that changes a goal of a recorded version, Then the start is refused naming the setting; the same file rewritten (key order, spacing, a default spelled out) starts', async () => {
    const fasterGoal = path.join(policyDir, 'v1-faster.json');
    fs.writeFileSync(
      fasterGoal,
      JSON.stringify({
        version: 'hours-1',
        calendar: { workingHours: weekdays('09:00-17:00') },
        severities: { 3: { responseGoal: { amount: 5, unit: 'minutes', clock: 'wall' } } },
      }),
    );
    await expect(start(fasterGoal)).rejects.toThrow(
      `SUPPORT_POLICY_FILE ${fasterGoal}: support policy version hours-1 was recorded with other content than the file has now ` +
        '(severities.3.responseGoal.amount was 1, is now 5; severities.3.responseGoal.clock was "business", is now "wall"; ' +
        'severities.3.responseGoal.unit was "days", is now "minutes"): cases computed under it are explained by the recorded policy, ' +
        'so give the edited policy a new "version"',
    );
    const rewritten = path.join(policyDir, 'v1-rewritten.json');
    const hours = Object.entries(weekdays('09:00-17:00')).reverse();
    fs.writeFileSync(
      rewritten,
      `{\n  "calendar" : {"workingHours": ${JSON.stringify(Object.fromEntries(hours), null, 4)}},\n` +
        '  "atRiskShare": 0.75,\n  "version": "hours-1"\n}\n',
    );
    app = await start(rewritten);
    const archive = await app.runtime.storage.eventStore.readStream(POLICY_ARCHIVE_STREAM);
    expect(archive.map((event) => (event.data as { version: string }).version)).toEqual([
      'hours-1',
      'hours-2',
    ]);
    await app.close();
    app = undefined;
  });

  it('Then verify and verify-projections are clean with the archive stream, and a rebuild gives the same figures', async () => {
    expect((await cli(dataDir, 'verify')).code).toBe(0);
    expect((await cli(dataDir, 'verify-projections')).code).toBe(0);
    const rebuilt = await cli(dataDir, 'rebuild');
    expect(rebuilt.code).toBe(0);
    app = await start(path.join(policyDir, 'v2.json'));
    expect(await severityThree()).toBe(3 * 3_600_000);
    expect(await dailyRow()).toBe(3 * 3_600_000);
    expect((await targets(running)).firstResponse.remainingBusinessMs).toBe(3 * 3_600_000);
    expect((await cli(dataDir, 'verify')).code).toBe(0);
  });
});
