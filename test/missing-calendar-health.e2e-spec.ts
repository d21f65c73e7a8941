import { Logger } from '@nestjs/common';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { injectRequester, openCase, seedWorld, type SeededWorld } from './support/fault/seed';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * README "SLA clocks": if a later policy file drops a calendar that cases or accounts still name,
 * the process logs a warning once per name and /health is degraded, listing them in
 * `missingCalendars`. The operator who deploys such a file and checks /health learns it at once:
 * before, /health said `up` until someone read or changed a case on the calendar.
 */
describe('a policy file that drops calendars still in use', () => {
  const GERMANY = 'de-public-holidays';
  const NINE_FIVE = 'nine-five';
  let policyDir: string;
  let dataDir: string;
  let app: TestApp | undefined;
  let world: SeededWorld;
  const send = injectRequester(() => app!.app);
  const writePolicy = (name: string, policy: object) => {
    const file = path.join(policyDir, name);
    fs.writeFileSync(file, JSON.stringify(policy));
    return file;
  };
  interface Health {
    status: string;
    missingCalendars?: string[];
    reasons?: string[];
  }
  const health = async () => (await send('GET', '/health', world.adminToken)).body as Health;

  beforeAll(async () => {
    policyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'casetrail-dropped-calendars-'));
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'casetrail-dropped-calendars-data-'));
    const withBoth = writePolicy('with-both.json', {
      version: 'calendars-1',
      calendars: {
        [GERMANY]: { publicHolidays: { country: 'DE' } },
        [NINE_FIVE]: { workingHours: { monday: ['09:00-17:00'], friday: ['09:00-17:00'] } },
      },
    });
    app = await startTestApp({ dataDir, env: { SUPPORT_POLICY_FILE: withBoth } });
    world = await seedWorld(send);
    // Given: a case opened on nine-five that keeps it, and its account on the German calendar now.
    const accountPath = `/v1/accounts/${world.accountId}`;
    expect((await send('PATCH', accountPath, world.adminToken, { calendar: NINE_FIVE })).status).toBe(200);
    await openCase(send, world, 'Opened on nine-five');
    expect((await send('PATCH', accountPath, world.adminToken, { calendar: GERMANY })).status).toBe(200);
    expect((await health()).status).toBe('up');
    await app.close();
    app = undefined;
  });

  afterEach(() => jest.restoreAllMocks());

  afterAll(async () => {
    await app?.close();
    fs.rmSync(policyDir, { recursive: true, force: true });
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('When restarted on a file without them, Then /health is degraded naming them before anyone touches a case, and each is warned about once', async () => {
    const warnings: string[] = [];
    jest.spyOn(Logger.prototype, 'warn').mockImplementation((message: unknown) => {
      warnings.push(String(message));
    });
    const withNeither = writePolicy('with-neither.json', { version: 'calendars-2' });
    app = await startTestApp({ dataDir, env: { SUPPORT_POLICY_FILE: withNeither } });

    // The account's calendar is read for the first /health.
    const first = await health();
    expect(first.status).toBe('degraded');
    expect(first.missingCalendars).toContain(GERMANY);
    // The open case's, read at start in the background, follows within moments.
    let report = first;
    for (const deadline = Date.now() + 10_000; Date.now() < deadline;) {
      if (report.missingCalendars?.includes(NINE_FIVE)) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
      report = await health();
    }
    expect(report).toMatchObject({ status: 'degraded', missingCalendars: [GERMANY, NINE_FIVE] });
    expect(report.reasons).toContain(
      `support policy: no calendar ${GERMANY}, ${NINE_FIVE}, which accounts or cases name: their business time follows the default calendar until it is back in SUPPORT_POLICY_FILE`,
    );
    await health();
    for (const name of [GERMANY, NINE_FIVE]) {
      expect(warnings.filter((warning) => warning.includes(`Calendar "${name}"`))).toHaveLength(1);
    }
  });
});
