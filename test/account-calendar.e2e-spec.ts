import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { injectRequester, openCase, seedWorld, type SeededWorld } from './support/fault/seed';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * Per-account business calendars: the policy file names calendars besides the default, an admin
 * gives an account one (PATCH), cases opened from then on record it and count business time on
 * it, and a case already open keeps the calendar it was opened under, for every later
 * computation too (here a severity change).
 */
describe('an account on a named calendar of the support policy', () => {
  const GERMANY = 'de-public-holidays';
  let policyDir: string;
  let app: TestApp;
  let world: SeededWorld;
  /** Cases opened before and after the account moved to the German calendar. */
  let older: string;
  let newer: string;
  const send = injectRequester(() => app.app);

  interface CaseView {
    calendar: string | null;
    timeZone: string;
    sla: { firstResponse: { dueAt: string }; resolution: { dueAt: string } };
  }
  const caseView = async (caseId: string) =>
    (await send('GET', `/v1/cases/${caseId}`, world.engineerToken)).body as CaseView;
  const openedData = async (caseId: string) => {
    const history = (await send('GET', `/v1/cases/${caseId}/history`, world.engineerToken)).body as {
      events: { type: string; data: Record<string, unknown> }[];
    };
    return history.events.find((event) => event.type === 'CaseOpened')!.data;
  };
  const raiseToSeverityTwo = (caseId: string) =>
    send('POST', `/v1/cases/${caseId}/severity`, world.engineerToken, {
      severity: 2,
      reason: 'More users are affected',
    });

  beforeAll(async () => {
    policyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'casetrail-calendars-'));
    const policyFile = path.join(policyDir, 'policy.json');
    fs.writeFileSync(
      policyFile,
      JSON.stringify({
        version: 'calendars-1',
        calendars: { [GERMANY]: { publicHolidays: { country: 'DE' } } },
      }),
    );
    app = await startTestApp({ env: { SUPPORT_POLICY_FILE: policyFile } });
    world = await seedWorld(send); // the account is in Europe/Sofia, on the default calendar
    // Thursday 2 April 2026, 12:00 in Sofia. Good Friday (3 April) and Easter Monday (6 April)
    // are German public holidays; the default calendar only skips the weekend.
    app.clock.set('2026-04-02T09:00:00.000Z');
  });

  afterAll(async () => {
    await app?.close();
    fs.rmSync(policyDir, { recursive: true, force: true });
  });

  it('is set by PATCH, shown on the account, refused when unknown, and followed by cases opened afterwards only', async () => {
    const accountPath = `/v1/accounts/${world.accountId}`;
    expect((await send('GET', accountPath, world.adminToken)).body).toMatchObject({ calendar: null });
    older = await openCase(send, world, 'Opened on the default calendar');

    const changed = await send('PATCH', accountPath, world.adminToken, { calendar: GERMANY });
    expect(changed.status).toBe(200);
    expect((await send('GET', accountPath, world.adminToken)).body).toMatchObject({
      calendar: GERMANY,
      timeZone: 'Europe/Sofia',
    });

    const unknown = await app.app.inject({
      method: 'PATCH',
      url: accountPath,
      headers: { authorization: `Bearer ${world.adminToken}` },
      payload: { calendar: 'fr-public-holidays' },
    });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.headers['content-type']).toContain('application/problem+json');
    expect(unknown.json()).toMatchObject({
      type: expect.stringMatching(/unknown-calendar$/),
      detail: expect.stringContaining(GERMANY),
      errors: [expect.objectContaining({ field: 'calendar' })],
    });
    expect((await send('PATCH', accountPath, world.engineerToken, { calendar: null })).status).toBe(403);

    newer = await openCase(send, world, 'Opened on the German calendar');
    expect(await openedData(newer)).toMatchObject({ calendar: GERMANY, timeZone: 'Europe/Sofia' });
    expect(await openedData(older)).not.toHaveProperty('calendar');

    // Severity 3: first response within one business day of Thursday 12:00 in Sofia.
    expect(await caseView(older)).toMatchObject({
      timeZone: 'Europe/Sofia',
      sla: { firstResponse: { dueAt: '2026-04-03T09:00:00.000Z' } }, // Friday
    });
    expect((await caseView(older)).calendar).toBeNull();
    expect(await caseView(newer)).toMatchObject({
      calendar: GERMANY,
      sla: { firstResponse: { dueAt: '2026-04-07T09:00:00.000Z' } }, // Tuesday, past Easter
    });
  });

  it('recomputes each open case on its own calendar, whatever the account says now', async () => {
    app.clock.set('2026-04-02T10:00:00.000Z'); // 13:00 in Sofia
    expect((await raiseToSeverityTwo(older)).status).toBe(200);
    expect((await raiseToSeverityTwo(newer)).status).toBe(200);

    // Severity 2 resolves within 14 business days of the change: Wednesday 22 April with only
    // weekends off, Friday 24 April with Good Friday and Easter Monday off too.
    expect((await caseView(older)).sla.resolution.dueAt).toBe('2026-04-22T10:00:00.000Z');
    expect((await caseView(newer)).sla.resolution.dueAt).toBe('2026-04-24T10:00:00.000Z');
  });

  it('goes back to the policy default with null, for cases opened from then on', async () => {
    const accountPath = `/v1/accounts/${world.accountId}`;
    expect((await send('PATCH', accountPath, world.adminToken, { calendar: null })).status).toBe(200);
    expect((await send('GET', accountPath, world.adminToken)).body).toMatchObject({ calendar: null });
    const later = await openCase(send, world, 'Opened on the default calendar again');
    expect(await openedData(later)).not.toHaveProperty('calendar');
    expect(await caseView(later)).toMatchObject({ calendar: null });
  });

  it('may be given when the account is registered', async () => {
    const created = await send('POST', '/v1/accounts', world.adminToken, {
      name: 'Muster GmbH',
      calendar: GERMANY,
    });
    expect(created.status).toBe(201);
    const id = (created.body as { id: string }).id;
    expect((await send('GET', `/v1/accounts/${id}`, world.adminToken)).body).toMatchObject({
      name: 'Muster GmbH',
      calendar: GERMANY,
      timeZone: null,
    });
    // null means the default, as PATCH takes it: a client that sends every field explicitly.
    const explicit = await send('POST', '/v1/accounts', world.adminToken, { name: 'Rossi', calendar: null });
    expect(explicit.status).toBe(201);
    const explicitId = (explicit.body as { id: string }).id;
    expect((await send('GET', `/v1/accounts/${explicitId}`, world.adminToken)).body).toMatchObject({
      calendar: null,
    });
    const unknown = await send('POST', '/v1/accounts', world.adminToken, { name: 'Dupont', calendar: 'fr' });
    expect(unknown).toMatchObject({
      status: 422,
      body: { errors: [expect.objectContaining({ field: 'calendar' })] },
    });
  });
});
